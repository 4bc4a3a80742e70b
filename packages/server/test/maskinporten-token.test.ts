import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createLocalJWKSet, decodeJwt, decodeProtectedHeader, jwtVerify, SignJWT, UnsecuredJWT } from 'jose';
import { createTestCa, issueEnterpriseCertificate, x5cOf } from '../src/maskinporten/certificates.js';
import { openDatabase } from '../src/store/database.js';
import { describeDatabases } from './databases.js';
import {
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

describeDatabases('Maskinporten token endpoint', (target) => {
  test('publishes its metadata with the issuer (trailing slash), endpoints, grant type and algorithms', async () => {
    const { server } = await setUp(target.db);
    const response = await server.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(response.json(), {
      issuer: ISSUER,
      token_endpoint: `${ISSUER}token`,
      jwks_uri: `${ISSUER}jwk`,
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
      grant_types_supported: ['urn:ietf:params:oauth:grant-type:jwt-bearer'],
      token_endpoint_auth_signing_alg_values_supported: ['RS256', 'RS384', 'RS512'],
      authorization_details_types_supported: ['urn:altinn:systemuser'],
    });
  });

  test('issues a token with exactly the documented claims, verifiable with /jwk', async () => {
    const f = await setUp(target.db);
    const { status, body } = await f.token(await f.grant());
    assert.equal(status, 200);
    assert.deepEqual(Object.keys(body).sort(), ['access_token', 'expires_in', 'scope', 'token_type']);
    assert.equal(body.token_type, 'Bearer');
    assert.equal(body.expires_in, 120);
    assert.equal(body.scope, FREG_SCOPE);
    const jwks = (await f.server.app.inject({ method: 'GET', url: '/jwk' })).json();
    const { payload, protectedHeader } = await jwtVerify(body.access_token as string, createLocalJWKSet(jwks), {
      issuer: ISSUER,
      currentDate: new Date(START),
    });
    assert.equal(protectedHeader.alg, 'RS256');
    assert.ok(jwks.keys.some((key: { kid: string }) => key.kid === protectedHeader.kid));
    assert.deepEqual(Object.keys(payload).sort(), ['aud', 'client_amr', 'client_id', 'consumer', 'exp', 'iat', 'iss', 'jti', 'scope', 'token_type']);
    assert.equal(payload.aud, 'unspecified');
    assert.equal(payload.client_amr, 'private_key_jwt');
    assert.equal(payload.client_id, f.clientId);
    assert.deepEqual(payload.consumer, { authority: 'iso6523-actorid-upis', ID: `0192:${CLIENT_ORG}` });
    assert.equal(payload.token_type, 'Bearer');
    assert.equal(payload.iat, START / 1000);
    assert.equal((payload.exp as number) - (payload.iat as number), 120);
  });

  test('grants signed with RS384 and RS512 are accepted; HS256 and unsigned grants are not', async () => {
    const f = await setUp(target.db);
    for (const alg of ['RS384', 'RS512']) {
      assert.equal((await f.token(await f.grant({}, { alg }))).status, 200, alg);
    }
    const iat = START / 1000;
    const claims = { aud: ISSUER, iss: f.clientId, scope: FREG_SCOPE, iat, exp: iat + 60, jti: 'hs' };
    const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: f.kid }).sign(new TextEncoder().encode('x'.repeat(32)));
    const unsigned = new UnsecuredJWT({ ...claims, jti: 'none' }).encode();
    for (const assertion of [hs256, unsigned]) {
      const { status, body } = await f.token(assertion);
      assert.equal(status, 400);
      assert.equal(body.error, 'invalid_request');
      assert.equal(mpCode(body), 'MP-011');
      assert.match(String(body.error_description), /alg must be one of RS256, RS384, RS512/);
    }
  });

  test('the header needs exactly one of kid and x5c', async () => {
    const f = await setUp(target.db);
    for (const header of [{ kid: undefined }, { x5c: ['AAAA'] }]) {
      const { status, body } = await f.token(await f.grant({}, header));
      assert.equal(status, 400);
      assert.equal(mpCode(body), 'MP-011');
      assert.match(String(body.error_description), /exactly one of x5c and kid/);
    }
  });

  test('aud must be the issuer, as a single value (MP-110)', async () => {
    const f = await setUp(target.db);
    for (const aud of [`${ISSUER}token`, 'http://maskinporten.test', [ISSUER, 'https://other/'], undefined]) {
      const { status, body } = await f.token(await f.grant({ aud }));
      assert.equal(status, 400, JSON.stringify(aud));
      assert.equal(body.error, 'invalid_grant');
      assert.equal(mpCode(body), 'MP-110');
    }
    assert.equal((await f.token(await f.grant({ aud: [ISSUER] }))).status, 200);
  });

  test('iss must be a registered client, and kid a key of that client (MP-100)', async () => {
    const f = await setUp(target.db);
    const unknownClient = await f.token(await f.grant({ iss: 'no-such-client' }));
    assert.equal(unknownClient.status, 400);
    assert.equal(mpCode(unknownClient.body), 'MP-100');
    assert.match(String(unknownClient.body.error_description), /Client not found/);
    const unknownKid = await f.token(await f.grant({}, { kid: 'not-registered' }));
    assert.equal(mpCode(unknownKid.body), 'MP-100');
    // Another client's kid does not authenticate this client.
    const other = await f.admin('POST', '/clients', { client_name: 'Other', client_orgno: OTHER_ORG, scopes: [FREG_SCOPE] });
    await f.admin('POST', `/clients/${other.body.client_id}/jwks`, { keys: [{ ...f.otherKey.publicJwk, kid: 'other-kid' }] });
    const foreign = await f.token(await f.grant({}, { kid: 'other-kid' }, f.otherKey.privateKey));
    assert.equal(mpCode(foreign.body), 'MP-100');
  });

  test('a grant signed by another key is refused (MP-124)', async () => {
    const f = await setUp(target.db);
    const { status, body } = await f.token(await f.grant({}, {}, f.otherKey.privateKey));
    assert.equal(status, 400);
    assert.equal(mpCode(body), 'MP-124');
    const tampered = (await f.grant()).split('.');
    tampered[1] = Buffer.from(JSON.stringify({ ...decodeJwt([tampered[0], tampered[1], ''].join('.')), scope: FIKS_SCOPE })).toString('base64url');
    assert.equal(mpCode((await f.token(tampered.join('.'))).body), 'MP-124');
  });

  test('iat within ±10 s of the server clock', async () => {
    const f = await setUp(target.db);
    const now = START / 1000;
    assert.equal((await f.token(await f.grant({ iat: now + 10, exp: now + 70 }))).status, 200);
    assert.equal((await f.token(await f.grant({ iat: now - 10, exp: now + 50 }))).status, 200);
    const future = await f.token(await f.grant({ iat: now + 11, exp: now + 71 }));
    assert.equal(future.status, 400);
    assert.equal(future.body.error, 'invalid_grant');
    assert.match(String(future.body.error_description), /Issue time is after now/);
    const old = await f.token(await f.grant({ iat: now - 11, exp: now + 50 }));
    assert.equal(old.status, 400);
    assert.match(String(old.body.error_description), /more than 10 seconds before/);
  });

  test('exp − iat at most 120 s; an expired grant is MP-130', async () => {
    const f = await setUp(target.db);
    const now = START / 1000;
    assert.equal((await f.token(await f.grant({ exp: now + 120 }))).status, 200);
    const long = await f.token(await f.grant({ exp: now + 121 }));
    assert.equal(long.status, 400);
    assert.match(String(long.body.error_description), /exp - iat <= 120/);
    const expired = await f.token(await f.grant({ iat: now - 5, exp: now }));
    assert.equal(mpCode(expired.body), 'MP-130');
    assert.match(String(expired.body.error_description), /JWT is expired/);
  });

  test('a jti is never accepted twice (MP-012), also through a second server instance', async () => {
    const f = await setUp(target.db);
    const assertion = await f.grant({ jti: 'same-jti' });
    assert.equal((await f.token(assertion)).status, 200);
    const replay = await f.token(assertion);
    assert.equal(replay.status, 400);
    assert.equal(mpCode(replay.body), 'MP-012');
    assert.match(String(replay.body.error_description), /Grant is used before/);
    // A refused grant does not use up its jti.
    const refused = await f.grant({ jti: 'kept', scope: 'unknown:scope' });
    assert.equal((await f.token(refused)).status, 400);
    assert.equal((await f.token(await f.grant({ jti: 'kept' }))).status, 200);

    if (target.kind === 'postgres') {
      // Two server instances, each with its own connection pool, on one PostgreSQL database.
      const second = await openDatabase({ databaseUrl: target.db.location });
      try {
        const other = await setUpSecondInstance(second, f);
        const shared = await f.grant({ jti: 'across-instances' });
        assert.equal((await f.token(shared)).status, 200);
        const again = await other.inject({
          method: 'POST',
          url: '/token',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: shared }).toString(),
        });
        assert.equal(mpCode(again.json()), 'MP-012');
      } finally {
        await second.close();
      }
    }
  });

  test('scope: required, on the client (MP-200), allowed in Maskinporten (MP-201), granted (MP-250, 403)', async () => {
    const f = await setUp(target.db);
    const missing = await f.token(await f.grant({ scope: undefined }));
    assert.equal(mpCode(missing.body), 'MP-011');
    const unknown = await f.token(await f.grant({ scope: `${FREG_SCOPE} unknown:scope` }));
    assert.equal(unknown.status, 400);
    assert.equal(unknown.body.error, 'invalid_scope');
    assert.equal(mpCode(unknown.body), 'MP-200');
    await f.admin('POST', '/scopes', { name: 'test:notonclient', owner_orgno: CLIENT_ORG });
    await f.admin('PUT', `/scopes/access/${CLIENT_ORG}?scope=test:notonclient`);
    assert.equal(mpCode((await f.token(await f.grant({ scope: 'test:notonclient' }))).body), 'MP-200');
    await f.admin('POST', '/scopes', { name: 'test:apionly', owner_orgno: CLIENT_ORG, allowed_integration_types: ['api_klient'] });
    await f.admin('PUT', `/clients/${f.clientId}`, { scopes: [FREG_SCOPE, FIKS_SCOPE, 'test:apionly'] });
    assert.equal(mpCode((await f.token(await f.grant({ scope: 'test:apionly' }))).body), 'MP-201');
    const notGranted = await f.token(await f.grant({ scope: FIKS_SCOPE }));
    assert.equal(notGranted.status, 403);
    assert.equal(mpCode(notGranted.body), 'MP-250');
    assert.match(String(notGranted.body.error_description), /Consumer has not been granted access to the scope ks:fiks/);
    // Revoking the grant takes effect at once.
    await f.admin('DELETE', `/scopes/access/${CLIENT_ORG}?scope=${encodeURIComponent(FREG_SCOPE)}`);
    assert.equal(mpCode((await f.token(await f.grant())).body), 'MP-250');
  });

  test('claims outside the documented list are refused; nbf only in strict mode', async () => {
    const f = await setUp(target.db);
    const unknown = await f.token(await f.grant({ sub: 'x', foo: 1 }));
    assert.equal(unknown.status, 400);
    assert.match(String(unknown.body.error_description), /Invalid assertion\. Claims not allowed in the grant: sub, foo/);
    assert.equal((await f.token(await f.grant({ nbf: START / 1000 }))).status, 200);
    const strict = await setUp(target.db, { strictClaims: true });
    assert.equal((await strict.token(await strict.grant({ nbf: START / 1000 }))).status, 400);
  });

  test('resource (string or array) becomes the token aud; pid and authorization_details are carried', async () => {
    const f = await setUp(target.db);
    const audOf = async (claims: Record<string, unknown>) =>
      decodeJwt((await f.token(await f.grant(claims))).body.access_token as string);
    assert.equal((await audOf({ resource: 'https://api.example/' })).aud, 'https://api.example/');
    assert.deepEqual((await audOf({ resource: ['https://a/', 'https://b/'] })).aud, ['https://a/', 'https://b/']);
    assert.equal((await audOf({ resource: ['https://only/'] })).aud, 'https://only/');
    assert.equal(mpCode((await f.token(await f.grant({ resource: 7 }))).body), 'MP-011');
    assert.equal((await audOf({ pid: '01818012345' })).pid, '01818012345');
    const details = [{ type: 'urn:altinn:systemuser', systemuser_org: { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER_ORG}` } }];
    assert.deepEqual((await audOf({ authorization_details: details })).authorization_details, details);
    const codes = [];
    for (const value of [[{ type: 'urn:unknown' }], [{ ...details[0], extra: 1 }], [{ ...details[0], systemuser_org: { ID: 'x' } }]]) {
      codes.push(mpCode((await f.token(await f.grant({ authorization_details: value }))).body));
    }
    assert.deepEqual(codes, ['MP-301', 'MP-302', 'MP-303']);
  });

  test('a scope at_max_age caps the lifetime (lowest wins)', async () => {
    const f = await setUp(target.db);
    await f.admin('POST', '/scopes', { name: 'test:short', owner_orgno: CLIENT_ORG, at_max_age: 30 });
    await f.admin('PUT', `/scopes/access/${CLIENT_ORG}?scope=test:short`);
    await f.admin('PUT', `/clients/${f.clientId}`, { scopes: [FREG_SCOPE, 'test:short'] });
    const { body } = await f.token(await f.grant({ scope: `${FREG_SCOPE} test:short` }));
    assert.equal(body.expires_in, 30);
    const claims = decodeJwt(body.access_token as string);
    assert.equal((claims.exp as number) - (claims.iat as number), 30);
  });

  test('a registered key expires (MP-121)', async () => {
    const f = await setUp(target.db);
    f.now.value = START + 366 * 24 * 3600 * 1000;
    const { status, body } = await f.token(await f.grant());
    assert.equal(status, 400);
    assert.equal(mpCode(body), 'MP-121');
  });

  test('transport: form body only, the jwt-bearer grant type, one value per parameter, bounded size', async () => {
    const f = await setUp(target.db);
    const post = (headers: Record<string, string>, payload: string) =>
      f.server.app.inject({ method: 'POST', url: '/token', headers, payload });
    const json = await post({ 'content-type': 'application/json' }, JSON.stringify({ grant_type: 'x' }));
    assert.equal(json.statusCode, 400);
    assert.equal(json.json().error, 'invalid_request');
    const wrongType = await f.token(await f.grant(), { grant_type: 'client_credentials' });
    assert.equal(wrongType.body.error, 'unsupported_grant_type');
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    const noAssertion = await post(form, 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer');
    assert.equal(mpCode(noAssertion.json()), 'MP-011');
    const garbage = await post(form, 'grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=not.a.jwt');
    assert.equal(mpCode(garbage.json()), 'MP-011');
    const twice = await post(form, 'grant_type=a&grant_type=b');
    assert.equal(twice.statusCode, 400);
    assert.match(twice.json().error_description, /grant_type is given more than once/);
    const huge = await post(form, `assertion=${'a'.repeat(70 * 1024)}`);
    assert.equal(huge.statusCode, 413);
    assert.equal(huge.json().error, 'invalid_request');
    const get = await f.server.app.inject({ method: 'GET', url: '/token' });
    assert.equal(get.statusCode, 404);
    assert.match(get.json().error_description, /reference [0-9a-f-]{36}/);
  });

  test('every error description carries a unique reference', async () => {
    const f = await setUp(target.db);
    const first = await f.token(await f.grant({ iss: 'nobody' }));
    const second = await f.token(await f.grant({ iss: 'nobody' }));
    const reference = (body: Record<string, unknown>) => /\(reference ([0-9a-f-]{36})\)$/.exec(String(body.error_description))?.[1];
    assert.ok(reference(first.body));
    assert.notEqual(reference(first.body), reference(second.body));
  });

  test('fault injection: the next N token requests answer 503', async () => {
    const f = await setUp(target.db);
    assert.equal((await f.admin('PUT', '/faults', { token_unavailable: 2 })).status, 200);
    for (let i = 0; i < 2; i++) {
      const { status, body } = await f.token(await f.grant());
      assert.equal(status, 503);
      assert.equal(body.error, 'temporarily_unavailable');
    }
    assert.equal((await f.token(await f.grant())).status, 200);
  });
});

describeDatabases('Maskinporten delegation', (target) => {
  const delegated = { consumer_org: CONSUMER_ORG, supplier_org: CLIENT_ORG, scope: FREG_SCOPE };

  test('a supplier with a current delegation gets a token naming consumer, supplier and delegation source', async () => {
    const f = await setUp(target.db);
    await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${encodeURIComponent(FREG_SCOPE)}`);
    assert.equal((await f.admin('POST', '/delegations', delegated)).status, 201);
    const { status, body } = await f.token(await f.grant({ consumer_org: CONSUMER_ORG }));
    assert.equal(status, 200);
    const claims = decodeJwt(body.access_token as string);
    assert.deepEqual(claims.consumer, { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER_ORG}` });
    assert.deepEqual(claims.supplier, { authority: 'iso6523-actorid-upis', ID: `0192:${CLIENT_ORG}` });
    assert.equal(claims.delegation_source, DELEGATION_SOURCE);
  });

  test('no delegation, or a revoked one, is MP-251 (403); history keeps the revoked one', async () => {
    const f = await setUp(target.db);
    await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${encodeURIComponent(FREG_SCOPE)}`);
    const missing = await f.token(await f.grant({ consumer_org: CONSUMER_ORG }));
    assert.equal(missing.status, 403);
    assert.equal(mpCode(missing.body), 'MP-251');
    assert.match(
      String(missing.body.error_description),
      new RegExp(`Consumer ${CONSUMER_ORG} has not delegated access to the scope ${FREG_SCOPE} to supplier ${CLIENT_ORG}`),
    );
    await f.admin('POST', '/delegations', delegated);
    assert.equal((await f.token(await f.grant({ consumer_org: CONSUMER_ORG }))).status, 200);
    const query = new URLSearchParams(delegated).toString();
    const revoked = await f.admin('DELETE', `/delegations?${query}`);
    assert.equal(revoked.status, 200);
    assert.ok(revoked.body.revoked);
    assert.equal(mpCode((await f.token(await f.grant({ consumer_org: CONSUMER_ORG }))).body), 'MP-251');
    assert.deepEqual((await f.admin('GET', `/delegations?consumer_org=${CONSUMER_ORG}`)).body, []);
    const history = await f.admin('GET', `/delegations?consumer_org=${CONSUMER_ORG}&history=true`);
    assert.equal(history.body.length, 1);
    assert.equal(history.body[0].supplier_org, CLIENT_ORG);
  });

  test('the consumer must itself hold the scope (MP-250); consumer_org may not be the own organisation', async () => {
    const f = await setUp(target.db);
    await f.admin('POST', '/delegations', delegated);
    const notGranted = await f.token(await f.grant({ consumer_org: CONSUMER_ORG }));
    assert.equal(mpCode(notGranted.body), 'MP-250');
    const own = await f.token(await f.grant({ consumer_org: CLIENT_ORG }));
    assert.equal(own.status, 400);
    assert.match(String(own.body.error_description), /The combination consumer_org in claim and delegation scope on client is invalid/);
    const invalid = await f.token(await f.grant({ consumer_org: '123456789' }));
    assert.equal(mpCode(invalid.body), 'MP-011');
  });

  test('a scope without delegation_source cannot be delegated or used with consumer_org', async () => {
    const f = await setUp(target.db);
    const refused = await f.admin('POST', '/delegations', { ...delegated, scope: FIKS_SCOPE });
    assert.equal(refused.status, 400);
    assert.match(refused.body.error_description, /cannot be delegated/);
    await f.admin('PUT', `/scopes/access/${CONSUMER_ORG}?scope=${FIKS_SCOPE}`);
    assert.equal(mpCode((await f.token(await f.grant({ scope: FIKS_SCOPE, consumer_org: CONSUMER_ORG }))).body), 'MP-251');
  });
});

