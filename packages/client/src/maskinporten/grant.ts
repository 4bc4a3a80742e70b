import { randomUUID } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import type { GrantSigner } from './signing-key.js';
import type { TokenRequest } from './token-request.js';

export type GrantAlgorithm = 'RS256' | 'RS384' | 'RS512';

export interface GrantInput {
  issuer: string;
  clientId: string;
  request: TokenRequest;
  /** Milliseconds since the epoch. */
  now: number;
  lifetimeSeconds: number;
}

/**
 * The JWT grant's claims (maskinporten.md §3.2): only documented claims, since Maskinporten rejects others, and no
 * `nbf`. A fresh jti every time: Maskinporten refuses a reused one (MP-012).
 */
export function grantClaims({ issuer, clientId, request, now, lifetimeSeconds }: GrantInput): JWTPayload {
  const iat = Math.floor(now / 1000);
  const claims: JWTPayload = {
    aud: issuer,
    iss: clientId,
    iat,
    exp: iat + lifetimeSeconds,
    jti: randomUUID(),
    scope: request.scopes.join(' '),
  };
  if (request.resource !== undefined) claims.resource = request.resource;
  if (request.consumerOrg !== undefined) claims.consumer_org = request.consumerOrg;
  if (request.pid !== undefined) claims.pid = request.pid;
  if (request.authorizationDetails !== undefined) claims.authorization_details = request.authorizationDetails;
  return claims;
}

/** Signs the grant; the header is `alg` plus exactly one of `kid` or `x5c` (no `typ`). */
export function signGrant(signer: GrantSigner, algorithm: GrantAlgorithm, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: algorithm, ...signer.header }).sign(signer.key);
}
