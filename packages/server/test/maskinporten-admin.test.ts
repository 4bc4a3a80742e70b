// The Maskinporten admin API (clients, keys, scopes, scope access, the delegation register) as an operator
// or a test suite uses it over HTTP, on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { exportJWK } from 'jose';
import { sql } from 'kysely';
import { openMaskinportenStore } from '../src/maskinporten/maskinporten-store.js';
import { createMaskinportenServer } from '../src/maskinporten/maskinporten-server.js';
import { describeDatabases } from './databases.js';
import {
  ADMIN_TOKEN,
  CLIENT_ORG,
  CONSUMER_ORG,
  DELEGATION_SOURCE,
  FIKS_SCOPE,
  FREG_SCOPE,
  ISSUER,
  OTHER_ORG,
  START,
  mpCode,
  setUp,
} from './maskinporten-fixture.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const YEAR_SECONDS = 365 * 24 * 3600;
const REFERENCE = /\(reference [0-9a-f-]{36}\)$/;

/** The OAuth error body every admin refusal has; returns the description. */
function oauthError(body: unknown, error: string): string {
  assert.deepEqual(Object.keys(body as object).sort(), ['error', 'error_description']);
  const { error: code, error_description: description } = body as { error: string; error_description: string };
  assert.equal(code, error);
  assert.match(description, REFERENCE);
  return description;
}

describeDatabases('Maskinporten admin API: credential', (target) => {
  test('refuses calls without the admin credential, with another one, or with another scheme (401)', async () => {
    const f = await setUp(target.db);
    const call = (headers: Record<string, string>) =>
      f.server.app.inject({ method: 'POST', url: '/clients', headers, payload: { client_name: 'Sneaky', client_orgno: OTHER_ORG } });
    const refused: Record<string, string>[] = [
      {},
      { authorization: 'Bearer not-the-credential' },
      { authorization: `Bearer ${ADMIN_TOKEN}x` },
      { authorization: `Basic ${Buffer.from(`admin:${ADMIN_TOKEN}`).toString('base64')}` },
      { authorization: ADMIN_TOKEN },
    ];
    for (const headers of refused) {
      const response = await call(headers);
      assert.equal(response.statusCode, 401, JSON.stringify(headers));
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="folkeport-admin"');
      assert.match(oauthError(response.json(), 'invalid_token'), /^The admin API needs the admin credential as a bearer token/);
    }
    const clients = await f.admin('GET', '/clients');
    assert.deepEqual(clients.body.map((client: { client_name: string }) => client.client_name), ['Vendor'], 'nothing was created');
  });

  test('checks the credential before reading the body: an unauthenticated huge body is 401, not 413', async () => {
    const f = await setUp(target.db);
    const response = await f.server.app.inject({
      method: 'POST',
      url: '/clients',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ client_name: 'x'.repeat(300 * 1024) }),
    });
    assert.equal(response.statusCode, 401);
  });

  test('a server started without an admin credential refuses every admin call and says the API is off', async () => {
    const server = createMaskinportenServer({ store: await openMaskinportenStore(target.db), issuer: ISSUER });
    for (const authorization of [undefined, `Bearer ${ADMIN_TOKEN}`, 'Bearer undefined', 'Bearer ']) {
      const response = await server.app.inject({ method: 'GET', url: '/clients', headers: authorization ? { authorization } : {} });
      assert.equal(response.statusCode, 401);
      assert.match(oauthError(response.json(), 'invalid_token'), /^The admin API is disabled: the server was started without an admin credential/);
    }
    // The token endpoint and the metadata do not need the credential.
    assert.equal((await server.app.inject({ method: 'GET', url: '/jwk' })).statusCode, 200);
  });
});

