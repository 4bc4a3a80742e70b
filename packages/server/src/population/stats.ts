/**
 * `folkeport stats`: how close a stored population comes to the SSB figures it was generated from.
 * Pure functions from {@link PopulationAggregates} (computed by the store) to a report of rows, each
 * with value, target, deviation and whether the deviation is within tolerance.
 */
import type { PopulationAggregates } from '../register/population-aggregates.js';
import { FYLKER, KOMMUNER } from './reference.js';
import {
  AGE_PYRAMID_2024,
  FOREIGN_CITIZEN_SHARE_2024,
  FOREIGN_CITIZENSHIPS_2024,
  HOUSEHOLD_TYPES_2024,
  IMMIGRANT_SHARE_2024,
  MARITAL_STATUS_2024,
  MARITAL_STATUSES,
  PERSONS_PER_HOUSEHOLD_2024,
  PROTECTED_RATES,
  SSB_RESIDENTS_2024,
  TOLERANCES,
  type HouseholdType,
  type MaritalStatus,
  type Tolerance,
} from './targets.js';

type Kjoenn = 'mann' | 'kvinne';

/** Everything a report is judged against; {@link STATS_TARGETS} holds the SSB 2024 figures. */
export interface StatsTargets {
  residents: number;
  agePyramid: { readonly mann: readonly number[]; readonly kvinne: readonly number[] };
  maritalStatus: typeof MARITAL_STATUS_2024;
  immigrantShare: number;
  foreignCitizenShare: number;
  foreignCitizenships: readonly { landkode: string; share: number }[];
  protectedRates: { readonly fortrolig: number; readonly strengtFortrolig: number; readonly klientadresse: number };
  householdTypes: readonly { type: HouseholdType; share: number }[];
  personsPerHousehold: number;
  /** Residents per kommune on the reference date; fylke targets are their sums by the first two digits. */
  kommuner: readonly { kommunenummer: string; navn: string; folketall: number }[];
  /** Fylke names for the report. */
  fylker: readonly { fylkesnummer: string; navn: string }[];
  tolerances: { readonly [K in keyof typeof TOLERANCES]: Tolerance };
}

export const STATS_TARGETS: StatsTargets = {
  residents: SSB_RESIDENTS_2024,
  agePyramid: AGE_PYRAMID_2024,
  maritalStatus: MARITAL_STATUS_2024,
  immigrantShare: IMMIGRANT_SHARE_2024,
  foreignCitizenShare: FOREIGN_CITIZEN_SHARE_2024,
  foreignCitizenships: FOREIGN_CITIZENSHIPS_2024,
  protectedRates: PROTECTED_RATES,
  householdTypes: HOUSEHOLD_TYPES_2024,
  personsPerHousehold: PERSONS_PER_HOUSEHOLD_2024,
  kommuner: KOMMUNER,
  fylker: FYLKER,
  tolerances: TOLERANCES,
};

export type StatsSection =
  | 'fylke'
  | 'kommune'
  | 'sex'
  | 'ageSex'
  | 'marital'
  | 'immigrants'
  | 'citizenship'
  | 'protected'
  | 'households';

export interface StatsRow {
  section: StatsSection;
  /** Stable key: fylkesnummer, kommunenummer, «mann 20-44», sivilstand, landkode, … */
  key: string;
  label: string;
  /** `share` values are fractions of the section's base (residents, adults or households). */
  unit: 'share' | 'count' | 'ratio';
  value: number;
  target: number;
  /** value − target, in the row's unit. */
  deviation: number;
  /** The largest |deviation| accepted: the tolerance, or three standard errors of sampling noise if larger. */
  allowed: number;
  withinTolerance: boolean;
}

export interface StatsReport {
  referenceDate?: string;
  persons: number;
  residents: number;
  /** residents / the SSB resident count: the scale the population was generated at. */
  scale: number;
  statusCounts: Record<string, number>;
  /** Residents by sivilstand code (all ages, every code present). */
  sivilstandCounts: Record<string, number>;
  /** Residents per kommunenummer as a share of all residents, every kommune present. */
  kommuneShare: Record<string, number>;
  /** Residents whose kommune is not in the kommune table (or who have none). */
  residentsOutsideKnownKommuner: number;
  residentsWithInnflytting: number;
  households: number;
  /** The most common citizenships among residents (including NOR), largest first. */
  topCitizenships: { landkode: string; residents: number; share: number }[];
  rows: StatsRow[];
}

