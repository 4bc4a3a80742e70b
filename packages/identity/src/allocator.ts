/**
 * Counter-based allocation of fødselsnummer and D-nummer for large populations: the classic
 * rule, individnummer downward through the series of the birth year (century.ts), the same order
 * as `createIdGenerator` with a fixed birth date and gender, but without remembering the numbers.
 *
 * State is one 16-bit position per stream — (birth date, kind, gender, synthetic) — kept in one
 * small typed array per birth year that is used (372 date slots × 8 streams × 2 bytes ≈ 6 kB), so
 * memory does not grow with the count of numbers issued and at most ≈ 1.1 MB for every year from
 * 1854 to 2039.
 *
 * Unique by construction. The first nine digits decide the check digits, so two numbers differ
 * when their first nine digits do. Within a stream the position only moves forward and the
 * individnummer only down, so a stream never repeats itself. Two streams differ in the date field
 * (day + 40 for D-nummer, month + 80 for synthetic, the year's last two digits), or else in the
 * parity of the individnummer (gender), or else they are the same date 100 or 200 years apart —
 * and those years have disjoint series (the property that lets a reader tell the century from the
 * individnummer: 1854–99 749–500 against 1900–99 499–000 and 999–900; 1900–39 499–000 against
 * 2000–39 999–500; the D-nummer series likewise).
 */
import type { Gender } from './analyse.js';
import { isRealDate } from './calendar.js';
import { dNummerSeries, fnrSeries, type Series } from './century.js';
import { PERSON_WEIGHTS_1, PERSON_WEIGHTS_2, checkDigitFor } from './checkDigits.js';
import { invalid, noSeries } from './generator.js';

/** The kinds an allocator issues: the two the register allocates by birth date. */
export type AllocatedKind = 'foedselsnummer' | 'dNummer';

export interface IdAllocationRequest {
  kind: AllocatedKind;
  /** The birth date as numbers, so that the hot path parses nothing. */
  year: number;
  /** 1–12. */
  month: number;
  /** 1–31, a real date in `year` and `month`. */
  day: number;
  gender: Gender;
  /** Tenor-style synthetic number (month + 80). Default true; `false` gives real-format numbers. */
  synthetic?: boolean;
}

export interface IdAllocator {
  /**
   * The next number of the request's stream — (birth date, kind, gender, synthetic) — in the
   * register's allocation order, or `null` when that stream's numbers are used up (it then stays
   * `null`; other dates, genders and kinds are unaffected). Throws `IdGenerationError` with code
   * `birth-date-out-of-range` for a year without a series (fødselsnummer 1854–2039, D-nummer
   * 1858–2039) and `invalid-options` for anything else that is not a valid request.
   */
  next(request: IdAllocationRequest): string | null;
}

/** A fresh allocator: every number it returns is valid and returned once. */
export function createIdAllocator(): IdAllocator {
  const years = new Map<number, YearState>();

  return {
    next(request) {
      const { kind, year, month, day, gender } = request;
      const synthetic = request.synthetic ?? true;
      checkRequest(kind, gender, synthetic, year, month, day);
      const isD = kind === 'dNummer';
      const male = gender === 'mann';
      let state = years.get(year);
      if (!state) {
        state = newYear(year);
        // Years without any series are not kept: a caller retrying them must not grow the table.
        if (state.foedselsnummer || state.dNummer) years.set(year, state);
      }
      const series = isD ? state.dNummer : state.foedselsnummer;
      if (!series) throw noSeries(kind, 'classic', year);

      const slot = ((month - 1) * 31 + day - 1) * STREAMS + (isD ? 4 : 0) + (synthetic ? 2 : 0) + (male ? 1 : 0);
      const positions = state.positions;
      let position = positions[slot] ?? 0;
      const parity = male ? 1 : 0;

      // Digits 1–6 and their share of both weighted sums, once per call.
      const dayField = day + (isD ? 40 : 0);
      const monthField = month + (synthetic ? 80 : 0);
      const yy = year % 100;
      const d0 = (dayField / 10) | 0;
      const d1 = dayField % 10;
      const d2 = (monthField / 10) | 0;
      const d3 = monthField % 10;
      const d4 = (yy / 10) | 0;
      const d5 = yy % 10;
      const sum1 = d0 * W1_0 + d1 * W1_1 + d2 * W1_2 + d3 * W1_3 + d4 * W1_4 + d5 * W1_5;
      const sum2 = d0 * W2_0 + d1 * W2_1 + d2 * W2_2 + d3 * W2_3 + d4 * W2_4 + d5 * W2_5;

      for (;;) {
        const individnummer = individnummerAt(series, position, parity);
        if (individnummer < 0) {
          positions[slot] = position;
          return null;
        }
        position++;
        // Individnummer whose check digits would need a 10 are skipped, as the register does.
        const i0 = (individnummer / 100) | 0;
        const i1 = ((individnummer / 10) | 0) % 10;
        const i2 = individnummer % 10;
        const k1 = checkDigitFor(sum1 + i0 * W1_6 + i1 * W1_7 + i2 * W1_8);
        if (k1 === null) continue;
        const k2 = checkDigitFor(sum2 + i0 * W2_6 + i1 * W2_7 + i2 * W2_8 + k1 * W2_9);
        if (k2 === null) continue;
        positions[slot] = position;
        return String.fromCharCode(
          48 + d0, 48 + d1, 48 + d2, 48 + d3, 48 + d4, 48 + d5, 48 + i0, 48 + i1, 48 + i2, 48 + k1, 48 + k2,
        );
      }
    },
  };
}

