/**
 * Dates for generation as whole days since 1970-01-01 ("day numbers"): cheap to compare, add and
 * store in a plan. Formatting turns them into FREG's `YYYY-MM-DD` dates and Oslo-time timestamps.
 */

export type Day = number;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day number of a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
export function dayFromCivil(year: number, month: number, day: number): Day {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number (civil_from_days). */
export function civil(day: Day): [number, number, number] {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** Parses `YYYY-MM-DD`; null when it is not a real date. */
export function parseDay(text: string): Day | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const [year, month, date] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const day = dayFromCivil(year, month, date);
  const [y, m, d] = civil(day);
  return y === year && m === month && d === date ? day : null;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** Formatted dates are cached for the days a population uses (1850–2099), which rendering formats over and over. */
const CACHE_FROM = dayFromCivil(1850, 1, 1);
const CACHE_SIZE = dayFromCivil(2100, 1, 1) - CACHE_FROM;
const isoDates: (string | undefined)[] = [];
const midnights: (string | undefined)[] = [];

function cacheIndex(day: Day): number {
  const index = day - CACHE_FROM;
  return index >= 0 && index < CACHE_SIZE ? index : -1;
}

/** `YYYY-MM-DD`. */
export function isoDate(day: Day): string {
  const index = cacheIndex(day);
  const cached = index >= 0 ? isoDates[index] : undefined;
  if (cached !== undefined) return cached;
  const [y, m, d] = civil(day);
  const text = `${y}-${pad2(m)}-${pad2(d)}`;
  if (index >= 0) isoDates[index] = text;
  return text;
}

export function yearOf(day: Day): number {
  return civil(day)[0];
}

/** The same calendar date `years` later (29 February becomes 28 February in other years). */
export function addYears(day: Day, years: number): Day {
  const [y, m, d] = civil(day);
  const year = y + years;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return dayFromCivil(year, m, m === 2 && d === 29 && !leap ? 28 : d);
}

/** Whole years from `born` to `at` (the age on day `at`). */
export function ageAt(born: Day, at: Day): number {
  const [by, bm, bd] = civil(born);
  const [ay, am, ad] = civil(at);
  return ay - by - (am < bm || (am === bm && ad < bd) ? 1 : 0);
}

/** Day number of the last Sunday of a month (1970-01-01 was a Thursday). */
function lastSunday(year: number, month: number): Day {
  const last = month === 12 ? dayFromCivil(year + 1, 1, 1) - 1 : dayFromCivil(year, month + 1, 1) - 1;
  const weekday = (((last + 4) % 7) + 7) % 7; // 0 = Sunday
  return last - weekday;
}

const summerTime = new Map<number, [Day, Day]>();

/**
 * Whether Norway kept summer time (UTC+2) at this local day and second: EU rules from 1996 (last
 * Sunday of March to last Sunday of October, switching at 02:00/03:00 local time), the earlier
 * end in September for 1980–1995, and none before 1980.
 */
function isSummerTime(day: Day, second: number): boolean {
  const year = yearOf(day);
  if (year < 1980) return false;
  let span = summerTime.get(year);
  if (!span) summerTime.set(year, (span = [lastSunday(year, 3), lastSunday(year, year >= 1996 ? 10 : 9)]));
  const [start, end] = span;
  if (day === start) return second >= 3 * 3600;
  if (day === end) return second < 3 * 3600;
  return day > start && day < end;
}

/** `YYYY-MM-DDT00:00:00+01:00` (or `+02:00` in summer): how FREG dates a fact that holds from a day. */
export function midnight(day: Day): string {
  const index = cacheIndex(day);
  const cached = index >= 0 ? midnights[index] : undefined;
  if (cached !== undefined) return cached;
  const text = `${isoDate(day)}T00:00:00${isSummerTime(day, 0) ? '+02:00' : '+01:00'}`;
  if (index >= 0) midnights[index] = text;
  return text;
}

/**
 * An Oslo-time timestamp with `micros` as a six-digit fraction, e.g.
 * `2022-03-14T14:41:28.711214+01:00`.
 */
export function timestamp(day: Day, second: number, micros: number): string {
  const h = Math.floor(second / 3600);
  const m = Math.floor((second % 3600) / 60);
  const s = second % 60;
  const fraction = String(micros).padStart(6, '0');
  return `${isoDate(day)}T${pad2(h)}:${pad2(m)}:${pad2(s)}.${fraction}${isSummerTime(day, second) ? '+02:00' : '+01:00'}`;
}
