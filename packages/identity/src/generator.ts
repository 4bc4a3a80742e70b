/**
 * Generation of valid, unique identity numbers, deterministic from a seed. Individnummer are
 * allocated downward through the series for the birth year, as the register does.
 */
import type { CheckDigitRule, Gender, IdKind } from './analyse.js';
import { formatIsoDate, fromEpochDay, pad2, parseIsoDate, toEpochDay, type CalendarDate } from './calendar.js';
import { centuryBit, dNummerSeries, fnrSeries, series2032, type Series } from './century.js';
import { CLASSIC_REMAINDERS, REMAINDERS_2032, checkDigit1Options, checkDigit2 } from './checkDigits.js';
import { randomOrganisasjonsnummer } from './orgnr.js';
import { seededRandom, type Random } from './prng.js';
import { ERROR_MASK, KIND_D, KIND_FNR, KIND_H, KIND_MASK, centuriesOf, scanIdNumber } from './scan.js';

export interface GenerateOptions {
  /** Default `'foedselsnummer'`. */
  kind?: IdKind;
  /** `YYYY-MM-DD`. Default: a random date from 1900-01-01 to 2025-12-31 (fixed, not "today", so output stays deterministic). Not for FH-numbers. */
  birthDate?: string;
  /** Default: random. Not for the 2032 rule (gender-neutral) or FH-numbers. */
  gender?: Gender;
  /**
   * Tenor-style synthetic number (month + 80), which cannot belong to a real person. Default true
   * for fødselsnummer and D-nummer; H- and FH-numbers have no synthetic form.
   */
  synthetic?: boolean;
  /**
   * `'classic'` (default) or `'2032'`: individnummer from 999 downward, every check digit 1 the
   * 2032 rule allows, gender-neutral. Fødselsnummer and D-nummer only.
   */
  rule?: CheckDigitRule;
}

export interface IdGeneratorOptions {
  /** Integer 0 … 2^32 − 1. Default 0. */
  seed?: number;
}

export interface IdGenerator {
  /** A number never returned before by this generator. */
  next(options?: GenerateOptions): string;
  /** An organisasjonsnummer never returned before by this generator. */
  nextOrganisasjonsnummer(): string;
}

export type IdGenerationErrorCode = 'invalid-options' | 'birth-date-out-of-range' | 'capacity-exhausted';

export class IdGenerationError extends Error {
  override readonly name = 'IdGenerationError';
  constructor(
    readonly code: IdGenerationErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export function createIdGenerator(options?: IdGeneratorOptions): IdGenerator {
  const random = seededRandom(checkSeed(options?.seed ?? 0));
  const issued = new Set<string>();
  const streams = new Map<string, Allocation>();

  /** The next unused number in the request's allocation order, or null when none is left. */
  const fromStream = (request: Request): string | null => {
    const key = streamKey(request);
    let allocation = streams.get(key);
    if (!allocation) streams.set(key, (allocation = { candidates: allocate(request), capacity: 0 }));
    // Pull by hand: leaving a for…of early would close the generator.
    for (let step = allocation.candidates.next(); !step.done; step = allocation.candidates.next()) {
      const candidate = step.value;
      if (!decodesAs(candidate, request)) continue;
      allocation.capacity++;
      if (issued.has(candidate)) continue;
      issued.add(candidate);
      return candidate;
    }
    return null;
  };

  /** Tries the requested gender; when the caller left gender open, the other one too. */
  const forDate = (request: Request, genderOpen: boolean): string | null => {
    const genders =
      request.gender && genderOpen ? [request.gender, OTHER_GENDER[request.gender]] : [request.gender];
    for (const gender of genders) {
      const number = fromStream({ ...request, gender });
      if (number !== null) return number;
    }
    if (!request.explicitDate) return null;
    const capacity = genders.reduce(
      (sum, gender) => sum + (streams.get(streamKey({ ...request, gender }))?.capacity ?? 0),
      0,
    );
    throw capacityExhausted(request, genderOpen ? null : request.gender, capacity);
  };

  const unique = (make: () => string, what: string): string => {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const candidate = make();
      if (!issued.has(candidate)) {
        issued.add(candidate);
        return candidate;
      }
    }
    throw new IdGenerationError('capacity-exhausted', `found no unused ${what} in ${MAX_ATTEMPTS} random tries`);
  };

  return {
    next(generateOptions) {
      const opts = generateOptions ?? {};
      checkChoice('kind', opts.kind, Object.keys(KIND_LABELS));
      checkChoice('gender', opts.gender, ['kvinne', 'mann']);
      checkChoice('rule', opts.rule, ['classic', '2032']);
      const kind = opts.kind ?? 'foedselsnummer';
      if (kind === 'fhNummer') return unique(() => randomFhNummer(opts, random), 'FH-nummer');
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const number = forDate(resolve(opts, kind, random), opts.gender === undefined);
        if (number !== null) return number;
      }
      throw new IdGenerationError(
        'capacity-exhausted',
        `found no birth date with numbers left in ${MAX_ATTEMPTS} random tries`,
      );
    },
    nextOrganisasjonsnummer: () => unique(() => randomOrganisasjonsnummer(random), 'organisasjonsnummer'),
  };
}

