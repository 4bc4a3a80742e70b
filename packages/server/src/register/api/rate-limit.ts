/**
 * Requests per organisation per minute (FREG limits per IP: 60 000/min in production, 1 200/min in test;
 * Folkeport counts per consumer organisation, which is what a shared gateway needs). A fixed one-minute
 * window per organisation; the answer says how many milliseconds remain until the next window.
 */
export interface RateLimiter {
  /** Undefined when the request may proceed, else the milliseconds to wait. */
  take(organisation: string): number | undefined;
}

const WINDOW_MS = 60_000;

export function createRateLimiter(perMinute: number, clock: () => number): RateLimiter {
  const windows = new Map<string, { start: number; used: number }>();
  return {
    take(organisation) {
      const now = clock();
      let window = windows.get(organisation);
      if (!window || now - window.start >= WINDOW_MS) {
        if (windows.size > 100_000) windows.clear(); // bounded: stale windows are only counters
        window = { start: now, used: 0 };
        windows.set(organisation, window);
      }
      if (window.used >= perMinute) return window.start + WINDOW_MS - now;
      window.used += 1;
      return undefined;
    },
  };
}
