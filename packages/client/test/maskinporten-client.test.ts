// MaskinportenClient against a fake token endpoint that verifies every grant with jose: grant shape, presets,
// caching and de-duplication, retries, error mapping, timeouts and request validation.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test, type TestContext } from 'node:test';
import { MaskinportenClient, MaskinportenError, type MaskinportenClientOptions } from '@folkeport/client';
import { CLIENT_ID, startFakeMaskinporten, type FakeMaskinportenOptions } from './fake-maskinporten.js';
import { privateJwk, rsaKeyPair } from './test-keys.js';

const KID = 'folkeport-test-key';
const pair = rsaKeyPair();
const jwk = privateJwk(pair, KID);
const SCOPE = 'folkeregister:deling/offentligmedhjemmel';
// Valid organisasjonsnumre (mod 11), checked with isValidOrganisasjonsnummer.
const CONSUMER = '999999999';
const OTHER_CONSUMER = '974760673';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

async function setup(
  t: TestContext,
  fakeOptions: FakeMaskinportenOptions = {},
  clientOptions: Partial<MaskinportenClientOptions> = {},
) {
  const fake = await startFakeMaskinporten({ keys: { [KID]: pair.publicKey }, ...fakeOptions });
  t.after(() => fake.close());
  const client = new MaskinportenClient({
    environment: { issuer: fake.issuer, tokenEndpoint: fake.tokenEndpoint },
    clientId: CLIENT_ID,
    key: { jwk },
    backoffMs: 1,
    ...clientOptions,
  });
  return { fake, client };
}

async function rejection(promise: Promise<unknown>): Promise<MaskinportenError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof MaskinportenError, `expected a MaskinportenError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the promise to reject');
}

function construct(options: Partial<MaskinportenClientOptions>): MaskinportenError {
  try {
    new MaskinportenClient({
      environment: { issuer: 'http://127.0.0.1:7070/' },
      clientId: CLIENT_ID,
      key: { jwk },
      ...options,
    });
  } catch (error) {
    assert.ok(error instanceof MaskinportenError, `expected a MaskinportenError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the constructor to throw');
}

test('a kid grant has header alg + kid and exactly aud, iss, iat, exp, jti, scope; the token comes back', async (t) => {
  const { fake, client } = await setup(t);
  const token = await client.getToken({ scopes: [SCOPE, 'ks:fiks'] });
  assert.equal(token.accessToken, 'token-0');
  assert.equal(token.tokenType, 'Bearer');
  assert.equal(token.scope, `${SCOPE} ks:fiks`);
  assert.equal(token.expiresIn, 120);

  assert.equal(fake.grants.length, 1);
  const { header, claims } = fake.grants[0]!;
  assert.deepEqual(header, { alg: 'RS256', kid: KID });
  assert.deepEqual(Object.keys(claims).sort(), ['aud', 'exp', 'iat', 'iss', 'jti', 'scope']);
  assert.equal(claims.aud, fake.issuer);
  assert.equal(claims.iss, CLIENT_ID);
  assert.equal(claims.exp! - claims.iat!, 60);
  assert.equal(claims.scope, `${SCOPE} ks:fiks`);
  assert.match(claims.jti!, UUID_V4);
});

