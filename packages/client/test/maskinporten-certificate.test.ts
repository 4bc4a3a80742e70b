// Grants signed with a virksomhetssertifikat (x5c), from PEM and from a PKCS#12 file made here with node-forge.
// The fake token endpoint verifies each grant's signature with the public key of its x5c leaf.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { MaskinportenClient, MaskinportenError, type SigningKey } from '@folkeport/client';
import { CLIENT_ID, startFakeMaskinporten } from './fake-maskinporten.js';
import { certificate, pkcs12, privateKeyPem, rsaKeyPair } from './test-keys.js';

const SCOPE = 'ks:fiks';
const ca = { name: 'Folkeport Test CA', pair: rsaKeyPair() };
const leaf = { name: 'FOLKEPORT TESTLEVERANDØR AS', pair: rsaKeyPair() };
const stranger = { name: 'Someone Else AS', pair: rsaKeyPair() };
const caCertificate = certificate(ca, ca, { ca: true });
const leafCertificate = certificate(leaf, ca);
const selfSigned = certificate(leaf);
const strangerCertificate = certificate(stranger);

/** Gets one token with `key` and returns the grant header the fake received. */
async function grantHeader(t: TestContext, key: SigningKey) {
  const fake = await startFakeMaskinporten();
  t.after(() => fake.close());
  const client = new MaskinportenClient({
    environment: { issuer: fake.issuer, tokenEndpoint: fake.tokenEndpoint },
    clientId: CLIENT_ID,
    key,
  });
  const token = await client.getToken({ scopes: [SCOPE] });
  assert.equal(token.accessToken, 'token-0');
  assert.deepEqual(Object.keys(fake.grants[0]!.claims).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
  return fake.grants[0]!.header;
}

function loadError(key: SigningKey): MaskinportenError {
  try {
    new MaskinportenClient({ environment: 'test', clientId: CLIENT_ID, key });
  } catch (error) {
    assert.ok(error instanceof MaskinportenError, `expected a MaskinportenError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the key to be refused');
}

test('PEM certificate and key: header is alg + x5c with the certificate, no kid, no typ', async (t) => {
  const header = await grantHeader(t, { certificatePem: selfSigned.pem, privateKeyPem: privateKeyPem(leaf.pair) });
  assert.deepEqual(header, { alg: 'RS256', x5c: [selfSigned.der] });
});

test('a PEM bundle is sent leaf first, then its issuer', async (t) => {
  const header = await grantHeader(t, {
    certificatePem: caCertificate.pem + leafCertificate.pem,
    privateKeyPem: privateKeyPem(leaf.pair),
  });
  assert.deepEqual(header.x5c, [leafCertificate.der, caCertificate.der]);
});

test('PKCS#12: the leaf is the private key’s certificate, then its chain; unrelated ones are left out', async (t) => {
  const file = pkcs12(leaf.pair, [strangerCertificate, caCertificate, leafCertificate], 'hemmelig passord');
  const header = await grantHeader(t, { pkcs12: file, password: 'hemmelig passord' });
  assert.deepEqual(header, { alg: 'RS256', x5c: [leafCertificate.der, caCertificate.der] });
});

test('PKCS#12 with only a self-signed certificate', async (t) => {
  const header = await grantHeader(t, { pkcs12: pkcs12(leaf.pair, [selfSigned], 'pw'), password: 'pw' });
  assert.deepEqual(header.x5c, [selfSigned.der]);
});

test('PKCS#12 with a wrong password, or not PKCS#12 at all, is refused with a clear message', () => {
  const file = pkcs12(leaf.pair, [leafCertificate], 'right');
  const wrongPassword = loadError({ pkcs12: file, password: 'wrong' });
  assert.equal(wrongPassword.message, 'Could not open the PKCS#12 file: wrong password');
  assert.match(
    loadError({ pkcs12: new TextEncoder().encode('not a pkcs12 file'), password: 'x' }).message,
    /^Could not read the PKCS#12 file: /,
  );
});

test('a certificate that does not belong to the private key is refused', () => {
  assert.equal(
    loadError({ certificatePem: strangerCertificate.pem, privateKeyPem: privateKeyPem(leaf.pair) }).message,
    'certificatePem: none of its 1 certificate(s) matches the private key',
  );
  assert.equal(
    loadError({ pkcs12: pkcs12(leaf.pair, [strangerCertificate, caCertificate], 'pw'), password: 'pw' }).message,
    'The PKCS#12 file: none of its 2 certificate(s) matches the private key',
  );
  assert.match(
    loadError({ certificatePem: 'no certificate here', privateKeyPem: privateKeyPem(leaf.pair) }).message,
    /certificatePem holds no PEM certificate/,
  );
  assert.match(
    loadError({ certificatePem: selfSigned.pem, privateKeyPem: 'not a key' }).message,
    /^privateKeyPem is not a readable private key: /,
  );
});
