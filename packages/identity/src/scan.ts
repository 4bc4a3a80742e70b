/**
 * The rules for 11-digit personal identity numbers, in one function that returns its findings
 * packed into a single integer. The boolean fast path and the full analysis both use it, so they
 * cannot disagree, and the fast path allocates nothing.
 */
import { C1800, C1900, C2000, CENTURIES_2032, dNummerCenturies, fnrCenturies } from './century.js';
import { isRealDate } from './calendar.js';
import { PERSON_WEIGHTS_1, PERSON_WEIGHTS_2 } from './checkDigits.js';
import { isDigits } from './digits.js';

// Bits 0–5: errors.
export const ERR_LENGTH = 1;
export const ERR_NON_DIGIT = 2;
export const ERR_DATE = 4;
export const ERR_CHECK_DIGIT_1 = 8;
export const ERR_CHECK_DIGIT_2 = 16;
export const ERR_SERIES = 32;
export const ERROR_MASK = 63;

// Bits 6–8: kind (0 when the input is not 11 digits).
export const KIND_FNR = 1 << 6;
export const KIND_D = 2 << 6;
export const KIND_H = 3 << 6;
export const KIND_FH = 4 << 6;
export const KIND_MASK = 7 << 6;

// Bits 9–10: synthetic scheme.
export const SYNTHETIC_TENOR = 1 << 9;
export const SYNTHETIC_NAV = 2 << 9;
export const SYNTHETIC_MASK = 3 << 9;

// Bit 11: check digit 1 matched only the 2032 rule.
export const RULE_2032 = 1 << 11;

// Bits 12–14: the centuries (C1800 | C1900 | C2000) in which the encoded date exists.
const CENTURY_SHIFT = 12;

export function centuriesOf(scan: number): number {
  return scan >> CENTURY_SHIFT;
}

export function scanIdNumber(input: string, plus40Nav: boolean, allow2032: boolean): number {
  if (input.length !== 11) return ERR_LENGTH | (isDigits(input) ? 0 : ERR_NON_DIGIT);
  let sum1 = 0;
  let sum2 = 0;
  for (let i = 0; i < 11; i++) {
    const d = input.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return ERR_NON_DIGIT;
    sum1 += d * (PERSON_WEIGHTS_1.charCodeAt(i) - 48);
    sum2 += d * (PERSON_WEIGHTS_2.charCodeAt(i) - 48);
  }
  const remainder1 = sum1 % 11;
  const check2 = sum2 % 11 === 0 ? 0 : ERR_CHECK_DIGIT_2;
  const first = digitAt(input, 0);
  // FH-nummer (Norsk helsenett): random digits and classic check digits; no date, gender or 2032 rule.
  if (first >= 8) return KIND_FH | (remainder1 === 0 ? 0 : ERR_CHECK_DIGIT_1) | check2;

  const rule2032 = allow2032 && remainder1 >= 1 && remainder1 <= 3;
  let result = check2 | (remainder1 === 0 || rule2032 ? 0 : ERR_CHECK_DIGIT_1) | (rule2032 ? RULE_2032 : 0);

  const isD = first >= 4;
  result |= isD ? KIND_D : KIND_FNR;
  const day = first * 10 + digitAt(input, 1) - (isD ? 40 : 0);
  const monthDigit = digitAt(input, 2);
  let month = monthDigit * 10 + digitAt(input, 3);
  let monthReadable = true;
  if (monthDigit >= 8) {
    month -= 80;
    result |= SYNTHETIC_TENOR;
  } else if (monthDigit === 4 || monthDigit === 5) {
    month -= 40;
    if (plus40Nav) result |= SYNTHETIC_NAV;
    // An H-nummer is built on a fødselsnummer; a D-number with month + 40 is only ever NAV synthetic.
    else if (isD) monthReadable = false;
    else result = (result & ~KIND_MASK) | KIND_H;
  }

  const yy = digitAt(input, 4) * 10 + digitAt(input, 5);
  const individnummer = digitAt(input, 6) * 100 + digitAt(input, 7) * 10 + digitAt(input, 8);
  const centuries = rule2032
    ? CENTURIES_2032
    : isD
      ? dNummerCenturies(individnummer, yy)
      : fnrCenturies(individnummer, yy);
  if (centuries === 0) {
    // No century to check against: test the calendar date with 20YY, as Skatteetaten's validator does.
    result |= ERR_SERIES;
    if (!monthReadable || !isRealDate(2000 + yy, month, day)) result |= ERR_DATE;
    return result;
  }
  let dated = 0;
  if (monthReadable) {
    if (centuries & C1800 && isRealDate(1800 + yy, month, day)) dated |= C1800;
    if (centuries & C1900 && isRealDate(1900 + yy, month, day)) dated |= C1900;
    if (centuries & C2000 && isRealDate(2000 + yy, month, day)) dated |= C2000;
  }
  return dated === 0 ? result | ERR_DATE : result | (dated << CENTURY_SHIFT);
}

export function digitAt(input: string, index: number): number {
  return input.charCodeAt(index) - 48;
}
