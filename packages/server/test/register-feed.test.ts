import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RIGHTS_PACKAGES, packageOffers, type PackageId } from '@folkeport/model';
import { registerFeedRoutes } from '../src/register/feed/feed-routes.js';
import { openFeedWriter, startFeedWriter } from '../src/register/feed/feed-writer.js';
import type { NewPerson } from '../src/register/person-record.js';
import type { Database } from '../src/store/database.js';
import { describeDatabases } from './databases.js';
import { generate, idOf, MANY_SPECIAL_CASES } from './generator-fixture.js';
import { registerApi, type RegisterApiFixture } from './register-api-fixture.js';
import { died, falskIdentitet, move, protectionOf, rename, toSvalbard } from './register-feed-fixture.js';

const FEED_PACKAGES = RIGHTS_PACKAGES.filter((pkg) => packageOffers(pkg, 'hendelsesliste'));

interface Item {
  sekvensnummer: number;
  hendelse: { folkeregisteridentifikator?: string; hendelsetype: string; hendelsesdokument?: string };
}

async function feedApi(db: Database, persons?: NewPerson[]) {
  const api = await registerApi(db, [registerFeedRoutes], persons ? { persons } : {});
  return { api, writer: await openFeedWriter(db) };
}

async function page(api: RegisterApiFixture, pkg: PackageId, seq: number | bigint): Promise<Item[]> {
  const response = await api.call(pkg, 'GET', `/hendelser/feed?seq=${seq}`);
  assert.equal(response.status, 200, response.body);
  return response.json() as Item[];
}

/** Every item from `seq` on, page by page as a consumer reads: the next page starts after the last item. */
async function readAll(api: RegisterApiFixture, pkg: PackageId, seq: number | bigint = 1): Promise<Item[]> {
  const items: Item[] = [];
  for (let next = BigInt(seq); ; ) {
    const items_ = await page(api, pkg, next);
    if (items_.length === 0) return items;
    items.push(...items_);
    next = BigInt((items_.at(-1) as Item).sekvensnummer) + 1n;
  }
}

async function last(api: RegisterApiFixture, pkg: PackageId): Promise<number> {
  return Number((await api.call(pkg, 'GET', '/hendelser/siste/sekvensnummer')).body);
}

function assertContiguous(items: readonly Item[], pkg: string) {
  items.forEach((item, index) => assert.equal(item.sekvensnummer, index + 1, `${pkg}: item ${index} has sekvensnummer ${item.sekvensnummer}`));
}

const person = (persons: NewPerson[], wanted: (p: NewPerson) => boolean, skip = 0) => {
  const found = persons.filter(wanted)[skip];
  if (!found) throw new Error('the fixture population has no such person');
  return found;
};

