import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { CommanderError } from '@commander-js/extra-typings';
import { statsCommand, type LoadAggregates } from '../src/cli/stats.js';
import { throwAwayDataDir, throwAwayPostgres } from './databases.js';
import type { PopulationAggregates } from '../src/register/population-aggregates.js';
import {
  STATS_TARGETS,
  buildStatsReport,
  formatStatsReport,
  householdType,
  statsJson,
  type StatsReport,
  type StatsTargets,
} from '../src/population/stats.js';
import { TOLERANCES } from '../src/population/targets.js';

/** A pyramid with people at a few ages only, so every expected share is easy to work out by hand. */
function pyramid(entries: Record<number, number>): number[] {
  return Array.from({ length: 101 }, (_, age) => entries[age] ?? 0);
}

const maritalAll = (ugift: number, gift: number, enkeEllerEnkemann: number) => ({
  ugift,
  gift,
  registrertPartner: 0,
  separert: 0,
  skilt: 0,
  enkeEllerEnkemann,
});

/** Small hand-made targets: three kommuner, a four-age pyramid, simple marital shares. */
const TARGETS: StatsTargets = {
  residents: 10_000_000,
  agePyramid: { mann: pyramid({ 10: 100, 30: 200, 70: 200 }), kvinne: pyramid({ 10: 100, 30: 200, 85: 200 }) },
  maritalStatus: [
    { from: 0, to: 17, mann: maritalAll(1, 0, 0), kvinne: maritalAll(1, 0, 0) },
    { from: 18, to: 100, mann: maritalAll(0.5, 0.5, 0), kvinne: maritalAll(0.4, 0.4, 0.2) },
  ],
  immigrantShare: 0.2,
  foreignCitizenShare: 0.1,
  foreignCitizenships: [
    { landkode: 'POL', share: 0.05 },
    { landkode: 'SWE', share: 0.03 },
    { landkode: 'other', share: 0.02 },
  ],
  protectedRates: { fortrolig: 0.01, strengtFortrolig: 0.002, klientadresse: 0.001 },
  householdTypes: [
    { type: 'aleneboende', share: 0.4 },
    { type: 'parUtenBarn', share: 0.2 },
    { type: 'parMedBarn', share: 0.2 },
    { type: 'enForelder', share: 0.1 },
    { type: 'andre', share: 0.1 },
  ],
  personsPerHousehold: 2,
  kommuner: [
    { kommunenummer: '0301', navn: 'Oslo', folketall: 600 },
    { kommunenummer: '4601', navn: 'Bergen', folketall: 300 },
    { kommunenummer: '5001', navn: 'Trondheim', folketall: 100 },
  ],
  fylker: [
    { fylkesnummer: '03', navn: 'Oslo' },
    { fylkesnummer: '46', navn: 'Vestland' },
    { fylkesnummer: '50', navn: 'Trøndelag' },
  ],
  tolerances: TOLERANCES,
};

