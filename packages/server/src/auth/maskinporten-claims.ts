// The claims of a Maskinporten access token, checked and mapped after the signature, issuer and
// exp/nbf have been verified. Claim set: docs.digdir.no Maskinporten token docs; required claims as
// NAV's maskinporten-validation (see docs/token-verification.md).
import type { JWTPayload } from 'jose';
import { TokenRejectedError } from './token-rejected-error.js';

/** The claims jose must find present; their types are checked here. */
export const REQUIRED_CLAIMS = ['client_id', 'consumer', 'scope', 'exp', 'iat', 'jti'] as const;

export interface VerifiedToken {
  issuer: string;
  clientId: string;
  clientAmr?: string;
  /** Organisation number of the consumer: the text after the last ':' of consumer.ID. */
  consumerOrg: string;
  /** Organisation number of the supplier, on a delegated token. */
  supplierOrg?: string;
  delegationSource?: string;
  scopes: string[];
  audience: string | string[] | undefined;
  pid?: string;
  /** exp, in seconds since the epoch. */
  expiresAt: number;
  jti: string;
  claims: JWTPayload;
}

function invalidClaim(name: string): TokenRejectedError {
  return TokenRejectedError.invalid(`token claim ${name} is missing or invalid`);
}

function requiredString(claims: JWTPayload, name: string): string {
  const value = claims[name];
  if (typeof value !== 'string' || value === '') throw invalidClaim(name);
  return value;
}

function optionalString(claims: JWTPayload, name: string): string | undefined {
  const value = claims[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidClaim(name);
  return value;
}

/**
 * The organisation number in an ISO 6523 party ({ authority, ID: 'ICD:value' }). ID may grow to
 * 2–4 colon-separated elements, so the number is whatever follows the last ':'.
 */
function organisationNumber(claims: JWTPayload, name: 'consumer' | 'supplier'): string {
  const party = claims[name];
  const id = typeof party === 'object' && party !== null ? (party as Record<string, unknown>).ID : undefined;
  if (typeof id !== 'string') throw invalidClaim(name);
  const separator = id.lastIndexOf(':');
  const orgno = id.slice(separator + 1);
  if (separator < 0 || orgno === '') throw invalidClaim(name);
  return orgno;
}

function scopes(claims: JWTPayload): string[] {
  const scope = claims.scope;
  if (typeof scope === 'string') return scope.split(' ').filter((part) => part !== '');
  if (Array.isArray(scope) && scope.every((part) => typeof part === 'string')) return scope.filter((part) => part !== '');
  throw invalidClaim('scope');
}

function audience(claims: JWTPayload): string | string[] | undefined {
  const aud = claims.aud;
  if (aud === undefined || typeof aud === 'string') return aud;
  if (Array.isArray(aud) && aud.every((part) => typeof part === 'string')) return aud;
  throw invalidClaim('aud');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/**
 * Checks what jose does not and maps the claims. jose has already checked presence of
 * REQUIRED_CLAIMS, iss, the numeric types of exp/iat/nbf, exp and nbf. The result is frozen:
 * the cache hands the same object to every request with the same token.
 */
export function toVerifiedToken(claims: JWTPayload, nowSeconds: number, toleranceSeconds: number): VerifiedToken {
  // jose checks iat in the future only together with maxTokenAge, which Maskinporten tokens do not need.
  if ((claims.iat as number) > nowSeconds + toleranceSeconds) throw TokenRejectedError.invalid('token is not yet valid');
  const tokenType = optionalString(claims, 'token_type');
  if (tokenType !== undefined && tokenType !== 'Bearer') throw invalidClaim('token_type');

  const verified: VerifiedToken = {
    issuer: claims.iss as string,
    clientId: requiredString(claims, 'client_id'),
    consumerOrg: organisationNumber(claims, 'consumer'),
    scopes: scopes(claims),
    audience: audience(claims),
    expiresAt: claims.exp as number,
    jti: requiredString(claims, 'jti'),
    claims,
  };
  const clientAmr = optionalString(claims, 'client_amr');
  if (clientAmr !== undefined) verified.clientAmr = clientAmr;
  if (claims.supplier !== undefined) verified.supplierOrg = organisationNumber(claims, 'supplier');
  const delegationSource = optionalString(claims, 'delegation_source');
  if (delegationSource !== undefined) verified.delegationSource = delegationSource;
  const pid = optionalString(claims, 'pid');
  if (pid !== undefined) verified.pid = pid;
  return deepFreeze(verified);
}