/** `count` unique numbers from a fresh generator; the same options and seed give the same list. */
export function generateIdNumbers(count: number, options?: GenerateOptions & IdGeneratorOptions): string[] {
  checkCount(count);
  const generator = createIdGenerator(options);
  return Array.from({ length: count }, () => generator.next(options));
}

/** `count` unique organisasjonsnumre, deterministic from the seed. */
export function generateOrganisasjonsnumre(count: number, options?: IdGeneratorOptions): string[] {
  checkCount(count);
  const generator = createIdGenerator(options);
  return Array.from({ length: count }, () => generator.nextOrganisasjonsnummer());
}

/** Random tries before giving up: far more than needed unless nearly everything is used up. */
const MAX_ATTEMPTS = 1000;

const DEFAULT_FIRST_DAY = toEpochDay({ year: 1900, month: 1, day: 1 });
const DEFAULT_LAST_DAY = toEpochDay({ year: 2025, month: 12, day: 31 });

const KIND_LABELS: Record<IdKind, string> = {
  foedselsnummer: 'fødselsnummer',
  dNummer: 'D-nummer',
  hNummer: 'H-nummer',
  fhNummer: 'FH-nummer',
};

/** A fully specified request for a date-bearing number. */
interface Request {
  kind: Exclude<IdKind, 'fhNummer'>;
  date: CalendarDate;
  explicitDate: boolean;
  gender: Gender | null;
  synthetic: boolean;
  rule: CheckDigitRule;
  series: Series;
}

interface Allocation {
  candidates: Iterator<string, void>;
  /** Valid numbers the allocation order has reached so far, issued by this stream or another. */
  capacity: number;
}

function streamKey(request: Request): string {
  return `${request.kind}|${request.synthetic}|${request.rule}|${request.gender}|${formatIsoDate(request.date)}`;
}

const OTHER_GENDER = { kvinne: 'mann', mann: 'kvinne' } as const;

function resolve(opts: GenerateOptions, kind: Request['kind'], random: Random): Request {
  const rule = opts.rule ?? 'classic';
  const synthetic = opts.synthetic ?? kind !== 'hNummer';
  if (synthetic && kind === 'hNummer') {
    invalid('H-numbers have no synthetic form (month + 40 is already the H-nummer marker)');
  }
  if (rule === '2032' && kind === 'hNummer') {
    invalid('the 2032 rule applies to fødselsnummer and D-nummer, not H-nummer');
  }
  if (rule === '2032' && opts.gender) invalid('numbers under the 2032 rule are gender-neutral; leave gender out');
  const date = opts.birthDate === undefined ? randomDate(random) : parseIsoDate(opts.birthDate);
  if (!date) return invalid(`birthDate ${JSON.stringify(opts.birthDate)} is not a real date as YYYY-MM-DD`);
  const series =
    rule === '2032' ? series2032(date.year) : kind === 'dNummer' ? dNummerSeries(date.year) : fnrSeries(date.year);
  if (!series) throw noSeries(kind, rule, date.year);
  const gender = rule === '2032' ? null : (opts.gender ?? (random.below(2) === 0 ? 'kvinne' : 'mann'));
  return { kind, date, explicitDate: opts.birthDate !== undefined, gender, synthetic, rule, series };
}