describeDatabases('Maskinporten admin API: clients', (target) => {
  test('create answers 201 with the documented client; get, list, update and delete; unknown ids are 404', async () => {
    const f = await setUp(target.db);
    const created = await f.admin('POST', '/clients', {
      client_name: 'Kommune-integrasjon',
      description: 'FREG lookups',
      client_orgno: OTHER_ORG,
      scopes: [FIKS_SCOPE],
      integration_type: 'maskinporten',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: [JWT_BEARER],
    });
    assert.equal(created.status, 201);
    const client = created.body;
    assert.match(client.client_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.deepEqual(client, {
      client_id: client.client_id,
      client_name: 'Kommune-integrasjon',
      description: 'FREG lookups',
      client_orgno: OTHER_ORG,
      integration_type: 'maskinporten',
      token_endpoint_auth_method: 'private_key_jwt',
      grant_types: [JWT_BEARER],
      scopes: [FIKS_SCOPE],
      created: new Date(START).toISOString(),
      last_updated: new Date(START).toISOString(),
    });

    assert.deepEqual((await f.admin('GET', `/clients/${client.client_id}`)).body, client);
    const listed = await f.admin('GET', '/clients');
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.map((c: { client_id: string }) => c.client_id).sort(), [f.clientId, client.client_id].sort());

    f.now.value += 60_000;
    const updated = await f.admin('PUT', `/clients/${client.client_id}`, { client_name: 'Renamed', scopes: [FREG_SCOPE, FIKS_SCOPE, FREG_SCOPE] });
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body, {
      ...client,
      client_name: 'Renamed',
      scopes: [FREG_SCOPE, FIKS_SCOPE],
      last_updated: new Date(START + 60_000).toISOString(),
    });
    assert.deepEqual((await f.admin('GET', `/clients/${client.client_id}`)).body, updated.body);

    const deleted = await f.server.app.inject({
      method: 'DELETE',
      url: `/clients/${client.client_id}`,
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    assert.equal(deleted.statusCode, 204);
    assert.equal(deleted.body, '');
    for (const [method, url, payload] of [
      ['GET', `/clients/${client.client_id}`],
      ['PUT', `/clients/${client.client_id}`, { client_name: 'Again' }],
      ['DELETE', `/clients/${client.client_id}`],
      ['GET', `/clients/${client.client_id}/jwks`],
      ['POST', `/clients/${client.client_id}/jwks`, { keys: [] }],
      ['GET', '/clients/no-such-client'],
    ] as const) {
      const response = await f.admin(method, url, payload);
      assert.equal(response.status, 404, `${method} ${url}`);
      assert.match(oauthError(response.body, 'not_found'), /^No client /);
    }
  });

  test('a chosen client_id is kept and unique (409); bad input is 400 and creates nothing', async () => {
    const f = await setUp(target.db);
    const chosen = { client_id: 'kommune.oslo:freg-1', client_name: 'Chosen', client_orgno: OTHER_ORG };
    const first = await f.admin('POST', '/clients', chosen);
    assert.equal(first.status, 201);
    assert.equal(first.body.client_id, 'kommune.oslo:freg-1');
    assert.deepEqual(first.body.scopes, []);
    const again = await f.admin('POST', '/clients', chosen);
    assert.equal(again.status, 409);
    assert.match(oauthError(again.body, 'conflict'), /client kommune\.oslo:freg-1 already exists/);

    const refusals: [unknown, RegExp][] = [
      [{ client_name: 'x', client_orgno: '123456789' }, /client_orgno 123456789 is not a valid organisation number/],
      [{ client_name: 'x', client_orgno: '99182582' }, /body\/client_orgno must match pattern/],
      [{ client_name: 'x', client_orgno: OTHER_ORG, scopes: ['nobody:scope'] }, /Unknown scopes: nobody:scope/],
      [{ client_name: 'x', client_orgno: OTHER_ORG, client_id: 'with space' }, /body\/client_id must match pattern/],
      [{ client_name: 'x', client_orgno: OTHER_ORG, integration_type: 'idporten' }, /body\/integration_type must be equal to constant/],
      [{ client_name: 'x', client_orgno: OTHER_ORG, client_secret: 's' }, /body must NOT have additional properties/],
      [{ client_orgno: OTHER_ORG }, /body must have required property 'client_name'/],
      // The wrong JSON type is refused, not converted.
      [{ client_name: 5, client_orgno: OTHER_ORG }, /body\/client_name must be string/],
    ];
    for (const [payload, message] of refusals) {
      const response = await f.admin('POST', '/clients', payload);
      assert.equal(response.status, 400, JSON.stringify(payload));
      assert.match(oauthError(response.body, 'invalid_request'), message);
    }
    const update = await f.admin('PUT', `/clients/${f.clientId}`, { scopes: ['nobody:scope'] });
    assert.equal(update.status, 400);
    assert.match(oauthError(update.body, 'invalid_request'), /Unknown scopes: nobody:scope/);
    assert.equal((await f.admin('GET', '/clients')).body.length, 2, 'the fixture client and the chosen one');
  });

  test('a deleted client can no longer get tokens, and its kid becomes free', async () => {
    const f = await setUp(target.db);
    assert.equal((await f.admin('DELETE', `/clients/${f.clientId}`)).status, 204);
    assert.equal(mpCode((await f.token(await f.grant())).body), 'MP-100');
    const other = await f.admin('POST', '/clients', { client_name: 'Other', client_orgno: OTHER_ORG });
    const reused = await f.admin('POST', `/clients/${other.body.client_id}/jwks`, { keys: [{ ...f.key.publicJwk, kid: f.kid }] });
    assert.equal(reused.status, 201);
  });
});

describeDatabases('Maskinporten admin API: client keys (JWKS)', (target) => {
  test('lists the registered key with its expiry: one year after registration by default', async () => {
    const f = await setUp(target.db);
    const jwks = await f.admin('GET', `/clients/${f.clientId}/jwks`);
    assert.equal(jwks.status, 200);
    assert.deepEqual(jwks.body, { keys: [{ ...f.key.publicJwk, kid: f.kid, alg: 'RS256', use: 'sig', exp: START / 1000 + YEAR_SECONDS }] });
  });

  test('POST replaces the whole set: old kids stop working, new ones work, exp is kept when within a year', async () => {
    const f = await setUp(target.db);
    const exp = START / 1000 + 30 * 24 * 3600;
    const replaced = await f.admin('POST', `/clients/${f.clientId}/jwks`, {
      keys: [
        { ...f.otherKey.publicJwk, kid: 'second-key', exp },
        { ...f.otherKey.publicJwk, kid: 'third-key', alg: 'RS512', use: 'sig', exp: START / 1000 + YEAR_SECONDS },
      ],
    });
    assert.equal(replaced.status, 201);
    assert.deepEqual(replaced.body, {
      keys: [
        { ...f.otherKey.publicJwk, kid: 'second-key', exp },
        { ...f.otherKey.publicJwk, kid: 'third-key', alg: 'RS512', use: 'sig', exp: START / 1000 + YEAR_SECONDS },
      ],
    });
    assert.deepEqual((await f.admin('GET', `/clients/${f.clientId}/jwks`)).body, replaced.body);
    assert.equal(mpCode((await f.token(await f.grant())).body), 'MP-100', 'the replaced kid is gone');
    const withNew = await f.token(await f.grant({}, { kid: 'second-key' }, f.otherKey.privateKey));
    assert.equal(withNew.status, 200);

    const emptied = await f.admin('POST', `/clients/${f.clientId}/jwks`, { keys: [] });
    assert.deepEqual(emptied.body, { keys: [] });
    assert.equal(mpCode((await f.token(await f.grant({}, { kid: 'second-key' }, f.otherKey.privateKey))).body), 'MP-100');
  });

  test('a kid is unique across all clients (409), and a refused set leaves the keys as they were', async () => {
    const f = await setUp(target.db);
    const other = await f.admin('POST', '/clients', { client_name: 'Other', client_orgno: OTHER_ORG });
    const taken = await f.admin('POST', `/clients/${other.body.client_id}/jwks`, {
      keys: [{ ...f.otherKey.publicJwk, kid: 'fresh' }, { ...f.otherKey.publicJwk, kid: f.kid }],
    });
    assert.equal(taken.status, 409);
    assert.match(oauthError(taken.body, 'conflict'), new RegExp(`kid ${f.kid} is already registered`));
    assert.deepEqual((await f.admin('GET', `/clients/${other.body.client_id}/jwks`)).body, { keys: [] }, 'nothing of the set was kept');
    const twice = await f.admin('POST', `/clients/${f.clientId}/jwks`, {
      keys: [{ ...f.otherKey.publicJwk, kid: 'same' }, { ...f.key.publicJwk, kid: 'same' }],
    });
    assert.equal(twice.status, 400);
    assert.match(oauthError(twice.body, 'invalid_request'), /keys\[1\]: kid same occurs twice/);
    assert.equal((await f.token(await f.grant())).status, 200, 'the client still has its key');
  });

  test('refuses private keys, non-RSA keys, keys under 2048 bits and bad members (400)', async () => {
    const f = await setUp(target.db);
    const privateJwk = await exportJWK(generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey);
    const ecJwk = await exportJWK(generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey);
    const smallJwk = await exportJWK(generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey);
    const refusals: [Record<string, unknown>, RegExp][] = [
      [{ ...privateJwk, kid: 'private' }, /keys\[0\]: this is a private key; register only the public key \(n, e\)/],
      [{ ...ecJwk, kid: 'ec' }, /keys\[0\]: only RSA keys \(kty RSA\) are accepted/],
      [{ ...smallJwk, kid: 'small' }, /keys\[0\]: the key must have at least 2048 bits/],
      [{ kty: 'oct', k: 'c2VjcmV0', kid: 'symmetric' }, /only RSA keys/],
      [{ ...f.otherKey.publicJwk }, /keys\[0\]: kid is required/],
      [{ ...f.otherKey.publicJwk, kid: 'has space' }, /kid is required \(letters, digits/],
      [{ ...f.otherKey.publicJwk, kid: 'hs', alg: 'HS256' }, /alg must be RS256, RS384 or RS512/],
      [{ ...f.otherKey.publicJwk, kid: 'enc', use: 'enc' }, /use must be sig/],
      [{ ...f.otherKey.publicJwk, kid: 'extra', key_ops: ['verify'] }, /unknown members key_ops/],
      [{ kty: 'RSA', kid: 'broken', n: 'AQAB', e: 'AQAB' }, /at least 2048 bits|do not form an RSA public key/],
      [{ kty: 'RSA', kid: 'no-modulus', e: 'AQAB' }, /n and e do not form an RSA public key/],
    ];
    for (const [jwk, message] of refusals) {
      const response = await f.admin('POST', `/clients/${f.clientId}/jwks`, { keys: [jwk] });
      assert.equal(response.status, 400, String(jwk.kid));
      assert.match(oauthError(response.body, 'invalid_request'), message);
    }
    assert.equal((await f.admin('GET', `/clients/${f.clientId}/jwks`)).body.keys[0].kid, f.kid, 'the registered key is untouched');
  });

  test('exp: at most one year out, not passed, whole seconds', async () => {
    const f = await setUp(target.db);
    const post = (exp: unknown) => f.admin('POST', `/clients/${f.clientId}/jwks`, { keys: [{ ...f.otherKey.publicJwk, kid: 'k', exp }] });
    const now = START / 1000;
    const tooLate = await post(now + YEAR_SECONDS + 1);
    assert.equal(tooLate.status, 400);
    assert.match(oauthError(tooLate.body, 'invalid_request'), /keys\[0\]: exp is more than one year from now/);
    const passed = await post(now);
    assert.equal(passed.status, 400);
    assert.match(oauthError(passed.body, 'invalid_request'), /keys\[0\]: exp has passed/);
    for (const bad of [now + 0.5, String(now + 60)]) {
      const response = await post(bad);
      assert.equal(response.status, 400);
      assert.match(oauthError(response.body, 'invalid_request'), /exp must be seconds since 1970/);
    }
    const latest = await post(now + YEAR_SECONDS);
    assert.equal(latest.status, 201);
    assert.equal(latest.body.keys[0].exp, now + YEAR_SECONDS);
  });
});

describeDatabases('Maskinporten admin API: scopes and scope access', (target) => {
  test('creates a scope (201) with every field, lists it; duplicates are 409', async () => {
    const f = await setUp(target.db);
    const scope = {
      name: 'folkeport:test/read',
      owner_orgno: OTHER_ORG,
      description: 'Test API',
      delegation_source: DELEGATION_SOURCE,
      at_max_age: 60,
      allowed_integration_types: ['maskinporten', 'api_klient'],
    };
    const created = await f.admin('POST', '/scopes', scope);
    assert.equal(created.status, 201);
    assert.deepEqual(created.body, { ...scope, created: new Date(START).toISOString() });
    const minimal = await f.admin('POST', '/scopes', { name: 'folkeport:minimal', owner_orgno: OTHER_ORG });
    assert.deepEqual(minimal.body, {
      name: 'folkeport:minimal',
      owner_orgno: OTHER_ORG,
      description: '',
      allowed_integration_types: ['maskinporten'],
      created: new Date(START).toISOString(),
    });
    const listed = await f.admin('GET', '/scopes');
    assert.deepEqual(
      listed.body.map((s: { name: string }) => s.name),
      ['folkeport:minimal', 'folkeport:test/read', FREG_SCOPE, FIKS_SCOPE].sort(),
    );
    const again = await f.admin('POST', '/scopes', scope);
    assert.equal(again.status, 409);
    assert.match(oauthError(again.body, 'conflict'), /scope folkeport:test\/read already exists/);
  });

  test('refuses invalid names, owners and unknown fields (400)', async () => {
    const f = await setUp(target.db);
    const refusals: [unknown, RegExp][] = [
      [{ name: 'noprefix', owner_orgno: OTHER_ORG }, /A scope name is <prefix>:<subscope>/],
      [{ name: ':nothing', owner_orgno: OTHER_ORG }, /A scope name is <prefix>:<subscope>/],
      [{ name: 'has space:x', owner_orgno: OTHER_ORG }, /body\/name must match pattern/],
      [{ name: 'folkeport:x', owner_orgno: '123456789' }, /owner_orgno 123456789 is not a valid organisation number/],
      [{ name: 'folkeport:x', owner_orgno: OTHER_ORG, at_max_age: 0 }, /body\/at_max_age must be >= 1/],
      [{ name: 'folkeport:x', owner_orgno: OTHER_ORG, owner: 'me' }, /body must NOT have additional properties/],
      [{ name: 'folkeport:x', owner_orgno: OTHER_ORG, delegation_source: '' }, /body\/delegation_source must NOT have fewer than 1 characters/],
    ];
    for (const [payload, message] of refusals) {
      const response = await f.admin('POST', '/scopes', payload);
      assert.equal(response.status, 400, JSON.stringify(payload));
      assert.match(oauthError(response.body, 'invalid_request'), message);
    }
    assert.equal((await f.admin('GET', '/scopes')).body.length, 2, 'only the fixture scopes');
  });

  test('grants a scope to a consumer, lists who has it, revokes it (a revoke of nothing is 404)', async () => {
    const f = await setUp(target.db);
    const scope = encodeURIComponent(FREG_SCOPE);
    const granted = await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${scope}`);
    assert.equal(granted.status, 200);
    assert.deepEqual(granted.body, { scope: FREG_SCOPE, consumer_orgno: CONSUMER_ORG, state: 'granted' });
    assert.deepEqual((await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${scope}`)).body.state, 'already granted');
    const access = await f.admin('GET', `/scopes/access?scope=${scope}`);
    assert.deepEqual(access.body, [
      { scope: FREG_SCOPE, consumer_orgno: CONSUMER_ORG, created: new Date(START).toISOString() },
      { scope: FREG_SCOPE, consumer_orgno: CLIENT_ORG, created: new Date(START).toISOString() },
    ]);

    const revoked = await f.admin('DELETE', `/scopes/access/${CLIENT_ORG}?scope=${scope}`);
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body, { scope: FREG_SCOPE, consumer_orgno: CLIENT_ORG, state: 'revoked' });
    assert.deepEqual((await f.admin('GET', `/scopes/access?scope=${scope}`)).body.map((a: { consumer_orgno: string }) => a.consumer_orgno), [CONSUMER_ORG]);
    const refused = await f.token(await f.grant());
    assert.equal(refused.status, 403);
    assert.equal(mpCode(refused.body), 'MP-250', 'the client organisation lost the scope');

    const none = await f.admin('DELETE', `/scopes/access/${CLIENT_ORG}?scope=${scope}`);
    assert.equal(none.status, 404);
    assert.match(oauthError(none.body, 'not_found'), new RegExp(`${CLIENT_ORG} has no access to ${FREG_SCOPE}`));
  });

  test('scope access refuses unknown scopes and invalid organisation numbers (400)', async () => {
    const f = await setUp(target.db);
    const refusals: [string, string, RegExp][] = [
      ['PUT', `/scopes/access/${CONSUMER_ORG}?scope=nobody:scope`, /Unknown scopes: nobody:scope/],
      ['GET', '/scopes/access?scope=nobody:scope', /Unknown scopes: nobody:scope/],
      ['PUT', `/scopes/access/123456789?scope=${FIKS_SCOPE}`, /consumer_orgno 123456789 is not a valid organisation number/],
      ['PUT', `/scopes/access/12345678?scope=${FIKS_SCOPE}`, /params\/consumerOrg must match pattern/],
      ['PUT', `/scopes/access/${CONSUMER_ORG}`, /querystring must have required property 'scope'/],
      ['PUT', `/scopes/access/${CONSUMER_ORG}?scope=${FIKS_SCOPE}&role=admin`, /querystring must NOT have additional properties/],
    ];
    for (const [method, url, message] of refusals) {
      const response = await f.admin(method as 'GET' | 'PUT', url);
      assert.equal(response.status, 400, url);
      assert.match(oauthError(response.body, 'invalid_request'), message);
    }
  });
});

