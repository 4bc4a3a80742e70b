// `folkeport maskinporten …` and `folkeport altinn …` run as a user runs them (bin/folkeport.js in a child
// process) against a temporary embedded database; the state they leave is then used by a server in this
// process to issue a token with the written key file.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';
import { openMaskinportenStore } from '../src/maskinporten/maskinporten-store.js';
import { createMaskinportenServer } from '../src/maskinporten/maskinporten-server.js';
import { openDatabase } from '../src/store/database.js';
import { throwAwayDataDir, type ThrowAway } from './databases.js';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));
const VENDOR = '991825827';
const CUSTOMER = '974760673';
const FREG_SCOPE = 'folkeregister:deling/offentligmedhjemmel';
const ISSUER = 'http://maskinporten.cli.test/';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function folkeport(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, DATABASE_URL: '', FOLKEPORT_ADMIN_TOKEN: '' },
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** No stack trace reaches the user. */
function assertNoStack(run: Run): void {
  assert.doesNotMatch(run.stderr, /\n\s+at /, run.stderr);
}

describe('folkeport maskinporten and altinn (embedded database)', () => {
  let target: ThrowAway & { options: { dataDir: string } };
  let dataDir: string[];
  before(() => {
    target = throwAwayDataDir();
    dataDir = ['--data-dir', join(target.options.dataDir, 'db')];
  });
  after(async () => target.remove());

  it('registers a client with a key file, delegates, lists the history and rotates keys; the key file gets a token', async () => {
    const keyFile = join(target.options.dataDir, 'k.json');
    const created = await folkeport('maskinporten', 'client', 'create', '--org', VENDOR, '--scope', FREG_SCOPE, '--grant', '--key-file', keyFile, ...dataDir);
    assert.equal(created.code, 0, created.stderr);
    const client = JSON.parse(created.stdout);
    assert.equal(client.client_orgno, VENDOR);
    assert.deepEqual(client.scopes, [FREG_SCOPE]);
    assert.equal(client.key_file, keyFile);
    assert.equal(typeof client.client_id, 'string');
    assert.match(client.kid, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a fresh UUID, unique across clients');
    assert.match(created.stderr, new RegExp(`private key written to ${keyFile} \\(mode 0600\\)`));
    assert.equal(statSync(keyFile).mode & 0o777, 0o600);
    const privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
    assert.equal(privateJwk.kty, 'RSA');
    assert.equal(privateJwk.kid, client.kid);
    assert.equal(privateJwk.alg, 'RS256');
    for (const member of ['n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi'] as const) assert.equal(typeof privateJwk[member], 'string', member);
    assert.ok(Buffer.from(privateJwk.n as string, 'base64url').length * 8 >= 2048);

    const delegated = await folkeport('altinn', 'delegate', '--from', CUSTOMER, '--to', VENDOR, '--scope', FREG_SCOPE, ...dataDir);
    assert.equal(delegated.code, 0, delegated.stderr);
    const delegation = JSON.parse(delegated.stdout);
    assert.deepEqual(
      { consumer_org: delegation.consumer_org, supplier_org: delegation.supplier_org, scope: delegation.scope },
      { consumer_org: CUSTOMER, supplier_org: VENDOR, scope: FREG_SCOPE },
    );
    assert.equal(delegation.revoked, undefined);

    const fiks = await folkeport('altinn', 'delegate', '--from', CUSTOMER, '--to', VENDOR, '--scope', 'ks:fiks', ...dataDir);
    assert.equal(fiks.code, 2);
    assert.equal(fiks.stdout, '');
    assert.match(fiks.stderr, /^error: Scope ks:fiks has no delegation_source and cannot be delegated$/m);
    assertNoStack(fiks);

    const revoked = await folkeport('altinn', 'revoke', '--from', CUSTOMER, '--to', VENDOR, '--scope', FREG_SCOPE, ...dataDir);
    assert.equal(revoked.code, 0, revoked.stderr);
    assert.equal(JSON.parse(revoked.stdout).id, delegation.id);

    const history = await folkeport('altinn', 'list', '--history', '--to', VENDOR, ...dataDir);
    assert.equal(history.code, 0, history.stderr);
    const listed = JSON.parse(history.stdout);
    assert.equal(listed.length, 1);
    assert.equal(listed[0].id, delegation.id);
    assert.ok(Date.parse(listed[0].revoked) >= Date.parse(listed[0].delegated), 'the revoked delegation stays in the history');

    const rotated = await folkeport('maskinporten', 'keys', 'rotate', ...dataDir);
    assert.equal(rotated.code, 0, rotated.stderr);
    const rotation = JSON.parse(rotated.stdout);
    assert.match(rotation.kid, /^folkeport-\d{4}-\d{2}-\d{2}-[0-9a-f]{12}$/);
    assert.ok(rotation.keys.includes(rotation.kid));

    // What the commands stored works: a server on the same database issues a token for a grant signed with
    // the key file (the scope was granted with --grant), signed with the rotated key.
    const db = await openDatabase({ dataDir: dataDir[1] as string });
    try {
      const server = createMaskinportenServer({ store: await openMaskinportenStore(db), issuer: ISSUER });
      const iat = Math.floor(Date.now() / 1000);
      const grant = await new SignJWT({ aud: ISSUER, iss: client.client_id, scope: FREG_SCOPE, jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS256', kid: client.kid })
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(await importJWK(privateJwk, 'RS256'));
      const response = await server.app.inject({
        method: 'POST',
        url: '/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: grant }).toString(),
      });
      assert.equal(response.statusCode, 200, response.body);
      assert.equal(decodeProtectedHeader(response.json().access_token).kid, rotation.kid);
    } finally {
      await db.close();
    }
  });

  it('serve refuses a --trust-ca file without a certificate: exit 2, naming the file', async () => {
    const notACertificate = join(target.options.dataDir, 'not-a-ca.pem');
    writeFileSync(notACertificate, 'This is not a certificate.\n');
    const served = await folkeport('maskinporten', 'serve', '--port', '0', '--trust-ca', notACertificate, ...dataDir);
    assert.equal(served.code, 2);
    assert.match(served.stderr, new RegExp(`^error: ${notACertificate} holds no PEM certificate$`, 'm'));
    assert.doesNotMatch(served.stderr, /listening/);
    assertNoStack(served);
  });
});