export const AGE_BANDS: readonly { key: string; from: number; to: number }[] = [
  { key: '0-5', from: 0, to: 5 },
  { key: '6-15', from: 6, to: 15 },
  { key: '16-19', from: 16, to: 19 },
  { key: '20-44', from: 20, to: 44 },
  { key: '45-66', from: 45, to: 66 },
  { key: '67-79', from: 67, to: 79 },
  { key: '80+', from: 80, to: 100 },
];

/** FREG sivilstand codes grouped as the targets count them; `uoppgitt` matches no target. */
const MARITAL_GROUP: Readonly<Record<string, MaritalStatus>> = {
  ugift: 'ugift',
  gift: 'gift',
  registrertPartner: 'registrertPartner',
  separertPartner: 'registrertPartner',
  skiltPartner: 'registrertPartner',
  gjenlevendePartner: 'registrertPartner',
  separert: 'separert',
  skilt: 'skilt',
  enkeEllerEnkemann: 'enkeEllerEnkemann',
};

const SEXES: readonly Kjoenn[] = ['mann', 'kvinne'];
const ADULT_AGE = 18;
/** Sampling noise accepted: this many standard errors. */
const NOISE_SE = 3;
const LARGEST_KOMMUNER = 10;
const TOP_CITIZENSHIPS = 10;