/** A million residents, large enough that sampling noise stays inside the tolerances. */
function aggregates(): PopulationAggregates {
  return {
    persons: 1_100_000,
    statusCounts: { bosatt: 1_000_000, doed: 60_000, utflyttet: 40_000 },
    residentsByKommune: { '0301': 600_000, '4601': 300_000, '5001': 95_000, '2100': 5_000 },
    residentsByAgeSex: [
      { age: 10, kjoenn: 'mann', count: 100_000 },
      { age: 30, kjoenn: 'mann', count: 200_000 },
      { age: 70, kjoenn: 'mann', count: 200_000 },
      { age: 10, kjoenn: 'kvinne', count: 100_000 },
      { age: 30, kjoenn: 'kvinne', count: 200_000 },
      { age: 85, kjoenn: 'kvinne', count: 200_000 },
    ],
    residentsBySivilstand: [
      { age: 10, kjoenn: 'mann', sivilstand: 'ugift', count: 100_000 },
      { age: 10, kjoenn: 'kvinne', sivilstand: 'ugift', count: 100_000 },
      { age: 30, kjoenn: 'mann', sivilstand: 'ugift', count: 100_000 },
      { age: 30, kjoenn: 'mann', sivilstand: 'gift', count: 100_000 },
      { age: 70, kjoenn: 'mann', sivilstand: 'ugift', count: 100_000 },
      { age: 70, kjoenn: 'mann', sivilstand: 'gift', count: 80_000 },
      { age: 70, kjoenn: 'mann', sivilstand: 'skilt', count: 20_000 },
      { age: 30, kjoenn: 'kvinne', sivilstand: 'ugift', count: 80_000 },
      { age: 30, kjoenn: 'kvinne', sivilstand: 'gift', count: 80_000 },
      { age: 30, kjoenn: 'kvinne', sivilstand: 'separertPartner', count: 40_000 },
      { age: 85, kjoenn: 'kvinne', sivilstand: 'ugift', count: 80_000 },
      { age: 85, kjoenn: 'kvinne', sivilstand: 'gift', count: 80_000 },
      { age: 85, kjoenn: 'kvinne', sivilstand: 'enkeEllerEnkemann', count: 40_000 },
    ],
    residentsByCitizenship: { NOR: 900_000, POL: 50_000, SWE: 40_000, LTU: 10_000 },
    residentsBornAbroad: 200_000,
    residentsWithInnflytting: 210_000,
    protectedCounts: { fortrolig: 10_000, strengtFortrolig: 3_100, klientadresse: 1_000 },
    dwellings: [
      { adults: 1, children: 0, count: 400 },
      { adults: 2, children: 0, count: 200 },
      { adults: 2, children: 2, count: 150 },
      { adults: 2, children: 1, count: 50 },
      { adults: 1, children: 1, count: 100 },
      { adults: 3, children: 0, count: 60 },
      { adults: 0, children: 1, count: 40 },
    ],
  };
}

function row(report: StatsReport, section: string, key: string) {
  const found = report.rows.find((r) => r.section === section && r.key === key);
  assert.ok(found, `row ${section} ${key}`);
  return found;
}

function close(actual: number, expected: number, message?: string) {
  assert.ok(Math.abs(actual - expected) < 1e-9, `${message ?? ''} ${actual} ≠ ${expected}`);
}

test('the report counts persons and residents and gives the scale', () => {
  const report = buildStatsReport(aggregates(), TARGETS, { referenceDate: '2024-01-01' });
  assert.equal(report.referenceDate, '2024-01-01');
  assert.equal(report.persons, 1_100_000);
  assert.equal(report.residents, 1_000_000);
  assert.equal(report.scale, 0.1);
  assert.equal(report.residentsOutsideKnownKommuner, 5_000);
  assert.equal(report.households, 1_000);
  assert.deepEqual(report.sivilstandCounts, {
    ugift: 560_000,
    gift: 340_000,
    skilt: 20_000,
    separertPartner: 40_000,
    enkeEllerEnkemann: 40_000,
  });
});

test('fylker and kommuner are judged as shares of residents', () => {
  const report = buildStatsReport(aggregates(), TARGETS);
  assert.deepEqual(
    report.rows.filter((r) => r.section === 'fylke').map((r) => [r.label, r.value, r.target]),
    [
      ['03 Oslo', 0.6, 0.6],
      ['46 Vestland', 0.3, 0.3],
      ['50 Trøndelag', 0.095, 0.1],
    ],
  );
  const trondelag = row(report, 'fylke', '50');
  close(trondelag.deviation, -0.005);
  assert.equal(trondelag.allowed, 0.003);
  assert.equal(trondelag.withinTolerance, false);
  assert.equal(row(report, 'fylke', '03').withinTolerance, true);
  // The largest kommuner first.
  assert.deepEqual(
    report.rows.filter((r) => r.section === 'kommune').map((r) => [r.label, r.withinTolerance]),
    [
      ['0301 Oslo', true],
      ['4601 Bergen', true],
      ['5001 Trondheim', false],
    ],
  );
});

test('sex and age bands are shares of all residents against the pyramid', () => {
  const report = buildStatsReport(aggregates(), TARGETS);
  assert.equal(row(report, 'sex', 'mann').value, 0.5);
  assert.equal(row(report, 'sex', 'mann').target, 0.5);
  assert.equal(row(report, 'ageSex', 'mann 6-15').value, 0.1);
  assert.equal(row(report, 'ageSex', 'mann 20-44').target, 0.2);
  assert.equal(row(report, 'ageSex', 'kvinne 80+').value, 0.2);
  assert.equal(row(report, 'ageSex', 'kvinne 0-5').target, 0);
  assert.equal(report.rows.filter((r) => r.section === 'ageSex').length, 14);
  assert.ok(report.rows.filter((r) => r.section === 'ageSex' || r.section === 'sex').every((r) => r.withinTolerance));
});