describeDatabases('Maskinporten admin API: delegations', (target) => {
  const delegation = { consumer_org: CONSUMER_ORG, supplier_org: CLIENT_ORG, scope: FREG_SCOPE };

  test('delegate (201), a second current one is 409, revoke returns the record with revoked, history keeps it', async () => {
    const f = await setUp(target.db);
    const created = await f.admin('POST', '/delegations', delegation);
    assert.equal(created.status, 201);
    assert.equal(typeof created.body.id, 'number');
    assert.deepEqual(created.body, { id: created.body.id, ...delegation, delegated: new Date(START).toISOString() });
    const duplicate = await f.admin('POST', '/delegations', delegation);
    assert.equal(duplicate.status, 409);
    assert.match(oauthError(duplicate.body, 'conflict'), new RegExp(`${CONSUMER_ORG} has already delegated ${FREG_SCOPE} to ${CLIENT_ORG}`));

    f.now.value += 3_600_000;
    const query = new URLSearchParams(delegation).toString();
    const revoked = await f.admin('DELETE', `/delegations?${query}`);
    assert.equal(revoked.status, 200);
    assert.deepEqual(revoked.body, { ...created.body, revoked: new Date(START + 3_600_000).toISOString() });
    const again = await f.admin('DELETE', `/delegations?${query}`);
    assert.equal(again.status, 404);
    assert.match(oauthError(again.body, 'not_found'), /has no current delegation of/);

    f.now.value += 60_000;
    const renewed = await f.admin('POST', '/delegations', delegation);
    assert.equal(renewed.status, 201, 'a revoked delegation can be given again');
    assert.ok(renewed.body.id > created.body.id);
    assert.deepEqual((await f.admin('GET', '/delegations')).body, [renewed.body]);
    assert.deepEqual((await f.admin('GET', '/delegations?history=true')).body, [revoked.body, renewed.body]);
    assert.deepEqual((await f.admin('GET', `/delegations?history=true&supplier_org=${OTHER_ORG}`)).body, []);
    assert.deepEqual((await f.admin('GET', `/delegations?scope=${encodeURIComponent(FREG_SCOPE)}&consumer_org=${CONSUMER_ORG}`)).body, [renewed.body]);
  });

  test('refuses self-delegation, unknown or non-delegable scopes and invalid organisation numbers (400)', async () => {
    const f = await setUp(target.db);
    const refusals: [unknown, RegExp][] = [
      [{ ...delegation, supplier_org: CONSUMER_ORG }, /An organisation cannot delegate to itself/],
      [{ ...delegation, scope: 'nobody:scope' }, /Unknown scope nobody:scope/],
      [{ ...delegation, scope: FIKS_SCOPE }, /Scope ks:fiks has no delegation_source and cannot be delegated/],
      [{ ...delegation, consumer_org: '123456789' }, /consumer_org 123456789 is not a valid organisation number/],
      [{ ...delegation, supplier_org: '99182582X' }, /body\/supplier_org must match pattern/],
      [{ ...delegation, expires: '2027-01-01' }, /body must NOT have additional properties/],
    ];
    for (const [payload, message] of refusals) {
      const response = await f.admin('POST', '/delegations', payload);
      assert.equal(response.status, 400, JSON.stringify(payload));
      assert.match(oauthError(response.body, 'invalid_request'), message);
    }
    const badHistory = await f.admin('GET', '/delegations?history=maybe');
    assert.equal(badHistory.status, 400);
    assert.deepEqual((await f.admin('GET', '/delegations?history=true')).body, []);
  });
});

