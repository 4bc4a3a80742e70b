/**
 * Verifies a grant's signature (RS256/384/512, RSASSA-PKCS1-v1_5) with node:crypto. The token endpoint checks one
 * signature per token; done synchronously here it costs ≈ 30 µs of CPU, where jose's WebCrypto path costs ≈ 200 µs
 * (job dispatch, key wrapping), a tenth of what a whole token costs (bench/token-issue.bench.ts).
 */
import { createPublicKey, verify, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { JWK } from 'jose';
import type { GRANT_ALGORITHMS } from './grant-claims.js';

const HASHES: Record<(typeof GRANT_ALGORITHMS)[number], string> = { RS256: 'sha256', RS384: 'sha384', RS512: 'sha512' };
const MIN_MODULUS_BITS = 2048;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * True when `assertion` (a compact JWS whose header named `alg`) is signed by `key`: an RSA key of at least 2048
 * bits, over exactly the first two segments as sent. Every segment must be plain base64url, so what was signed
 * is what was decoded.
 */
export function grantSignatureValid(assertion: string, alg: (typeof GRANT_ALGORITHMS)[number], key: KeyObject): boolean {
  const segments = assertion.split('.');
  if (segments.length !== 3) return false;
  if (!segments.every((segment) => BASE64URL.test(segment))) return false;
  const [header, payload, signature] = segments as [string, string, string];
  if (key.type !== 'public' || key.asymmetricKeyType !== 'rsa') return false;
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_MODULUS_BITS) return false;
  return verify(HASHES[alg], Buffer.from(`${header}.${payload}`, 'ascii'), key, Buffer.from(signature, 'base64url'));
}

/** A registered public JWK as a key object, imported once per kid while its key material stays the same. */
export function registeredKeyObjects(limit = 1000): (kid: string, jwk: JWK) => KeyObject {
  const imported = new Map<string, { material: string; key: KeyObject }>();
  return (kid, jwk) => {
    const material = `${jwk.kty}.${jwk.n}.${jwk.e}`;
    const cached = imported.get(kid);
    if (cached?.material === material) return cached.key;
    const key = createPublicKey({ key: { kty: jwk.kty, n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' });
    if (imported.size >= limit) imported.clear();
    imported.set(kid, { material, key });
    return key;
  };
}
