/** What is wrong with an 11-digit identity number, as stable codes with human messages. */
import { lengthError, nonDigitError, type NumberError } from './digits.js';
import { CENTURIES, CENTURIES_2032, dNummerCenturies, fnrCenturies } from './century.js';
import { CLASSIC_REMAINDERS, REMAINDERS_2032, checkDigit1Options, checkDigit2 } from './checkDigits.js';
import {
  ERR_CHECK_DIGIT_1,
  ERR_CHECK_DIGIT_2,
  ERR_DATE,
  ERR_LENGTH,
  ERR_NON_DIGIT,
  ERR_SERIES,
  KIND_D,
  KIND_FH,
  KIND_MASK,
  RULE_2032,
  digitAt,
} from './scan.js';

export type IdErrorCode =
  | 'length'
  | 'non-digit'
  | 'impossible-date'
  | 'check-digit-1'
  | 'check-digit-2'
  | 'individnummer-out-of-series';

export type IdError = NumberError<IdErrorCode>;

/** Same order as the bits, which is the order a reader checks a number in. */
export function describeErrors(input: string, scan: number, plus40Nav: boolean, allow2032: boolean): IdError[] {
  const errors: IdError[] = [];
  if (scan & ERR_LENGTH) errors.push(lengthError(input, 11, 'an identity number'));
  if (scan & ERR_NON_DIGIT) errors.push(nonDigitError(input));
  if (scan & ERR_DATE) errors.push({ code: 'impossible-date', message: dateMessage(input, scan, plus40Nav) });
  if (scan & ERR_CHECK_DIGIT_1) {
    errors.push({ code: 'check-digit-1', message: checkDigit1Message(input, scan, allow2032) });
  }
  if (scan & ERR_CHECK_DIGIT_2) errors.push({ code: 'check-digit-2', message: checkDigit2Message(input) });
  if (scan & ERR_SERIES) errors.push({ code: 'individnummer-out-of-series', message: seriesMessage(input, scan) });
  return errors;
}

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function dateMessage(input: string, scan: number, plus40Nav: boolean): string {
  const dayField = input.slice(0, 2);
  const monthField = input.slice(2, 4);
  const isD = (scan & KIND_MASK) === KIND_D;
  const monthDigit = digitAt(input, 2);
  if (isD && (monthDigit === 4 || monthDigit === 5) && !plus40Nav) {
    return (
      `month field ${monthField} is month + 40, ` +
      "which a D-nummer has only as a NAV synthetic number (option plus40: 'nav')"
    );
  }
  const month = Number(monthField) - (monthDigit >= 8 ? 80 : monthDigit === 4 || monthDigit === 5 ? 40 : 0);
  if (month < 1 || month > 12) {
    return (
      `month field ${monthField} is not a month ` +
      '(01–12, 41–52 for H-nummer or NAV synthetic, 81–92 for Tenor synthetic)'
    );
  }
  const day = Number(dayField) - (isD ? 40 : 0);
  if (day < 1 || day > 31) return `day field ${dayField} is not a day (01–31, 41–71 for D-nummer)`;
  const years = possibleYears(input, scan);
  return `${day} ${MONTHS[month - 1]} does not exist in ${years.join(' or ')}`;
}

/** Years the century rules allow before the calendar is consulted; 20YY when none does. */
function possibleYears(input: string, scan: number): number[] {
  const yy = Number(input.slice(4, 6));
  const individnummer = Number(input.slice(6, 9));
  const centuries =
    scan & RULE_2032
      ? CENTURIES_2032
      : (scan & KIND_MASK) === KIND_D
        ? dNummerCenturies(individnummer, yy)
        : fnrCenturies(individnummer, yy);
  const years = CENTURIES.filter(({ bit }) => centuries & bit).map(({ base }) => base + yy);
  return years.length > 0 ? years : [2000 + yy];
}

function checkDigit1Message(input: string, scan: number, allow2032: boolean): string {
  const given = `check digit 1 (the 10th digit) is ${input[9]}`;
  const classic = checkDigit1Options(input, CLASSIC_REMAINDERS);
  const newRule = (scan & KIND_MASK) === KIND_FH ? [] : checkDigit1Options(input, REMAINDERS_2032);
  const expected = [
    ...(classic.length > 0 ? [`${classic.join(', ')} (classic rule)`] : []),
    ...(allow2032 && newRule.length > 0 ? [`${newRule.join(', ')} (2032 rule)`] : []),
  ];
  const message =
    expected.length > 0
      ? `${given}, expected ${expected.join(' or ')}`
      : `${given}; no classic check digit 1 exists for the first nine digits`;
  return !allow2032 && newRule.includes(digitAt(input, 9))
    ? `${message}; it is valid under the 2032 rule, which is turned off`
    : message;
}

function checkDigit2Message(input: string): string {
  const expected = checkDigit2(input);
  return expected === null
    ? `no check digit 2 exists for the first ten digits (the remainder would need the digit 10)`
    : `check digit 2 (the 11th digit) is ${input[10]}, expected ${expected}`;
}

const FNR_SERIES = '000–499 for 1900–99, 500–749 for 1854–99, 900–999 for 1940–99, 500–999 for 2000–39';
const D_SERIES = 'for D-numbers with a year of 40–53 the series 500–599 is used by no birth year';

function seriesMessage(input: string, scan: number): string {
  const which = (scan & KIND_MASK) === KIND_D ? D_SERIES : FNR_SERIES;
  const yy = input.slice(4, 6);
  return `individnummer ${input.slice(6, 9)} belongs to no series for a birth year ending in ${yy} (${which})`;
}