describeDatabases('register feeds: writer, sequence numbers, visibility', (target) => {
  test('catch-up gives every package but svalbardregister one personErOpprettet per person, numbered from 1', async () => {
    const { api, writer } = await feedApi(target.db);
    const n = api.persons.length;
    assert.equal(await last(api, 'offentligMedHjemmel'), 0, 'empty before the first catch-up');
    assert.deepEqual(await page(api, 'offentligMedHjemmel', 1), []);

    assert.equal(await writer.catchUp(), (FEED_PACKAGES.length - 1) * n);
    for (const pkg of FEED_PACKAGES) assert.equal(await last(api, pkg.id), pkg.id === 'svalbardregister' ? 0 : n, pkg.id);

    const omh = await readAll(api, 'offentligMedHjemmel');
    assertContiguous(omh, 'offentligMedHjemmel');
    assert.ok(omh.every((item) => item.hendelse.hendelsetype === 'personErOpprettet'));
    assert.deepEqual(
      omh.map((item) => item.hendelse.hendelsesdokument),
      api.persons.map((p) => p.hendelsesidentifikator),
      'in register order, each event once',
    );
    assert.deepEqual(
      omh.map((item) => item.hendelse.folkeregisteridentifikator),
      api.persons.map((p) => idOf(p.document)),
    );
    assert.equal(await writer.catchUp(), 0, 'nothing left to append');
  });

  test('each package sees the changes it may see: elements, graded addresses, strengtFortrolig, Svalbard, endringIPerson', async () => {
    const { api, writer } = await feedApi(target.db);
    await writer.catchUp();
    const n = api.persons.length;
    const plain = (skip: number) => person(api.persons, (p) => protectionOf(p) === 'ugradert' && p.document.bostedsadresse !== undefined, skip);
    const renamed = plain(0);
    const falsk = plain(1);
    const klient = plain(2);
    const dead = plain(3);
    const svalbard = plain(4);
    const longyearbyen = plain(5);
    const strengt = person(api.persons, (p) => protectionOf(p) === 'strengtFortrolig');
    const fortrolig = person(api.persons, (p) => protectionOf(p) === 'fortrolig');

    const apply = async (who: NewPerson, build: (p: NewPerson) => ReturnType<typeof rename>) => {
      const change = build(who);
      await api.register.applyChange(idOf(who.document), change);
      return change;
    };
    await apply(renamed, (p) => rename(p.document, 'NYTTNAVN'));
    await apply(falsk, (p) => falskIdentitet(p.document));
    await apply(strengt, (p) => move(p.document));
    await apply(fortrolig, (p) => move(p.document));
    await apply(klient, (p) => move(p.document, { adressegradering: 'klientadresse' }));
    await apply(dead, (p) => died(p.document));
    const toSvalbardChange = await apply(svalbard, (p) => toSvalbard(p.document));
    await api.register.applyChange(idOf(svalbard.document), rename(toSvalbardChange.document, 'POLAR'));
    // Living on Svalbard, moving away, then a change after the move: the svalbardregister sees the first two.
    const there = await apply(longyearbyen, (p) => move(p.document, { kommunenummer: '2100' }));
    const back = move(there.document, { kommunenummer: '0301' });
    await api.register.applyChange(idOf(longyearbyen.document), back);
    await api.register.applyChange(idOf(longyearbyen.document), rename(back.document, 'FASTLAND'));
    assert.ok((await writer.catchUp()) > 0);

    const seen = async (pkg: PackageId, from: number) =>
      (await readAll(api, pkg, from)).map((item) => [item.hendelse.folkeregisteridentifikator, item.hendelse.hendelsetype]);
    const id = (p: NewPerson) => idOf(p.document);
    const moves = [
      [id(longyearbyen), 'endringIBostedsadresse'],
      [id(longyearbyen), 'endringIBostedsadresse'],
      [id(longyearbyen), 'endringINavn'],
    ];
    const common = [[id(renamed), 'endringINavn'], [id(dead), 'personErDoed'], [id(svalbard), 'endringINavn'], ...moves];
    const withFalsk = [common[0], [id(falsk), 'endringIFalskIdentitet'], ...common.slice(1)];
    assert.deepEqual(await seen('offentligMedHjemmel', n + 1), [
      [id(renamed), 'endringINavn'],
      [id(falsk), 'endringIFalskIdentitet'],
      [id(fortrolig), 'endringIBostedsadresse'],
      [id(klient), 'endringIBostedsadresse'],
      [id(dead), 'personErDoed'],
      [id(svalbard), 'endringINavn'],
      ...moves,
    ]);
    for (const pkg of ['offentligUtenHjemmel', 'finans', 'utstederEid'] as const) assert.deepEqual(await seen(pkg, n + 1), withFalsk, pkg);
    assert.deepEqual(await seen('privatUtenHjemmel', n + 1), common);
    const generalised = common.map(([fnr]) => [fnr, 'endringIPerson']);
    assert.deepEqual(await seen('privat', n + 1), generalised);
    assert.deepEqual(await seen('presse', n + 1), generalised);
    const anonymous = common.map(() => [undefined, 'endringIPerson']);
    assert.deepEqual(await seen('privatUtenFolkeregisteridentifikator', n + 1), anonymous);
    assert.deepEqual(await seen('presseUtenFolkeregisteridentifikator', n + 1), anonymous);
    // Svalbard: persons registered or living there, from the registration (or move) there until they leave.
    assert.deepEqual(await seen('svalbardregister', 1), [
      [id(svalbard), 'endringIOppholdPaaSvalbard'],
      [id(svalbard), 'endringINavn'],
      [id(longyearbyen), 'endringIBostedsadresse'],
      [id(longyearbyen), 'endringIBostedsadresse'],
    ]);
  });

  test('a person created with oppholdPaaSvalbard is in the svalbardregister feed from personErOpprettet on', async () => {
    const persons = generate({ persons: 40, seed: 11, rates: MANY_SPECIAL_CASES, chunkSize: 1000 });
    const [first] = persons;
    assert.ok(first);
    const onSvalbard = toSvalbard(first.document).document;
    persons[0] = { ...first, document: onSvalbard };
    const { api, writer } = await feedApi(target.db, persons);
    await writer.catchUp();
    const items = await readAll(api, 'svalbardregister');
    assert.deepEqual(
      items.map((item) => [item.sekvensnummer, item.hendelse.folkeregisteridentifikator, item.hendelse.hendelsetype]),
      [[1, idOf(onSvalbard), 'personErOpprettet']],
    );
  });

  test('sequence numbers stay contiguous per package under concurrent register writes and two writers', async () => {
    const { api, writer } = await feedApi(target.db);
    const second = await openFeedWriter(target.db);
    const n = api.persons.length;
    const documents = new Map(api.persons.map((p) => [idOf(p.document), p.document]));
    const ids = [...documents.keys()];
    let changes = 0;
    for (let round = 0; round < 6; round++) {
      // Twelve changes at once, two of them to the same person, while both writers catch up.
      const chosen = [...ids.slice(round * 11, round * 11 + 11), ids[round * 11] as string];
      const work = chosen.map(async (fnr, i) => {
        const change = rename(documents.get(fnr) as NonNullable<ReturnType<typeof documents.get>>, `RUNDE${round}X${i}`);
        await api.register.applyChange(fnr, change);
        changes++;
      });
      await Promise.all([...work, writer.catchUp(), second.catchUp()]);
    }
    await Promise.all([writer.catchUp(), second.catchUp()]);
    assert.equal(await writer.catchUp(), 0);

    const registerEvents = (await api.register.events(0, 100_000)).map((event) => event.hendelsesidentifikator);
    assert.equal(registerEvents.length, n + changes);
    for (const pkg of FEED_PACKAGES.filter((p) => p.id !== 'svalbardregister')) {
      const items = await readAll(api, pkg.id);
      assertContiguous(items, pkg.id);
      assert.equal(items.length, n + changes, `${pkg.id}: every event once`);
      assert.equal(await last(api, pkg.id), n + changes);
    }
    const omh = await readAll(api, 'offentligMedHjemmel');
    assert.deepEqual(omh.map((item) => item.hendelse.hendelsesdokument), registerEvents, 'OMH: the register log in order');
  });

  test('reading on from any sequence number loses nothing (pages of 1 000)', async () => {
    const persons = generate({ persons: 2200, seed: 5, rates: MANY_SPECIAL_CASES, chunkSize: 1000 });
    const { api, writer } = await feedApi(target.db, persons);
    await writer.catchUp();
    const all = await readAll(api, 'privat');
    assert.equal(all.length, persons.length);
    assertContiguous(all, 'privat');
    assert.equal((await page(api, 'privat', 1)).length, 1000, 'a full page');
    assert.deepEqual(await readAll(api, 'privat', 0), all, 'seq=0 reads from the start');
    const random = [2, 999, 1000, 1001, 1777, persons.length, persons.length + 1, ...Array.from({ length: 4 }, () => 1 + Math.floor(Math.random() * persons.length))];
    for (const seq of random) {
      assert.deepEqual(await readAll(api, 'privat', seq), all.filter((item) => item.sekvensnummer >= seq), `from seq=${seq}`);
    }
  });

  test('a register emptied and filled again (generate --replace) restarts every feed from 1 with the new persons', async () => {
    const { api, writer } = await feedApi(target.db);
    await writer.catchUp();
    await api.register.clear();
    const others = generate({ persons: 30, seed: 99, rates: MANY_SPECIAL_CASES, chunkSize: 1000 });
    await api.register.insertPersons(others);
    assert.equal(await writer.catchUp(), (FEED_PACKAGES.length - 1) * others.length);
    const items = await readAll(api, 'offentligMedHjemmel');
    assertContiguous(items, 'offentligMedHjemmel');
    assert.deepEqual(
      items.map((item) => item.hendelse.hendelsesdokument),
      others.map((p) => p.hendelsesidentifikator),
    );
    assert.equal(await last(api, 'privat'), others.length);
  });

  test('the running writer catches up at start and when notified, and stops', async () => {
    const { api } = await feedApi(target.db);
    const n = api.persons.length;
    const errors: unknown[] = [];
    const running = await startFeedWriter(target.db, { intervalMs: 60_000, onError: (error) => errors.push(error) });
    try {
      await eventually(async () => (await last(api, 'presse')) === n);
      const [first] = api.persons;
      assert.ok(first);
      await api.register.applyChange(idOf(first.document), rename(first.document, 'VARSLET'));
      running.notify();
      await eventually(async () => (await last(api, 'presse')) === n + 1);
    } finally {
      await running.stop();
    }
    assert.deepEqual(errors, []);
  });
});

async function eventually(condition: () => Promise<boolean>, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) assert.fail('the condition did not come true in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
