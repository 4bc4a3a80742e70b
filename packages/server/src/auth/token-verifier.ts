// Resource-server side of Maskinporten, shared by the register (FREG API) and the gateway (Fiks API):
// checks the bearer token of a request against one or more trusted issuers. See docs/token-verification.md.
import { decodeJwt, errors, jwtVerify } from 'jose';
import type { JWK, JWTPayload } from 'jose';
import { IssuerKeys, KeysUnavailableError, httpJwksLoader } from './issuer-keys.js';
import { REQUIRED_CLAIMS, toVerifiedToken } from './maskinporten-claims.js';
import type { VerifiedToken } from './maskinporten-claims.js';
import { TokenRejectedError } from './token-rejected-error.js';
import { VerifiedTokenCache } from './verified-token-cache.js';

export type { VerifiedToken } from './maskinporten-claims.js';
export { TokenRejectedError } from './token-rejected-error.js';
export type { TokenErrorCode } from './token-rejected-error.js';

export interface TrustedIssuer {
  /** Compared exactly with the token's iss, e.g. 'https://test.maskinporten.no/' (with the trailing slash). */
  issuer: string;
  /** JWKS document, fetched with fetch() and cached. */
  jwksUri?: string;
  /** The key set of an in-process issuer (no HTTP); cached like a fetched one. */
  jwks?: () => Promise<{ keys: JWK[] }>;
}

export interface TokenVerifierOptions {
  issuers: readonly TrustedIssuer[];
  /** When set, the token's aud must match one. Default: any aud (Maskinporten's default aud is 'unspecified'). */
  audience?: string | readonly string[];
  /** ms since the epoch; default Date.now. */
  clock?: () => number;
  /** Default 10. */
  clockToleranceSeconds?: number;
  /** How long a loaded JWKS is used before it is reloaded; default 3600. */
  jwksRefreshSeconds?: number;
  /** Verified tokens kept (least recently used evicted); default 10 000; 0 disables the cache. */
  cacheSize?: number;
  fetch?: typeof fetch;
}

export interface TokenVerifier {
  /** The verified token of an Authorization header value, or a TokenRejectedError. */
  verify(authorization: string | undefined): Promise<VerifiedToken>;
  hasScope(token: Pick<VerifiedToken, 'scopes'>, scope: string): boolean;
  /** Tokens currently held by the verified-token cache. */
  readonly cachedTokens: number;
}

const ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** RFC 6750 b64token: a JWT in compact form is three base64url parts joined by dots. */
const B64TOKEN = /^[A-Za-z0-9\-._~+/]+=*$/;

/** True when the token was granted `requiredScope` (scopes are compared whole; Maskinporten has no scope hierarchy). */
export function scopeCovers(token: Pick<VerifiedToken, 'scopes'>, requiredScope: string): boolean {
  return token.scopes.includes(requiredScope);
}

/** The token of `Bearer <token>` (scheme in any case); rejects anything else. */
function bearerToken(authorization: string | undefined): string {
  if (authorization === undefined) throw TokenRejectedError.missing();
  const space = authorization.indexOf(' ');
  const scheme = space < 0 ? authorization : authorization.slice(0, space);
  // Another scheme (or none) is "no bearer credentials": RFC 6750 §3.1, challenge without error code.
  if (scheme.toLowerCase() !== 'bearer') throw TokenRejectedError.missing();
  return space < 0 ? '' : authorization.slice(space + 1).trimStart();
}

