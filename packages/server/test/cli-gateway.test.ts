// `folkeport gateway …` run as a user runs it (its own process) against a throw-away embedded database and a
// throw-away PostgreSQL database; what it stored is then read back with the store in this process.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openGatewayStore } from '../src/gateway/gateway-store.js';
import { verifyPassword } from '../src/gateway/passwords.js';
import { openDatabase } from '../src/store/database.js';
import { throwAwayDataDir, throwAwayPostgres, type ThrowAway } from './databases.js';
import { BAD_ORGNR, OSLO_ID, OSLO_ORGNR, PERSON_A, VENDOR_ORGNR } from './gateway-fixture.js';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));
const gatewayModule = fileURLToPath(new URL('../src/cli/gateway.ts', import.meta.url));
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...args], { env: { ...process.env, DATABASE_URL: '' }, timeout: 60_000 });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `folkeport gateway …` under a bare program holding only the gateway command (as program.ts adds it), to start fast. */
function gateway(...args: string[]): Promise<Run> {
  const main = `
    import { Command } from '@commander-js/extra-typings';
    import { gatewayCommand } from ${JSON.stringify(gatewayModule)};
    await new Command('folkeport').addCommand(gatewayCommand()).parseAsync(process.argv.slice(1), { from: 'user' });`;
  return run(['--conditions=folkeport-source', '--import', 'tsx', '--input-type=module', '-e', main, '--', 'gateway', ...args]);
}

function ok(result: Run) {
  assert.equal(result.code, 0, result.stderr);
  return JSON.parse(result.stdout);
}

