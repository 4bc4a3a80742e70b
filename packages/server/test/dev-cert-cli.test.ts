// `folkeport dev cert`, run in a child process as the CLI runs it, with a development CA handed in
// through devCommand's loadCa parameter (the real one reads it from the Maskinporten store).
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import forge from 'node-forge';
import { checkCertificateChain, createTestCa, x5cOf, type CertificateAuthority } from '../src/maskinporten/certificates.js';

const ORGNR = '999999999'; // valid mod-11
const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

// The program a user would run, except that loadCa returns the CA in CA_FILE (or fails when CA_FILE is empty)
// and reports the database options it was given on stderr.
const MAIN = `
import { readFileSync } from 'node:fs';
const { devCommand } = await import(${JSON.stringify(new URL('../src/cli/dev-cert.ts', import.meta.url).href)});
const loadCa = async (source) => {
  console.error('loadCa ' + JSON.stringify(source));
  if (!process.env.CA_FILE) throw new Error('database unavailable');
  return JSON.parse(readFileSync(process.env.CA_FILE, 'utf8'));
};
await devCommand(loadCa).parseAsync(process.argv.slice(1), { from: 'user' });
`;

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function folkeportDev(args: string[], env: Record<string, string>, cwd?: string): Promise<Run> {
  const node = ['--conditions=folkeport-source', '--import', import.meta.resolve('tsx'), '--input-type=module', '-e', MAIN, '--', ...args];
  return new Promise((resolve) => {
    execFile(process.execPath, node, { env: { ...process.env, DATABASE_URL: '', ...env }, cwd: cwd ?? process.cwd() }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

let dir: string;
let ca: CertificateAuthority;
let caFile: string;

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'folkeport-dev-cert-'));
  ca = createTestCa();
  caFile = join(dir, 'ca.json');
  writeFileSync(caFile, JSON.stringify(ca));
});
after(() => rmSync(dir, { recursive: true, force: true }));

