import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { MaskinportenClient } from '@folkeport/client';
import { RIGHTS_PACKAGES } from '@folkeport/model';
import type { DevCredentials } from '../src/dev/dev-credentials.js';
import { throwAwayDataDir } from './databases.js';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));

describe('folkeport up', () => {
  it('generates, starts every service, writes the credentials, serves a token holder directly and through the gateway, and stops on SIGTERM', async () => {
    const dir = throwAwayDataDir();
    const dataDir = 'dataDir' in dir.options ? dir.options.dataDir : '';
    const child = spawn(
      process.execPath,
      [bin, 'up', '--persons', '300', '--maskinporten-port', '0', '--register-port', '0', '--gateway-port', '0', '--data-dir', dataDir],
      { env: { ...process.env, DATABASE_URL: '', FOLKEPORT_ADMIN_TOKEN: 'cli-up-admin' } },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      await waitFor(() => stdout.includes('Folkeport is up.'), () => `${stdout}\n${stderr}`);
      assert.match(stderr, /Generating a population of 300 residents/);

      const file = join(dataDir, 'dev-credentials.json');
      assert.equal(statSync(file).mode & 0o777, 0o600);
      const credentials = JSON.parse(readFileSync(file, 'utf8')) as DevCredentials;
      assert.match(credentials.maskinporten.issuer, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.equal(credentials.maskinporten.tokenEndpoint, `${credentials.maskinporten.issuer}token`);
      assert.match(credentials.register.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.match(credentials.gateway.baseUrl, /^http:\/\/127\.0\.0\.1:\d+\/$/);
      assert.deepEqual(
        credentials.clients.filter((client) => client.package !== undefined).flatMap((client) => client.scopes).sort(),
        RIGHTS_PACKAGES.map((pkg) => pkg.scope).sort(),
        'one demo client per package scope',
      );

      for (const base of [credentials.maskinporten.issuer, credentials.register.baseUrl, credentials.gateway.baseUrl]) {
        assert.deepEqual(await (await fetch(`${base}health`)).json(), { status: 'ok' });
      }
      // The printed curl line names a real person; its token comes from the demo client of the package.
      const lookup = /(http:\/\/127\.0\.0\.1:\d+\/folkeregisteret\/offentlig-med-hjemmel\/api\/v1\/personer\/\d{11})/.exec(stdout)?.[1];
      assert.ok(lookup, stdout);
      const demo = credentials.clients.find((client) => client.package === 'offentligMedHjemmel');
      assert.ok(demo);
      const maskinporten = new MaskinportenClient({
        environment: { issuer: credentials.maskinporten.issuer },
        clientId: demo.clientId,
        key: { jwk: demo.privateJwk },
      });
      const { accessToken } = await maskinporten.getToken({ scopes: demo.scopes });
      const unauthenticated = await fetch(lookup);
      assert.equal(unauthenticated.status, 401);
      const authenticated = await fetch(lookup, { headers: { authorization: `Bearer ${accessToken}` } });
      assert.notEqual(authenticated.status, 401);
      assert.notEqual(authenticated.status, 403);

      // The demo municipality: the printed gateway lookup works with the vendor's ks:fiks token and the integration.
      const { fiks } = credentials;
      assert.equal(fiks.orgnr, '974760673');
      assert.deepEqual(
        fiks.roles.map((role) => role.kanHenteTaushetsbelagtInfo),
        [false, true],
        'the setup guide\'s role without confidential data, and one with',
      );
      assert.match(fiks.integrationPassword, /^\S{20,}$/);
      const gatewayLookup = /(http:\/\/127\.0\.0\.1:\d+\/folkeregister\/api\/v1\/[0-9a-f-]{36}\/v1\/personer\/\d{11})/.exec(stdout)?.[1];
      assert.ok(gatewayLookup?.includes(fiks.roles[0]!.id), stdout);
      assert.ok(stdout.includes(fiks.integrationPassword));
      const vendor = credentials.clients.find((client) => client.clientId === fiks.vendorClientId);
      assert.deepEqual(vendor?.scopes, ['ks:fiks']);
      const fiksToken = await new MaskinportenClient({
        environment: { issuer: credentials.maskinporten.issuer },
        clientId: vendor!.clientId,
        key: { jwk: vendor!.privateJwk },
      }).getToken({ scopes: ['ks:fiks'] });
      const integration = { IntegrasjonId: fiks.integrationId, IntegrasjonPassord: fiks.integrationPassword };
      const throughGateway = await fetch(gatewayLookup!, { headers: { authorization: `Bearer ${fiksToken.accessToken}`, ...integration } });
      assert.equal(throughGateway.status, 200, await throughGateway.clone().text());
      const person = (await throughGateway.json()) as Record<string, unknown>;
      assert.ok(person.navn, 'person-basis has the name');
      assert.equal(person.familierelasjon, undefined, 'the role has no relasjon-utvidet');
      const wrongPassword = await fetch(gatewayLookup!, {
        headers: { authorization: `Bearer ${fiksToken.accessToken}`, ...integration, IntegrasjonPassord: 'wrong' },
      });
      assert.equal(wrongPassword.status, 401);
    } finally {
      child.kill('SIGTERM');
      const code = await exited;
      await dir.remove();
      assert.equal(code, 0, stderr);
    }
  });
});

async function waitFor(condition: () => boolean, describe: () => string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting; output so far:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