/** Judge a stored population's aggregates against the targets. */
export function buildStatsReport(
  aggregates: PopulationAggregates,
  targets: StatsTargets = STATS_TARGETS,
  options: { referenceDate?: string } = {},
): StatsReport {
  const residents = aggregates.statusCounts['bosatt'] ?? 0;
  const judge = new Judge(targets.tolerances);
  const rows: StatsRow[] = [];

  // Where people live: fylker (first two digits of the kommunenummer) and the largest kommuner.
  const kommuneTotal = sum(targets.kommuner.map((k) => k.folketall));
  const known = new Set(targets.kommuner.map((k) => k.kommunenummer));
  const fylkeTargets = new Map<string, number>();
  for (const k of targets.kommuner) add(fylkeTargets, k.kommunenummer.slice(0, 2), k.folketall);
  const fylkeValues = new Map<string, number>();
  let inKnownKommuner = 0;
  for (const [kommunenummer, count] of Object.entries(aggregates.residentsByKommune)) {
    if (!known.has(kommunenummer)) continue;
    add(fylkeValues, kommunenummer.slice(0, 2), count);
    inKnownKommuner += count;
  }
  const fylkesnavn = new Map(targets.fylker.map((f) => [f.fylkesnummer, f.navn]));
  for (const [fylke, folketall] of [...fylkeTargets].sort(([a], [b]) => a.localeCompare(b))) {
    const label = `${fylke} ${fylkesnavn.get(fylke) ?? ''}`.trimEnd();
    const figure: Figure = { section: 'fylke', key: fylke, label, tolerance: 'fylkeShare' };
    rows.push(judge.share(figure, fylkeValues.get(fylke) ?? 0, residents, folketall / kommuneTotal));
  }
  const largest = [...targets.kommuner].sort((a, b) => b.folketall - a.folketall).slice(0, LARGEST_KOMMUNER);
  for (const k of largest) {
    const label = `${k.kommunenummer} ${k.navn}`;
    const figure: Figure = { section: 'kommune', key: k.kommunenummer, label, tolerance: 'kommuneShare' };
    const count = aggregates.residentsByKommune[k.kommunenummer] ?? 0;
    rows.push(judge.share(figure, count, residents, k.folketall / kommuneTotal));
  }

  // Sex, and age bands by sex, as shares of all residents.
  const pyramidTotal = sum(targets.agePyramid.mann) + sum(targets.agePyramid.kvinne);
  const counted = (kjoenn: Kjoenn, from: number, to: number) =>
    sum(
      aggregates.residentsByAgeSex
        .filter((r) => r.kjoenn === kjoenn && r.age >= from && r.age <= to)
        .map((r) => r.count),
    );
  const expected = (kjoenn: Kjoenn, from: number, to: number) =>
    sum(targets.agePyramid[kjoenn].slice(from, to + 1)) / pyramidTotal;
  for (const kjoenn of SEXES) {
    const figure: Figure = { section: 'sex', key: kjoenn, label: kjoenn, tolerance: 'sexShare' };
    rows.push(judge.share(figure, counted(kjoenn, 0, 100), residents, expected(kjoenn, 0, 100)));
  }
  for (const kjoenn of SEXES) {
    for (const { key, from, to } of AGE_BANDS) {
      const label = `${kjoenn} ${key}`;
      const figure: Figure = { section: 'ageSex', key: label, label, tolerance: 'ageBandShare' };
      rows.push(judge.share(figure, counted(kjoenn, from, to), residents, expected(kjoenn, from, to)));
    }
  }

  // Marital status of adults. The target is what SSB's shares by age band and sex give for the
  // population's own age structure, so an error in the age structure is not counted twice.
  const adults = aggregates.residentsBySivilstand.filter((r) => r.age >= ADULT_AGE);
  const adultCount = sum(adults.map((r) => r.count));
  for (const status of MARITAL_STATUSES) {
    const count = sum(adults.filter((r) => MARITAL_GROUP[r.sivilstand] === status).map((r) => r.count));
    const weighted = sum(adults.map((r) => r.count * maritalShare(targets.maritalStatus, r.age, r.kjoenn, status)));
    const figure: Figure = { section: 'marital', key: status, label: status, tolerance: 'maritalShare' };
    rows.push(judge.share(figure, count, adultCount, fraction(weighted, adultCount)));
  }

  // Immigrants (approximated by residents born abroad) and foreign citizens.
  rows.push(
    judge.share(
      { section: 'immigrants', key: 'bornAbroad', label: 'born abroad', tolerance: 'immigrantShare' },
      aggregates.residentsBornAbroad,
      residents,
      targets.immigrantShare,
    ),
  );
  const citizenships = Object.entries(aggregates.residentsByCitizenship);
  const foreign = sum(citizenships.filter(([landkode]) => landkode !== 'NOR').map(([, count]) => count));
  rows.push(
    judge.share(
      { section: 'citizenship', key: 'foreign', label: 'foreign citizens', tolerance: 'foreignCitizenShare' },
      foreign,
      residents,
      targets.foreignCitizenShare,
    ),
  );
  for (const { landkode, share } of targets.foreignCitizenships) {
    if (landkode === 'other') continue;
    const figure: Figure = { section: 'citizenship', key: landkode, label: landkode, tolerance: 'citizenshipShare' };
    rows.push(judge.share(figure, aggregates.residentsByCitizenship[landkode] ?? 0, residents, share));
  }

  // Protected persons and klientadresser, as counts against rate × residents.
  for (const kind of ['fortrolig', 'strengtFortrolig', 'klientadresse'] as const) {
    const figure: Figure = { section: 'protected', key: kind, label: kind, tolerance: 'protectedCount' };
    rows.push(judge.count(figure, aggregates.protectedCounts[kind], targets.protectedRates[kind] * residents));
  }

  // Households, derived from dwellings (see householdType).
  const households = sum(aggregates.dwellings.map((d) => d.count));
  const byType = new Map<HouseholdType, number>();
  for (const d of aggregates.dwellings) add(byType, householdType(d.adults, d.children), d.count);
  for (const { type, share } of targets.householdTypes) {
    const figure: Figure = { section: 'households', key: type, label: type, tolerance: 'householdShare' };
    rows.push(judge.share(figure, byType.get(type) ?? 0, households, share));
  }
  const personsInDwellings = sum(aggregates.dwellings.map((d) => (d.adults + d.children) * d.count));
  rows.push(
    judge.ratio(
      {
        section: 'households',
        key: 'personsPerHousehold',
        label: 'persons per household',
        tolerance: 'personsPerHousehold',
      },
      fraction(personsInDwellings, households),
      targets.personsPerHousehold,
    ),
  );

  const sivilstandCounts: Record<string, number> = {};
  for (const r of aggregates.residentsBySivilstand) {
    sivilstandCounts[r.sivilstand] = (sivilstandCounts[r.sivilstand] ?? 0) + r.count;
  }
  return {
    ...(options.referenceDate === undefined ? {} : { referenceDate: options.referenceDate }),
    persons: aggregates.persons,
    residents,
    scale: residents / targets.residents,
    statusCounts: { ...aggregates.statusCounts },
    sivilstandCounts,
    kommuneShare: Object.fromEntries(
      Object.entries(aggregates.residentsByKommune)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([kommunenummer, count]) => [kommunenummer, fraction(count, residents)]),
    ),
    residentsOutsideKnownKommuner: residents - inKnownKommuner,
    residentsWithInnflytting: aggregates.residentsWithInnflytting,
    households,
    topCitizenships: citizenships
      .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
      .slice(0, TOP_CITIZENSHIPS)
      .map(([landkode, count]) => ({ landkode, residents: count, share: fraction(count, residents) })),
    rows,
  };
}

