/** Test helpers: the shared reference folder, a seeded random source and check digits computed independently. */
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const repo = fileURLToPath(new URL('../../../', import.meta.url));

/** The reference material beside the checkout (`../shared`), or `FOLKEPORT_SHARED`. */
export const sharedDir = process.env.FOLKEPORT_SHARED ?? path.resolve(repo, '../shared');

/** Deterministic integers for test samples (a 32-bit LCG; quality is irrelevant here). */
export function testRandom(seed: number) {
  let state = seed >>> 0;
  const below = (bound: number) => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return Math.floor((state / 2 ** 32) * bound);
  };
  return {
    below,
    pick: <T>(items: readonly T[]): T => items[below(items.length)] as T,
    digits: (count: number) => Array.from({ length: count }, () => String(below(10))).join(''),
  };
}

const weighted = (digits: string, weights: number[]) => weights.reduce((sum, w, i) => sum + w * Number(digits[i]), 0);

/** K1 with (S1 + K1) mod 11 = remainder, straight from the published formula; may be 10 (no digit). */
export function k1For(first9: string, remainder = 0): number {
  return (((remainder - weighted(first9, [3, 7, 6, 1, 8, 9, 4, 5, 2])) % 11) + 11) % 11;
}

/** K2 with (S2 + K2) mod 11 = 0; may be 10 (no digit). */
export function k2For(first10: string): number {
  return (11 - (weighted(first10, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]) % 11)) % 11;
}

/** Nine digits plus K1 and K2, or null when either would have to be 10. */
export function withCheckDigits(first9: string, remainder = 0): string | null {
  const k1 = k1For(first9, remainder);
  if (k1 === 10) return null;
  const k2 = k2For(`${first9}${k1}`);
  return k2 === 10 ? null : `${first9}${k1}${k2}`;
}
