/**
 * Planning a population: options, their validation, and the lazy sequence of chunk plans. Planning
 * runs in one thread (identity numbers must be allocated in order); rendering the plans into
 * documents (render.ts) can run anywhere.
 */
import { parseDay, type Day } from './calendar.js';
import { OTHER_CATEGORIES, othersCount, type OtherCategory } from './categories.js';
import type { ChunkPlan } from './chunk-plan.js';
import { DEFAULT_RATES, type GenerationRates } from './demography.js';
import { planCluster } from './households.js';
import { Planner, type PlannerSettings } from './planner.js';
import { KOMMUNER, KOMMUNE_BY_NUMMER, type Kommune } from './reference.js';
import { addScheduledOthers } from './special-cases.js';

export interface PopulationOptions {
  /** Residents (status bosatt) to generate; the SSB totals are scaled to this number. */
  persons: number;
  /** Integer 0 … 2^32 − 1. */
  seed: number;
  /** Only these kommuner (kommunenummer), with the residents spread over them by population. */
  kommuner?: readonly string[];
  /** Reference date `YYYY-MM-DD` (default 2024-01-01, the date of the SSB figures). */
  asOf?: string;
  names?: 'realistic' | 'tenor';
  /** Overrides of the default rates (e.g. more special cases in a small test population). */
  rates?: Partial<GenerationRates>;
  /** Persons per chunk (at least); default 1 000. Smaller chunks render faster (less garbage to collect). */
  chunkSize?: number;
}

/** A bad option, with a message fit for the command line. */
export class PopulationOptionsError extends Error {
  override readonly name = 'PopulationOptionsError';
}

export const DEFAULT_AS_OF = '2024-01-01';
export const DEFAULT_CHUNK_SIZE = 1000;
const MAX_PERSONS = 20_000_000;
const AS_OF_RANGE = ['2000-01-01', '2039-12-31'] as const;
/** Rates that are probabilities (the rest are persons per resident and may exceed 1). */
const PROBABILITY_RATES: readonly (keyof GenerationRates)[] = [
  'fortrolig',
  'strengtFortrolig',
  'klientadresse',
  'vergemaal',
  'fremtidsfullmakt',
  'rettsligHandleevne',
  'ukjentBosted',
];

/** Persons a plan will contain, by kind: residents plus every category added beyond them. */
export type PlannedCounts = { residents: number; total: number } & Record<OtherCategory, number>;

function resolve(options: PopulationOptions): PlannerSettings {
  const { persons, seed } = options;
  if (!Number.isInteger(persons) || persons < 1 || persons > MAX_PERSONS) {
    throw new PopulationOptionsError(`persons must be a whole number from 1 to ${MAX_PERSONS}, got ${persons}`);
  }
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffff_ffff) {
    throw new PopulationOptionsError(`seed must be a whole number from 0 to 4294967295, got ${seed}`);
  }
  const asOfText = options.asOf ?? DEFAULT_AS_OF;
  const asOf: Day | null = parseDay(asOfText);
  if (asOf === null || asOfText < AS_OF_RANGE[0] || asOfText > AS_OF_RANGE[1]) {
    throw new PopulationOptionsError(
      `asOf must be a date YYYY-MM-DD from ${AS_OF_RANGE[0]} to ${AS_OF_RANGE[1]}, got ${JSON.stringify(asOfText)}`,
    );
  }
  const names = options.names ?? 'realistic';
  if (names !== 'realistic' && names !== 'tenor') {
    throw new PopulationOptionsError(`names must be "realistic" or "tenor", got ${JSON.stringify(names)}`);
  }
  const chunkSize = options.chunkSize ?? DEFAULT_CHUNK_SIZE;
  if (!Number.isInteger(chunkSize) || chunkSize < 1 || chunkSize > 1_000_000) {
    throw new PopulationOptionsError(`chunkSize must be a whole number from 1 to 1000000, got ${chunkSize}`);
  }
  return { persons, seed, asOf, asOfText, kommuner: selectKommuner(options.kommuner), names, rates: resolveRates(options.rates), chunkSize };
}

function selectKommuner(numbers: readonly string[] | undefined): readonly Kommune[] {
  if (numbers === undefined) return KOMMUNER;
  if (numbers.length === 0) throw new PopulationOptionsError('kommuner must name at least one kommune');
  const unknown = numbers.filter((n) => !KOMMUNE_BY_NUMMER.has(n));
  if (unknown.length > 0) {
    throw new PopulationOptionsError(`unknown kommunenummer ${unknown.map((n) => JSON.stringify(n)).join(', ')} (expected kommuner of 2024, e.g. 0301)`);
  }
  const wanted = new Set(numbers);
  return KOMMUNER.filter((k) => wanted.has(k.kommunenummer));
}

function resolveRates(overrides: Partial<GenerationRates> | undefined): GenerationRates {
  const rates: GenerationRates = { ...DEFAULT_RATES };
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (!(key in DEFAULT_RATES)) {
      throw new PopulationOptionsError(`unknown rate "${key}" (expected one of ${Object.keys(DEFAULT_RATES).join(', ')})`);
    }
    const name = key as keyof GenerationRates;
    const limit = PROBABILITY_RATES.includes(name) ? 1 : 10;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > limit) {
      throw new PopulationOptionsError(`rate ${key} must be a number from 0 to ${limit}, got ${String(value)}`);
    }
    rates[name] = value;
  }
  return rates;
}

/**
 * The population as a lazy sequence of chunk plans (about `chunkSize` persons each, whole
 * households and families), the same for the same options. Options are checked at once.
 */
export function planPopulation(options: PopulationOptions): Generator<ChunkPlan, void, undefined> {
  return chunks(resolve(options));
}

function* chunks(settings: PlannerSettings): Generator<ChunkPlan, void, undefined> {
  const planner = new Planner(settings);
  while (planner.kommuner.total > 0) {
    const before = planner.residents;
    planCluster(planner);
    if (planner.residents === before) planLoneResident(planner);
    addScheduledOthers(planner, false);
    // The last chunk keeps some residents: non-residents borrow their addresses from residents' homes.
    if (planner.persons.length >= settings.chunkSize && planner.kommuner.total > 0) yield planner.takeChunk();
  }
  addScheduledOthers(planner, true);
  if (planner.persons.length > 0) yield planner.takeChunk();
}

/** When no household fits what is left of the quotas: one adult living alone, any age left. */
function planLoneResident(p: Planner): void {
  const kjoenn = p.random.chance(0.5) ? 'mann' : 'kvinne';
  let age = p.ages.draw(p.random, kjoenn, 18, 100, () => 1);
  if (age < 0) age = p.ages.draw(p.random, kjoenn, 0, 100, () => 1);
  const person = p.addResident(kjoenn, p.birthDay(Math.max(age, 18)), 'ugift', { country: 'NOR' });
  p.marital.record(kjoenn, Math.max(age, 18), 'ugift');
  p.addHousehold('aleneboende', [person], p.kommuner.pick(p.random, 1), p.day(p.persons[person]!.born + 18 * 365, p.asOf - 1));
}

/** How many persons `planPopulation(options)` yields in all, by kind (for progress bars). */
export function countPlanned(options: PopulationOptions): PlannedCounts {
  const settings = resolve(options);
  const counts = { residents: settings.persons, total: settings.persons } as PlannedCounts;
  for (const { category, rate } of OTHER_CATEGORIES) {
    counts[category] = othersCount(settings.rates[rate], settings.persons);
    counts.total += counts[category];
  }
  return counts;
}