/**
 * The household type of a dwelling by who lives there. An approximation of SSB's household types:
 * the register aggregates know only how many adults and children share an address, so any two
 * adults count as a couple (a parent with an adult child is «parUtenBarn», where SSB says «andre»).
 */
export function householdType(adults: number, children: number): HouseholdType {
  if (adults === 1) return children === 0 ? 'aleneboende' : 'enForelder';
  if (adults === 2) return children === 0 ? 'parUtenBarn' : 'parMedBarn';
  return 'andre';
}

/** The machine-readable report: the headline figures by name, and every judged row. */
export function statsJson(report: StatsReport) {
  const values = (section: StatsSection) =>
    Object.fromEntries(report.rows.filter((r) => r.section === section).map((r) => [r.key, r.value]));
  const ageBands = Object.fromEntries(
    AGE_BANDS.map((band) => [
      band.key,
      sum(report.rows.filter((r) => r.section === 'ageSex' && r.key.endsWith(` ${band.key}`)).map((r) => r.value)),
    ]),
  );
  const row = (section: StatsSection, key: string) =>
    report.rows.find((r) => r.section === section && r.key === key)?.value ?? 0;
  const passed = report.rows.filter((r) => r.withinTolerance).length;
  return {
    ...(report.referenceDate === undefined ? {} : { referenceDate: report.referenceDate }),
    persons: report.persons,
    residents: report.residents,
    scale: report.scale,
    statusCounts: report.statusCounts,
    sexShare: { mann: row('sex', 'mann'), kvinne: row('sex', 'kvinne') },
    ageBands,
    fylkeShare: values('fylke'),
    kommuneShare: report.kommuneShare,
    maritalShare: values('marital'),
    sivilstandCounts: report.sivilstandCounts,
    immigrantShare: row('immigrants', 'bornAbroad'),
    foreignCitizenShare: row('citizenship', 'foreign'),
    topCitizenships: report.topCitizenships,
    protectedCounts: values('protected'),
    households: report.households,
    householdShare: Object.fromEntries(
      report.rows.filter((r) => r.section === 'households' && r.unit === 'share').map((r) => [r.key, r.value]),
    ),
    personsPerHousehold: row('households', 'personsPerHousehold'),
    residentsWithInnflytting: report.residentsWithInnflytting,
    residentsOutsideKnownKommuner: report.residentsOutsideKnownKommuner,
    withinTolerance: { passed, total: report.rows.length },
    rows: report.rows,
  };
}

const SECTION_TITLES: Readonly<Record<StatsSection, string>> = {
  fylke: 'Residents by fylke (share of residents)',
  kommune: `The ${LARGEST_KOMMUNER} largest kommuner (share of residents)`,
  sex: 'Sex (share of residents)',
  ageSex: 'Age band by sex (share of residents)',
  marital: 'Marital status of adults 18+ (share of adults; target for this age structure)',
  immigrants: 'Immigrants (share of residents; born abroad stands in for SSB «innvandrere»)',
  citizenship: 'Foreign citizenship (share of residents)',
  protected: 'Protected persons (residents; target = rate × residents)',
  households: 'Households (share of dwellings by who lives there)',
};