function refused(result: Run, code: 1 | 2, message: RegExp): void {
  assert.equal(result.code, code, `${result.stdout}\n${result.stderr}`);
  assert.match(result.stderr, message);
  assert.doesNotMatch(result.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(result.stdout, '');
}

it('folkeport lists the gateway command', async () => {
  const help = await run([bin, 'gateway', '--help']);
  assert.equal(help.code, 0, help.stderr);
  for (const sub of ['org', 'role', 'integration', 'grant']) assert.match(help.stdout, new RegExp(`\\n\\s+${sub}\\b`));
});

for (const kind of ['pglite', 'postgres'] as const) {
  describe(`folkeport gateway (${kind})`, () => {
    let target: ThrowAway;
    let where: string[];
    before(async () => {
      if (kind === 'pglite') {
        const dir = throwAwayDataDir();
        const dataDir = join(dir.options.dataDir, 'db');
        target = { options: { dataDir }, remove: dir.remove };
        where = ['--data-dir', dataDir];
      } else {
        target = await throwAwayPostgres();
        where = ['--database-url', (target.options as { databaseUrl: string }).databaseUrl];
      }
    });
    after(async () => target.remove());

    /** Reads the stored configuration in this process (the CLI has exited, so the data directory is free). */
    async function withStore<T>(work: (store: Awaited<ReturnType<typeof openGatewayStore>>) => Promise<T>): Promise<T> {
      const db = await openDatabase(target.options);
      try {
        return await work(await openGatewayStore(db));
      } finally {
        await db.close();
      }
    }

    it('sets up an organisation, an integration, a role and grants; refusals exit 1, usage errors 2', async () => {
      const created = ok(await gateway('org', 'create', '--orgnr', OSLO_ORGNR, '--name', 'Oslo kommune', '--kommunenummer', '0301', '--id', OSLO_ID, ...where));
      assert.deepEqual(created.organisasjon, { fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' });
      assert.match(created.adminnokkel, new RegExp(`^${OSLO_ID}\\.`));
      assert.equal(await withStore((store) => store.adminCredentialMatches(OSLO_ID, created.adminnokkel)), true);
      refused(await gateway('org', 'create', '--orgnr', BAD_ORGNR, '--name', 'X', '--kommunenummer', '1234', ...where), 2, /error: Ugyldig organisasjonsnummer/);
      refused(await gateway('org', 'create', '--orgnr', OSLO_ORGNR, '--name', 'X', '--kommunenummer', '1234', ...where), 1, /finnes allerede/);
      refused(await gateway('org', 'create', '--name', 'X', ...where), 2, /--orgnr/);
      assert.deepEqual(ok(await gateway('org', 'list', ...where)), [created.organisasjon]);

      const integration = ok(
        await gateway('integration', 'create', '--org', OSLO_ID, '--name', 'Skoleadmin', '--authorised-orgnr', VENDOR_ORGNR, ...where),
      );
      assert.match(integration.passord, /^[A-Za-z0-9_-]{32}$/);
      const { passord, ...stored } = integration;
      assert.deepEqual(ok(await gateway('integration', 'list', '--org', OSLO_ID, ...where)), [stored]);
      refused(
        await gateway('integration', 'create', '--org', UNKNOWN_ID, '--name', 'X', '--authorised-orgnr', VENDOR_ORGNR, ...where),
        1,
        /Organisasjonen finnes ikke/,
      );

      const role = ok(
        await gateway(
          'role', 'create', '--org', OSLO_ID, '--name', 'Barnevern', '--tjenesteomrade', 'BARNEVERN',
          '--bruksomrade', 'SOK', 'HENDELSER', '--part', 'person-basis', '--opplysning', 'familierelasjon',
          '--taushetsbelagt', '--gyldighet', 'api', 'asynkron', '--gradert-adresse', 'vis', '--tag', 'barn',
          ...where,
        ),
      );
      assert.equal(role.pakke, 'offentligMedHjemmel');
      assert.deepEqual(role.gyldighet, { api: true, soekWeb: false, uttrekkWeb: false, asynkron: true });
      assert.deepEqual(role.dataminimering, { parts: ['person-basis'], opplysninger: ['familierelasjon'] });
      assert.equal(role.gradertAdresse, 'vis');
      refused(
        await gateway('role', 'create', '--org', OSLO_ID, '--name', 'Teknisk', '--tjenesteomrade', 'TEKNISK', '--bruksomrade', 'SOK', '--opplysning', 'familierelasjon', ...where),
        2,
        /«familierelasjon» er ikke tilgjengelig i rettighetspakken/,
      );
      refused(
        await gateway('role', 'create', '--org', OSLO_ID, '--name', 'X', '--tjenesteomrade', 'BRANN', '--bruksomrade', 'SOK', ...where),
        2,
        /BRANN/,
      );

      assert.deepEqual(ok(await gateway('grant', 'add', '--org', OSLO_ID, '--role', role.id, integration.id, ...where)), {
        integrasjoner: [integration.id],
        personer: [],
      });
      ok(await gateway('grant', 'add', '--org', OSLO_ID, '--role', role.id, PERSON_A, ...where));
      refused(await gateway('grant', 'add', '--org', OSLO_ID, '--role', role.id, '1234', ...where), 2, /Ugyldig aktør/);
      refused(await gateway('grant', 'add', '--org', OSLO_ID, '--role', UNKNOWN_ID, PERSON_A, ...where), 1, /no role with this id/);
      const shown = ok(await gateway('role', 'show', '--org', OSLO_ID, role.id, ...where));
      assert.deepEqual(shown.tilganger, { integrasjoner: [integration.id], personer: [PERSON_A] });
      assert.equal(ok(await gateway('role', 'deactivate', '--org', OSLO_ID, role.id, ...where)).aktiv, false);
      assert.equal(ok(await gateway('role', 'activate', '--org', OSLO_ID, role.id, ...where)).aktiv, true);
      assert.deepEqual(ok(await gateway('grant', 'remove', '--org', OSLO_ID, '--role', role.id, PERSON_A, ...where)).personer, []);
      refused(await gateway('grant', 'remove', '--org', OSLO_ID, '--role', role.id, PERSON_A, ...where), 1, /holds no grant/);

      // A new password replaces the old one; deleting the integration removes its grant.
      const renewed = ok(await gateway('integration', 'new-password', '--org', OSLO_ID, integration.id, ...where));
      const hash = await withStore(async (store) => (await store.proxyAccess(integration.id, role.id))?.passwordHash ?? '');
      assert.equal(await verifyPassword(passord, hash), false);
      assert.equal(await verifyPassword(renewed.passord, hash), true);
      const deleted = await gateway('integration', 'delete', '--org', OSLO_ID, integration.id, ...where);
      assert.equal(deleted.code, 0, deleted.stderr);
      assert.match(deleted.stderr, /deleted/);
      assert.deepEqual(ok(await gateway('grant', 'list', '--org', OSLO_ID, '--role', role.id, ...where)), { integrasjoner: [], personer: [] });
      refused(await gateway('integration', 'new-password', '--org', OSLO_ID, integration.id, ...where), 1, /no integration with this id/);

      assert.equal(ok(await gateway('role', 'list', '--org', OSLO_ID, ...where)).length, 1);
      assert.equal((await gateway('role', 'delete', '--org', OSLO_ID, role.id, ...where)).code, 0);
      refused(await gateway('role', 'show', '--org', OSLO_ID, role.id, ...where), 1, /no role with this id/);
      const renewedKey = ok(await gateway('org', 'new-credential', OSLO_ID, ...where));
      assert.equal(await withStore((store) => store.adminCredentialMatches(OSLO_ID, created.adminnokkel)), false);
      assert.equal(await withStore((store) => store.adminCredentialMatches(OSLO_ID, renewedKey.adminnokkel)), true);
    });
  });
}