test('marital status of adults is judged against the shares expected for their ages', () => {
  const report = buildStatsReport(aggregates(), TARGETS);
  const marital = Object.fromEntries(
    report.rows.filter((r) => r.section === 'marital').map((r) => [r.key, [r.value, r.target, r.withinTolerance]]),
  );
  // 800 000 adults: men expect half married, women 40 % married and 20 % widowed.
  assert.deepEqual(marital, {
    ugift: [0.45, 0.45, true],
    gift: [0.425, 0.45, false],
    registrertPartner: [0.05, 0, false], // separertPartner counts with registered partners
    separert: [0, 0, true],
    skilt: [0.025, 0, false],
    enkeEllerEnkemann: [0.05, 0.1, false],
  });
});

test('immigrants, citizenships, protected persons and households are judged', () => {
  const report = buildStatsReport(aggregates(), TARGETS);
  const bornAbroad = row(report, 'immigrants', 'bornAbroad');
  assert.deepEqual([bornAbroad.value, bornAbroad.withinTolerance], [0.2, true]);
  const foreign = row(report, 'citizenship', 'foreign');
  assert.deepEqual([foreign.value, foreign.withinTolerance], [0.1, true]);
  assert.equal(row(report, 'citizenship', 'POL').withinTolerance, true);
  const swe = row(report, 'citizenship', 'SWE');
  assert.deepEqual([swe.value, swe.target, swe.withinTolerance], [0.04, 0.03, false]);
  assert.equal(report.rows.some((r) => r.key === 'other'), false);
  assert.deepEqual(report.topCitizenships[0], { landkode: 'NOR', residents: 900_000, share: 0.9 });

  const strengt = row(report, 'protected', 'strengtFortrolig');
  assert.deepEqual([strengt.value, strengt.target, strengt.allowed, strengt.withinTolerance], [3_100, 2_000, 1_000, false]);
  assert.equal(row(report, 'protected', 'fortrolig').withinTolerance, true);

  for (const type of ['aleneboende', 'parUtenBarn', 'parMedBarn', 'enForelder', 'andre']) {
    const household = row(report, 'households', type);
    close(household.value, household.target, type);
    assert.equal(household.withinTolerance, true, type);
  }
  const perHousehold = row(report, 'households', 'personsPerHousehold');
  assert.equal(perHousehold.value, 1.97);
  close(perHousehold.allowed, 0.1);
  assert.equal(perHousehold.withinTolerance, true);
});

test('a figure flips out of tolerance when it is off by more than the tolerance', () => {
  const input = aggregates();
  input.residentsByKommune['0301'] = 604_000; // +0.4 points, over the 0.3 allowed
  input.residentsBornAbroad = 189_000; // -1.1 points, over the 1 allowed
  input.protectedCounts.fortrolig = 16_000; // +60 %, over the 50 % allowed
  const report = buildStatsReport(input, TARGETS);
  assert.equal(row(report, 'fylke', '03').withinTolerance, false);
  assert.equal(row(report, 'immigrants', 'bornAbroad').withinTolerance, false);
  assert.equal(row(report, 'protected', 'fortrolig').withinTolerance, false);

  input.residentsByKommune['0301'] = 602_000;
  input.residentsBornAbroad = 191_000;
  input.protectedCounts.fortrolig = 14_000;
  const closer = buildStatsReport(input, TARGETS);
  assert.equal(row(closer, 'fylke', '03').withinTolerance, true);
  assert.equal(row(closer, 'immigrants', 'bornAbroad').withinTolerance, true);
  assert.equal(row(closer, 'protected', 'fortrolig').withinTolerance, true);
});

