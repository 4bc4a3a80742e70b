// The grant signature check (node:crypto, RS256/384/512) on its own, and at the token endpoint.
import assert from 'node:assert/strict';
import { generateKeyPairSync, randomUUID, sign as rsaSign, type KeyObject } from 'node:crypto';
import { describe, test } from 'node:test';
import { CompactSign, exportJWK } from 'jose';
import { grantSignatureValid, registeredKeyObjects } from '../src/maskinporten/grant-signature.js';
import { describeDatabases } from './databases.js';
import { mpCode, setUp } from './maskinporten-fixture.js';

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const otherRsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const payload = new TextEncoder().encode(JSON.stringify({ iss: 'client', scope: 'a:b', jti: 'j' }));
const sign = (alg: string, key = rsa.privateKey) => new CompactSign(payload).setProtectedHeader({ alg, kid: 'k' }).sign(key);

/** An RS256 compact JWS made by hand: jose refuses to sign with small keys or unknown crit parameters. */
function handMadeJws(header: object, claims: object, key: KeyObject): string {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(claims)}`;
  return `${input}.${rsaSign('sha256', Buffer.from(input), key).toString('base64url')}`;
}

describe('grantSignatureValid', () => {
  test('accepts RS256, RS384 and RS512 signatures by the key, each only under its own alg', async () => {
    for (const alg of ['RS256', 'RS384', 'RS512'] as const) {
      const jws = await sign(alg);
      assert.equal(grantSignatureValid(jws, alg, rsa.publicKey), true, alg);
      assert.equal(grantSignatureValid(jws, alg === 'RS256' ? 'RS512' : 'RS256', rsa.publicKey), false, `${alg} checked as another alg`);
    }
  });

  test('refuses another key, a changed header or payload, and signatures that are not plain base64url', async () => {
    const jws = await sign('RS256');
    const [header, body, signature] = jws.split('.') as [string, string, string];
    const otherBody = Buffer.from(JSON.stringify({ iss: 'client', scope: 'a:b c:d', jti: 'j' })).toString('base64url');
    const otherHeader = Buffer.from(JSON.stringify({ alg: 'RS256', kid: 'k2' })).toString('base64url');
    const refused: [string, string][] = [
      ['another key', jws],
      ['changed payload', `${header}.${otherBody}.${signature}`],
      ['changed header', `${otherHeader}.${body}.${signature}`],
      ['padding', `${jws}=`],
      ['standard base64 character', `${header}.${body}.${signature.slice(0, -1)}+`],
      ['white space', `${header}.${body}. ${signature}`],
      ['no signature', `${header}.${body}.`],
      ['four segments', `${jws}.${signature}`],
      ['two segments', `${header}.${body}`],
    ];
    for (const [name, assertion] of refused) {
      const key = name === 'another key' ? otherRsa.publicKey : rsa.publicKey;
      assert.equal(grantSignatureValid(assertion, 'RS256', key), false, name);
    }
  });

  test('refuses keys that are not RSA public keys of at least 2048 bits', async () => {
    const small = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const smallJws = handMadeJws({ alg: 'RS256' }, { iss: 'client' }, small.privateKey);
    assert.equal(grantSignatureValid(smallJws, 'RS256', small.publicKey), false, '1024 bits');
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const es256 = await new CompactSign(payload).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    assert.equal(grantSignatureValid(es256, 'RS256', ec.publicKey), false, 'EC key');
    assert.equal(grantSignatureValid(await sign('RS256'), 'RS256', rsa.privateKey), false, 'a private key object');
  });
});

describe('registeredKeyObjects', () => {
  test('imports a kid once, and again when the kid is registered with other key material', async () => {
    const keyObject = registeredKeyObjects();
    const jwk = await exportJWK(rsa.publicKey);
    const first = keyObject('k', jwk);
    assert.equal(keyObject('k', { ...jwk }), first);
    const replaced = keyObject('k', await exportJWK(otherRsa.publicKey));
    assert.notEqual(replaced, first);
    assert.equal(grantSignatureValid(await sign('RS256', otherRsa.privateKey), 'RS256', replaced), true);
  });
});

describeDatabases('Maskinporten grant signature at the token endpoint', (target) => {
  test('a grant whose payload was changed after signing is MP-124; a crit header is MP-011', async () => {
    const f = await setUp(target.db);
    const [header, , signature] = (await f.grant()).split('.') as [string, string, string];
    const tampered = (await f.grant({ scope: 'ks:fiks' })).split('.')[1];
    const changed = await f.token(`${header}.${tampered}.${signature}`);
    assert.equal(changed.status, 400);
    assert.equal(mpCode(changed.body), 'MP-124');
    const iat = Math.floor(f.now.value / 1000);
    const claims = { aud: f.server.issuer(), iss: f.clientId, scope: 'folkeregister:deling/offentligmedhjemmel', iat, exp: iat + 60, jti: randomUUID() };
    const crit = await f.token(handMadeJws({ alg: 'RS256', kid: f.kid, crit: ['exp'], exp: iat }, claims, f.key.privateKey));
    assert.equal(mpCode(crit.body), 'MP-011');
    assert.match(String(crit.body.error_description), /crit \(critical header extensions\) is not supported/);
    assert.equal((await f.token(await f.grant())).status, 200);
  });
});
