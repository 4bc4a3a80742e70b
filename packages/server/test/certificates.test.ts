// Enterprise certificates for Maskinporten x5c grants: the test CA, issuing, PKCS#12 and the chain check.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createPrivateKey, generateKeyPairSync, sign, verify, X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import forge from 'node-forge';
import {
  checkCertificateChain,
  createTestCa,
  issueEnterpriseCertificate,
  MAX_X5C_CERTIFICATES,
  toPkcs12,
  x5cOf,
  type CertificateAuthority,
  type CertificateCheck,
  type EnterpriseCertificate,
} from '../src/maskinporten/certificates.js';

const ORGNR = '999999999'; // valid mod-11: 9 × (3+2+7+6+5+4+3+2) = 288 ≡ 2, check digit 11 − 2 = 9
const OTHER_ORGNR = '974760673'; // Brønnøysundregistrene
const CA_TIME = new Date('2029-06-01T00:00:00Z');
const ISSUED = new Date('2030-01-01T00:00:00Z');
const LATER = new Date('2031-01-01T00:00:00Z');

const HAS_OPENSSL = spawnSync('openssl', ['version']).status === 0;

let root: CertificateAuthority;
let otherRoot: CertificateAuthority;
let intermediate: CertificateAuthority;
let certificate: EnterpriseCertificate;

before(() => {
  root = createTestCa({ now: CA_TIME });
  otherRoot = createTestCa({ now: CA_TIME, commonName: 'Another Test CA' });
  intermediate = createTestCa({ now: CA_TIME, commonName: 'Folkeport Issuing CA', issuer: root });
  certificate = issueEnterpriseCertificate(root, { organisasjonsnummer: ORGNR, organisationName: 'Blåbær Testvirksomhet AS', now: ISSUED });
});

function expectFailure(check: CertificateCheck, code: 'MP-120' | 'MP-123', reason: RegExp) {
  assert.equal(check.ok, false, 'the check must fail');
  if (check.ok) return;
  assert.equal(check.code, code, check.reason);
  assert.match(check.reason, reason);
}

