// Bounded least-recently-used cache of verified tokens, keyed by the exact token string.
// A hit is one Map lookup, one string comparison and a re-insert (to mark it recently used): no crypto,
// no parsing. The Map is indexed by the token's last INDEX_CHARS characters (part of its signature)
// rather than the whole token, because hashing a fresh 1 kB string for every lookup costs
// microseconds; an entry is used only when its whole token is identical.

const INDEX_CHARS = 32;

interface Entry<V> {
  readonly token: string;
  readonly value: V;
  readonly expiresAtMs: number;
}

export class VerifiedTokenCache<V> {
  readonly #capacity: number;
  // A Map iterates in insertion order, so its first key is the least recently used.
  readonly #entries = new Map<string, Entry<V>>();

  constructor(capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 0) throw new RangeError(`cacheSize must be a whole number ≥ 0, got ${capacity}`);
    this.#capacity = capacity;
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The cached value, or undefined when absent or expired at `nowMs` (an expired entry is dropped). */
  get(token: string, nowMs: number): V | undefined {
    const slot = token.slice(-INDEX_CHARS);
    const entry = this.#entries.get(slot);
    if (entry === undefined || entry.token !== token) return undefined;
    this.#entries.delete(slot);
    if (nowMs >= entry.expiresAtMs) return undefined;
    this.#entries.set(slot, entry);
    return entry.value;
  }

  set(token: string, value: V, expiresAtMs: number): void {
    if (this.#capacity === 0) return;
    const slot = token.slice(-INDEX_CHARS);
    this.#entries.delete(slot);
    if (this.#entries.size >= this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    this.#entries.set(slot, { token, value, expiresAtMs });
  }
}
