/** Validate and decode 11-digit personal identity numbers. */
import { formatIsoDate } from './calendar.js';
import { CENTURIES } from './century.js';
import { describeErrors, type IdError } from './idErrors.js';
import {
  ERROR_MASK,
  KIND_D,
  KIND_FH,
  KIND_FNR,
  KIND_H,
  KIND_MASK,
  RULE_2032,
  SYNTHETIC_MASK,
  SYNTHETIC_NAV,
  SYNTHETIC_TENOR,
  centuriesOf,
  digitAt,
  scanIdNumber,
} from './scan.js';

export type IdKind = 'foedselsnummer' | 'dNummer' | 'hNummer' | 'fhNummer';
export type Gender = 'kvinne' | 'mann';
export type CheckDigitRule = 'classic' | '2032';
/** Tenor / Skatteetaten: month + 80. NAV (Dolly, Testnorge): month + 40. */
export type SyntheticScheme = 'tenor' | 'nav';

export interface IdNumberOptions {
  /**
   * How to read month + 40, which H-numbers and NAV's synthetic numbers share.
   * `'hNummer'` (default) or `'nav'` (a synthetic fødselsnummer or D-nummer).
   */
  plus40?: 'hNummer' | 'nav';
  /** Accept check digit 1 under the rule for numbers issued from 2032. Default true. */
  allow2032Rule?: boolean;
}

export type AmbiguityCode = 'plus40-reading' | 'century';

export interface Ambiguity {
  code: AmbiguityCode;
  message: string;
}

export interface IdNumberAnalysis {
  input: string;
  valid: boolean;
  /** What the digits say the number is; null when it is not 11 digits. Set for invalid numbers too. */
  kind: IdKind | null;
  synthetic: boolean;
  syntheticScheme: SyntheticScheme | null;
  /** Set when the number is valid and encodes exactly one possible birth date. */
  birthDate: string | null;
  /** Every possible birth date of a valid number (`YYYY-MM-DD`); empty for FH-numbers and invalid numbers. */
  birthDateCandidates: string[];
  /** Only for valid numbers under the classic rule; numbers issued under the 2032 rule are gender-neutral. */
  gender: Gender | null;
  /** The rule check digit 1 matched; a remainder of 0 satisfies both and is reported as `classic`. */
  checkDigitRule: CheckDigitRule | null;
  ambiguities: Ambiguity[];
  errors: IdError[];
}

/** True when `input` is a valid fødselsnummer, D-, H- or FH-nummer. Allocates nothing. */
export function isValidIdNumber(input: string, options?: IdNumberOptions): boolean {
  return (scanIdNumber(input, options?.plus40 === 'nav', options?.allow2032Rule !== false) & ERROR_MASK) === 0;
}

export function analyseIdNumber(input: string, options?: IdNumberOptions): IdNumberAnalysis {
  const plus40Nav = options?.plus40 === 'nav';
  const allow2032 = options?.allow2032Rule !== false;
  const scan = scanIdNumber(input, plus40Nav, allow2032);
  const valid = (scan & ERROR_MASK) === 0;
  const kind = KINDS.get(scan & KIND_MASK) ?? null;
  const syntheticScheme = SCHEMES.get(scan & SYNTHETIC_MASK) ?? null;
  const datable = valid && kind !== 'fhNummer';
  const candidates = datable ? birthDates(input, scan) : [];
  const checkDigitRule = valid ? (scan & RULE_2032 ? '2032' : 'classic') : null;
  const ambiguities: Ambiguity[] = [];
  if (kind === 'hNummer' || (syntheticScheme === 'nav' && kind === 'foedselsnummer')) {
    ambiguities.push({ ...(plus40Nav ? PLUS40_AS_NAV : PLUS40_AS_H) });
  }
  if (candidates.length > 1) ambiguities.push({ ...(scan & RULE_2032 ? CENTURY_2032 : CENTURY_D) });
  return {
    input,
    valid,
    kind,
    synthetic: syntheticScheme !== null,
    syntheticScheme,
    birthDate: candidates.length === 1 ? (candidates[0] ?? null) : null,
    birthDateCandidates: candidates,
    gender: datable && checkDigitRule === 'classic' ? (digitAt(input, 8) % 2 === 1 ? 'mann' : 'kvinne') : null,
    checkDigitRule,
    ambiguities,
    errors: describeErrors(input, scan, plus40Nav, allow2032),
  };
}

const KINDS = new Map<number, IdKind>([
  [KIND_FNR, 'foedselsnummer'],
  [KIND_D, 'dNummer'],
  [KIND_H, 'hNummer'],
  [KIND_FH, 'fhNummer'],
]);

const SCHEMES = new Map<number, SyntheticScheme>([
  [SYNTHETIC_TENOR, 'tenor'],
  [SYNTHETIC_NAV, 'nav'],
]);

function birthDates(input: string, scan: number): string[] {
  // In a valid number, removing the +40 (D-nummer day, H/NAV month) or +80 (Tenor month) offset
  // is the same as taking the field's first digit mod 4.
  const day = (digitAt(input, 0) % 4) * 10 + digitAt(input, 1);
  const month = (digitAt(input, 2) % 4) * 10 + digitAt(input, 3);
  const yy = digitAt(input, 4) * 10 + digitAt(input, 5);
  const centuries = centuriesOf(scan);
  return CENTURIES.filter(({ bit }) => centuries & bit).map(({ base }) =>
    formatIsoDate({ year: base + yy, month, day }),
  );
}

const PLUS40_AS_H: Ambiguity = {
  code: 'plus40-reading',
  message:
    "month + 40 is read as an H-nummer; NAV's synthetic numbers (Dolly, Testnorge) look the same (option plus40: 'nav')",
};
const PLUS40_AS_NAV: Ambiguity = {
  code: 'plus40-reading',
  message: "month + 40 is read as a NAV synthetic number; an H-nummer looks the same (option plus40: 'hNummer')",
};
const CENTURY_2032: Ambiguity = {
  code: 'century',
  message: 'check digit 1 follows the 2032 rule, so the individnummer does not give the century',
};
const CENTURY_D: Ambiguity = {
  code: 'century',
  message: 'D-numbers issued before and after the 2021 series expansion give this individnummer different centuries',
};
