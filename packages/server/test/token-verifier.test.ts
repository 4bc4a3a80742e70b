// The bearer-token verifier of the register and the gateway, against real RSA keys: a JWKS served by a
// node:http server on 127.0.0.1, or handed over in-process. Time is the injected clock throughout.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { SignJWT, base64url, exportJWK, exportSPKI, generateKeyPair } from 'jose';
import type { CryptoKey, JWK, JWTPayload } from 'jose';
import { isValidOrganisasjonsnummer } from '@folkeport/identity';
import { TokenRejectedError, createTokenVerifier, scopeCovers } from '../src/auth/token-verifier.js';
import type { TokenVerifierOptions, VerifiedToken } from '../src/auth/token-verifier.js';

const ISSUER = 'https://test.maskinporten.no/';
const OTHER_ISSUER = 'https://maskinporten.no/';
const CONSUMER = '999999999';
const SUPPLIER = '123456785';
const START_MS = Date.UTC(2026, 10, 22, 9, 0, 0);
const LIFETIME_S = 300;

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

async function signingKey(kid: string, alg: 'RS256' | 'RS512' | 'ES256' = 'RS256'): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, publicKey, jwk: { ...(await exportJWK(publicKey)), kid, alg, use: 'sig' } };
}

function testClock(startMs = START_MS) {
  let nowMs = startMs;
  return {
    clock: () => nowMs,
    get nowMs() {
      return nowMs;
    },
    advance(seconds: number) {
      nowMs += Math.round(seconds * 1000);
    },
  };
}

/** The claims of a Maskinporten access token issued at `nowMs`; an override of undefined removes a claim. */
function claims(nowMs: number, overrides: Record<string, unknown> = {}): JWTPayload {
  const iat = Math.floor(nowMs / 1000);
  const all: Record<string, unknown> = {
    iss: ISSUER,
    client_amr: 'virksomhetssertifikat',
    token_type: 'Bearer',
    aud: 'unspecified',
    scope: 'folkeregister:deling/offentligmedhjemmel ks:fiks',
    client_id: '2a6f1c52-6a8b-4c1e-9d55-0e2b1f3c4d5e',
    consumer: { authority: 'iso6523-actorid-upis', ID: `0192:${CONSUMER}` },
    iat,
    exp: iat + LIFETIME_S,
    jti: `jti-${Math.random().toString(36).slice(2)}`,
    ...overrides,
  };
  for (const [name, value] of Object.entries(all)) if (value === undefined) delete all[name];
  return all as JWTPayload;
}