/** The error for a birth year without a series; shared with `createIdAllocator`. */
export function noSeries(kind: Request['kind'], rule: CheckDigitRule, year: number): IdGenerationError {
  const range = rule === '2032' ? '1900–2099' : kind === 'dNummer' ? '1858–2039' : '1854–2039';
  const which = `${KIND_LABELS[kind]} series${rule === '2032' ? ' under the 2032 rule' : ''}`;
  return new IdGenerationError('birth-date-out-of-range', `no ${which} for birth year ${year} (${range})`);
}

export function invalid(message: string): never {
  throw new IdGenerationError('invalid-options', message);
}

function randomDate(random: Random): CalendarDate {
  return fromEpochDay(DEFAULT_FIRST_DAY + random.below(DEFAULT_LAST_DAY - DEFAULT_FIRST_DAY + 1));
}

/** Every number for the request in allocation order: individnummer downward, then each check digit 1. */
function* allocate(request: Request): Generator<string, void, undefined> {
  const { date } = request;
  const day = date.day + (request.kind === 'dNummer' ? 40 : 0);
  const month = date.month + (request.synthetic ? 80 : request.kind === 'hNummer' ? 40 : 0);
  const prefix = pad2(day) + pad2(month) + pad2(date.year % 100);
  const remainders = request.rule === '2032' ? [...CLASSIC_REMAINDERS, ...REMAINDERS_2032] : CLASSIC_REMAINDERS;
  const wantOdd = request.gender === 'mann';
  for (const [from, to] of request.series) {
    for (let individnummer = from; individnummer >= to; individnummer--) {
      if (request.gender !== null && (individnummer % 2 === 1) !== wantOdd) continue;
      const first9 = prefix + String(individnummer).padStart(3, '0');
      for (const k1 of checkDigit1Options(first9, remainders)) {
        const k2 = checkDigit2(first9 + k1);
        if (k2 !== null) yield `${first9}${k1}${k2}`;
      }
    }
  }
}

const REQUEST_KIND_BITS = { foedselsnummer: KIND_FNR, dNummer: KIND_D, hNummer: KIND_H } as const;

/**
 * Whether the validator reads the number as requested. A 2032-rule number whose check digit 1
 * also satisfies the classic rule is read with the classic century table, which can place it in
 * another century or in no series at all; such numbers are skipped.
 */
function decodesAs(number: string, request: Request): boolean {
  const scan = scanIdNumber(number, false, true);
  return (
    (scan & ERROR_MASK) === 0 &&
    (scan & KIND_MASK) === REQUEST_KIND_BITS[request.kind] &&
    (centuriesOf(scan) & centuryBit(request.date.year)) !== 0
  );
}

function randomFhNummer(opts: GenerateOptions, random: Random): string {
  if (opts.birthDate !== undefined || opts.gender !== undefined) invalid('FH-numbers carry no birth date or gender');
  if (opts.synthetic) invalid('FH-numbers have no synthetic form');
  if (opts.rule === '2032') invalid('FH-numbers use the classic check digits only');
  for (;;) {
    let first9 = String(8 + random.below(2));
    for (let i = 1; i < 9; i++) first9 += String(random.below(10));
    const [k1] = checkDigit1Options(first9, CLASSIC_REMAINDERS);
    const k2 = k1 === undefined ? null : checkDigit2(first9 + k1);
    if (k2 !== null) return `${first9}${k1}${k2}`;
  }
}

function capacityExhausted(request: Request, gender: Gender | null, capacity: number): IdGenerationError {
  const details = [
    request.synthetic ? 'synthetic' : 'real-format',
    ...(gender ? [gender] : []),
    `${request.rule} rule`,
  ];
  const series = request.series.map(([from, to]) => `${from}–${to}`).join(' and ');
  return new IdGenerationError(
    'capacity-exhausted',
    `all ${capacity} numbers for ${KIND_LABELS[request.kind]} born ${formatIsoDate(request.date)} ` +
      `(${details.join(', ')}; individnummer ${series}) have been issued`,
  );
}

function checkSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    invalid(`seed must be an integer from 0 to 4294967295, got ${seed}`);
  }
  return seed;
}

/** For callers without TypeScript: an unknown value would otherwise be read as the default. */
function checkChoice(option: string, value: string | undefined, allowed: string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    invalid(`${option} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`);
  }
}

function checkCount(count: number): void {
  if (!Number.isInteger(count) || count < 0) invalid(`count must be a non-negative integer, got ${count}`);
}
