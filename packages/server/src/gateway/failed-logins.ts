/**
 * Failed logins per caller per minute. Every password check the gateway runs is a slow hash (passwords.ts, ≈ 30 ms
 * of CPU), so without a limit anyone who can reach it could keep its CPU busy by sending wrong passwords. A check
 * counts against its caller from when it starts, and is given back when it succeeds: failed checks and checks still
 * running use up the budget, correct credentials never do. Once it is used up, the caller's next checks are refused
 * with 429 until the minute is over, before any hash runs (docs/gateway.md, "Failed logins").
 */
import type { FastifyRequest } from 'fastify';
import type { VerifiedToken } from '../auth/token-verifier.js';
import { createRateLimiter } from '../http/rate-limit.js';
import { ProxyError } from './proxy/proxy-error.js';

export const DEFAULT_FAILED_LOGINS_PER_MINUTE = 60;

/** The caller of an integration-password check: the token's Maskinporten client. */
export const byClient = (token: VerifiedToken): string => `client ${token.issuer} ${token.clientId}`;

/** The caller of an admin-credential check (configuration API and log share it): the client's address. */
export const byAddress = (request: FastifyRequest): string => `address ${request.ip}`;

export interface FailedLogins {
  /**
   * Runs the password check for `caller` (a Maskinporten client, or an address for admin credentials) and returns
   * its answer; throws a 429 ProxyError instead, with `Retry-After` in milliseconds, when the caller's budget is spent.
   */
  check(caller: string, passwordCheck: () => Promise<boolean>): Promise<boolean>;
}

export function createFailedLogins(perMinute = DEFAULT_FAILED_LOGINS_PER_MINUTE, clock: () => number = Date.now): FailedLogins {
  const limiter = createRateLimiter(perMinute, clock);
  return {
    async check(caller, passwordCheck) {
      const wait = limiter.take(caller);
      if (wait !== undefined) {
        // Milliseconds, as FREG gives Retry-After: clients of the gateway see one unit, whichever refused them.
        throw new ProxyError(
          429,
          'FOR_MANGE_MISLYKKEDE_INNLOGGINGER',
          `For mange mislykkede innloggingsforsøk. Prøv igjen om ${Math.ceil(wait / 1000)} sekunder.`,
          { 'retry-after': String(wait) },
        );
      }
      const matched = await passwordCheck();
      if (matched) limiter.giveBack(caller);
      return matched;
    },
  };
}
