/**
 * Mod-11 check digits. Weights are digit strings: reading them with charCodeAt needs no array
 * and no bounds check. A trailing weight 1 for the check digit itself turns
 * "K = 11 − (S mod 11)" into "(S + K) mod 11 = 0".
 */

/** Fødselsnummer K1 over digits 1–9 (skatteetaten.no, ehelse.no); the trailing 1 and 0 weigh K1 and K2. */
export const PERSON_WEIGHTS_1 = '37618945210';
/** Fødselsnummer K2 over digits 1–10; the trailing 1 weighs K2. */
export const PERSON_WEIGHTS_2 = '54327654321';

/** Σ digit × weight over the first `count` digits. */
export function weightedSum(digits: string, weights: string, count: number): number {
  let sum = 0;
  for (let i = 0; i < count; i++) sum += (digits.charCodeAt(i) - 48) * (weights.charCodeAt(i) - 48);
  return sum;
}

/** The digit c with (sum + c) mod 11 = remainder, or null when that would take the value 10. */
export function checkDigitFor(sum: number, remainder = 0): number | null {
  const digit = (((remainder - sum) % 11) + 11) % 11;
  return digit === 10 ? null : digit;
}

/** Every K1 that gives one of `remainders`, in that order. */
export function checkDigit1Options(first9: string, remainders: readonly number[]): number[] {
  const sum = weightedSum(first9, PERSON_WEIGHTS_1, 9);
  const options: number[] = [];
  for (const remainder of remainders) {
    const digit = checkDigitFor(sum, remainder);
    if (digit !== null) options.push(digit);
  }
  return options;
}

export function checkDigit2(first10: string): number | null {
  return checkDigitFor(weightedSum(first10, PERSON_WEIGHTS_2, 10));
}

/** Remainder (S1 + K1) mod 11 that the classic rule accepts, and the ones the 2032 rule adds. */
export const CLASSIC_REMAINDERS = [0] as const;
export const REMAINDERS_2032 = [1, 2, 3] as const;
