import { describeEnvironment, discoverTokenEndpoint, type MaskinportenEnvironment } from './environments.js';
import { MaskinportenError } from './errors.js';
import { grantClaims, signGrant, type GrantAlgorithm } from './grant.js';
import type { Http } from './http.js';
import { withRetries, type RetryPolicy } from './retry.js';
import { loadSigningKey, type GrantSigner, type SigningKey } from './signing-key.js';
import { TokenCache } from './token-cache.js';
import { exchangeGrant, type AccessToken } from './token-endpoint.js';
import { checkTokenRequest, tokenCacheKey, type TokenRequest } from './token-request.js';

export interface MaskinportenClientOptions {
  environment: MaskinportenEnvironment;
  /** The client_id registered in Maskinporten (or in Folkeport's server). */
  clientId: string;
  key: SigningKey;
  /** Grant signature algorithm; default RS256. */
  algorithm?: GrantAlgorithm;
  /** exp − iat of each grant; default 60, Maskinporten allows at most 120. */
  grantLifetimeSeconds?: number;
  /** Cached tokens are renewed this long before they expire; default 10. */
  expiryMarginSeconds?: number;
  /** Extra attempts after a 5xx answer, a network failure or a timeout; default 3. 4xx answers are never retried. */
  retries?: number;
  /** Base delay of the exponential backoff between attempts; default 250 ms. */
  backoffMs?: number;
  /** Time limit of each HTTP request, body included; default 10 000 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; default Date.now. */
  clock?: () => number;
}

const ALGORITHMS: readonly GrantAlgorithm[] = ['RS256', 'RS384', 'RS512'];

/**
 * Gets Maskinporten access tokens with a signed JWT grant (maskinporten.md §2–§4) and caches them. The same code
 * talks to test.maskinporten.no, maskinporten.no and Folkeport's own server.
 */
export class MaskinportenClient {
  readonly #issuer: string;
  readonly #clientId: string;
  readonly #signer: GrantSigner;
  readonly #algorithm: GrantAlgorithm;
  readonly #grantLifetimeSeconds: number;
  readonly #retry: RetryPolicy;
  readonly #http: Http;
  readonly #clock: () => number;
  readonly #cache: TokenCache<AccessToken>;
  /** Known from the preset or the options, or found once through the issuer's metadata. */
  #tokenEndpoint: Promise<string> | undefined;

  constructor(options: MaskinportenClientOptions) {
    const environment = describeEnvironment(options.environment);
    this.#issuer = environment.issuer;
    if (environment.tokenEndpoint !== undefined) this.#tokenEndpoint = Promise.resolve(environment.tokenEndpoint);
    if (typeof options.clientId !== 'string' || options.clientId === '') {
      throw new MaskinportenError('clientId must be a non-empty string');
    }
    this.#clientId = options.clientId;
    this.#algorithm = options.algorithm ?? 'RS256';
    if (!ALGORITHMS.includes(this.#algorithm)) {
      throw new MaskinportenError(`algorithm must be one of ${ALGORITHMS.join(', ')} (got ${String(this.#algorithm)})`);
    }
    this.#signer = loadSigningKey(options.key);
    const jwkAlgorithm = 'jwk' in options.key ? options.key.jwk.alg : undefined;
    if (jwkAlgorithm !== undefined && jwkAlgorithm !== this.#algorithm) {
      throw new MaskinportenError(`The JWK is for ${jwkAlgorithm}, but algorithm is ${this.#algorithm}`);
    }
    this.#grantLifetimeSeconds = whole(options.grantLifetimeSeconds ?? 60, 'grantLifetimeSeconds', 1, 120);
    const marginSeconds = whole(options.expiryMarginSeconds ?? 10, 'expiryMarginSeconds', 0);
    this.#retry = {
      retries: whole(options.retries ?? 3, 'retries', 0),
      backoffMs: whole(options.backoffMs ?? 250, 'backoffMs', 0),
    };
    this.#http = { fetch: options.fetch ?? fetch, timeoutMs: whole(options.timeoutMs ?? 10_000, 'timeoutMs', 1) };
    this.#clock = options.clock ?? Date.now;
    this.#cache = new TokenCache(marginSeconds * 1000, this.#clock);
  }

  /**
   * A cached token while it has more than the expiry margin left, otherwise a new one. Rejects with a
   * MaskinportenError; a malformed request is rejected before anything is sent.
   */
  async getToken(request: TokenRequest): Promise<AccessToken> {
    checkTokenRequest(request);
    return this.#cache.get(tokenCacheKey(this.#issuer, this.#clientId, request), () => this.#fetchToken(request));
  }

  /** Forgets every cached token; requests under way are answered but their tokens are not kept. */
  clearCache(): void {
    this.#cache.clear();
  }

  async #fetchToken(request: TokenRequest): Promise<AccessToken> {
    const tokenEndpoint = await this.#findTokenEndpoint();
    // Each attempt signs a new grant: one that reached Maskinporten is used up (MP-012), even if the answer was lost.
    return withRetries(this.#retry, async () => {
      const sentAt = this.#clock();
      const claims = grantClaims({
        issuer: this.#issuer,
        clientId: this.#clientId,
        request,
        now: sentAt,
        lifetimeSeconds: this.#grantLifetimeSeconds,
      });
      const assertion = await signGrant(this.#signer, this.#algorithm, claims);
      return exchangeGrant(this.#http, { tokenEndpoint, assertion, sentAt, requestedScope: String(claims.scope) });
    });
  }

  #findTokenEndpoint(): Promise<string> {
    if (this.#tokenEndpoint === undefined) {
      const discovery = withRetries(this.#retry, () => discoverTokenEndpoint(this.#http, this.#issuer));
      this.#tokenEndpoint = discovery;
      // A failed discovery is tried again on the next request.
      discovery.catch(() => {
        if (this.#tokenEndpoint === discovery) this.#tokenEndpoint = undefined;
      });
    }
    return this.#tokenEndpoint;
  }
}

function whole(value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `at least ${min}` : `${min}–${max}`;
    throw new MaskinportenError(`${name} must be a whole number, ${range} (got ${value})`);
  }
  return value;
}
