/**
 * Organisasjonsnummer (Enhetsregisteret, Brønnøysundregistrene): 9 digits, the last a mod-11
 * check digit with weights 3, 2, 7, 6, 5, 4, 3, 2 (brreg.no "Organisasjonsnummeret").
 */
import { checkDigitFor, weightedSum } from './checkDigits.js';
import { formErrors, isDigits, type NumberError } from './digits.js';
import type { Random } from './prng.js';

const WEIGHTS = '327654321';

export type OrganisasjonsnummerErrorCode = 'length' | 'non-digit' | 'check-digit';

export interface OrganisasjonsnummerAnalysis {
  input: string;
  valid: boolean;
  errors: NumberError<OrganisasjonsnummerErrorCode>[];
}

/** Allocates nothing. */
export function isValidOrganisasjonsnummer(input: string): boolean {
  return input.length === 9 && isDigits(input) && weightedSum(input, WEIGHTS, 9) % 11 === 0;
}

export function analyseOrganisasjonsnummer(input: string): OrganisasjonsnummerAnalysis {
  const errors: NumberError<OrganisasjonsnummerErrorCode>[] = formErrors(input, 9, 'an organisasjonsnummer');
  if (errors.length === 0 && weightedSum(input, WEIGHTS, 9) % 11 !== 0) {
    const expected = checkDigitFor(weightedSum(input, WEIGHTS, 8));
    errors.push({
      code: 'check-digit',
      message:
        expected === null
          ? 'no check digit exists for the first eight digits (the remainder would need the digit 10); ' +
            'such numbers are never assigned'
          : `check digit (the 9th digit) is ${input[8]}, expected ${expected}`,
    });
  }
  return { input, valid: errors.length === 0, errors };
}

/** A random valid number starting with 8 or 9, as the numbers in Enhetsregisteret do. */
export function randomOrganisasjonsnummer(random: Random): string {
  for (;;) {
    let first8 = String(8 + random.below(2));
    for (let i = 1; i < 8; i++) first8 += String(random.below(10));
    const check = checkDigitFor(weightedSum(first8, WEIGHTS, 8));
    if (check !== null) return first8 + check;
  }
}
