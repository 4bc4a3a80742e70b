import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { createIdGenerator } from '@folkeport/identity';
import { openAuditLog } from '../src/audit/audit-log.js';
import { openDatabase } from '../src/store/database.js';
import { query } from '../src/store/query.js';
import { throwAwayDataDir, throwAwayPostgres, type ThrowAway } from './databases.js';

const auditModule = fileURLToPath(new URL('../src/cli/audit.ts', import.meta.url));

/**
 * Runs `folkeport audit …` as its own process: the `audit` command under a bare `folkeport` program, exactly
 * as the CLI's program adds it.
 */
function folkeport(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const main = `
    import { Command } from '@commander-js/extra-typings';
    import { auditCommand } from ${JSON.stringify(auditModule)};
    await new Command('folkeport').addCommand(auditCommand()).parseAsync(process.argv.slice(1), { from: 'user' });`;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=folkeport-source', '--import', 'tsx', '--input-type=module', '-e', main, '--', ...args],
      { env: { ...process.env, DATABASE_URL: '' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ids = createIdGenerator({ seed: 77 });
const PERSON = ids.next();
const OTHER = ids.next();

/** Three lookups of PERSON (one through the package with hjemmel) and one of OTHER. */
async function fillLog(options: ThrowAway['options']): Promise<void> {
  const db = await openDatabase(options);
  try {
    const log = await openAuditLog(db);
    const base = { consumerOrg: '974760673', supplierOrg: undefined, clientId: 'c', action: 'personoppslag', elements: ['navn'] };
    await log.append({ ...base, time: new Date('2026-11-20T10:00:00Z'), package: 'privat', persons: [PERSON, OTHER], supplierOrg: '991825827' });
    await log.append({ ...base, time: new Date('2026-11-21T10:00:00Z'), package: 'offentligMedHjemmel', persons: [PERSON] });
    await log.append({ ...base, time: new Date('2026-11-22T10:00:00Z'), package: 'finans', persons: [OTHER] });
    await log.append({ ...base, time: new Date('2026-11-23T10:00:00Z'), package: 'presse', persons: [PERSON], elements: [] });
  } finally {
    await db.close();
  }
}

describe('folkeport audit (postgres)', () => {
  let target: ThrowAway;
  let where: string[];
  before(async () => {
    target = await throwAwayPostgres();
    where = ['--database-url', (target.options as { databaseUrl: string }).databaseUrl];
    await fillLog(target.options);
  });
  after(async () => target.remove());

  it('verify: an intact log exits 0 and prints its head; innsyn lists lookups without identity numbers', async () => {
    const verified = await folkeport('audit', 'verify', ...where);
    assert.equal(verified.code, 0, verified.stderr);
    assert.match(verified.stdout, /^Audit log intact: 4 entries; head 4:[0-9a-f]{64}\n$/);

    const innsyn = await folkeport('audit', 'innsyn', PERSON, ...where);
    assert.equal(innsyn.code, 0, innsyn.stderr);
    assert.equal(
      innsyn.stdout,
      '2 lookups, newest first:\n' +
        '2026-11-23T10:00:00.000Z  consumer 974760673  package presse  personoppslag  elements: (none)\n' +
        '2026-11-20T10:00:00.000Z  consumer 974760673  supplier 991825827  package privat  personoppslag  elements: navn\n',
    );
    assert.doesNotMatch(innsyn.stdout + innsyn.stderr, /\d{11}/);

    const all = await folkeport('audit', 'innsyn', PERSON, '--all', '--json', ...where);
    assert.equal(all.code, 0, all.stderr);
    const records = JSON.parse(all.stdout);
    assert.deepEqual(
      records.map((record: { sequence: number; package: string; exempt: boolean }) => [record.sequence, record.package, record.exempt]),
      [
        [4, 'presse', false],
        [2, 'offentligMedHjemmel', true],
        [1, 'privat', false],
      ],
    );
  });

  it('verify --anchor: a tampered log exits 1 naming the first bad sequence', async () => {
    const good = await folkeport('audit', 'verify', ...where);
    const head = /head (\d+:[0-9a-f]{64})/.exec(good.stdout)?.[1] ?? '';
    const db = await openDatabase(target.options);
    try {
      await query(db.kysely, 'DROP TRIGGER append_only ON audit.entry');
      await query(db.kysely, `UPDATE audit.entry SET entry = replace(entry, 'finans', 'privat') WHERE seq = 3`);
    } finally {
      await db.close();
    }
    const tampered = await folkeport('audit', 'verify', '--anchor', head, ...where);
    assert.equal(tampered.code, 1);
    assert.equal(tampered.stdout, 'Audit log TAMPERED: first bad entry is sequence 3: the hash does not match the entry\n');
  });

  it('bad usage exits 2 without touching a database', async () => {
    const badId = await folkeport('audit', 'innsyn', '1234567890', '--database-url', 'postgres://nobody@127.0.0.1:1/none');
    assert.equal(badId.code, 2);
    assert.match(badId.stderr, /the identifier must be 11 digits/);
    const badAnchor = await folkeport('audit', 'verify', '--anchor', '3:abc');
    assert.equal(badAnchor.code, 2);
    assert.match(badAnchor.stderr, /Expected SEQUENCE:HASH/);
  });
});

describe('folkeport audit (pglite)', () => {
  it('verify works on a data directory, and refuses one that does not exist', async () => {
    const dir = throwAwayDataDir();
    try {
      await fillLog(dir.options);
      const verified = await folkeport('audit', 'verify', '--data-dir', dir.options.dataDir);
      assert.equal(verified.code, 0, verified.stderr);
      assert.match(verified.stdout, /^Audit log intact: 4 entries/);
      const missing = await folkeport('audit', 'verify', '--data-dir', `${dir.options.dataDir}/none`);
      assert.equal(missing.code, 2);
      assert.match(missing.stderr, /there is no database at .*none/);
    } finally {
      await dir.remove();
    }
  });
});