describeDatabases('Maskinporten admin API: request bodies', (target) => {
  test('malformed JSON, a wrong media type and an empty body are 400 or 415 in the OAuth error format', async () => {
    const f = await setUp(target.db);
    const send = (contentType: string, payload: string) =>
      f.server.app.inject({
        method: 'POST',
        url: '/clients',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType },
        payload,
      });
    const malformed = await send('application/json', '{"client_name": "x",');
    assert.equal(malformed.statusCode, 400);
    assert.match(oauthError(malformed.json(), 'invalid_request'), /^The request body is not valid JSON/);
    const empty = await send('application/json', '');
    assert.equal(empty.statusCode, 400);
    assert.match(oauthError(empty.json(), 'invalid_request'), /^The request body is not valid JSON/);
    const notAnObject = await send('application/json', '[1, 2]');
    assert.equal(notAnObject.statusCode, 400);
    assert.match(oauthError(notAnObject.json(), 'invalid_request'), /^body must be object/);
    const xml = await send('application/xml', '<client/>');
    assert.equal(xml.statusCode, 415);
    assert.match(oauthError(xml.json(), 'invalid_request'), /^Unsupported Content-Type/);
  });

  test('a body over 256 KiB is 413', async () => {
    const f = await setUp(target.db);
    const response = await f.admin('POST', '/clients', { client_name: 'x'.repeat(300 * 1024), client_orgno: OTHER_ORG });
    assert.equal(response.status, 413);
    assert.match(oauthError(response.body, 'invalid_request'), /^The request body is too large/);
  });

  test('text the database cannot hold (NUL) is refused with a 4xx, in the admin API and at the token endpoint', async () => {
    const f = await setUp(target.db);
    const adminRefusals: [string, string, unknown][] = [
      ['POST', '/clients', { client_name: 'a\u0000b', client_orgno: OTHER_ORG }],
      ['PUT', `/clients/${f.clientId}`, { description: 'a\u0000' }],
      ['GET', '/clients/a%00b', undefined],
      ['POST', '/scopes', { name: 'folkeport:a\u0000', owner_orgno: OTHER_ORG }],
      ['POST', '/delegations', { ...{ consumer_org: CONSUMER_ORG, supplier_org: CLIENT_ORG }, scope: `${FREG_SCOPE}\u0000` }],
    ];
    for (const [method, url, payload] of adminRefusals) {
      const response = await f.admin(method as 'GET' | 'POST' | 'PUT', url, payload);
      assert.equal(response.status, 400, `${method} ${url}`);
      assert.match(oauthError(response.body, 'invalid_request'), /must match pattern/);
    }
    const iss = await f.token(await f.grant({ iss: 'client\u0000' }));
    assert.equal(iss.status, 400);
    assert.equal(mpCode(iss.body), 'MP-100');
    for (const [claims, header] of [[{}, { kid: `${f.kid}\u0000` }], [{ jti: 'j\u0000' }, {}], [{ scope: `${FREG_SCOPE}\u0000` }, {}]] as const) {
      const response = await f.token(await f.grant(claims, header));
      assert.equal(response.status, 400, JSON.stringify({ claims, header }));
      assert.equal(mpCode(response.body), 'MP-011');
    }
  });
});