function sign(key: SigningKey, payload: JWTPayload, alg = key.jwk.alg as string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg, kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** An issuer whose JWKS is handed over in-process; `keys` may be replaced (rotation), `loads` counts reads. */
function inProcessIssuer(issuer: string, keys: SigningKey[]) {
  const state = {
    keys,
    loads: 0,
    trusted: {
      issuer,
      jwks: async () => {
        state.loads++;
        return { keys: state.keys.map((key) => key.jwk) };
      },
    },
  };
  return state;
}

/** A JWKS endpoint on 127.0.0.1; `status` other than 200 makes it fail, `fetches` counts requests. */
async function jwksServer(keys: SigningKey[]) {
  const state = { keys, status: 200, body: undefined as string | undefined, fetches: 0, uri: '' };
  const server = createServer((request, response) => {
    state.fetches++;
    if (request.url !== '/jwk' || state.status !== 200) {
      response.writeHead(request.url === '/jwk' ? state.status : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(state.body ?? JSON.stringify({ keys: state.keys.map((key) => key.jwk) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.uri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwk`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return Object.assign(state, { close });
}

const CHALLENGE = /^Bearer realm="folkeport", error="invalid_token", error_description="([\x20\x21\x23-\x5B\x5D-\x7E]+)"$/;

/** Asserts a 401 invalid_token whose description matches and does not echo the token. */
async function assertInvalid(verifying: Promise<unknown>, description: string | RegExp, token?: string) {
  await assert.rejects(verifying, (error: unknown) => {
    assert.ok(error instanceof TokenRejectedError, `expected a TokenRejectedError, got ${String(error)}`);
    assert.equal(error.status, 401);
    assert.equal(error.error, 'invalid_token');
    const match = CHALLENGE.exec(error.wwwAuthenticate);
    assert.ok(match, `challenge ${error.wwwAuthenticate}`);
    if (typeof description === 'string') assert.equal(match[1], description);
    else assert.match(match[1] ?? '', description);
    if (token !== undefined) {
      for (const part of token.split('.').filter((p) => p.length >= 8)) assert.ok(!error.wwwAuthenticate.includes(part));
    }
    return true;
  });
}

async function assertNoCredentials(verifying: Promise<unknown>) {
  await assert.rejects(verifying, (error: unknown) => {
    assert.ok(error instanceof TokenRejectedError);
    assert.equal(error.status, 401);
    assert.equal(error.wwwAuthenticate, 'Bearer realm="folkeport"');
    assert.equal(error.error, 'invalid_request');
    return true;
  });
}

describe('token verifier', () => {
  it('uses valid organisation numbers in its tokens', () => {
    assert.ok(isValidOrganisasjonsnummer(CONSUMER));
    assert.ok(isValidOrganisasjonsnummer(SUPPLIER));
  });

  it('accepts a Maskinporten token checked against a JWKS served over HTTP, and maps every field', async (t) => {
    const key = await signingKey('mp-2026-1');
    const endpoint = await jwksServer([key]);
    t.after(endpoint.close);
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }], clock: time.clock });
    const payload = claims(time.nowMs);
    const token = await sign(key, payload);

    const verified = await verifier.verify(`Bearer ${token}`);
    assert.deepEqual(verified, {
      issuer: ISSUER,
      clientId: '2a6f1c52-6a8b-4c1e-9d55-0e2b1f3c4d5e',
      clientAmr: 'virksomhetssertifikat',
      consumerOrg: CONSUMER,
      scopes: ['folkeregister:deling/offentligmedhjemmel', 'ks:fiks'],
      audience: 'unspecified',
      expiresAt: payload.exp as number,
      jti: payload.jti as string,
      claims: payload,
    } satisfies VerifiedToken);
    assert.equal(endpoint.fetches, 1);
  });

  it('maps a delegated token: supplier, delegation_source and a four-element consumer ID (text after the last colon)', async () => {
    const key = await signingKey('mp-1');
    const issuer = inProcessIssuer(ISSUER, [key]);
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [issuer.trusted], clock: time.clock });
    const token = await sign(
      key,
      claims(time.nowMs, {
        consumer: { authority: 'iso6523-actorid-upis', ID: `0192:xx:yy:${CONSUMER}` },
        supplier: { authority: 'iso6523-actorid-upis', ID: `0192:${SUPPLIER}` },
        delegation_source: 'https://tt02.altinn.no/',
        client_amr: 'private_key_jwt',
      }),
    );
    const verified = await verifier.verify(`Bearer ${token}`);
    assert.equal(verified.consumerOrg, CONSUMER);
    assert.equal(verified.supplierOrg, SUPPLIER);
    assert.equal(verified.delegationSource, 'https://tt02.altinn.no/');
    assert.equal(verified.clientAmr, 'private_key_jwt');
    assert.equal(verified.pid, undefined);
  });

  it('accepts scope as an array, a pid-restricted token, a token without aud, and RS512', async () => {
    const rs256 = await signingKey('rs256');
    const rs512 = await signingKey('rs512', 'RS512');
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [rs256, rs512]).trusted], clock: time.clock });
    const arrayScope = await verifier.verify(`Bearer ${await sign(rs256, claims(time.nowMs, { scope: ['ks:fiks'] }))}`);
    assert.deepEqual(arrayScope.scopes, ['ks:fiks']);
    const pid = await verifier.verify(`Bearer ${await sign(rs256, claims(time.nowMs, { pid: '03851598730' }))}`);
    assert.equal(pid.pid, '03851598730');
    const noAud = await verifier.verify(`Bearer ${await sign(rs256, claims(time.nowMs, { aud: undefined }))}`);
    assert.equal(noAud.audience, undefined);
    const strong = await verifier.verify(`Bearer ${await sign(rs512, claims(time.nowMs))}`);
    assert.equal(strong.consumerOrg, CONSUMER);
  });

  it('accepts the Bearer scheme in any case', async () => {
    const key = await signingKey('mp-1');
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock, cacheSize: 0 });
    const token = await sign(key, claims(time.nowMs));
    for (const scheme of ['bearer', 'BEARER', 'BeArEr']) {
      assert.equal((await verifier.verify(`${scheme} ${token}`)).consumerOrg, CONSUMER);
    }
  });

  it('answers a missing header or another scheme with a challenge without error attribute', async () => {
    const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, []).trusted] });
    await assertNoCredentials(verifier.verify(undefined));
    await assertNoCredentials(verifier.verify(''));
    await assertNoCredentials(verifier.verify('Basic dXNlcjpwYXNzd29yZA=='));
    await assertNoCredentials(verifier.verify('Bearertoken'));
  });

  describe('rejects adversarial tokens with 401 invalid_token', async () => {
    const key = await signingKey('mp-1');
    const impostor = await signingKey('mp-1'); // same kid, another key
    const otherIssuerKey = await signingKey('other-1');
    const ecKey = await signingKey('mp-ec', 'ES256');
    const time = testClock();
    const verifier = createTokenVerifier({
      issuers: [inProcessIssuer(ISSUER, [key, ecKey]).trusted, inProcessIssuer(OTHER_ISSUER, [otherIssuerKey]).trusted],
      clock: time.clock,
    });
    const valid = claims(time.nowMs);
    const validToken = await sign(key, valid);
    const pem = await exportSPKI(key.publicKey);
    const hmac = (secret: string) =>
      new SignJWT(valid).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(new TextEncoder().encode(secret));
    const unsigned = (header: object) =>
      `${base64url.encode(JSON.stringify(header))}.${base64url.encode(JSON.stringify(valid))}.`;
    const without = (claim: string) => sign(key, claims(time.nowMs, { [claim]: undefined }));

    const cases: [string, () => Promise<string> | string, string | RegExp][] = [
      ['alg none', () => unsigned({ alg: 'none', kid: key.kid }), 'token algorithm is not accepted'],
      ['alg none with a copied signature', () => `${unsigned({ alg: 'none' })}${validToken.split('.')[2]}`, 'token algorithm is not accepted'],
      ['HS256 keyed with the public key PEM', () => hmac(pem), 'token algorithm is not accepted'],
      ['HS256 keyed with the public JWK', () => hmac(JSON.stringify(key.jwk)), 'token algorithm is not accepted'],
      ['ES256 from a key in the trusted set', () => sign(ecKey, valid), 'token algorithm is not accepted'],
      ['wrong issuer (trusted, but not the signer)', () => sign(key, { ...valid, iss: OTHER_ISSUER }), 'token signing key is unknown'],
      ['unknown issuer', () => sign(key, { ...valid, iss: 'https://evil.example/' }), 'token issuer is not trusted'],
      ['issuer without the trailing slash', () => sign(key, { ...valid, iss: 'https://test.maskinporten.no' }), 'token issuer is not trusted'],
      ['no issuer', () => sign(key, claims(time.nowMs, { iss: undefined })), 'token issuer is not trusted'],
      ['expired beyond the tolerance', () => sign(key, claims(time.nowMs - (LIFETIME_S + 11) * 1000)), 'token has expired'],
      ['iat in the future beyond the tolerance', () => sign(key, claims(time.nowMs + 11_000)), 'token is not yet valid'],
      ['nbf in the future beyond the tolerance', () => sign(key, { ...valid, nbf: valid.iat! + 11 }), 'token is not yet valid'],
      ['signed by another key with the same kid', () => sign(impostor, valid), 'token signature is invalid'],
      ['payload swapped under a valid signature', () => {
        const [header, , signature] = validToken.split('.');
        return `${header}.${base64url.encode(JSON.stringify({ ...valid, scope: 'folkeregister:deling/offentligutenhjemmel' }))}.${signature}`;
      }, 'token signature is invalid'],
      ['truncated signature', () => validToken.slice(0, -20), 'token signature is invalid'],
      ['truncated to half', () => validToken.slice(0, Math.floor(validToken.length / 2)), 'token is malformed'],
      ['garbage', () => 'garbage', 'token is malformed'],
      ['three garbage parts', () => 'abc.def.ghi', 'token is malformed'],
      ['empty token', () => '', 'token is malformed'],
      ['two tokens', () => `${validToken} ${validToken}`, 'token is malformed'],
      ['missing consumer', () => without('consumer'), 'token claim consumer is missing or invalid'],
      ['consumer without ID', () => sign(key, { ...valid, consumer: { authority: 'iso6523-actorid-upis' } }), 'token claim consumer is missing or invalid'],
      ['consumer as a plain string', () => sign(key, { ...valid, consumer: `0192:${CONSUMER}` }), 'token claim consumer is missing or invalid'],
      ['consumer ID without a colon', () => sign(key, { ...valid, consumer: { ID: CONSUMER } }), 'token claim consumer is missing or invalid'],
      ['supplier without ID', () => sign(key, { ...valid, supplier: {} }), 'token claim supplier is missing or invalid'],
      ['missing client_id', () => without('client_id'), 'token claim client_id is missing or invalid'],
      ['missing scope', () => without('scope'), 'token claim scope is missing or invalid'],
      ['missing exp', () => without('exp'), 'token claim exp is missing or invalid'],
      ['missing iat', () => without('iat'), 'token claim iat is missing or invalid'],
      ['missing jti', () => without('jti'), 'token claim jti is missing or invalid'],
      ['scope as a number', () => sign(key, { ...valid, scope: 42 }), 'token claim scope is missing or invalid'],
      ['exp as a string', () => sign(key, { ...valid, exp: String(valid.exp) as unknown as number }), 'token claim exp is missing or invalid'],
      ['token_type other than Bearer', () => sign(key, { ...valid, token_type: 'DPoP' }), 'token claim token_type is missing or invalid'],
    ];
    for (const [name, make, description] of cases) {
      it(name, async () => {
        const token = await make();
        await assertInvalid(verifier.verify(`Bearer ${token}`), description, token);
      });
    }

    it('still accepts the untampered token', async () => {
      assert.equal((await verifier.verify(`Bearer ${validToken}`)).jti, valid.jti);
    });
  });

  it('tolerates clock skew up to clockToleranceSeconds', async () => {
    const key = await signingKey('mp-1');
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock, clockToleranceSeconds: 10 });
    const ahead = await sign(key, { ...claims(time.nowMs + 10_000), nbf: Math.floor(time.nowMs / 1000) + 10 });
    assert.equal((await verifier.verify(`Bearer ${ahead}`)).consumerOrg, CONSUMER);
    const justExpired = await sign(key, claims(time.nowMs - (LIFETIME_S + 9) * 1000));
    assert.equal((await verifier.verify(`Bearer ${justExpired}`)).consumerOrg, CONSUMER);
    const strict = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock, clockToleranceSeconds: 0 });
    await assertInvalid(strict.verify(`Bearer ${ahead}`), 'token is not yet valid');
    await assertInvalid(strict.verify(`Bearer ${justExpired}`), 'token has expired');
  });

  it('requires a matching aud when an audience is configured', async () => {
    const key = await signingKey('mp-1');
    const time = testClock();
    const verifier = createTokenVerifier({
      issuers: [inProcessIssuer(ISSUER, [key]).trusted],
      audience: ['https://folkeport.example/freg', 'https://folkeport.example/fiks'],
      clock: time.clock,
    });
    const audience = 'https://folkeport.example/fiks';
    assert.equal((await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs, { aud: audience }))}`)).audience, audience);
    const list = [audience, 'https://other.example/'];
    assert.deepEqual((await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs, { aud: list }))}`)).audience, list);
    await assertInvalid(verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`), 'token audience is not accepted');
    await assertInvalid(verifier.verify(`Bearer ${await sign(key, claims(time.nowMs, { aud: undefined }))}`), 'token audience is not accepted');
  });

  describe('issuer keys', () => {
    it('reloads the JWKS when a token names a new kid (key rotation) and accepts it', async (t) => {
      const [oldKey, newKey] = [await signingKey('2026-1'), await signingKey('2026-2')];
      const endpoint = await jwksServer([oldKey]);
      t.after(endpoint.close);
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }], clock: time.clock });
      await verifier.verify(`Bearer ${await sign(oldKey, claims(time.nowMs))}`);
      assert.equal(endpoint.fetches, 1);

      endpoint.keys = [oldKey, newKey];
      time.advance(10);
      const rotated = await verifier.verify(`Bearer ${await sign(newKey, claims(time.nowMs))}`);
      assert.equal(rotated.consumerOrg, CONSUMER);
      assert.equal(endpoint.fetches, 2);
      await verifier.verify(`Bearer ${await sign(oldKey, claims(time.nowMs))}`);
      assert.equal(endpoint.fetches, 2);
    });

    it('reloads for unknown kids at most once per 10 s cooldown', async (t) => {
      const key = await signingKey('known');
      const stranger = await signingKey('unknown');
      const endpoint = await jwksServer([key]);
      t.after(endpoint.close);
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }], clock: time.clock });
      const unknownKid = () => sign(stranger, claims(time.nowMs));

      // The first load happens for this token; a reload right after it would be within the cooldown.
      await assertInvalid(verifier.verify(`Bearer ${await unknownKid()}`), 'token signing key is unknown');
      assert.equal(endpoint.fetches, 1);
      time.advance(10);
      await assertInvalid(verifier.verify(`Bearer ${await unknownKid()}`), 'token signing key is unknown');
      assert.equal(endpoint.fetches, 2);
      time.advance(9.999);
      await assertInvalid(verifier.verify(`Bearer ${await unknownKid()}`), 'token signing key is unknown');
      assert.equal(endpoint.fetches, 2);
      time.advance(0.001);
      await assertInvalid(verifier.verify(`Bearer ${await unknownKid()}`), 'token signing key is unknown');
      assert.equal(endpoint.fetches, 3);
    });

    it('shares one load among concurrent verifications', async (t) => {
      const [oldKey, newKey] = [await signingKey('a'), await signingKey('b')];
      const endpoint = await jwksServer([oldKey]);
      t.after(endpoint.close);
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }], clock: time.clock });
      const tokens = async (key: SigningKey) => Promise.all(Array.from({ length: 5 }, () => sign(key, claims(time.nowMs))));

      const first = await Promise.all((await tokens(oldKey)).map((token) => verifier.verify(`Bearer ${token}`)));
      assert.equal(first.length, 5);
      assert.equal(endpoint.fetches, 1);
      endpoint.keys = [oldKey, newKey];
      time.advance(10);
      const rotated = await Promise.all((await tokens(newKey)).map((token) => verifier.verify(`Bearer ${token}`)));
      assert.equal(rotated.length, 5);
      assert.equal(endpoint.fetches, 2);
    });

    it('reloads a JWKS older than jwksRefreshSeconds, and keeps the old keys when the reload fails', async (t) => {
      const key = await signingKey('mp-1');
      const endpoint = await jwksServer([key]);
      t.after(endpoint.close);
      const time = testClock();
      const verifier = createTokenVerifier({
        issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }],
        clock: time.clock,
        jwksRefreshSeconds: 60,
      });
      await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`);
      time.advance(59);
      await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`);
      assert.equal(endpoint.fetches, 1);
      time.advance(1);
      await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`);
      assert.equal(endpoint.fetches, 2);

      endpoint.status = 503;
      time.advance(60);
      assert.equal((await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`)).consumerOrg, CONSUMER);
      assert.equal(endpoint.fetches, 3);
    });

    it('answers 401 while the JWKS endpoint is down and retries after the cooldown', async (t) => {
      const key = await signingKey('mp-1');
      const endpoint = await jwksServer([key]);
      t.after(endpoint.close);
      endpoint.status = 503;
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: endpoint.uri }], clock: time.clock });
      const token = await sign(key, claims(time.nowMs));

      await assert.rejects(verifier.verify(`Bearer ${token}`), (error: unknown) => {
        assert.ok(error instanceof TokenRejectedError);
        assert.match(String((error.cause as Error).cause), /HTTP 503/); // kept for the server log
        return true;
      });
      await assertInvalid(verifier.verify(`Bearer ${token}`), 'signing keys of the token issuer are unavailable');
      time.advance(9);
      await assertInvalid(verifier.verify(`Bearer ${token}`), 'signing keys of the token issuer are unavailable');
      assert.equal(endpoint.fetches, 1);

      endpoint.status = 200;
      time.advance(1);
      assert.equal((await verifier.verify(`Bearer ${token}`)).consumerOrg, CONSUMER);
      assert.equal(endpoint.fetches, 2);
    });

    it('answers 401 when nothing listens at the JWKS address or it serves no key set', async (t) => {
      const key = await signingKey('mp-1');
      const closed = await jwksServer([key]);
      await closed.close();
      const notJwks = await jwksServer([key]);
      t.after(notJwks.close);
      notJwks.body = '{"keys": "none"}';
      const notJson = await jwksServer([key]);
      t.after(notJson.close);
      notJson.body = '<html>maintenance</html>';
      const time = testClock();
      const token = await sign(key, claims(time.nowMs));
      for (const uri of [closed.uri, notJwks.uri, notJson.uri]) {
        const verifier = createTokenVerifier({ issuers: [{ issuer: ISSUER, jwksUri: uri }], clock: time.clock });
        await assertInvalid(verifier.verify(`Bearer ${token}`), 'signing keys of the token issuer are unavailable');
      }
      assert.equal(notJwks.fetches, 1);
      assert.equal(notJson.fetches, 1);
    });

    it('answers 401 when an in-process key source fails', async () => {
      const time = testClock();
      const key = await signingKey('mp-1');
      const verifier = createTokenVerifier({
        issuers: [{ issuer: ISSUER, jwks: () => Promise.reject(new Error('issuer not started')) }],
        clock: time.clock,
      });
      await assertInvalid(verifier.verify(`Bearer ${await sign(key, claims(time.nowMs))}`), 'signing keys of the token issuer are unavailable');
    });

    it('picks the key set by the issuer of the token', async () => {
      const [testKey, prodKey] = [await signingKey('test-1'), await signingKey('prod-1')];
      const test = inProcessIssuer(ISSUER, [testKey]);
      const prod = inProcessIssuer(OTHER_ISSUER, [prodKey]);
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [test.trusted, prod.trusted], clock: time.clock });
      const fromProd = await verifier.verify(`Bearer ${await sign(prodKey, claims(time.nowMs, { iss: OTHER_ISSUER }))}`);
      assert.equal(fromProd.issuer, OTHER_ISSUER);
      assert.deepEqual([test.loads, prod.loads], [0, 1]);
      const fromTest = await verifier.verify(`Bearer ${await sign(testKey, claims(time.nowMs))}`);
      assert.equal(fromTest.issuer, ISSUER);
      assert.deepEqual([test.loads, prod.loads], [1, 1]);
    });
  });

  describe('verified-token cache', () => {
    it('returns the same result for the same token and stops accepting it at exp', async () => {
      const key = await signingKey('mp-1');
      const time = testClock();
      const options = { issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock, clockToleranceSeconds: 0 };
      const cached = createTokenVerifier(options);
      const uncached = createTokenVerifier({ ...options, cacheSize: 0 });
      const header = `Bearer ${await sign(key, claims(time.nowMs))}`;

      const first = await cached.verify(header);
      time.advance(LIFETIME_S - 0.001);
      assert.equal(await cached.verify(header), first);
      assert.equal(await cached.verify(header.replace('Bearer', 'bearer')), first);
      assert.deepEqual(await uncached.verify(header), first);
      assert.notEqual(await uncached.verify(header), first);
      assert.equal(cached.cachedTokens, 1);

      time.advance(0.001);
      await assertInvalid(cached.verify(header), 'token has expired');
      await assertInvalid(uncached.verify(header), 'token has expired');
      assert.equal(cached.cachedTokens, 0);
    });

    it('serves only the identical token: another payload under a cached signature is verified and rejected', async () => {
      const key = await signingKey('mp-1');
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock });
      const payload = claims(time.nowMs);
      const token = await sign(key, payload);
      const verified = await verifier.verify(`Bearer ${token}`);
      const [header, , signature] = token.split('.');
      const elevated = base64url.encode(JSON.stringify({ ...payload, consumer: { ID: `0192:${SUPPLIER}` } }));
      await assertInvalid(verifier.verify(`Bearer ${header}.${elevated}.${signature}`), 'token signature is invalid');
      assert.equal(await verifier.verify(`Bearer ${token}`), verified);
    });

    it('honours the clock tolerance after exp exactly as a fresh verification does', async () => {
      const key = await signingKey('mp-1');
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock, clockToleranceSeconds: 10 });
      const header = `Bearer ${await sign(key, claims(time.nowMs))}`;
      const first = await verifier.verify(header);
      time.advance(LIFETIME_S + 9.999);
      assert.equal(await verifier.verify(header), first);
      time.advance(0.001);
      await assertInvalid(verifier.verify(header), 'token has expired');
    });

    it('holds at most cacheSize tokens, evicting the least recently used (which is then verified afresh)', async () => {
      const [oldKey, newKey] = [await signingKey('old'), await signingKey('new')];
      const issuer = inProcessIssuer(ISSUER, [oldKey]);
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [issuer.trusted], clock: time.clock, cacheSize: 2, jwksRefreshSeconds: 60 });
      const [a, b, c] = await Promise.all([1, 2, 3].map(async () => `Bearer ${await sign(oldKey, claims(time.nowMs))}`));
      const first = { a: await verifier.verify(a), b: await verifier.verify(b) };
      assert.equal(await verifier.verify(a), first.a); // a is now the most recently used
      const firstC = await verifier.verify(c); // evicts b
      assert.equal(verifier.cachedTokens, 2);

      // The issuer drops the old key. Cached tokens need no key; the evicted one is verified again and fails.
      issuer.keys = [newKey];
      time.advance(61);
      assert.equal(await verifier.verify(a), first.a);
      assert.equal(await verifier.verify(c), firstC);
      await assertInvalid(verifier.verify(b), 'token signing key is unknown');
      assert.equal(verifier.cachedTokens, 2);
    });

    it('hands out a frozen result, so one request cannot change what the next one sees', async () => {
      const key = await signingKey('mp-1');
      const time = testClock();
      const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock });
      const header = `Bearer ${await sign(key, claims(time.nowMs))}`;
      const verified = await verifier.verify(header);
      assert.throws(() => verified.scopes.push('folkeregister:deling/offentligmedhjemmel'), TypeError);
      assert.throws(() => {
        (verified.claims.consumer as { ID: string }).ID = '0192:123456785';
      }, TypeError);
      assert.throws(() => {
        verified.consumerOrg = SUPPLIER;
      }, TypeError);
      assert.equal((await verifier.verify(header)).consumerOrg, CONSUMER);
    });
  });

  it('scopeCovers and hasScope compare whole scopes', async () => {
    const token = { scopes: ['folkeregister:deling/offentligmedhjemmel', 'ks:fiks'] };
    assert.equal(scopeCovers(token, 'ks:fiks'), true);
    assert.equal(scopeCovers(token, 'folkeregister:deling/offentligmedhjemmel'), true);
    assert.equal(scopeCovers(token, 'folkeregister:deling/offentligutenhjemmel'), false);
    assert.equal(scopeCovers(token, 'folkeregister:deling'), false);
    assert.equal(scopeCovers(token, 'ks'), false);
    assert.equal(scopeCovers({ scopes: [] }, ''), false);
    const key = await signingKey('mp-1');
    const time = testClock();
    const verifier = createTokenVerifier({ issuers: [inProcessIssuer(ISSUER, [key]).trusted], clock: time.clock });
    const verified = await verifier.verify(`Bearer ${await sign(key, claims(time.nowMs, { scope: '  ks:fiks  ' }))}`);
    assert.deepEqual(verified.scopes, ['ks:fiks']);
    assert.equal(verifier.hasScope(verified, 'ks:fiks'), true);
    assert.equal(verifier.hasScope(verified, 'folkeregister:deling/offentligmedhjemmel'), false);
  });

  it('refuses options that cannot work', () => {
    const jwks = async () => ({ keys: [] });
    const attempts: [string, TokenVerifierOptions][] = [
      ['no issuers', { issuers: [] }],
      ['neither jwksUri nor jwks', { issuers: [{ issuer: ISSUER }] }],
      ['both jwksUri and jwks', { issuers: [{ issuer: ISSUER, jwksUri: 'http://127.0.0.1/jwk', jwks }] }],
      ['an issuer listed twice', { issuers: [{ issuer: ISSUER, jwks }, { issuer: ISSUER, jwks }] }],
      ['a negative cache size', { issuers: [{ issuer: ISSUER, jwks }], cacheSize: -1 }],
      ['a negative tolerance', { issuers: [{ issuer: ISSUER, jwks }], clockToleranceSeconds: -1 }],
      ['a zero refresh interval', { issuers: [{ issuer: ISSUER, jwks }], jwksRefreshSeconds: 0 }],
    ];
    for (const [name, options] of attempts) assert.throws(() => createTokenVerifier(options), RangeError, name);
  });
});
