import { existsSync } from 'node:fs';
import { Command } from '@commander-js/extra-typings';
import { parseDate } from './arguments.js';
import { databaseSource, databaseUrlOption, dataDirOption, describeSource } from './database-options.js';
import type { PopulationAggregates } from '../register/population-aggregates.js';
import { buildStatsReport, formatStatsReport, statsJson } from '../population/stats.js';
import { openRegisterStore } from '../register/register-store.js';
import { openDatabase, type DatabaseOptions } from '../store/database.js';

/** Reads the aggregates of the population in a store, as of a reference date (YYYY-MM-DD). */
export type LoadAggregates = (source: DatabaseOptions, referenceDate: string) => Promise<PopulationAggregates>;

/** The aggregates of the register in the database, which is closed again afterwards. */
export async function loadStoredAggregates(source: DatabaseOptions, referenceDate: string): Promise<PopulationAggregates> {
  // Opening a missing data directory would create an empty database there: report an empty store instead.
  if ('dataDir' in source && !existsSync(source.dataDir)) return EMPTY_AGGREGATES;
  const db = await openDatabase(source);
  try {
    const store = await openRegisterStore(db);
    return await store.populationAggregates(referenceDate);
  } finally {
    await db.close();
  }
}

const EMPTY_AGGREGATES: PopulationAggregates = {
  persons: 0,
  statusCounts: {},
  residentsByKommune: {},
  residentsByAgeSex: [],
  residentsBySivilstand: [],
  residentsByCitizenship: {},
  residentsBornAbroad: 0,
  residentsWithInnflytting: 0,
  protectedCounts: { fortrolig: 0, strengtFortrolig: 0, klientadresse: 0 },
  dwellings: [],
};

/** The date of the SSB figures the generator targets. */
const DEFAULT_REFERENCE_DATE = '2024-01-01';

/** Exit codes: 0 report printed, 1 the store holds no persons, 2 the command could not run as asked. */
const EXIT_EMPTY = 1;
const EXIT_USAGE = 2;

/** `folkeport stats`: how close the stored population comes to SSB's figures for Norway. */
export function statsCommand(loadAggregates: LoadAggregates = loadStoredAggregates) {
  const command = new Command('stats')
    .description("Compare the stored population with SSB's figures for Norway on 1 January 2024")
    .addHelpText(
      'after',
      '\nEvery figure is shown with its target, deviation and tolerance; see docs/population.md.' +
        '\nExit code: 0 when the report is printed, 1 when the store holds no persons, 2 on bad usage.',
    )
    .option('--json', 'print JSON instead of text tables')
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .option('--as-of <date>', `reference date for ages, YYYY-MM-DD (default ${DEFAULT_REFERENCE_DATE})`, parseDate)
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      const source = databaseSource(options);
      const location = describeSource(source);
      const referenceDate = options.asOf ?? DEFAULT_REFERENCE_DATE;
      const aggregates = await loadAggregates(source, referenceDate).catch((error: unknown) =>
        command.error(`error: ${error instanceof Error ? error.message : String(error)}`, { exitCode: EXIT_USAGE }),
      );
      if (aggregates.persons === 0) {
        console.error(`The store at ${location} holds no persons: generate a population first.`);
        process.exitCode = EXIT_EMPTY;
        return;
      }
      const report = buildStatsReport(aggregates, undefined, { referenceDate });
      console.log(options.json ? JSON.stringify(statsJson(report), null, 2) : formatStatsReport(report));
    });
  return command;
}