describeDatabases('Maskinporten replay store', (target) => {
  test('forgets a grant id once its grant can no longer be valid (130 s), a few per token request', async () => {
    const f = await setUp(target.db);
    const count = async () => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM maskinporten.used_grant`.execute(target.db.kysely)).rows[0]?.n);
    const early = [];
    for (let i = 0; i < 25; i++) {
      const assertion = await f.grant();
      assert.equal((await f.token(assertion)).status, 200);
      early.push(assertion);
    }
    assert.equal(await count(), 25);
    f.now.value += 129_000;
    const late = await f.grant();
    assert.equal((await f.token(late)).status, 200);
    assert.equal(await count(), 26, 'nothing forgotten while a grant could still be valid');
    f.now.value += 2_000;
    assert.equal((await f.token(await f.grant())).status, 200);
    assert.equal(await count(), 26 - 20 + 1, 'at most 20 forgotten per request');
    assert.equal((await f.token(await f.grant())).status, 200);
    assert.equal(await count(), 3, 'the remaining 5 expired ids forgotten, the 3 recent ones kept');
    assert.equal(mpCode((await f.token(late)).body), 'MP-012', 'a recent id is still refused');
    assert.equal(mpCode((await f.token(early[0] as string)).body), 'MP-130', 'a forgotten id belongs to an expired grant');
  });
});
