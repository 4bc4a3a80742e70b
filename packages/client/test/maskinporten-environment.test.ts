// A custom issuer (such as Folkeport's own server): the token endpoint is found through RFC 8414 metadata at
// `${issuer}.well-known/oauth-authorization-server`, and the metadata must name the configured issuer.
import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { MASKINPORTEN_PRESETS, MaskinportenClient, MaskinportenError } from '@folkeport/client';
import { CLIENT_ID, startFakeMaskinporten, type FakeMaskinportenOptions } from './fake-maskinporten.js';
import { privateJwk, rsaKeyPair } from './test-keys.js';

const KID = 'folkeport-test-key';
const pair = rsaKeyPair();
const jwk = privateJwk(pair, KID);

async function discoveringClient(t: TestContext, options: FakeMaskinportenOptions, issuer?: string) {
  const fake = await startFakeMaskinporten({ keys: { [KID]: pair.publicKey }, ...options });
  t.after(() => fake.close());
  const client = new MaskinportenClient({
    environment: { issuer: issuer ?? fake.base },
    clientId: CLIENT_ID,
    key: { jwk },
    backoffMs: 1,
  });
  return { fake, client };
}

async function rejection(promise: Promise<unknown>): Promise<MaskinportenError> {
  const error = await promise.then(
    () => assert.fail('expected the promise to reject'),
    (reason: unknown) => reason,
  );
  assert.ok(error instanceof MaskinportenError, `expected a MaskinportenError, got ${String(error)}`);
  return error;
}

test('the presets are the live Maskinporten issuers and token endpoints', () => {
  assert.deepEqual(MASKINPORTEN_PRESETS, {
    test: { issuer: 'https://test.maskinporten.no/', tokenEndpoint: 'https://test.maskinporten.no/token' },
    prod: { issuer: 'https://maskinporten.no/', tokenEndpoint: 'https://maskinporten.no/token' },
  });
});

test('a custom issuer: the token endpoint comes from the metadata, which is read once', async (t) => {
  const { fake, client } = await discoveringClient(t, { tokenPath: '/oauth/v2/token' });
  await client.getToken({ scopes: ['ks:fiks'] });
  await client.getToken({ scopes: ['folkeregister:deling/privat'] });
  assert.equal(fake.metadataRequests, 1);
  assert.equal(fake.tokenRequests, 2);
  assert.equal(fake.grants[0]!.claims.aud, fake.base);
});

test('with tokenEndpoint given, no metadata is read', async (t) => {
  const fake = await startFakeMaskinporten({ keys: { [KID]: pair.publicKey } });
  t.after(() => fake.close());
  const client = new MaskinportenClient({
    environment: { issuer: fake.issuer, tokenEndpoint: fake.tokenEndpoint },
    clientId: CLIENT_ID,
    key: { jwk },
  });
  await client.getToken({ scopes: ['ks:fiks'] });
  assert.equal(fake.metadataRequests, 0);
  assert.equal(fake.tokenRequests, 1);
});

test('metadata naming another issuer is refused before any grant is sent, and read again next time', async (t) => {
  const { fake, client } = await discoveringClient(t, { metadataIssuer: 'https://test.maskinporten.no/' });
  const error = await rejection(client.getToken({ scopes: ['ks:fiks'] }));
  assert.equal(
    error.message,
    `The metadata at ${fake.base}.well-known/oauth-authorization-server is for issuer ` +
      `"https://test.maskinporten.no/", not the configured ${fake.base}`,
  );
  assert.equal(error.retryable, false);
  assert.equal(fake.tokenRequests, 0);
  await rejection(client.getToken({ scopes: ['ks:fiks'] }));
  assert.equal(fake.metadataRequests, 2);
});

test('an issuer without metadata is reported with the URL and status', async (t) => {
  const fake = await startFakeMaskinporten();
  t.after(() => fake.close());
  const client = new MaskinportenClient({
    environment: { issuer: `${fake.base}nowhere/` },
    clientId: CLIENT_ID,
    key: { jwk },
  });
  const error = await rejection(client.getToken({ scopes: ['ks:fiks'] }));
  assert.equal(
    error.message,
    'Could not read the authorization server metadata at ' +
      `${fake.base}nowhere/.well-known/oauth-authorization-server (HTTP 404)`,
  );
  assert.equal(error.status, 404);
});
