/**
 * DUF-nummer (UDI's 12-digit number; FREG `utlendingsmyndighetenesIdentifikasjonsnummer`).
 * By default only its form is checked. The check-digit rule — the last two digits are
 * Σ digit × weight mod 11 over the first ten with weights 4, 6, 3, 2, 4, 6, 3, 2, 7, 5 — has a
 * single, unverified public source (oyms/NorwegianTypes), so it is opt-in.
 */
import { weightedSum } from './checkDigits.js';
import { formErrors, isDigits, type NumberError } from './digits.js';

const WEIGHTS = '4632463275';

export interface DufNummerOptions {
  /** Also check the two trailing check digits. Default false. */
  checkDigits?: boolean;
}

export type DufNummerErrorCode = 'length' | 'non-digit' | 'check-digits';

export interface DufNummerAnalysis {
  input: string;
  valid: boolean;
  errors: NumberError<DufNummerErrorCode>[];
}

/** Allocates nothing. */
export function isValidDufNummer(input: string, options?: DufNummerOptions): boolean {
  return (
    input.length === 12 &&
    isDigits(input) &&
    (options?.checkDigits !== true || expectedCheckDigits(input) === trailing(input))
  );
}

export function analyseDufNummer(input: string, options?: DufNummerOptions): DufNummerAnalysis {
  const errors: NumberError<DufNummerErrorCode>[] = formErrors(input, 12, 'a DUF-nummer');
  if (errors.length === 0 && options?.checkDigits === true && expectedCheckDigits(input) !== trailing(input)) {
    const expected = String(expectedCheckDigits(input)).padStart(2, '0');
    const message = `check digits (the last two) are ${input.slice(10)}, expected ${expected}`;
    errors.push({ code: 'check-digits', message });
  }
  return { input, valid: errors.length === 0, errors };
}

function expectedCheckDigits(input: string): number {
  return weightedSum(input, WEIGHTS, 10) % 11;
}

function trailing(input: string): number {
  return (input.charCodeAt(10) - 48) * 10 + input.charCodeAt(11) - 48;
}