test('resource, consumer_org, pid and authorization_details are sent when given, as given', async (t) => {
  const { fake, client } = await setup(t);
  const authorizationDetails = [
    { type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER}` } },
  ];
  await client.getToken({
    scopes: [SCOPE],
    resource: ['https://folkeport.example/api'],
    consumerOrg: CONSUMER,
    pid: '01812345678',
    authorizationDetails,
  });
  await client.getToken({ scopes: [SCOPE], resource: 'https://folkeport.example/api' });
  const [full, stringResource] = fake.grants.map((grant) => grant.claims);
  assert.deepEqual(Object.keys(full!).sort(), [
    'aud',
    'authorization_details',
    'consumer_org',
    'exp',
    'iat',
    'iss',
    'jti',
    'pid',
    'resource',
    'scope',
  ]);
  assert.deepEqual(full!.resource, ['https://folkeport.example/api']);
  assert.equal(full!.consumer_org, CONSUMER);
  assert.equal(full!.pid, '01812345678');
  assert.deepEqual(full!.authorization_details, authorizationDetails);
  assert.equal(stringResource!.resource, 'https://folkeport.example/api');
  assert.equal(stringResource!.consumer_org, undefined);
});

test('RS384 and RS512 grants, and a grant lifetime of 120 s', async (t) => {
  for (const algorithm of ['RS384', 'RS512'] as const) {
    const { fake, client } = await setup(t, {}, { algorithm, grantLifetimeSeconds: 120 });
    await client.getToken({ scopes: [SCOPE] });
    assert.equal(fake.grants[0]!.header.alg, algorithm);
    assert.equal(fake.grants[0]!.claims.exp! - fake.grants[0]!.claims.iat!, 120);
  }
});

test('the test and prod presets post to Maskinporten’s token endpoints with the issuer as aud', async (t) => {
  for (const [environment, issuer, tokenEndpoint] of [
    ['test', 'https://test.maskinporten.no/', 'https://test.maskinporten.no/token'],
    ['prod', 'https://maskinporten.no/', 'https://maskinporten.no/token'],
  ] as const) {
    const fake = await startFakeMaskinporten({ keys: { [KID]: pair.publicKey }, issuer });
    t.after(() => fake.close());
    const urls: string[] = [];
    const client = new MaskinportenClient({
      environment,
      clientId: CLIENT_ID,
      key: { jwk },
      // Stands in for the internet: records where the client posts and hands the request to the fake.
      fetch: (url, init) => {
        urls.push(String(url));
        return fetch(fake.tokenEndpoint, init);
      },
    });
    await client.getToken({ scopes: [SCOPE] });
    assert.deepEqual(urls, [tokenEndpoint]);
    assert.equal(fake.grants[0]!.claims.aud, issuer);
  }
});

test('a cached token is reused; another consumerOrg, resource or scope set gets its own token', async (t) => {
  const { fake, client } = await setup(t);
  const first = await client.getToken({ scopes: [SCOPE, 'ks:fiks'], consumerOrg: CONSUMER });
  const again = await client.getToken({ scopes: ['ks:fiks', SCOPE], consumerOrg: CONSUMER });
  assert.equal(again.accessToken, first.accessToken);
  assert.equal(fake.tokenRequests, 1);

  const other = await client.getToken({ scopes: [SCOPE, 'ks:fiks'], consumerOrg: OTHER_CONSUMER });
  assert.notEqual(other.accessToken, first.accessToken);
  assert.equal(fake.grants[1]!.claims.consumer_org, OTHER_CONSUMER);
  await client.getToken({ scopes: [SCOPE, 'ks:fiks'] });
  await client.getToken({ scopes: [SCOPE, 'ks:fiks'], consumerOrg: CONSUMER, resource: 'https://folkeport.example/' });
  await client.getToken({ scopes: [SCOPE], consumerOrg: CONSUMER });
  assert.equal(fake.tokenRequests, 5);
});

test('a token is renewed expiryMarginSeconds before it expires (injected clock)', async (t) => {
  let now = Date.now();
  const clock = () => now;
  const { fake, client } = await setup(t, { clock }, { clock });
  const start = now;
  const first = await client.getToken({ scopes: [SCOPE] });
  assert.equal(first.expiresAt, start + 120_000);

  now = start + 109_999; // 10.001 s left: still good
  assert.equal((await client.getToken({ scopes: [SCOPE] })).accessToken, first.accessToken);
  assert.equal(fake.tokenRequests, 1);

  now = start + 110_000; // 10 s left: renewed
  const renewed = await client.getToken({ scopes: [SCOPE] });
  assert.notEqual(renewed.accessToken, first.accessToken);
  assert.equal(renewed.expiresAt, now + 120_000);
  assert.equal(fake.tokenRequests, 2);
});

test('expiryMarginSeconds is configurable', async (t) => {
  let now = Date.now();
  const clock = () => now;
  const { fake, client } = await setup(t, { clock }, { clock, expiryMarginSeconds: 60 });
  const start = now;
  await client.getToken({ scopes: [SCOPE] });
  now = start + 59_000;
  await client.getToken({ scopes: [SCOPE] });
  assert.equal(fake.tokenRequests, 1);
  now = start + 60_000;
  await client.getToken({ scopes: [SCOPE] });
  assert.equal(fake.tokenRequests, 2);
});

test('clearCache forgets the cached tokens', async (t) => {
  const { fake, client } = await setup(t);
  await client.getToken({ scopes: [SCOPE] });
  client.clearCache();
  await client.getToken({ scopes: [SCOPE] });
  assert.equal(fake.tokenRequests, 2);
});

test('a token that arrives after clearCache is handed out but not kept', async (t) => {
  const { fake, client } = await setup(t);
  const pending = client.getToken({ scopes: [SCOPE] });
  client.clearCache();
  assert.equal((await pending).accessToken, 'token-0');
  assert.equal((await client.getToken({ scopes: [SCOPE] })).accessToken, 'token-1');
  assert.equal(fake.tokenRequests, 2);
});

test('ten concurrent identical requests share one token request', async (t) => {
  const { fake, client } = await setup(t);
  const tokens = await Promise.all(Array.from({ length: 10 }, () => client.getToken({ scopes: [SCOPE] })));
  assert.equal(fake.tokenRequests, 1);
  assert.deepEqual(new Set(tokens.map((token) => token.accessToken)), new Set(['token-0']));
});

test('a refused request is not cached: concurrent callers share the error, the next call asks again', async (t) => {
  const { fake, client } = await setup(t, {
    reply: (grant, n) =>
      n === 0
        ? { status: 400, json: { error: 'invalid_scope', error_description: 'MP-200 invalid scopes for client' } }
        : { status: 200, json: { access_token: 'second', token_type: 'Bearer', expires_in: 120 } },
  });
  const failures = await Promise.allSettled([1, 2, 3].map(() => client.getToken({ scopes: [SCOPE] })));
  assert.deepEqual(
    failures.map((failure) => failure.status),
    ['rejected', 'rejected', 'rejected'],
  );
  assert.equal(fake.tokenRequests, 1);
  const token = await client.getToken({ scopes: [SCOPE] });
  assert.equal(token.accessToken, 'second');
  assert.equal(token.scope, SCOPE, 'a response without scope grants the requested scope (RFC 6749 §5.1)');
  assert.equal(fake.tokenRequests, 2);
});

test('503 answers are retried with a fresh grant each time, then the token comes', async (t) => {
  const { fake, client } = await setup(t, {
    reply: (grant, n) =>
      n < 2
        ? { status: 503, json: { error: 'temporarily_unavailable' } }
        : { status: 200, json: { access_token: 'after-503', token_type: 'Bearer', expires_in: 120, scope: SCOPE } },
  });
  const token = await client.getToken({ scopes: [SCOPE] });
  assert.equal(token.accessToken, 'after-503');
  assert.equal(fake.tokenRequests, 3);
  // The fake refuses a reused jti, so three accepted grants means three different ones.
  assert.equal(new Set(fake.grants.map((grant) => grant.claims.jti)).size, 3);
});

test('after the retries are used up the 5xx error is reported as retryable', async (t) => {
  const { fake, client } = await setup(t, { reply: () => ({ status: 500, text: '<h1>Internal error</h1>' }) });
  const error = await rejection(client.getToken({ scopes: [SCOPE] }));
  assert.equal(fake.tokenRequests, 4, 'one attempt and the default 3 retries');
  assert.equal(error.status, 500);
  assert.equal(error.retryable, true);
  assert.equal(
    error.message,
    'Maskinporten failed to answer the token request (500): <h1>Internal error</h1> (gave up after 4 attempts)',
  );
});

test('a 400 is never retried; the error says what Maskinporten said and carries the MP code', async (t) => {
  const description = 'MP-124 Invalid JWT signature [ref 3f1c9a]';
  const { fake, client } = await setup(t, {
    reply: () => ({ status: 400, json: { error: 'invalid_grant', error_description: description } }),
  });
  const error = await rejection(client.getToken({ scopes: [SCOPE] }));
  assert.equal(fake.tokenRequests, 1);
  assert.equal(error.message, `Maskinporten refused the token request (400 invalid_grant): ${description}`);
  assert.equal(error.status, 400);
  assert.equal(error.error, 'invalid_grant');
  assert.equal(error.errorDescription, description);
  assert.equal(error.code, 'MP-124');
  assert.equal(error.retryable, false);
});

test('a 403 for a missing delegation maps to MP-251; an error without an MP id has no code', async (t) => {
  const answers = [
    {
      status: 403,
      json: {
        error: 'access_denied',
        error_description:
          `MP-251 Consumer ${CONSUMER} has not delegated access to the scope ${SCOPE} ` +
          `to supplier ${OTHER_CONSUMER}`,
      },
    },
    { status: 401, json: { error: 'invalid_client', error_description: 'Client not found' } },
  ];
  const { client } = await setup(t, { reply: (grant, n) => answers[n]! });
  const delegation = await rejection(client.getToken({ scopes: [SCOPE], consumerOrg: CONSUMER }));
  assert.equal(delegation.status, 403);
  assert.equal(delegation.code, 'MP-251');
  assert.equal(delegation.retryable, false);
  const unknown = await rejection(client.getToken({ scopes: [SCOPE] }));
  assert.equal(unknown.message, 'Maskinporten refused the token request (401 invalid_client): Client not found');
  assert.equal(unknown.code, undefined);
});

test('an unreachable token endpoint is retried and then reported', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const port = (closed.address() as AddressInfo).port;
  await new Promise((resolve) => closed.close(resolve));
  let attempts = 0;
  const client = new MaskinportenClient({
    environment: { issuer: `http://127.0.0.1:${port}/`, tokenEndpoint: `http://127.0.0.1:${port}/token` },
    clientId: CLIENT_ID,
    key: { jwk },
    retries: 2,
    backoffMs: 1,
    fetch: (url, init) => {
      attempts++;
      return fetch(url, init);
    },
  });
  const error = await rejection(client.getToken({ scopes: [SCOPE] }));
  assert.equal(attempts, 3);
  assert.equal(error.retryable, true);
  assert.equal(error.status, undefined);
  assert.equal(
    error.message,
    `Could not reach http://127.0.0.1:${port}/token: ECONNREFUSED (gave up after 3 attempts)`,
  );
});

