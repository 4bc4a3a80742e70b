import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { createIdGenerator } from '@folkeport/identity';
import { canonicalEntry, type AuditEntry } from '../src/audit/audit-entry.js';
import { openAuditLog, type AuditLog } from '../src/audit/audit-log.js';
import { AUDIT_SCHEMA } from '../src/audit/audit-schema.js';
import { migrate } from '../src/store/migrate.js';
import { query } from '../src/store/query.js';
import { describeDatabases, type TestDatabase } from './databases.js';

const ids = createIdGenerator({ seed: 515 });
const ANNE = ids.next();
const BJORN = ids.next();
const CARL = ids.next();
const CONSUMER = '974760673';
const OTHER_CONSUMER = '889640782';
const SUPPLIER = '991825827';
const T0 = Date.parse('2026-11-22T08:00:00.000Z');

function entry(overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    time: new Date(T0),
    consumerOrg: CONSUMER,
    supplierOrg: undefined,
    clientId: 'client-1',
    package: 'privat',
    action: 'personoppslag',
    persons: [ANNE],
    elements: ['navn', 'bostedsadresse'],
    ...overrides,
  };
}

/** `count` lookups of Anne, one minute apart. */
async function appendLookups(log: AuditLog, count: number): Promise<void> {
  for (let i = 0; i < count; i++) await log.append(entry({ time: new Date(T0 + i * 60_000), clientId: `client-${i + 1}` }));
}

interface Row {
  seq: number;
  entry: string;
  prev_hash: Buffer;
  hash: Buffer;
}

const rows = (target: TestDatabase) =>
  query<Row>(target.db.kysely, 'SELECT seq, entry, prev_hash, hash FROM audit.entry ORDER BY seq');

const sql = (target: TestDatabase, text: string, parameters: unknown[] = []) => query(target.db.kysely, text, parameters);

/** What a superuser does first to tamper: drop the append-only triggers. */
async function dropTriggers(target: TestDatabase): Promise<void> {
  for (const table of ['entry', 'entry_persons']) {
    await sql(target, `DROP TRIGGER append_only ON audit.${table}`);
    await sql(target, `DROP TRIGGER append_only_truncate ON audit.${table}`);
  }
}