/** A certificate made directly with node-forge, for subjects and issuers the test CA would never produce. */
function craftCertificate(options: {
  subject: forge.pki.CertificateField[];
  signer?: CertificateAuthority;
  /** keyUsage keyCertSign without basicConstraints cA: a certificate that claims to sign but is no CA. */
  keyCertSign?: boolean;
  /** The key usage a "signering" (seal) certificate may carry instead of digitalSignature. */
  nonRepudiationOnly?: boolean;
}): CertificateAuthority {
  const keys = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(keys.publicKey);
  cert.serialNumber = '0badc0de';
  cert.validity.notBefore = ISSUED;
  cert.validity.notAfter = new Date('2032-01-01T00:00:00Z');
  cert.setSubject(options.subject);
  cert.setIssuer(options.signer ? forge.pki.certificateFromPem(options.signer.certificatePem).subject.attributes : options.subject);
  cert.setExtensions([
    { name: 'basicConstraints', cA: false },
    options.nonRepudiationOnly
      ? { name: 'keyUsage', nonRepudiation: true }
      : { name: 'keyUsage', digitalSignature: true, keyCertSign: options.keyCertSign ?? false },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(options.signer?.privateKeyPem ?? keys.privateKey), forge.md.sha256.create());
  return { certificatePem: forge.pki.certificateToPem(cert), privateKeyPem: keys.privateKey };
}

const NTR_SUBJECT: forge.pki.CertificateField[] = [
  { shortName: 'C', value: 'NO' },
  { name: 'organizationName', value: 'Selvsignert AS' },
  { type: '2.5.4.97', value: `NTRNO-${ORGNR}` },
  { name: 'commonName', value: 'Selvsignert AS' },
];

describe('issueEnterpriseCertificate', () => {
  it('puts the organisasjonsnummer in the subject the way Norwegian issuers do', () => {
    const x509 = new X509Certificate(certificate.certificatePem);
    assert.deepEqual(x509.subject.split('\n'), [
      'C=NO',
      'O=Blåbær Testvirksomhet AS',
      `organizationIdentifier=NTRNO-${ORGNR}`,
      `serialNumber=${ORGNR}`,
      'CN=Blåbær Testvirksomhet AS',
    ]);
    assert.equal(x509.issuer, new X509Certificate(root.certificatePem).subject);
    assert.equal(x509.ca, false);
    assert.deepEqual(x509.keyUsage, ['1.3.6.1.5.5.7.3.2'], 'extended key usage: clientAuth');
    assert.equal(certificate.organisasjonsnummer, ORGNR);
  });

  it('is valid for 3 years by default, like a virksomhetssertifikat, and --days changes that', () => {
    const x509 = new X509Certificate(certificate.certificatePem);
    assert.equal(new Date(x509.validFrom).toISOString(), ISSUED.toISOString());
    assert.equal(new Date(x509.validTo).toISOString(), '2033-01-01T00:00:00.000Z');
    assert.equal(certificate.notAfter.toISOString(), '2033-01-01T00:00:00.000Z');
    const short = issueEnterpriseCertificate(root, { organisasjonsnummer: ORGNR, now: ISSUED, validityDays: 30 });
    assert.equal(short.notAfter.toISOString(), '2030-01-31T00:00:00.000Z');
    assert.equal(new Date(new X509Certificate(short.certificatePem).validTo).toISOString(), '2030-01-31T00:00:00.000Z');
  });

  it('never outlives its CA', () => {
    const shortCa = createTestCa({ now: CA_TIME, validityDays: 365 });
    const issued = issueEnterpriseCertificate(shortCa, { organisasjonsnummer: ORGNR, now: CA_TIME });
    assert.equal(issued.notAfter.toISOString(), '2030-06-01T00:00:00.000Z');
  });

  it('gives a PKCS#8 key that belongs to the certificate, and a chain of leaf + CA', () => {
    const key = createPrivateKey(certificate.privateKeyPem);
    assert.match(certificate.privateKeyPem, /^-----BEGIN PRIVATE KEY-----\n/);
    assert.equal(key.asymmetricKeyDetails?.modulusLength, 2048);
    const signature = sign('sha256', Buffer.from('grant'), key);
    assert.ok(verify('sha256', Buffer.from('grant'), new X509Certificate(certificate.certificatePem).publicKey, signature));
    assert.equal(certificate.chainPem, certificate.certificatePem + root.certificatePem);
  });

  it('refuses an invalid organisasjonsnummer with a clear message', () => {
    assert.throws(
      () => issueEnterpriseCertificate(root, { organisasjonsnummer: '999999990' }),
      /'999999990' is not a valid organisasjonsnummer: check digit \(the 9th digit\) is 0, expected 9/,
    );
    assert.throws(() => issueEnterpriseCertificate(root, { organisasjonsnummer: '12345' }), /not a valid organisasjonsnummer/);
  });
});

describe('createTestCa', () => {
  it('is a SHA-256, RSA 2048 CA that may only sign certificates and CRLs', () => {
    const x509 = new X509Certificate(root.certificatePem);
    assert.equal(x509.ca, true);
    assert.equal(x509.subject, 'C=NO\nO=Folkeport\nCN=Folkeport Test CA');
    assert.equal(x509.issuer, x509.subject);
    assert.equal(x509.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
    assert.ok(x509.verify(x509.publicKey));
    const parsed = forge.pki.certificateFromPem(root.certificatePem);
    assert.equal(forge.pki.oids[parsed.siginfo.algorithmOid], 'sha256WithRSAEncryption');
    const keyUsage = parsed.getExtension('keyUsage') as { keyCertSign: boolean; cRLSign: boolean; digitalSignature: boolean };
    assert.deepEqual([keyUsage.keyCertSign, keyUsage.cRLSign, keyUsage.digitalSignature], [true, true, false]);
    assert.ok(parsed.getExtension('subjectKeyIdentifier'));
  });
});

describe('toPkcs12', () => {
  it('holds the key, the certificate and the CA, behind the password', () => {
    const p12 = toPkcs12(certificate, root, 's3cret');
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), 's3cret');
    const certs = parsed.getBags({ bagType: forge.pki.oids.certBag! })[forge.pki.oids.certBag!]!;
    assert.deepEqual(
      certs.map((bag) => forge.pki.certificateToPem(bag.cert!).replaceAll('\r\n', '\n')),
      [certificate.certificatePem, root.certificatePem],
    );
    const keys = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag! })[forge.pki.oids.pkcs8ShroudedKeyBag!]!;
    assert.equal(keys.length, 1);
    const key = keys[0]!.key as forge.pki.rsa.PrivateKey;
    assert.equal(key.n.toString(16), (forge.pki.certificateFromPem(certificate.certificatePem).publicKey as forge.pki.rsa.PublicKey).n.toString(16));
    assert.throws(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), 'wrong'));
  });

  it('opens in OpenSSL 3 with the password and not without', { skip: !HAS_OPENSSL && 'openssl is not installed' }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'folkeport-p12-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    const file = join(dir, 'cert.p12');
    writeFileSync(file, toPkcs12(certificate, root, 's3cret'));
    const info = spawnSync('openssl', ['pkcs12', '-info', '-in', file, '-passin', 'pass:s3cret', '-noout'], { encoding: 'utf8' });
    assert.equal(info.status, 0, info.stderr);
    assert.match(info.stderr, /Shrouded Keybag: PBES2, PBKDF2, AES-256-CBC/);
    const wrong = spawnSync('openssl', ['pkcs12', '-info', '-in', file, '-passin', 'pass:wrong', '-noout'], { encoding: 'utf8' });
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.stderr, /Mac verify error/i);
  });
});