test('a token endpoint that does not answer times out after timeoutMs, per attempt', async (t) => {
  const { fake, client } = await setup(t, { reply: () => 'hang' }, { timeoutMs: 100, retries: 1 });
  const started = Date.now();
  const error = await rejection(client.getToken({ scopes: [SCOPE] }));
  assert.ok(Date.now() - started >= 190, 'two attempts of 100 ms each');
  assert.equal(fake.tokenRequests, 2);
  assert.equal(error.retryable, true);
  assert.equal(error.message, `No answer from ${fake.tokenEndpoint} within 100 ms (gave up after 2 attempts)`);
});

test('a malformed token response is a MaskinportenError and is not retried', async (t) => {
  const bodies: { body: { text: string } | { json: unknown }; message: RegExp }[] = [
    { body: { text: 'not json' }, message: /token response is not a JSON object: not json$/ },
    { body: { json: [] }, message: /not a JSON object/ },
    {
      body: { json: { token_type: 'Bearer', expires_in: 120 } },
      message: /malformed: access_token is not a non-empty string$/,
    },
    {
      body: { json: { access_token: 'x', token_type: 'Bearer', expires_in: '120', scope: 7 } },
      message: /malformed: expires_in is not a positive number; scope is not a string$/,
    },
  ];
  for (const { body, message } of bodies) {
    const { fake, client } = await setup(t, { reply: () => ({ status: 200, ...body }) });
    const error = await rejection(client.getToken({ scopes: [SCOPE] }));
    assert.match(error.message, message);
    assert.equal(error.retryable, false);
    assert.equal(fake.tokenRequests, 1);
  }
});