/** For callers without TypeScript, and dates that do not exist. */
function checkRequest(kind: string, gender: string, synthetic: unknown, year: number, month: number, day: number): void {
  if (kind !== 'foedselsnummer' && kind !== 'dNummer') {
    invalid(`kind must be one of foedselsnummer, dNummer, got ${JSON.stringify(kind)}`);
  }
  if (gender !== 'kvinne' && gender !== 'mann') invalid(`gender must be one of kvinne, mann, got ${JSON.stringify(gender)}`);
  if (typeof synthetic !== 'boolean') invalid(`synthetic must be true or false, got ${JSON.stringify(synthetic)}`);
  if (!(Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) && isRealDate(year, month, day))) {
    invalid(`year ${year}, month ${month}, day ${day} is not a real date`);
  }
}

/** Streams per birth date: kind × synthetic × gender. */
const STREAMS = 8;
/** Date slots per year: month × 31, so a slot needs no day-of-year arithmetic. */
const DATE_SLOTS = 12 * 31;

interface YearState {
  foedselsnummer: Series | null;
  dNummer: Series | null;
  /** Per stream, how many individnummer of its parity the stream has passed (issued or skipped). */
  positions: Uint16Array;
}

function newYear(year: number): YearState {
  const foedselsnummer = fnrSeries(year);
  const dNummer = dNummerSeries(year);
  const slots = foedselsnummer || dNummer ? DATE_SLOTS * STREAMS : 0;
  return { foedselsnummer, dNummer, positions: new Uint16Array(slots) };
}

/** The individnummer at `position` among those of the given parity, walking the series downward; −1 past the end. */
function individnummerAt(series: Series, position: number, parity: number): number {
  let left = position;
  for (let r = 0; r < series.length; r++) {
    const range = series[r];
    if (range === undefined) break;
    const [from, to] = range;
    const top = from % 2 === parity ? from : from - 1;
    if (top < to) continue;
    const count = ((top - to) >> 1) + 1;
    if (left < count) return top - 2 * left;
    left -= count;
  }
  return -1;
}

// The check-digit weights of checkDigits.ts as integers: digit i weighs W1_i in S1 and W2_i in S2.
type Nine = [number, number, number, number, number, number, number, number, number];
const weights = (text: string, count: number): number[] =>
  Array.from({ length: count }, (_, i) => text.charCodeAt(i) - 48);
const [W1_0, W1_1, W1_2, W1_3, W1_4, W1_5, W1_6, W1_7, W1_8] = weights(PERSON_WEIGHTS_1, 9) as Nine;
const [W2_0, W2_1, W2_2, W2_3, W2_4, W2_5, W2_6, W2_7, W2_8, W2_9] = weights(PERSON_WEIGHTS_2, 10) as [...Nine, number];
