import { setTimeout as sleep } from 'node:timers/promises';
import { MaskinportenError } from './errors.js';

export interface RetryPolicy {
  /** Extra attempts after the first. */
  retries: number;
  /** Base delay; attempt n waits between half and all of backoffMs · 2ⁿ, at most MAX_BACKOFF_MS. */
  backoffMs: number;
}

const MAX_BACKOFF_MS = 10_000;

/**
 * Runs `attempt` until it succeeds, fails with an error that is not retryable (a 4xx, bad configuration) or the
 * retries are used up. Exponential backoff with jitter, so many clients do not retry in step.
 */
export async function withRetries<T>(policy: RetryPolicy, attempt: () => Promise<T>): Promise<T> {
  for (let n = 0; ; n++) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof MaskinportenError) || !error.retryable) throw error;
      if (n >= policy.retries) throw n === 0 ? error : gaveUp(error, n + 1);
      const ceiling = Math.min(policy.backoffMs * 2 ** n, MAX_BACKOFF_MS);
      await sleep(ceiling / 2 + Math.random() * (ceiling / 2));
    }
  }
}

function gaveUp(error: MaskinportenError, attempts: number): MaskinportenError {
  return new MaskinportenError(`${error.message} (gave up after ${attempts} attempts)`, {
    status: error.status,
    error: error.error,
    errorDescription: error.errorDescription,
    retryable: true,
    cause: error,
  });
}
