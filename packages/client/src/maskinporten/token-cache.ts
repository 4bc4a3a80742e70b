/** A token with the absolute time it stops being valid. */
export interface Expiring {
  /** Milliseconds since the epoch. */
  expiresAt: number;
}

/**
 * Tokens by request key, kept until `marginMs` before they expire. Concurrent requests for the same key share one
 * fetch; a failed fetch leaves nothing behind, so the next call tries again.
 */
export class TokenCache<T extends Expiring> {
  readonly #tokens = new Map<string, T>();
  readonly #pending = new Map<string, Promise<T>>();
  /** Bumped by clear(), so a fetch started before it does not refill the cache. */
  #generation = 0;

  constructor(
    private readonly marginMs: number,
    private readonly clock: () => number,
  ) {}

  get(key: string, fetchToken: () => Promise<T>): Promise<T> {
    const cached = this.#tokens.get(key);
    if (cached !== undefined && this.#fresh(cached)) return Promise.resolve(cached);
    const pending = this.#pending.get(key);
    if (pending !== undefined) return pending;

    const generation = this.#generation;
    const fetched = fetchToken().then(
      (token) => {
        if (this.#pending.get(key) === fetched) this.#pending.delete(key);
        if (generation === this.#generation) this.#store(key, token);
        return token;
      },
      (error: unknown) => {
        if (this.#pending.get(key) === fetched) this.#pending.delete(key);
        throw error;
      },
    );
    this.#pending.set(key, fetched);
    return fetched;
  }

  clear(): void {
    this.#tokens.clear();
    this.#pending.clear();
    this.#generation++;
  }

  #fresh(token: T): boolean {
    return this.clock() < token.expiresAt - this.marginMs;
  }

  /** Drops stale tokens on the way, so keys that are never asked for again do not pile up. */
  #store(key: string, token: T): void {
    for (const [staleKey, stale] of this.#tokens) if (!this.#fresh(stale)) this.#tokens.delete(staleKey);
    this.#tokens.set(key, token);
  }
}