/** The report as aligned text tables, one per section, for a terminal. */
export function formatStatsReport(report: StatsReport): string {
  const list = (entries: [string, string][]) => entries.map(([name, value]) => `${name} ${value}`).join(', ') || 'none';
  const byCount = (counts: Record<string, number>) =>
    Object.entries(counts)
      .sort(([, a], [, b]) => b - a)
      .map(([name, n]): [string, string] => [name, integer(n)]);
  const lines = [
    `Population statistics${report.referenceDate === undefined ? '' : ` on ${report.referenceDate}`}`,
    `Persons ${integer(report.persons)}; residents (bosatt) ${integer(report.residents)}` +
      ` (${percent(report.scale)} of Norway's residents on 1 January 2024).`,
    `Status: ${list(byCount(report.statusCounts))}.`,
    `Sivilstand of residents: ${list(byCount(report.sivilstandCounts))}.`,
    `Most common citizenships: ${list(
      report.topCitizenships.map((c) => [c.landkode, `${integer(c.residents)} (${percent(c.share)})`]),
    )}.`,
    `Residents with a registered immigration: ${integer(report.residentsWithInnflytting)}; ` +
      `outside the kommune table: ${integer(report.residentsOutsideKnownKommuner)}; ` +
      `households: ${integer(report.households)}.`,
  ];
  for (const section of Object.keys(SECTION_TITLES) as StatsSection[]) {
    const rows = report.rows.filter((r) => r.section === section);
    if (rows.length === 0) continue;
    const table = [
      ['', 'value', 'target', 'deviation', 'allowed', 'ok'],
      ...rows.map((r) => [
        r.label,
        show(r.unit, r.value),
        show(r.unit, r.target),
        showDeviation(r.unit, r.deviation),
        showDeviation(r.unit, r.allowed).replace(/^\+/, '±'),
        r.withinTolerance ? 'yes' : 'NO',
      ]),
    ];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((cells) => cells[column]!.length)));
    const align = (cell: string, column: number) =>
      column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!);
    lines.push('', SECTION_TITLES[section], ...table.map((cells) => `  ${cells.map(align).join('  ')}`.trimEnd()));
  }
  const passed = report.rows.filter((r) => r.withinTolerance).length;
  lines.push('', `Within tolerance: ${passed} of ${report.rows.length} figures.`);
  return lines.join('\n');
}

function show(unit: StatsRow['unit'], value: number): string {
  if (unit === 'share') return percent(value);
  if (unit === 'ratio') return value.toFixed(2);
  return Number.isInteger(value) ? integer(value) : value.toFixed(1);
}

function showDeviation(unit: StatsRow['unit'], value: number): string {
  const magnitude = Math.abs(value);
  let text: string;
  if (unit === 'share') text = `${(magnitude * 100).toFixed(2)} pp`;
  else if (unit === 'ratio') text = magnitude.toFixed(2);
  else text = Number.isInteger(magnitude) ? integer(magnitude) : magnitude.toFixed(1);
  // A deviation that rounds to zero is shown as +0, not -0.
  return `${value < 0 && /[1-9]/.test(text) ? '-' : '+'}${text}`;
}

function percent(share: number): string {
  return `${(share * 100).toFixed(2)} %`;
}

/** Digits grouped in threes by spaces, Norwegian style, whatever the locale. */
function integer(n: number): string {
  return String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
}

function maritalShare(
  table: StatsTargets['maritalStatus'],
  age: number,
  kjoenn: Kjoenn,
  status: MaritalStatus,
): number {
  const band = table.find((b) => age >= b.from && age <= b.to);
  return band ? band[kjoenn][status] : 0;
}

/** What a row is about and which tolerance judges it. */
interface Figure {
  section: StatsSection;
  key: string;
  label: string;
  tolerance: keyof StatsTargets['tolerances'];
}

/** Builds judged rows; «allowed» widens the tolerance to sampling noise for small populations. */
class Judge {
  constructor(private readonly tolerances: StatsTargets['tolerances']) {}

  /** `count` of `base` against a target share; noise is the binomial standard error. */
  share(figure: Figure, count: number, base: number, target: number): StatsRow {
    const noise = base === 0 ? 0 : NOISE_SE * Math.sqrt((target * (1 - target)) / base);
    return this.row(figure, 'share', fraction(count, base), target, noise);
  }

  /** A count against an expected count; noise is the Poisson standard error. */
  count(figure: Figure, value: number, expected: number): StatsRow {
    return this.row(figure, 'count', value, expected, NOISE_SE * Math.sqrt(expected));
  }

  ratio(figure: Figure, value: number, target: number): StatsRow {
    return this.row(figure, 'ratio', value, target, 0);
  }

  private row(figure: Figure, unit: StatsRow['unit'], value: number, target: number, noise: number): StatsRow {
    const tolerance = this.tolerances[figure.tolerance];
    const allowed = Math.max('points' in tolerance ? tolerance.points : tolerance.relative * target, noise);
    const deviation = value - target;
    // A hair of slack so that a deviation exactly at the limit is not lost to floating-point rounding.
    const withinTolerance = Math.abs(deviation) <= allowed * (1 + 1e-9);
    const { section, key, label } = figure;
    return { section, key, label, unit, value, target, deviation, allowed, withinTolerance };
  }
}

function fraction(count: number, base: number): number {
  return base === 0 ? 0 : count / base;
}

function sum(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}

function add<K>(map: Map<K, number>, key: K, amount: number): void {
  map.set(key, (map.get(key) ?? 0) + amount);
}
