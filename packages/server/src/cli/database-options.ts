/** The `--data-dir` / `--database-url` options every command that uses the register store shares. */
import { Option } from '@commander-js/extra-typings';
import { DEFAULT_DATA_DIR, withoutPassword, type DatabaseOptions } from '../store/database.js';

export function dataDirOption() {
  return new Option('--data-dir <dir>', `the embedded database's data directory (default ${DEFAULT_DATA_DIR})`).conflicts(
    'databaseUrl',
  );
}

export function databaseUrlOption() {
  return new Option('--database-url <url>', 'a PostgreSQL database instead of the embedded one (or DATABASE_URL)');
}

/** `--database-url`, else `DATABASE_URL` unless `--data-dir` is given, else the embedded database. */
export function databaseSource(options: { dataDir?: string; databaseUrl?: string }): DatabaseOptions {
  const url = options.databaseUrl ?? (options.dataDir === undefined ? process.env.DATABASE_URL : undefined);
  return url ? { databaseUrl: url } : { dataDir: options.dataDir ?? DEFAULT_DATA_DIR };
}

export function describeSource(source: DatabaseOptions): string {
  return 'dataDir' in source ? source.dataDir : withoutPassword(source.databaseUrl);
}