describe('x5cOf', () => {
  it('lists the DER certificates of a PEM chain in base64, leaf first', () => {
    assert.deepEqual(x5cOf(certificate.chainPem), [
      new X509Certificate(certificate.certificatePem).raw.toString('base64'),
      new X509Certificate(root.certificatePem).raw.toString('base64'),
    ]);
  });
});

describe('checkCertificateChain', () => {
  it('accepts an issued certificate and reads its organisasjonsnummer, key, subject and expiry', () => {
    const check = checkCertificateChain(x5cOf(certificate.chainPem), [root.certificatePem], LATER);
    assert.ok(check.ok, check.ok ? '' : check.reason);
    assert.equal(check.organisasjonsnummer, ORGNR);
    assert.equal(check.subject, `C=NO, O=Blåbær Testvirksomhet AS, organizationIdentifier=NTRNO-${ORGNR}, serialNumber=${ORGNR}, CN=Blåbær Testvirksomhet AS`);
    assert.equal(check.notAfter.toISOString(), '2033-01-01T00:00:00.000Z');
    const signature = sign('sha256', Buffer.from('grant'), createPrivateKey(certificate.privateKeyPem));
    assert.ok(verify('sha256', Buffer.from('grant'), check.publicKey, signature));
  });

  it('accepts the leaf alone, as Altinn and KS clients send it', () => {
    const [leaf] = x5cOf(certificate.chainPem);
    assert.equal(checkCertificateChain([leaf], [root.certificatePem], LATER).ok, true);
  });

  it('accepts a trusted PEM holding several CA certificates', () => {
    const bundle = otherRoot.certificatePem + root.certificatePem;
    assert.equal(checkCertificateChain(x5cOf(certificate.chainPem), [bundle], LATER).ok, true);
  });

  it('refuses an expired and a not yet valid certificate (MP-120)', () => {
    const x5c = x5cOf(certificate.chainPem);
    expectFailure(checkCertificateChain(x5c, [root.certificatePem], new Date('2033-01-01T00:00:01Z')), 'MP-120', /expired at 2033-01-01T00:00:00.000Z/);
    expectFailure(checkCertificateChain(x5c, [root.certificatePem], new Date('2029-12-31T23:59:59Z')), 'MP-120', /not valid before 2030-01-01T00:00:00.000Z/);
  });

  it('refuses a certificate from a CA that is not trusted (MP-120)', () => {
    const foreign = issueEnterpriseCertificate(otherRoot, { organisasjonsnummer: ORGNR, now: ISSUED });
    expectFailure(checkCertificateChain(x5cOf(foreign.chainPem), [root.certificatePem], LATER), 'MP-120', /not issued by a trusted CA/);
  });

  it('refuses a self-signed certificate that names an organisation (MP-120)', () => {
    const selfSigned = craftCertificate({ subject: NTR_SUBJECT });
    expectFailure(checkCertificateChain(x5cOf(selfSigned.certificatePem), [root.certificatePem], LATER), 'MP-120', /not issued by a trusted CA/);
  });

  it('refuses the CA certificate itself as the leaf: it does not allow signing (MP-120)', () => {
    expectFailure(checkCertificateChain(x5cOf(root.certificatePem), [root.certificatePem], LATER), 'MP-120', /does not allow signing/);
  });

  it('accepts a "signering" certificate whose key usage is nonRepudiation only', () => {
    const seal = craftCertificate({ subject: NTR_SUBJECT, signer: root, nonRepudiationOnly: true });
    const check = checkCertificateChain(x5cOf(seal.certificatePem), [root.certificatePem], LATER);
    assert.equal(check.ok, true, check.ok ? '' : check.reason);
  });

  it('refuses a certificate whose subject has no organisasjonsnummer (MP-120)', () => {
    const nameless = craftCertificate({
      subject: [{ shortName: 'C', value: 'NO' }, { name: 'organizationName', value: 'Uten Nummer AS' }, { name: 'commonName', value: 'Uten Nummer AS' }],
      signer: root,
    });
    expectFailure(checkCertificateChain(x5cOf(nameless.certificatePem), [root.certificatePem], LATER), 'MP-120', /subject has no organisasjonsnummer/);
  });

  it('reads the 9-digit serialNumber of older certificates, and refuses an invalid or ambiguous number', () => {
    const older = craftCertificate({ subject: [{ shortName: 'C', value: 'NO' }, { type: '2.5.4.5', value: OTHER_ORGNR }], signer: root });
    const check = checkCertificateChain(x5cOf(older.certificatePem), [root.certificatePem], LATER);
    assert.equal(check.ok && check.organisasjonsnummer, OTHER_ORGNR);

    const invalid = craftCertificate({ subject: [{ type: '2.5.4.97', value: 'NTRNO-999999990' }], signer: root });
    expectFailure(checkCertificateChain(x5cOf(invalid.certificatePem), [root.certificatePem], LATER), 'MP-120', /organisasjonsnummer in the certificate subject is not valid/);

    const two = craftCertificate({
      subject: [{ type: '2.5.4.97', value: `NTRNO-${ORGNR}` }, { type: '2.5.4.97', value: `NTRNO-${OTHER_ORGNR}` }],
      signer: root,
    });
    expectFailure(checkCertificateChain(x5cOf(two.certificatePem), [root.certificatePem], LATER), 'MP-120', /more than one organisasjonsnummer/);
  });

  it('follows a chain through an intermediate CA given in x5c', () => {
    const issued = issueEnterpriseCertificate(intermediate, { organisasjonsnummer: ORGNR, now: ISSUED });
    const x5c = x5cOf(issued.chainPem);
    assert.equal(x5c.length, 2);
    const check = checkCertificateChain(x5c, [root.certificatePem], LATER);
    assert.equal(check.ok && check.organisasjonsnummer, ORGNR);
    // Also with the root appended, and in any order after the leaf.
    assert.equal(checkCertificateChain([x5c[0], ...x5cOf(root.certificatePem), x5c[1]], [root.certificatePem], LATER).ok, true);
    // Without the intermediate the leaf does not reach the root; trusting the intermediate itself is enough.
    expectFailure(checkCertificateChain([x5c[0]], [root.certificatePem], LATER), 'MP-120', /not issued by a trusted CA/);
    assert.equal(checkCertificateChain([x5c[0]], [intermediate.certificatePem], LATER).ok, true);
  });

  it('refuses a chain through an issuer that is not a CA (MP-120)', () => {
    const notCa = craftCertificate({
      subject: [{ shortName: 'C', value: 'NO' }, { name: 'commonName', value: 'Not a CA' }],
      signer: root,
      keyCertSign: true,
    });
    const leaf = craftCertificate({ subject: NTR_SUBJECT, signer: notCa });
    expectFailure(
      checkCertificateChain([...x5cOf(leaf.certificatePem), ...x5cOf(notCa.certificatePem)], [root.certificatePem], LATER),
      'MP-120',
      /its issuer 'C=NO, CN=Not a CA' is not a CA/,
    );
  });

  it('refuses an intermediate CA that has expired (MP-120)', () => {
    const shortIntermediate = createTestCa({ now: CA_TIME, validityDays: 400, commonName: 'Short Issuing CA', issuer: root });
    const leaf = craftCertificate({ subject: NTR_SUBJECT, signer: shortIntermediate });
    // The crafted leaf (2030–2032) outlives its issuer (until mid-2030).
    expectFailure(
      checkCertificateChain([...x5cOf(leaf.certificatePem), ...x5cOf(shortIntermediate.certificatePem)], [root.certificatePem], LATER),
      'MP-120',
      /its issuer 'C=NO, O=Folkeport, CN=Short Issuing CA' expired at 2030-07-06T00:00:00.000Z/,
    );
  });

  it('refuses a certificate with a tampered signature as MP-120: the DER still parses, the signature does not verify', () => {
    const der = Buffer.from(x5cOf(certificate.chainPem)[0]!, 'base64');
    der[der.length - 1]! ^= 0x01; // the signature BIT STRING ends the certificate
    expectFailure(checkCertificateChain([der.toString('base64')], [root.certificatePem], LATER), 'MP-120', /signature by its issuer 'C=NO, O=Folkeport, CN=Folkeport Test CA' does not verify/);
  });

  it('refuses a certificate whose signed content was changed (MP-120)', () => {
    const der = Buffer.from(x5cOf(certificate.chainPem)[0]!, 'base64');
    const at = der.indexOf(Buffer.from(`NTRNO-${ORGNR}`));
    der.write('NTRNO-974760673', at); // another organisation's number, same length
    expectFailure(checkCertificateChain([der.toString('base64')], [root.certificatePem], LATER), 'MP-120', /does not verify/);
  });

  it('refuses an x5c that is not an array of base64 DER certificates (MP-123)', () => {
    const [leaf] = x5cOf(certificate.chainPem) as [string];
    const cases: [unknown, RegExp][] = [
      [leaf, /must be a JSON array/],
      [undefined, /must be a JSON array/],
      [{ 0: leaf, length: 1 }, /must be a JSON array/],
      [[], /x5c is empty/],
      [['!!!not base64!!!'], /x5c\[0\] is not a base64 string/],
      [[leaf.replace(/.$/, '')], /x5c\[0\] is not a base64 string/],
      [[`${leaf.slice(0, 64)}\n${leaf.slice(64)}`], /x5c\[0\] is not a base64 string/],
      [[1, 2], /x5c\[0\] is not a base64 string/],
      [[leaf, null], /x5c\[1\] is not a base64 string/],
      [[''], /x5c\[0\] is not a base64 string/],
      [['AAAA'], /x5c\[0\] is not a DER X.509 certificate/],
      [[Buffer.from(certificate.certificatePem).toString('base64')], /x5c\[0\] is not a DER X.509 certificate/],
      [[Buffer.concat([Buffer.from(leaf, 'base64'), Buffer.from([0])]).toString('base64')], /x5c\[0\] is not a DER X.509 certificate/],
      [[leaf.slice(0, 400)], /x5c\[0\] is not a DER X.509 certificate/],
      [[leaf, 'A'.repeat(20_000)], /x5c\[1\] is not a base64 string of at most 16384 characters/],
      [Array(MAX_X5C_CERTIFICATES + 1).fill(leaf), /more than 10 certificates/],
      [new Array(1_000_000), /more than 10 certificates/],
    ];
    for (const [x5c, reason] of cases) {
      expectFailure(checkCertificateChain(x5c, [root.certificatePem], LATER), 'MP-123', reason);
    }
  });

  it('throws on a trusted CA PEM without a certificate: that is a configuration error, not bad input', () => {
    assert.throws(() => checkCertificateChain(x5cOf(certificate.chainPem), ['not a pem'], LATER), /holds no certificate/);
  });
});