/** CAs must already be valid at the fixture's fixed clock, whenever the test runs. */
const DAY_MS = 86_400_000;

describeDatabases('Maskinporten enterprise certificates (x5c)', (target) => {
  test('a certificate from the development CA for the client organisation authenticates it', async () => {
    const f = await setUp(target.db);
    const ca = await f.store.devCertificateAuthority(() => createTestCa({ now: new Date(START - DAY_MS) }));
    const certificate = issueEnterpriseCertificate(ca, { organisasjonsnummer: CLIENT_ORG, now: new Date(START - 1000) });
    const { createPrivateKey } = await import('node:crypto');
    const signer = createPrivateKey(certificate.privateKeyPem);
    const x5c = x5cOf(certificate.chainPem);
    const { status, body } = await f.token(await f.grant({}, { kid: undefined, x5c: [x5c[0]] }, signer));
    assert.equal(status, 200);
    assert.equal(decodeJwt(body.access_token as string).client_amr, 'virksomhetssertifikat');

    const otherOrg = issueEnterpriseCertificate(ca, { organisasjonsnummer: OTHER_ORG, now: new Date(START - 1000) });
    const mismatch = await f.token(await f.grant({}, { kid: undefined, x5c: x5cOf(otherOrg.chainPem) }, createPrivateKey(otherOrg.privateKeyPem)));
    assert.equal(mpCode(mismatch.body), 'MP-122');
    const asString = await f.token(await f.grant({}, { kid: undefined, x5c: x5c[0] }, signer));
    assert.equal(mpCode(asString.body), 'MP-123');
    const stranger = issueEnterpriseCertificate(createTestCa({ now: new Date(START - DAY_MS) }), { organisasjonsnummer: CLIENT_ORG, now: new Date(START - 1000) });
    const untrusted = await f.token(await f.grant({}, { kid: undefined, x5c: x5cOf(stranger.chainPem) }, createPrivateKey(stranger.privateKeyPem)));
    assert.equal(mpCode(untrusted.body), 'MP-120');
    const wrongKey = await f.token(await f.grant({}, { kid: undefined, x5c }, f.key.privateKey));
    assert.equal(mpCode(wrongKey.body), 'MP-124');
  });

  test('with the development CA switched off, its certificates are not trusted', async () => {
    const f = await setUp(target.db, { trustDevCa: false });
    const ca = await f.store.devCertificateAuthority(() => createTestCa({ now: new Date(START - DAY_MS) }));
    const certificate = issueEnterpriseCertificate(ca, { organisasjonsnummer: CLIENT_ORG, now: new Date(START - 1000) });
    const { createPrivateKey } = await import('node:crypto');
    const result = await f.token(await f.grant({}, { kid: undefined, x5c: x5cOf(certificate.chainPem) }, createPrivateKey(certificate.privateKeyPem)));
    assert.equal(mpCode(result.body), 'MP-120');
  });
});