test('invalid requests are rejected before anything is sent', async (t) => {
  const { fake, client } = await setup(t);
  const cases: [Parameters<MaskinportenClient['getToken']>[0], RegExp][] = [
    [{ scopes: [SCOPE], consumerOrg: '123456789' }, /consumerOrg "123456789" is not a valid organisasjonsnummer/],
    [{ scopes: [SCOPE], consumerOrg: '99999999' }, /not a valid organisasjonsnummer/],
    [{ scopes: [] }, /scopes must be a non-empty array/],
    [{ scopes: ['a b'] }, /scope "a b" must be a non-empty string without spaces/],
    [{ scopes: [SCOPE], resource: [] }, /resource must be/],
    [{ scopes: [SCOPE], authorizationDetails: ['x'] }, /authorizationDetails must be an array of objects/],
  ];
  for (const [request, message] of cases) {
    const error = await rejection(client.getToken(request));
    assert.match(error.message, message);
    assert.equal(error.retryable, false);
  }
  const pidError = await rejection(client.getToken({ scopes: [SCOPE], pid: '0181234567' }));
  assert.equal(pidError.message, 'Invalid token request: pid must be an 11-digit identity number');
  assert.equal(fake.tokenRequests, 0);
});

test('invalid options are rejected when the client is made', () => {
  assert.match(construct({ grantLifetimeSeconds: 121 }).message, /grantLifetimeSeconds must be a whole number, 1–120/);
  assert.match(construct({ grantLifetimeSeconds: 0 }).message, /grantLifetimeSeconds/);
  assert.match(construct({ algorithm: 'HS256' as 'RS256' }).message, /algorithm must be one of RS256, RS384, RS512/);
  assert.match(construct({ retries: -1 }).message, /retries must be a whole number, at least 0/);
  assert.match(construct({ clientId: '' }).message, /clientId must be a non-empty string/);
  assert.match(construct({ environment: { issuer: 'http://127.0.0.1:7070' } }).message, /must end with '\/'/);
  assert.match(construct({ environment: { issuer: 'ftp://127.0.0.1/' } }).message, /absolute http\(s\) URL/);
  assert.match(construct({ environment: 'dev' as 'test' }).message, /environment must be 'test', 'prod'/);
  assert.match(construct({ key: { jwk: { ...jwk, kid: undefined } } }).message, /The JWK has no kid/);
  assert.match(construct({ key: { jwk: { ...jwk, d: undefined } } }).message, /must be a private RSA key/);
  const algMismatch = construct({ key: { jwk: { ...jwk, alg: 'RS512' } } });
  assert.match(algMismatch.message, /JWK is for RS512, but algorithm is RS256/);
  const small = privateJwk(rsaKeyPair(1024), 'small');
  assert.match(construct({ key: { jwk: small } }).message, /1024-bit RSA key; at least 2048 bits are needed/);
});
