/**
 * The uttrekk endpoints as a consumer sees them: komplett at a sequence number, paging to the `{}` end marker,
 * 404 before a batch is ready, 410 for what does not exist (or is not the caller's), the limit of 10
 * unfinished jobs, packages without the service, malformed orders, the audit log, and jobs across restarts.
 */
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { sql } from 'kysely';
import { RIGHTS_PACKAGES, packageOffers, type PackageId } from '@folkeport/model';
import { openFeedStore, type FeedItem } from '../src/register/feed/feed-store.js';
import { describeDatabases } from './databases.js';
import { CONSUMER_ORG, tokenFor } from './register-api-fixture.js';
import { order, readExtract, readyBatch, uttrekkApi } from './register-uttrekk-fixture.js';

const OMH = 'offentligMedHjemmel';
const ALL = { personstatustyper: ['aktiv', 'bosatt', 'utflyttet', 'doed', 'inaktiv'] };
const OTHER_ORG = '889640782';

const hex32 = () => randomBytes(16).toString('hex');

describeDatabases('uttrekk endpoints', (target) => {
  const jobCount = async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM uttrekk.job`.execute(target.db.kysely);
    return rows[0]?.n;
  };

  test("komplett lists each person document valid at the package's feed sequence number, clamped to the last", async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100 });
    try {
      // Three later versions: the first two persons change, then the first again.
      const [first, second] = api.persons;
      for (const person of [first, second, first]) {
        const document = structuredClone(person!.document);
        await api.register.applyChange(person!.document.identifikasjonsnummer![0]!.foedselsEllerDNummer, {
          document,
          dokumentidentifikator: hex32(),
          hendelsesidentifikator: hex32(),
          hendelsetype: 'personErOppdatert',
          endringer: [],
          registrert: '2026-11-22T10:00:00+01:00',
        });
      }
      await api.catchUpFeed();
      const feed = await openFeedStore(target.db);
      const items: FeedItem[] = [];
      for (let page = await feed.page(OMH, 1n); page.length > 0; page = await feed.page(OMH, BigInt(page.at(-1)!.sekvensnummer + 1))) {
        items.push(...page);
      }
      const last = await feed.lastSequence(OMH);
      assert.equal(last, api.persons.length + 3);
      const asOf = (n: number) => {
        const documents = new Map<string, string>();
        for (const item of items) if (item.sekvensnummer <= n) documents.set(item.folkeregisteridentifikator, item.dokumentidentifikator);
        return [...documents.values()].sort();
      };
      for (const n of [10, last - 3, last - 2, last - 1, last]) {
        const { ids } = await readExtract(api.call, OMH, await order(api.call, OMH, { komplett: n }));
        assert.deepEqual([...ids].sort(), asOf(n), `komplett at ${n}`);
      }
      assert.equal(asOf(10).length, 10);
      assert.notDeepEqual(asOf(last - 3), asOf(last));

      const clamped = await readExtract(api.call, OMH, await order(api.call, OMH, { komplett: 10 ** 12 }));
      assert.deepEqual([...clamped.ids].sort(), asOf(last));
      const full = Math.floor(api.persons.length / 100);
      assert.deepEqual(clamped.sizes, [...Array<number>(full).fill(100), api.persons.length - full * 100]);

      const none = await order(api.call, OMH, { komplett: 0 });
      assert.deepEqual((await readyBatch(api.call, OMH, none, 0)).json(), {});
      assert.equal((await api.call(OMH, 'GET', `/uttrekk/${none}/batch/1`)).status, 410);
    } finally {
      await api.close();
    }
  });

  test('batches page from 0 to the {} end marker, then 410; ordering and every batch are audited', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100 });
    try {
      const jobbId = await order(api.call, OMH, { tilpasset: { ...ALL, kjoenn: 'kvinne', foedselsaarTilOgMed: '2000' } });
      const { ids, sizes } = await readExtract(api.call, OMH, jobbId);
      const batches = sizes.length;
      assert.ok(batches >= 2, `several batches (${sizes.join(', ')})`);
      for (const id of ids) assert.match(id, /^[0-9]{11}$/);
      const first = await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/0`);
      assert.deepEqual(Object.keys(first.json()), ['foedselsEllerDNummer']);
      assert.match(String(first.headers['content-type']), /^application\/json/);
      for (const beyond of [batches + 1, batches + 50]) {
        const response = await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/${beyond}`);
        assert.equal(response.status, 410);
        assert.equal(response.json().kode, 'FREG-410');
      }

      const ordered = api.audit.filter((entry) => entry.detail?.startsWith('bestilt'));
      assert.equal(ordered.length, 1);
      assert.equal(ordered[0]?.detail, `bestilt jobb ${jobbId} (tilpasset): personstatustyper, foedselsaarTilOgMed, kjoenn`);
      assert.deepEqual(ordered[0]?.persons, []);
      const fetched = api.audit.filter((entry) => entry.detail?.startsWith(`jobb ${jobbId} batch `));
      // readExtract read every batch once, then batch 0 again; the end marker and 410s deliver nothing.
      assert.equal(fetched.length, batches + 1);
      assert.deepEqual(fetched.slice(0, batches).flatMap((entry) => entry.persons), ids);
      for (const entry of fetched) {
        assert.equal(entry.action, 'uttrekk');
        assert.equal(entry.consumerOrg, CONSUMER_ORG);
        assert.equal(entry.package, OMH);
        assert.deepEqual(entry.elements, ['identifikasjonsnummer']);
      }

      const head = await api.call(OMH, 'HEAD', `/uttrekk/${jobbId}/batch/0`);
      assert.equal(head.status, 200);
      assert.equal(api.audit.filter((entry) => entry.detail?.startsWith(`jobb ${jobbId} batch `)).length, batches + 1);

      // komplett batches are audited with the persons behind the document ids.
      const komplett = await order(api.call, OMH, { komplett: 5 });
      const documents = (await readyBatch(api.call, OMH, komplett, 0)).json().dokumentidentifikator as string[];
      assert.equal(documents.length, 5);
      const entry = api.audit.at(-1);
      assert.equal(entry?.detail, `jobb ${komplett} batch 0`);
      const expected = (await api.register.events(1, 5)).map((event) => event.folkeregisteridentifikator);
      assert.deepEqual([...(entry?.persons ?? [])].sort(), expected.sort());
    } finally {
      await api.close();
    }
  });

  test("unknown jobs, other organisations' and packages' jobs → 410; malformed ids → 400", async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100 });
    try {
      const jobbId = await order(api.call, OMH, { tilpasset: ALL });
      assert.equal((await readyBatch(api.call, OMH, jobbId, 0)).status, 200);
      const gone = async (pkg: PackageId, path: string, token?: string) => {
        const response = await api.call(pkg, 'GET', path, token === undefined ? {} : { token });
        assert.equal(response.status, 410, path);
        assert.deepEqual(response.json(), { kode: 'FREG-410', melding: 'Uttrekksjobben finnes ikke' });
      };
      await gone(OMH, `/uttrekk/${randomUUID()}/batch/0`);
      await gone(OMH, `/uttrekk/${jobbId}/batch/0`, await tokenFor(OMH, { consumerOrg: OTHER_ORG }));
      await gone('offentligUtenHjemmel', `/uttrekk/${jobbId}/batch/0`);
      // The same job through its own organisation, whatever the case of the id.
      assert.equal((await api.call(OMH, 'GET', `/uttrekk/${jobbId.toUpperCase()}/batch/0`)).status, 200);

      for (const path of [`/uttrekk/not-a-uuid/batch/0`, `/uttrekk/${jobbId}/batch/-1`, `/uttrekk/${jobbId}/batch/first`, `/uttrekk/${jobbId}/batch/1.5`]) {
        const response = await api.call(OMH, 'GET', path);
        assert.equal(response.status, 400, path);
        assert.equal(response.json().kode, 'FREG-400');
      }
    } finally {
      await api.close();
    }
  });

  test('a batch is 404 until its job has run; queued and interrupted jobs run when a runner starts', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100, runner: false });
    try {
      const queued = await order(api.call, OMH, { tilpasset: ALL });
      const interrupted = await order(api.call, OMH, { komplett: 50 });
      // As a process that stopped while running it leaves it:
      await sql`UPDATE uttrekk.job SET state = 'running' WHERE id = ${interrupted}`.execute(target.db.kysely);
      for (const jobbId of [queued, interrupted]) {
        const response = await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/0`);
        assert.equal(response.status, 404);
        assert.equal(response.json().kode, 'FREG-404');
        assert.match(response.json().melding, /ikke klar/);
      }
      await api.startRunner();
      const selectable = api.persons.filter((person) => person.document.status?.find((s) => s.erGjeldende)?.status !== 'opphoert');
      assert.equal((await readExtract(api.call, OMH, queued)).ids.length, selectable.length);
      assert.equal((await readExtract(api.call, OMH, interrupted)).ids.length, 50);
    } finally {
      await api.close();
    }
  });

  test('an 11th unfinished job → 429 with Retry-After in ms; other organisations unaffected', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 1000, runner: false });
    try {
      const jobs = [];
      for (let i = 0; i < 10; i++) jobs.push(await order(api.call, OMH, i % 2 ? { komplett: i } : { tilpasset: ALL }));
      for (const request of [
        () => api.call(OMH, 'GET', '/uttrekk/komplett?feedsekvensnr=1'),
        () => api.call('utstederEid', 'POST', '/uttrekk/tilpasset', { body: ALL }),
      ]) {
        const refused = await request();
        assert.equal(refused.status, 429);
        assert.equal(refused.headers['retry-after'], '10000');
        assert.equal(refused.json().kode, 'FREG-429');
      }
      assert.equal(await jobCount(), 10);
      await order(api.call, OMH, { komplett: 1 }, await tokenFor(OMH, { consumerOrg: OTHER_ORG }));

      await api.startRunner();
      for (const jobbId of jobs) assert.equal((await readyBatch(api.call, OMH, jobbId)).status, 200);
      await order(api.call, OMH, { komplett: 1 });
    } finally {
      await api.close();
    }
  });

  test('a job that fails answers 410 and frees its place', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100, runner: false });
    try {
      const jobbId = await order(api.call, 'svalbardregister', { tilpasset: ALL });
      // The Svalbard selection reads the person documents; without them the job fails.
      await sql`ALTER TABLE register.person_version RENAME TO person_version_away`.execute(target.db.kysely);
      const failures: string[] = [];
      await api.startRunner({ onError: (id) => failures.push(id) });
      const response = await readyBatch(api.call, 'svalbardregister', jobbId);
      await sql`ALTER TABLE register.person_version_away RENAME TO person_version`.execute(target.db.kysely);
      assert.equal(response.status, 410);
      assert.match(response.json().melding, /feilet/);
      assert.deepEqual(failures, [jobbId]);
    } finally {
      await api.close();
    }
  });

  test('packages without the service answer 404 at its paths', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100, runner: false });
    try {
      const jobbId = randomUUID();
      for (const pkg of RIGHTS_PACKAGES) {
        const komplett = packageOffers(pkg, 'uttrekkKomplett');
        const tilpasset = packageOffers(pkg, 'uttrekkTilpasset');
        const status = (offered: boolean, expected: number) => (offered ? expected : 404);
        const ordered = await api.call(pkg.id, 'GET', '/uttrekk/komplett');
        assert.equal(ordered.status, status(komplett, 400), `${pkg.id} komplett`);
        const custom = await api.call(pkg.id, 'POST', '/uttrekk/tilpasset', { body: {} });
        assert.equal(custom.status, status(tilpasset, 400), `${pkg.id} tilpasset`);
        const batch = await api.call(pkg.id, 'GET', `/uttrekk/${jobbId}/batch/0`);
        assert.equal(batch.status, status(komplett || tilpasset, 410), `${pkg.id} batch`);
        if (!komplett && !tilpasset) assert.equal(batch.json().kode, 'FREG-404');
      }
      // komplett is offentlig med hjemmel's (and the Svalbard register's) only.
      assert.deepEqual(
        RIGHTS_PACKAGES.filter((pkg) => packageOffers(pkg, 'uttrekkKomplett')).map((pkg) => pkg.id),
        ['offentligMedHjemmel', 'svalbardregister'],
      );
      // HEAD does not order a job.
      assert.equal((await api.call(OMH, 'HEAD', '/uttrekk/komplett?feedsekvensnr=1')).status, 404);
      assert.equal(await jobCount(), 0);
    } finally {
      await api.close();
    }
  });

  test('malformed orders → 400 FREG naming the problem; other Accept → 406; no job is queued', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100, runner: false });
    try {
      const bad: [unknown, RegExp][] = [
        [{}, /personstatustyper mangler/],
        [[], /JSON-objekt/],
        [{ personstatustyper: [] }, /minst én/],
        [{ personstatustyper: 'bosatt' }, /liste/],
        [{ personstatustyper: ['levende'] }, /personstatustyper må være en av aktiv, bosatt/],
        [{ ...ALL, kommunenummer: { bostedskommunenummer: '0301', oppholdskommunenummer: '0301' } }, /ikke begge/],
        [{ ...ALL, kommunenummer: {} }, /enten bostedskommunenummer eller oppholdskommunenummer/],
        [{ ...ALL, kommunenummer: { bostedskommunenummer: '301' } }, /fire sifre/],
        [{ ...ALL, kommunenummer: '0301' }, /kommunenummer må være et objekt/],
        [{ ...ALL, kommunenummer: { postnummer: '0301' } }, /Ukjent felt i kommunenummer: postnummer/],
        [{ ...ALL, foedselsaarFraOgMed: '80' }, /foedselsaarFraOgMed må være et årstall/],
        [{ ...ALL, doedsaarFraOgMed: '2020', doedsaarTilOgMed: '2010' }, /doedsaarFraOgMed er etter doedsaarTilOgMed/],
        [{ ...ALL, kjoenn: 'K' }, /kjoenn må være en av kvinne, mann/],
        [{ ...ALL, statsborgerskap: 'nor' }, /alfa-3/],
        [{ ...ALL, sivilstandstype: 'samboer' }, /sivilstandstype må være en av/],
        [{ ...ALL, fornavn: 'Ola' }, /Ukjent felt i forespørselen: fornavn/],
      ];
      for (const [body, message] of bad) {
        const response = await api.call(OMH, 'POST', '/uttrekk/tilpasset', { body });
        assert.equal(response.status, 400, JSON.stringify(body));
        assert.equal(response.json().kode, 'FREG-400');
        assert.match(response.json().melding, message);
      }
      for (const [query, message] of [
        ['', /feedsekvensnr mangler/],
        ['?feedsekvensnr=-1', /heltall/],
        ['?feedsekvensnr=tre', /heltall/],
        ['?feedsekvensnr=1&feedsekvensnr=2', /heltall/],
      ] as const) {
        const response = await api.call(OMH, 'GET', `/uttrekk/komplett${query}`);
        assert.equal(response.status, 400, query);
        assert.match(response.json().melding, message);
      }
      const xml = { accept: 'application/xml' };
      assert.equal((await api.call(OMH, 'GET', '/uttrekk/komplett?feedsekvensnr=1', { headers: xml })).status, 406);
      assert.equal((await api.call(OMH, 'POST', '/uttrekk/tilpasset', { body: ALL, headers: xml })).status, 406);
      assert.equal(await jobCount(), 0);
      assert.deepEqual(api.audit, []);

      // Years may come as JSON numbers too (FREG's deserialiser coerces them); the job keeps strings.
      await order(api.call, OMH, { tilpasset: { ...ALL, foedselsaarFraOgMed: 1980 } });
      assert.equal(await jobCount(), 1);
    } finally {
      await api.close();
    }
  });
});