describeDatabases('Maskinporten signing-key rotation', (target) => {
  test('after a rotation new tokens use the new key and old tokens verify until they expire', async () => {
    const f = await setUp(target.db);
    const before = (await f.token(await f.grant())).body.access_token as string;
    const oldKid = decodeProtectedHeader(before).kid;
    const rotated = await f.admin('POST', '/keys/rotate');
    assert.equal(rotated.status, 200);
    assert.notEqual(rotated.body.kid, oldKid);
    const after = (await f.token(await f.grant())).body.access_token as string;
    assert.equal(decodeProtectedHeader(after).kid, rotated.body.kid);
    const jwks = async () => (await f.server.app.inject({ method: 'GET', url: '/jwk' })).json();
    for (const token of [before, after]) {
      await jwtVerify(token, createLocalJWKSet(await jwks()), { currentDate: new Date(f.now.value) });
    }
    // Published for the token lifetime plus a minute, then gone (the key set is re-read after 30 s).
    f.now.value += (120 + 61) * 1000;
    const kids = (await jwks()).keys.map((key: { kid: string }) => key.kid);
    assert.deepEqual(kids, [rotated.body.kid]);
  });
});

async function setUpSecondInstance(db: Awaited<ReturnType<typeof openDatabase>>, first: { now: { value: number } }) {
  const { openMaskinportenStore } = await import('../src/maskinporten/maskinporten-store.js');
  const { createMaskinportenServer } = await import('../src/maskinporten/maskinporten-server.js');
  const store = await openMaskinportenStore(db);
  return createMaskinportenServer({ store, issuer: ISSUER, clock: () => first.now.value }).app;
}
