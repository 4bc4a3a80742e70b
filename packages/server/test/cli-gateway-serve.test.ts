// `folkeport gateway serve`: refuses incomplete options before starting; started, it answers /health and refuses a
// proxied call without credentials in Fiks' error format; SIGTERM stops it.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { exportJWK, generateKeyPair } from 'jose';
import { upstreamUrl } from '../src/cli/gateway-serve.js';
import { throwAwayDataDir } from './databases.js';

const bin = fileURLToPath(new URL('../bin/folkeport.js', import.meta.url));
const env = { ...process.env, DATABASE_URL: '', FOLKEPORT_ADMIN_TOKEN: 'serve-admin' };

test('upstream presets and URLs', () => {
  assert.equal(upstreamUrl('prod'), 'https://folkeregisteret.api.skatteetaten.no/');
  assert.equal(upstreamUrl('http://127.0.0.1:7071'), 'http://127.0.0.1:7071/');
  assert.throws(() => upstreamUrl('ftp://example.org/'), /playground, test, prod or an http\(s\) URL/);
});

test('without a key, or with a bad upstream, it exits 2 and says why', () => {
  const noKey = spawnSync(process.execPath, [bin, 'gateway', 'serve', '--client-id', 'gw'], { env, encoding: 'utf8' });
  assert.equal(noKey.status, 2);
  assert.match(noKey.stderr, /exactly one of --key-file .* and --certificate/);
  const badUpstream = spawnSync(process.execPath, [bin, 'gateway', 'serve', '--client-id', 'gw', '--key-file', bin, '--upstream', 'nowhere'], {
    env,
    encoding: 'utf8',
  });
  assert.equal(badUpstream.status, 2);
  assert.match(badUpstream.stderr, /the upstream is playground, test, prod or an http\(s\) URL: nowhere/);
});

test('started, it answers /health and refuses a call without credentials as Fiks does; SIGTERM stops it', async () => {
  const dir = throwAwayDataDir();
  const dataDir = 'dataDir' in dir.options ? dir.options.dataDir : '';
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const keyDir = mkdtempSync(join(tmpdir(), 'folkeport-key-'));
  const keyFile = join(keyDir, 'operator.jwk.json');
  writeFileSync(keyFile, JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'operator-1', alg: 'RS256' }), { mode: 0o600 });
  const child = spawn(
    process.execPath,
    [bin, 'gateway', 'serve', '--client-id', 'gw', '--key-file', keyFile, '--port', '0', '--data-dir', dataDir, '--maskinporten', 'http://127.0.0.1:9/'],
    { env },
  );
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  try {
    const started = Date.now();
    while (!/Gateway listening at (\S+) /.test(stderr)) {
      if (Date.now() - started > 60_000) throw new Error(`not started: ${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const url = /Gateway listening at (\S+) /.exec(stderr)?.[1] as string;
    assert.match(stderr, /upstream http:\/\/127\.0\.0\.1:7071\/ with client gw of http:\/\/127\.0\.0\.1:9\//);
    assert.deepEqual(await (await fetch(`${url}health`)).json(), { status: 'ok' });
    const refused = await fetch(`${url}folkeregister/api/v1/3f1c2b8a-6d4e-4f0a-9b7c-1e2d3c4b5a60/v1/personer/01817512345`);
    assert.equal(refused.status, 401);
    const body = (await refused.json()) as { status: number; message: string; errorId: string };
    assert.equal(body.status, 401);
    assert.match(body.message, /^Klarte ikke å validere access_token$/);
    assert.match(body.errorId, /^[0-9a-f-]{36}$/);
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    await dir.remove();
    rmSync(keyDir, { recursive: true, force: true });
    assert.equal(code, 0, stderr);
  }
});