test('a small population is allowed its sampling noise', () => {
  const small: PopulationAggregates = {
    ...aggregates(),
    statusCounts: { bosatt: 100 },
    residentsByAgeSex: [
      { age: 30, kjoenn: 'mann', count: 55 },
      { age: 30, kjoenn: 'kvinne', count: 45 },
    ],
  };
  const mann = row(buildStatsReport(small, TARGETS), 'sex', 'mann');
  close(mann.deviation, 0.05);
  close(mann.allowed, 3 * Math.sqrt((0.5 * 0.5) / 100)); // 15 points of noise, well above the 0.5-point tolerance
  assert.equal(mann.withinTolerance, true);
});

test('dwellings map to household types by adults and children', () => {
  assert.equal(householdType(1, 0), 'aleneboende');
  assert.equal(householdType(2, 0), 'parUtenBarn');
  assert.equal(householdType(2, 3), 'parMedBarn');
  assert.equal(householdType(1, 2), 'enForelder');
  assert.equal(householdType(3, 0), 'andre');
  assert.equal(householdType(0, 1), 'andre');
});

test('the JSON report has the headline figures by name', () => {
  const json = statsJson(buildStatsReport(aggregates(), TARGETS, { referenceDate: '2024-01-01' }));
  assert.equal(json.referenceDate, '2024-01-01');
  assert.equal(json.persons, 1_100_000);
  assert.equal(json.residents, 1_000_000);
  assert.deepEqual(json.statusCounts, { bosatt: 1_000_000, doed: 60_000, utflyttet: 40_000 });
  assert.deepEqual(json.sexShare, { mann: 0.5, kvinne: 0.5 });
  assert.deepEqual(json.ageBands, { '0-5': 0, '6-15': 0.2, '16-19': 0, '20-44': 0.4, '45-66': 0, '67-79': 0.2, '80+': 0.2 });
  assert.deepEqual(json.kommuneShare, { '0301': 0.6, '2100': 0.005, '4601': 0.3, '5001': 0.095 });
  assert.deepEqual(json.fylkeShare, { '03': 0.6, '46': 0.3, '50': 0.095 });
  assert.equal(json.immigrantShare, 0.2);
  assert.equal(json.foreignCitizenShare, 0.1);
  assert.deepEqual(json.protectedCounts, { fortrolig: 10_000, strengtFortrolig: 3_100, klientadresse: 1_000 });
  assert.equal(json.personsPerHousehold, 1.97);
  assert.deepEqual(json.withinTolerance, { passed: 33, total: 41 });
  assert.equal(json.rows.length, 41);
  // It survives a round trip through JSON text.
  assert.deepEqual(JSON.parse(JSON.stringify(json)), json);
});

