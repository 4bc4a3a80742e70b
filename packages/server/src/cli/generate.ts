import { availableParallelism } from 'node:os';
import { Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import cliProgress from 'cli-progress';
import { loadPopulation, PopulationConflictError } from '../loader/load-population.js';
import { countPlanned, DEFAULT_AS_OF, PopulationOptionsError, type PopulationOptions } from '../population/plan.js';
import { openRegisterStore } from '../register/register-store.js';
import { openDatabase } from '../store/database.js';
import { countParser, parseDate, parseSeed } from './arguments.js';
import { dataDirOption, databaseSource, databaseUrlOption } from './database-options.js';

/** Exit codes: 0 loaded, 1 interrupted (resumable), 2 the command could not run as asked, 3 loading failed. */
const EXIT_INTERRUPTED = 1;
const EXIT_USAGE = 2;
const EXIT_FAILED = 3;

/** `folkeport generate`: generate a synthetic population and load it into the register store. */
export function generateCommand() {
  const command = new Command('generate')
    .description('Generate a synthetic population of Norway and load it into the register store')
    .addHelpText(
      'after',
      '\nThe same --persons, --seed and options always give the same documents. An interrupted run keeps' +
        '\nwhole chunks only: run the same command again to continue, or add --replace to start over.' +
        '\nSee docs/population.md.',
    )
    .requiredOption('--persons <n>', 'residents to generate (others — deceased, emigrated, D-nummer — come on top)', countParser())
    .option('--seed <seed>', 'seed, an integer 0–4294967295', parseSeed, 1)
    .option('--kommuner <list>', 'only these kommuner, comma-separated kommunenummer (e.g. 0301,4601)', parseKommuner)
    .option('--as-of <date>', `reference date of the population, YYYY-MM-DD (default ${DEFAULT_AS_OF})`, parseDate)
    .addOption(new Option('--names <style>', 'realistic names (SSB) or Tenor-style adjective + noun').choices(['realistic', 'tenor'] as const).default('realistic' as const))
    .option('--replace', 'remove the population the store holds and generate anew')
    .option('--workers <n>', 'worker threads rendering documents (default: the number of cores)', countParser())
    .addOption(dataDirOption())
    .addOption(databaseUrlOption())
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE))
    .action(async (options) => {
      const fail = (message: string): never => command.error(`error: ${message}`, { exitCode: EXIT_USAGE });
      const population: PopulationOptions = {
        persons: options.persons,
        seed: options.seed,
        names: options.names,
        ...(options.kommuner ? { kommuner: options.kommuner } : {}),
        ...(options.asOf ? { asOf: options.asOf } : {}),
      };
      try {
        countPlanned(population); // validates the options before anything is opened or created
      } catch (error) {
        if (error instanceof PopulationOptionsError) fail(error.message);
        throw error;
      }
      const source = databaseSource(options);
      const db = await openDatabase(source).catch((error: Error) => fail(error.message));
      const abort = new AbortController();
      // Ctrl-C may arrive twice (from the terminal and from the `folkeport` launcher): stop between chunks.
      const interrupt = () => abort.abort();
      process.on('SIGINT', interrupt);
      process.on('SIGTERM', interrupt);
      const bar = new cliProgress.SingleBar(
        {
          format: 'persons {bar} {value}/{total} | {rate} persons/s | ETA {eta_formatted}',
          etaBuffer: 50,
          hideCursor: true,
          clearOnComplete: false,
        },
        cliProgress.Presets.shades_classic,
      );
      const started = Date.now();
      let firstStored = 0;
      try {
        const store = await openRegisterStore(db);
        const result = await loadPopulation(store, {
          population,
          workers: options.workers ?? availableParallelism(),
          replace: options.replace ?? false,
          signal: abort.signal,
          onStart: ({ total, storedPersons, resumed }) => {
            firstStored = storedPersons;
            if (resumed) console.error(`Continuing an interrupted load: ${storedPersons} of ${total} persons are stored.`);
            bar.start(total, storedPersons, { rate: 0 });
          },
          onProgress: ({ storedPersons }) => {
            const seconds = (Date.now() - started) / 1000;
            bar.update(storedPersons, { rate: Math.round((storedPersons - firstStored) / Math.max(seconds, 0.001)) });
          },
        });
        bar.stop();
        const where = db.location;
        if (!result.completed) {
          console.error(
            `Interrupted: ${result.storedPersons} of ${result.total} persons are stored in ${where}. ` +
              'Run the same command again to continue, or add --replace to start over.',
          );
          process.exitCode = EXIT_INTERRUPTED;
          return;
        }
        const seconds = (Date.now() - started) / 1000;
        console.log(
          `Loaded ${result.storedPersons} persons (${options.persons} residents requested, seed ${options.seed}) ` +
            `into ${where} in ${seconds.toFixed(1)} s. Next: folkeport stats`,
        );
      } catch (error) {
        bar.stop();
        if (error instanceof PopulationConflictError) fail(error.message);
        // Anything else is a fault of ours or of the database: say what and where, without a stack trace.
        command.error(
          `error: loading stopped: ${error instanceof Error ? error.message : String(error)}. ` +
            'What is stored is consistent; run the same command again to continue, or add --replace to start over.',
          { exitCode: EXIT_FAILED },
        );
      } finally {
        process.off('SIGINT', interrupt);
        process.off('SIGTERM', interrupt);
        await db.close();
      }
    });
  return command;
}

function parseKommuner(value: string): string[] {
  const list = value.split(',').map((item) => item.trim());
  if (list.length === 0 || list.some((item) => !/^\d{4}$/.test(item))) {
    throw new InvalidArgumentError('expected comma-separated 4-digit kommunenummer, e.g. 0301,4601.');
  }
  return list;
}

