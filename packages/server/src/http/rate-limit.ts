/**
 * A fixed one-minute window per key, counting what a caller may do per minute. The register limits requests per
 * consumer organisation with it (FREG limits per IP: 60 000/min in production, 1 200/min in test; Folkeport counts
 * per organisation, which is what a shared gateway needs); the gateway limits failed password checks per caller
 * (gateway/failed-logins.ts). A refusal says how many milliseconds remain until the key's next window.
 */
export interface RateLimiter {
  /** Counts one for the key: undefined when it is within the limit, else the milliseconds to wait (nothing counted). */
  take(key: string): number | undefined;
  /** Uncounts one taken in the key's current window: what was taken turned out not to count. */
  giveBack(key: string): void;
}

const WINDOW_MS = 60_000;

export function createRateLimiter(perMinute: number, clock: () => number): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(key) {
      const now = clock();
      let window = windows.get(key);
      if (!window || now - window.start >= WINDOW_MS) {
        if (windows.size > 100_000) windows.clear(); // bounded: stale windows are only counters
        window = { start: now, used: 0 };
        windows.set(key, window);
      }
      if (window.used >= perMinute) return window.start + WINDOW_MS - now;
      window.used += 1;
      return undefined;
    },
    giveBack(key) {
      const window = windows.get(key);
      if (window && window.used > 0) window.used -= 1;
    },
  };
}