test('the text report shows every figure in aligned tables', () => {
  const text = formatStatsReport(buildStatsReport(aggregates(), TARGETS, { referenceDate: '2024-01-01' }));
  assert.match(text, /^Population statistics on 2024-01-01$/m);
  assert.match(text, /Persons 1 100 000; residents \(bosatt\) 1 000 000 \(10\.00 % of Norway's residents/);
  assert.match(text, /Status: bosatt 1 000 000, doed 60 000, utflyttet 40 000\./);
  assert.match(text, /Most common citizenships: NOR 900 000 \(90\.00 %\), POL 50 000 \(5\.00 %\)/);
  assert.match(text, /^ {2}50 Trøndelag +9\.50 % +10\.00 % +-0\.50 pp +±0\.30 pp +NO$/m);
  assert.match(text, /^ {2}strengtFortrolig +3 100 +2 000 +\+1 100 +±1 000 +NO$/m);
  assert.match(text, /^ {2}persons per household +1\.97 +2\.00 +-0\.03 +±0\.10 +yes$/m);
  assert.match(text, /Within tolerance: 33 of 41 figures\./);
  // Columns line up: within a table every row has the same width.
  const fylkeTable = text.split('\n\n').find((block) => block.startsWith('Residents by fylke'))!.split('\n').slice(1);
  assert.equal(new Set(fylkeTable.map((line) => line.length)).size, 1);
});

test('the default targets are the SSB figures for 2024', () => {
  assert.equal(STATS_TARGETS.residents, 5_550_203);
  assert.equal(STATS_TARGETS.kommuner.length, 357);
  assert.equal(STATS_TARGETS.fylker.length, 15);
});

/** Runs `folkeport stats` in-process with a fake store; usage errors throw instead of exiting. */
async function runStats(t: TestContext, load: LoadAggregates | undefined, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  t.mock.method(console, 'log', (line: string) => out.push(line));
  t.mock.method(console, 'error', (line: string) => err.push(line));
  const command = statsCommand(load)
    .exitOverride()
    .configureOutput({ writeOut: (s) => out.push(s), writeErr: (s) => err.push(s) });
  const exitCode = process.exitCode;
  try {
    await command.parseAsync(args, { from: 'user' });
    return { out: out.join('\n'), err: err.join('\n'), exitCode: process.exitCode };
  } finally {
    process.exitCode = exitCode;
  }
}

test('folkeport stats --json reads the default data directory as of 1 January 2024', async (t) => {
  const calls: unknown[] = [];
  const result = await runStats(t, async (source, date) => (calls.push([source, date]), aggregates()), '--json');
  assert.deepEqual(calls, [[{ dataDir: './.folkeport' }, '2024-01-01']]);
  const json = JSON.parse(result.out) as { residents: number; referenceDate: string; sexShare: object };
  assert.equal(json.residents, 1_000_000);
  assert.equal(json.referenceDate, '2024-01-01');
  assert.equal(result.exitCode, undefined);
});

test('folkeport stats takes a database URL and a reference date, and prints text tables', async (t) => {
  const calls: unknown[] = [];
  const url = 'postgres://postgres@127.0.0.1:5432/folkeport';
  const load: LoadAggregates = async (source, date) => (calls.push([source, date]), aggregates());
  const result = await runStats(t, load, '--database-url', url, '--as-of', '2025-01-01');
  assert.deepEqual(calls, [[{ databaseUrl: url }, '2025-01-01']]);
  assert.match(result.out, /^Population statistics on 2025-01-01$/m);
  assert.match(result.out, /Within tolerance: \d+ of \d+ figures\./);
});

test('folkeport stats on an empty store says so and exits 1', async (t) => {
  const empty = { ...aggregates(), persons: 0, statusCounts: {} };
  const result = await runStats(t, async () => empty, '--data-dir', '/tmp/nothing-here');
  assert.equal(result.out, '');
  assert.match(result.err, /The store at \/tmp\/nothing-here holds no persons/);
  assert.equal(result.exitCode, 1);
});

test('folkeport stats rejects a bad date and conflicting stores, and reports store errors without a stack', async (t) => {
  const load: LoadAggregates = async () => aggregates();
  await assert.rejects(runStats(t, load, '--as-of', '2024-02-30'), (error: CommanderError) => {
    assert.match(error.message, /Expected a real date as YYYY-MM-DD/);
    return true;
  });
  await assert.rejects(runStats(t, load, '--data-dir', 'x', '--database-url', 'postgres://h/db'), CommanderError);
  const failing: LoadAggregates = async () => {
    throw new Error('could not connect to PostgreSQL at postgres://h/db: refused');
  };
  await assert.rejects(runStats(t, failing, '--database-url', 'postgres://h/db'), (error: CommanderError) => {
    assert.equal(error.exitCode, 2);
    assert.equal(error.message, 'error: could not connect to PostgreSQL at postgres://h/db: refused');
    return true;
  });
});

for (const kind of ['pglite', 'postgres'] as const) {
  test(`folkeport stats on a real, empty ${kind} store says it holds no persons`, async (t) => {
    const throwAway = kind === 'pglite' ? throwAwayDataDir() : await throwAwayPostgres();
    try {
      const args =
        'dataDir' in throwAway.options
          ? ['--data-dir', throwAway.options.dataDir]
          : ['--database-url', throwAway.options.databaseUrl];
      const result = await runStats(t, undefined, ...args);
      assert.match(result.err, /holds no persons/);
      assert.equal(result.exitCode, 1);
    } finally {
      await throwAway.remove();
    }
  });
}

test('folkeport stats reports a database it cannot reach in one line', async (t) => {
  const unreachable = 'postgres://postgres@127.0.0.1:1/none';
  await assert.rejects(runStats(t, undefined, '--database-url', unreachable), (error: CommanderError) => {
    assert.equal(error.exitCode, 2);
    assert.match(error.message, /^error: could not connect to PostgreSQL at postgres:\/\/postgres@127\.0\.0\.1:1\/none: /);
    return true;
  });
});