describe('folkeport dev cert', { concurrency: true }, () => {
  it('writes the chain, the key and a PKCS#12 file that open with the printed password', async () => {
    const out = join(dir, 'certs');
    const run = await folkeportDev(['cert', '--org', ORGNR, '--name', 'Blåbær AS', '--out', out, '--data-dir', join(dir, 'db')], { CA_FILE: caFile });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, `loadCa {"dataDir":"${join(dir, 'db')}"}\n`);

    const password = /PKCS#12 password: (\S+) {2}\(generated; not shown again\)/.exec(run.stdout)?.[1];
    assert.ok(password && password.length >= 24, run.stdout);
    const notAfter = /valid until (\S+)\./.exec(run.stdout)?.[1];
    const paths = { chain: join(out, `${ORGNR}.crt.pem`), key: join(out, `${ORGNR}.key.pem`), p12: join(out, `${ORGNR}.p12`) };
    assert.equal(
      run.stdout,
      [
        `Issued a test enterprise certificate for ${ORGNR}, valid until ${notAfter}.`,
        `  certificate + CA: ${paths.chain}`,
        `  private key:      ${paths.key}`,
        `  PKCS#12:          ${paths.p12}`,
        `  PKCS#12 password: ${password}  (generated; not shown again)`,
        '',
      ].join('\n'),
    );
    assert.equal(statSync(paths.key).mode & 0o777, 0o600);
    assert.equal(statSync(paths.p12).mode & 0o777, 0o600);

    // The server, trusting the same CA, accepts the chain and reads the organisation number.
    const chainPem = readFileSync(paths.chain, 'utf8');
    const check = checkCertificateChain(x5cOf(chainPem), [ca.certificatePem], new Date());
    assert.ok(check.ok, check.ok ? '' : check.reason);
    assert.equal(check.organisasjonsnummer, ORGNR);
    assert.match(check.subject, /O=Blåbær AS/);
    assert.equal(check.notAfter.toISOString(), notAfter);
    assert.equal(x5cOf(chainPem)[1], x5cOf(ca.certificatePem)[0]);

    // The PKCS#12 file holds the key of the written certificate, behind the printed password.
    const p12 = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(readFileSync(paths.p12).toString('binary')), password);
    const bag = p12.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]![0]!;
    const keyPem = readFileSync(paths.key, 'utf8');
    assert.equal((bag.key as forge.pki.rsa.PrivateKey).n.toString(16), (forge.pki.privateKeyFromPem(keyPem) as forge.pki.rsa.PrivateKey).n.toString(16));
    if (HAS_OPENSSL) {
      const info = spawnSync('openssl', ['pkcs12', '-info', '-in', paths.p12, '-passin', `pass:${password}`, '-noout'], { encoding: 'utf8' });
      assert.equal(info.status, 0, info.stderr);
    }
  });

  it('uses --password and --days, and tightens the mode of existing files', async () => {
    const out = join(dir, 'again');
    const first = await folkeportDev(['cert', '--org', ORGNR, '--out', out], { CA_FILE: caFile });
    assert.equal(first.code, 0, first.stderr);
    const key = join(out, `${ORGNR}.key.pem`);
    spawnSync('chmod', ['644', key]);
    const started = Date.now();
    const run = await folkeportDev(['cert', '--org', ORGNR, '--out', out, '--password', 'hemmelig', '--days', '30'], { CA_FILE: caFile });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /PKCS#12 password: as given with --password\n$/);
    assert.doesNotMatch(run.stdout, /hemmelig/);
    assert.equal(statSync(key).mode & 0o777, 0o600);
    const notAfter = new Date(/valid until (\S+)\./.exec(run.stdout)![1]!).getTime();
    assert.ok(Math.abs(notAfter - (started + 30 * 86_400_000)) < 60_000, run.stdout);
    const p12 = readFileSync(join(out, `${ORGNR}.p12`)).toString('binary');
    assert.doesNotThrow(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12), 'hemmelig'));
  });

  it('writes to ./.folkeport/certs and uses the embedded database by default', async () => {
    const cwd = mkdtempSync(join(dir, 'cwd-'));
    const run = await folkeportDev(['cert', '--org', ORGNR], { CA_FILE: caFile }, cwd);
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, 'loadCa {"dataDir":"./.folkeport"}\n');
    assert.ok(statSync(join(cwd, '.folkeport', 'certs', `${ORGNR}.p12`)).isFile());
    assert.equal(statSync(join(cwd, '.folkeport', 'certs')).mode & 0o777, 0o700);
  });

  it('refuses an invalid organisasjonsnummer with exit code 2 and a clear message', async () => {
    const out = join(dir, 'invalid');
    const run = await folkeportDev(['cert', '--org', '999999990', '--out', out], { CA_FILE: caFile });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /'999999990' is not a valid organisasjonsnummer: check digit \(the 9th digit\) is 0, expected 9/);
    assert.doesNotMatch(run.stderr, /at .*\.ts:\d+/, 'no stack trace');
    assert.throws(() => statSync(out), /ENOENT/, 'nothing written');
  });

  it('requires --org and a whole number of --days (exit code 2)', async () => {
    const missing = await folkeportDev(['cert'], { CA_FILE: caFile });
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /required option '--org <orgnr>' not specified/);
    const days = await folkeportDev(['cert', '--org', ORGNR, '--days', '0'], { CA_FILE: caFile });
    assert.equal(days.code, 2);
    assert.match(days.stderr, /Expected a whole number from 1/);
  });

  it('exits 2 with the database location when the development CA cannot be read', async () => {
    const run = await folkeportDev(['cert', '--org', ORGNR, '--database-url', 'postgres://folkeport:secret@db.invalid/x'], { CA_FILE: '' });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /error: could not read the development CA from postgres:\/\/folkeport:\*\*\*@db.invalid\/x: database unavailable/);
    const message = run.stderr.split('\n').filter((line) => line.startsWith('error:'));
    assert.equal(message.length, 1);
    assert.doesNotMatch(message[0]!, /secret/);
  });
});
