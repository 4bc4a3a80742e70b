// The signing keys of one trusted issuer: loaded on first use, kept for a while, reloaded when
// stale or when a token names a key id the set does not hold. Loads of one issuer are at least
// COOLDOWN_MS apart, so tokens with made-up key ids cannot turn the verifier into a fetch storm,
// and a JWKS endpoint that is down is retried once per cooldown rather than once per request.
import { createLocalJWKSet, errors } from 'jose';
import type { CompactJWSHeaderParameters, CryptoKey, FlattenedJWSInput, JSONWebKeySet, LocalJWKSet } from 'jose';

const COOLDOWN_MS = 10_000;
const FETCH_TIMEOUT_MS = 5_000;

/** The issuer's keys could not be loaded and there is no earlier set to fall back on. */
export class KeysUnavailableError extends Error {
  override readonly name = 'KeysUnavailableError';
}

export type LoadJwks = () => Promise<unknown>;

/** Loads a JWKS document over HTTP. */
export function httpJwksLoader(uri: string, fetchImpl: typeof fetch): LoadJwks {
  return async () => {
    const response = await fetchImpl(uri, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    });
    if (!response.ok) {
      await response.body?.cancel();
      throw new Error(`JWKS ${uri} answered HTTP ${response.status}`);
    }
    return response.json();
  };
}

export class IssuerKeys {
  readonly #load: LoadJwks;
  readonly #clock: () => number;
  readonly #refreshMs: number;
  #keySet: LocalJWKSet | undefined;
  #loadedAt = 0;
  #lastAttemptAt = Number.NEGATIVE_INFINITY;
  #lastFailure: unknown;
  #pending: Promise<LocalJWKSet | undefined> | undefined;

  constructor(load: LoadJwks, clock: () => number, refreshMs: number) {
    this.#load = load;
    this.#clock = clock;
    this.#refreshMs = refreshMs;
  }

  /** Key resolver for jose's jwtVerify. */
  readonly resolveKey = async (header: CompactJWSHeaderParameters, token: FlattenedJWSInput): Promise<CryptoKey> => {
    const keySet = await this.#current();
    try {
      return await keySet(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey)) throw error;
      // Unknown kid: perhaps the issuer rotated its keys. Reload once (unless within the cooldown).
      const reloaded = await this.#reload();
      if (reloaded === undefined || reloaded === keySet) throw error;
      return reloaded(header, token);
    }
  };

  async #current(): Promise<LocalJWKSet> {
    if (this.#keySet !== undefined && this.#clock() - this.#loadedAt < this.#refreshMs) return this.#keySet;
    // Missing or stale. A failed reload keeps the stale set: the issuer's old keys beat no keys.
    const keySet = await this.#reload();
    if (keySet === undefined) throw new KeysUnavailableError('issuer keys unavailable', { cause: this.#lastFailure });
    return keySet;
  }

  /** Starts a load unless one is running or the cooldown forbids it; resolves to the set then in force. */
  #reload(): Promise<LocalJWKSet | undefined> {
    if (this.#pending !== undefined) return this.#pending;
    if (this.#clock() - this.#lastAttemptAt < COOLDOWN_MS) return Promise.resolve(this.#keySet);
    this.#lastAttemptAt = this.#clock();
    // Through a resolved promise, so a loader that throws synchronously still counts as a failed load.
    this.#pending = Promise.resolve()
      .then(this.#load)
      .then((jwks) => createLocalJWKSet(jwks as JSONWebKeySet))
      .then(
        (keySet) => {
          this.#keySet = keySet;
          this.#loadedAt = this.#clock();
        },
        (failure: unknown) => {
          this.#lastFailure = failure;
        },
      )
      .then(() => {
        this.#pending = undefined;
        return this.#keySet;
      });
    return this.#pending;
  }
}