/** The fixed description for a failure of jose's verification; nothing from the token is echoed. */
function rejectionFor(failure: unknown): TokenRejectedError {
  if (failure instanceof TokenRejectedError) return failure;
  const description =
    failure instanceof errors.JWTExpired
      ? 'token has expired'
      : failure instanceof errors.JWTClaimValidationFailed
        ? failure.claim === 'nbf'
          ? 'token is not yet valid'
          : failure.claim === 'aud'
            ? 'token audience is not accepted'
            : (REQUIRED_CLAIMS as readonly string[]).includes(failure.claim)
              ? `token claim ${failure.claim} is missing or invalid`
              : 'token claims are invalid'
        : failure instanceof errors.JOSEAlgNotAllowed || failure instanceof errors.JOSENotSupported
          ? 'token algorithm is not accepted'
          : failure instanceof errors.JWSSignatureVerificationFailed
            ? 'token signature is invalid'
            : failure instanceof errors.JWKSNoMatchingKey
              ? 'token signing key is unknown'
              : failure instanceof KeysUnavailableError
                ? 'signing keys of the token issuer are unavailable'
                : failure instanceof errors.JOSEError
                  ? 'token is malformed'
                  : 'token could not be verified';
  return TokenRejectedError.invalid(description, failure);
}

function trustedIssuers(options: TokenVerifierOptions, clock: () => number): Map<string, IssuerKeys> {
  const refreshSeconds = options.jwksRefreshSeconds ?? 3600;
  if (!(refreshSeconds > 0)) throw new RangeError(`jwksRefreshSeconds must be > 0, got ${refreshSeconds}`);
  if (options.issuers.length === 0) throw new RangeError('at least one trusted issuer is required');
  const byIssuer = new Map<string, IssuerKeys>();
  for (const trusted of options.issuers) {
    if (byIssuer.has(trusted.issuer)) throw new RangeError(`issuer ${trusted.issuer} is listed twice`);
    if ((trusted.jwksUri === undefined) === (trusted.jwks === undefined)) {
      throw new RangeError(`issuer ${trusted.issuer} needs exactly one of jwksUri and jwks`);
    }
    const load = trusted.jwks ?? httpJwksLoader(trusted.jwksUri as string, options.fetch ?? fetch);
    byIssuer.set(trusted.issuer, new IssuerKeys(load, clock, refreshSeconds * 1000));
  }
  return byIssuer;
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const clock = options.clock ?? Date.now;
  const tolerance = options.clockToleranceSeconds ?? 10;
  if (!(tolerance >= 0 && Number.isFinite(tolerance))) throw new RangeError(`clockToleranceSeconds must be ≥ 0, got ${tolerance}`);
  const issuers = trustedIssuers(options, clock);
  const audience = typeof options.audience === 'string' ? options.audience : options.audience && [...options.audience];
  const cache = new VerifiedTokenCache<VerifiedToken>(options.cacheSize ?? 10_000);

  async function verifyUncached(token: string, nowMs: number): Promise<VerifiedToken> {
    if (!B64TOKEN.test(token)) throw TokenRejectedError.invalid('token is malformed');
    // The issuer selects the key set, so read it before the signature is checked; jwtVerify checks it again.
    let unverified: JWTPayload;
    try {
      unverified = decodeJwt(token);
    } catch (failure) {
      throw TokenRejectedError.invalid('token is malformed', failure);
    }
    const keys = typeof unverified.iss === 'string' ? issuers.get(unverified.iss) : undefined;
    if (keys === undefined) throw TokenRejectedError.invalid('token issuer is not trusted');
    try {
      const { payload } = await jwtVerify(token, keys.resolveKey, {
        issuer: unverified.iss,
        algorithms: ALGORITHMS,
        audience,
        clockTolerance: tolerance,
        currentDate: new Date(nowMs),
        requiredClaims: [...REQUIRED_CLAIMS],
      });
      return toVerifiedToken(payload, Math.floor(nowMs / 1000), tolerance);
    } catch (failure) {
      throw rejectionFor(failure);
    }
  }

  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      const nowMs = clock();
      const cached = cache.get(token, nowMs);
      if (cached !== undefined) return cached;
      const verified = await verifyUncached(token, nowMs);
      // Honoured exactly as long as a fresh verification would accept it: jose accepts until exp + tolerance.
      cache.set(token, verified, (verified.expiresAt + tolerance) * 1000);
      return verified;
    },
    hasScope: scopeCovers,
    get cachedTokens() {
      return cache.size;
    },
  };
}