const sha256 = (...parts: (Buffer | string)[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

describeDatabases('audit log', (target) => {
  test('each entry is stored as canonical JSON, chained with SHA-256 from 32 zero bytes', async () => {
    const log = await openAuditLog(target.db);
    await log.append(entry({ supplierOrg: SUPPLIER, detail: 'fornavn,etternavn', action: 'soek', persons: [ANNE, BJORN] }));
    await log.append({
      ...entry(),
      service: 'gateway',
      extra: { role: 'saksbehandler', graded: { revealed: false, address: 'strengtFortrolig' } },
    });
    const stored = await rows(target);
    assert.deepEqual(
      stored.map((row) => row.seq),
      [1, 2],
    );
    assert.equal(
      stored[0]?.entry,
      `{"action":"soek","clientId":"client-1","consumerOrg":"${CONSUMER}","detail":"fornavn,etternavn",` +
        `"elements":["navn","bostedsadresse"],"package":"privat","persons":["${ANNE}","${BJORN}"],"service":"register",` +
        `"supplierOrg":"${SUPPLIER}","time":"2026-11-22T08:00:00.000Z"}`,
    );
    assert.match(stored[1]?.entry ?? '', /"extra":\{"graded":\{"address":"strengtFortrolig","revealed":false\},"role":"saksbehandler"\}/);
    assert.match(stored[1]?.entry ?? '', /"service":"gateway"/);
    assert.doesNotMatch(stored[1]?.entry ?? '', /supplierOrg|detail/, 'absent values are left out');

    const genesis = Buffer.alloc(32);
    assert.deepEqual(stored[0]?.prev_hash, genesis);
    assert.deepEqual(stored[0]?.hash, sha256(genesis, stored[0]?.entry ?? ''));
    assert.deepEqual(stored[1]?.prev_hash, stored[0]?.hash);
    assert.deepEqual(stored[1]?.hash, sha256(stored[0]?.hash ?? genesis, stored[1]?.entry ?? ''));

    assert.deepEqual(await log.verify(), {
      ok: true,
      entries: 2,
      head: { sequence: 2, hash: stored[1]?.hash.toString('hex') },
    });
  });

  test('a log written with the per-person index (before migration 0003) keeps its insight view and verifies after it', async () => {
    await migrate(target.db, { ...AUDIT_SCHEMA, migrations: AUDIT_SCHEMA.migrations.slice(0, 2) });
    const texts = [
      entry({ persons: [ANNE, BJORN] }),
      entry({ persons: [] }),
      entry({ persons: [BJORN], package: 'offentligMedHjemmel' }),
    ].map(canonicalEntry);
    await sql(target, 'SELECT audit.append($1::text[])', [texts]);
    const log = await openAuditLog(target.db); // migrates to 0003
    const verified = await log.verify();
    assert.equal(verified.ok && verified.entries, 3);
    assert.deepEqual((await log.forPerson(ANNE)).map((record) => record.sequence), [1]);
    assert.deepEqual((await log.forPerson(BJORN, { includeExempt: true })).map((record) => record.sequence), [3, 1]);
    const index = await sql(target, 'SELECT entry_seq, package, persons FROM audit.entry_persons ORDER BY entry_seq');
    assert.deepEqual(index, [
      { entry_seq: 1, package: 'privat', persons: [ANNE, BJORN].sort() },
      { entry_seq: 3, package: 'offentligMedHjemmel', persons: [BJORN] },
    ]);
    await log.append(entry({ persons: [ANNE, ANNE, CARL] }));
    assert.equal((await log.verify()).ok, true, 'a new entry names each person once');
    assert.deepEqual((await log.forPerson(CARL)).map((record) => record.sequence), [4]);
  });

  test('an empty log verifies as intact with no entries', async () => {
    const log = await openAuditLog(target.db);
    assert.deepEqual(await log.verify(), { ok: true, entries: 0 });
  });

  test('an entry without a valid time is refused; the others are stored', async () => {
    const log = await openAuditLog(target.db);
    const results = await Promise.allSettled([
      log.append(entry()),
      log.append(entry({ time: new Date(Number.NaN) })),
      log.append(entry()),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'rejected', 'fulfilled'],
    );
    const result = await log.verify();
    assert.equal(result.ok && result.entries, 2);
  });

  test('a NUL character or a lone surrogate in an entry is stored as U+FFFD instead of failing its batch', async () => {
    const log = await openAuditLog(target.db);
    await Promise.all([log.append(entry({ detail: 'etternavn=\u0000x\uD800' })), log.append(entry({ clientId: 'neighbour' }))]);
    const [newest, oldest] = await log.forPerson(ANNE);
    assert.equal(oldest?.detail ?? newest?.detail, 'etternavn=\uFFFDx\uFFFD');
    assert.equal((await log.verify()).ok, true);
  });

  test('UPDATE, DELETE and TRUNCATE are refused by the database', async () => {
    const log = await openAuditLog(target.db);
    await appendLookups(log, 3);
    await assert.rejects(sql(target, `UPDATE audit.entry SET entry = '{}' WHERE seq = 2`), /append-only: UPDATE on audit.entry/);
    await assert.rejects(sql(target, 'DELETE FROM audit.entry WHERE seq = 3'), /append-only: DELETE on audit.entry/);
    await assert.rejects(sql(target, 'TRUNCATE audit.entry'), /append-only: TRUNCATE on audit.entry/);
    await assert.rejects(sql(target, 'DELETE FROM audit.entry_persons'), /append-only: DELETE on audit.entry_persons/);
    await assert.rejects(sql(target, 'TRUNCATE audit.entry_persons'), /append-only: TRUNCATE on audit.entry_persons/);
    assert.equal((await rows(target)).length, 3);
    assert.deepEqual((await log.verify()).ok, true);
  });

  const tamperings: [string, (target: TestDatabase) => Promise<unknown>, number, RegExp][] = [
    [
      "editing an entry's text",
      (t) => sql(t, `UPDATE audit.entry SET entry = replace(entry, '${CONSUMER}', '${OTHER_CONSUMER}') WHERE seq = 3`),
      3,
      /hash does not match the entry/,
    ],
    ['deleting an entry', (t) => sql(t, 'DELETE FROM audit.entry WHERE seq = 3'), 3, /entry 3 is missing/],
    ['deleting the first entry', (t) => sql(t, 'DELETE FROM audit.entry WHERE seq = 1'), 1, /entry 1 is missing/],
    [
      'swapping two entries',
      async (t) => {
        await sql(t, 'UPDATE audit.entry SET seq = seq + 1000 WHERE seq IN (2, 3)');
        await sql(t, 'UPDATE audit.entry SET seq = 1005 - seq WHERE seq > 1000');
      },
      2,
      /prev_hash is not the previous entry's hash/,
    ],
    [
      "changing an entry's hash",
      (t) => sql(t, `UPDATE audit.entry SET hash = sha256('forged') WHERE seq = 4`),
      4,
      /hash does not match the entry/,
    ],
    [
      "changing an entry's hash to match its edited text",
      (t) =>
        sql(
          t,
          `UPDATE audit.entry SET entry = replace(entry, 'client-4', 'client-x') WHERE seq = 4;
           UPDATE audit.entry SET hash = sha256(prev_hash || convert_to(entry, 'UTF8')) WHERE seq = 4`,
        ),
      5,
      /prev_hash is not the previous entry's hash/,
    ],
    [
      // The forged entry 3 is consistent with entry 2 (and has an index); the chain breaks at the next one.
      'inserting a forged entry in the middle',
      async (t) => {
        await sql(t, 'UPDATE audit.entry SET seq = seq + 1000 WHERE seq >= 3');
        await sql(t, 'UPDATE audit.entry SET seq = seq - 999 WHERE seq > 1000');
        await sql(t, 'UPDATE audit.entry_persons SET entry_seq = entry_seq + 1000 WHERE entry_seq >= 3');
        await sql(t, 'UPDATE audit.entry_persons SET entry_seq = entry_seq - 999 WHERE entry_seq > 1000');
        await sql(
          t,
          `INSERT INTO audit.entry
           SELECT 3, forged, hash, sha256(hash || convert_to(forged, 'UTF8'))
           FROM (SELECT replace(entry, 'client-2', 'client-x') AS forged, hash FROM audit.entry WHERE seq = 2) AS copy`,
        );
        await sql(t, `INSERT INTO audit.entry_persons SELECT 3, package, persons FROM audit.entry_persons WHERE entry_seq = 2`);
      },
      4,
      /prev_hash is not the previous entry's hash/,
    ],
    [
      "removing an entry's index row",
      (t) => sql(t, 'DELETE FROM audit.entry_persons WHERE entry_seq = 2'),
      2,
      /person index does not match the entry/,
    ],
    [
      "adding a person to an entry's index",
      (t) => sql(t, `UPDATE audit.entry_persons SET persons = persons || '{${CARL}}' WHERE entry_seq = 2`),
      2,
      /person index does not match the entry/,
    ],
    [
      "replacing the person in an entry's index",
      (t) => sql(t, `UPDATE audit.entry_persons SET persons = '{${CARL}}' WHERE entry_seq = 2`),
      2,
      /person index does not match the entry/,
    ],
    [
      'an index row for an entry that does not exist',
      (t) => sql(t, `INSERT INTO audit.entry_persons VALUES (9, 'privat', '{${CARL}}')`),
      9,
      /person index does not match the entry/,
    ],
    [
      'moving an index row to another package (hiding it from innsyn)',
      (t) => sql(t, `UPDATE audit.entry_persons SET package = 'offentligMedHjemmel' WHERE entry_seq = 5`),
      5,
      /person index does not match the entry/,
    ],
  ];

  for (const [what, tamper, firstBad, reason] of tamperings) {
    test(`verify finds ${what} at the first bad sequence number, with the triggers dropped`, async () => {
      const log = await openAuditLog(target.db);
      await appendLookups(log, 5);
      assert.equal((await log.verify()).ok, true);
      await dropTriggers(target);
      await tamper(target);
      const result = await log.verify();
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.firstBadSequence, firstBad);
      assert.match(!result.ok ? result.reason : '', reason);
      assert.doesNotMatch(!result.ok ? result.reason : '', /\d{11}/, 'no identity number in the reason');
    });
  }

  test('a chain rewritten to its end, or cut short, is found only with an anchor', async () => {
    const log = await openAuditLog(target.db);
    await appendLookups(log, 5);
    const before = await log.verify();
    assert.ok(before.ok && before.head);
    const anchor = before.head;
    assert.deepEqual(await log.verify({ anchor }), before);

    await dropTriggers(target);
    // Rewrite entry 4 and recompute the hashes from there: the chain is consistent again.
    await sql(target, `UPDATE audit.entry SET entry = replace(entry, 'client-4', 'client-x') WHERE seq = 4`);
    for (const seq of [4, 5]) {
      await sql(target, `UPDATE audit.entry SET hash = sha256(prev_hash || convert_to(entry, 'UTF8')) WHERE seq = $1`, [seq]);
      await sql(target, 'UPDATE audit.entry SET prev_hash = (SELECT hash FROM audit.entry WHERE seq = $1) WHERE seq = $1 + 1', [seq]);
    }
    assert.equal((await log.verify()).ok, true, 'without an anchor the rewrite is consistent');
    assert.deepEqual(await log.verify({ anchor }), {
      ok: false,
      firstBadSequence: 5,
      reason: 'the hash differs from the anchor: the chain was rewritten up to here',
    });

    await sql(target, 'DELETE FROM audit.entry WHERE seq = 5');
    await sql(target, 'DELETE FROM audit.entry_persons WHERE entry_seq = 5');
    assert.equal((await log.verify()).ok, true, 'without an anchor the cut is consistent');
    assert.deepEqual(await log.verify({ anchor }), {
      ok: false,
      firstBadSequence: 5,
      reason: 'the log ends at entry 4, before the anchored entry 5: entries were removed',
    });
  });

  test('concurrent appends through several logs and connections form one linear chain', async () => {
    const logs = await Promise.all(Array.from({ length: 4 }, () => openAuditLog(target.db)));
    const perLog = 150;
    await Promise.all(
      logs.flatMap((log, l) =>
        Array.from({ length: perLog }, (_, i) => log.append(entry({ clientId: `log-${l}`, time: new Date(T0 + i) }))),
      ),
    );
    const result = await logs[0]?.verify();
    assert.equal(result?.ok, true);
    assert.equal(result?.ok && result.entries, logs.length * perLog);
    const stored = await rows(target);
    assert.deepEqual(
      stored.map((row) => row.seq),
      Array.from({ length: logs.length * perLog }, (_, i) => i + 1),
    );
    for (let l = 0; l < logs.length; l++) {
      assert.equal(stored.filter((row) => row.entry.includes(`"log-${l}"`)).length, perLog);
    }
  });

  test('a failed flush rejects every append in it, with identity numbers masked in the error', async () => {
    const log = await openAuditLog(target.db);
    // Stands in for any database error that quotes the data (e.g. a constraint or JSON error).
    await sql(
      target,
      `CREATE FUNCTION audit.fail() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'refused: %', NEW.entry; END $$`,
    );
    await sql(target, 'CREATE TRIGGER fail BEFORE INSERT ON audit.entry FOR EACH ROW EXECUTE FUNCTION audit.fail()');
    const results = await Promise.allSettled([log.append(entry()), log.append(entry({ persons: [BJORN] }))]);
    for (const result of results) {
      assert.equal(result.status, 'rejected');
      const message = result.status === 'rejected' ? (result.reason as Error).message : '';
      assert.match(message, /^the audit log could not store 2 entries: refused: /);
      assert.doesNotMatch(message, /\d{11}/);
    }
    await sql(target, 'DROP TRIGGER fail ON audit.entry');
    await log.append(entry());
    assert.equal((await rows(target)).length, 1, 'nothing of the failed flush was stored');
  });

  test('innsyn lists the accesses to one person newest first, without the other persons', async () => {
    const log = await openAuditLog(target.db);
    const at = (minutes: number) => new Date(T0 + minutes * 60_000);
    await log.append(entry({ time: at(0), persons: [ANNE, BJORN], action: 'bulkoppslag', supplierOrg: SUPPLIER }));
    await log.append(entry({ time: at(1), persons: [BJORN], package: 'finans' }));
    await log.append(entry({ time: at(2), persons: [ANNE], package: 'offentligMedHjemmel', consumerOrg: OTHER_CONSUMER }));
    await log.append(entry({ time: at(3), persons: [ANNE, ANNE], action: 'soek', elements: [], detail: 'fornavn' }));
    await log.append({ ...entry({ time: at(4), package: 'presse' }), service: 'gateway', extra: { role: 'journalist' } });

    const anne = await log.forPerson(ANNE);
    assert.deepEqual(
      anne.map((record) => [record.sequence, record.package, record.action]),
      [
        [5, 'presse', 'personoppslag'],
        [4, 'privat', 'soek'],
        [1, 'privat', 'bulkoppslag'],
      ],
      'the lookup through the package with hjemmel is left out; a person listed twice counts once',
    );
    assert.deepEqual(anne[2], {
      sequence: 1,
      time: at(0),
      service: 'register',
      consumerOrg: CONSUMER,
      supplierOrg: SUPPLIER,
      clientId: 'client-1',
      package: 'privat',
      action: 'bulkoppslag',
      elements: ['navn', 'bostedsadresse'],
      exempt: false,
    });
    assert.equal(anne[0]?.service, 'gateway');
    assert.equal(anne[1]?.detail, 'fornavn');
    assert.ok(!JSON.stringify(anne).includes(BJORN), "another person's identifier never appears");

    const all = await log.forPerson(ANNE, { includeExempt: true });
    assert.deepEqual(
      all.map((record) => [record.sequence, record.exempt, record.consumerOrg]),
      [
        [5, false, CONSUMER],
        [4, false, CONSUMER],
        [3, true, OTHER_CONSUMER],
        [1, false, CONSUMER],
      ],
    );
    assert.deepEqual(
      (await log.forPerson(ANNE, { includeExempt: true, fromSequence: 4, limit: 2 })).map((r) => r.sequence),
      [4, 3],
    );
    assert.deepEqual(
      (await log.forPerson(BJORN)).map((r) => r.sequence),
      [2, 1],
    );
    assert.deepEqual(await log.forPerson(CARL), []);
  });
});
