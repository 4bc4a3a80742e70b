/**
 * Opening a database: the embedded PGlite in a data directory, or a PostgreSQL server by URL. Both are
 * reached through `pg` and Kysely's PostgresDialect, so every query runs on one code path.
 */
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { startEmbedded } from './embedded.js';

export type DatabaseOptions = { dataDir: string } | { databaseUrl: string };

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  /** Where the data lives, for messages: the data directory, or the URL without its password. */
  readonly location: string;
  /** Services type their own tables; the store runs SQL it writes itself. */
  readonly kysely: Kysely<unknown>;
  /**
   * Listens for NOTIFY on `channel` on a connection of its own, so changes made by other processes reach this
   * one. Only on PostgreSQL (undefined for the embedded database, which one process at a time can open, so
   * there is nobody else to hear from). `onLost` is called once if the connection breaks: notifications may
   * have been missed from then on.
   */
  readonly listen?: (channel: string, onNotify: () => void, onLost: (error: Error) => void) => Promise<Listening>;
  close(): Promise<void>;
}

export interface Listening {
  stop(): Promise<void>;
}

/** Default data directory of the embedded database (the CLI's `--data-dir`). */
export const DEFAULT_DATA_DIR = './.folkeport';

/** Connections a PostgreSQL pool opens at most; the embedded database takes one. */
const POSTGRES_POOL_SIZE = 10;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if ('databaseUrl' in options) return openPostgres(options.databaseUrl);
  const embedded = await startEmbedded(options.dataDir);
  const pool = new pg.Pool({
    host: embedded.socketDir,
    port: embedded.port,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    types: TYPES,
  });
  return opened('pglite', options.dataDir, pool, () => embedded.stop());
}

async function openPostgres(databaseUrl: string): Promise<Database> {
  const location = withoutPassword(databaseUrl);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: POSTGRES_POOL_SIZE, types: TYPES });
  try {
    const client = await pool.connect(); // fail now, with a clear message, rather than at the first query
    client.release();
  } catch (error) {
    await pool.end();
    throw new Error(`could not connect to PostgreSQL at ${location}: ${(error as Error).message}`, { cause: error });
  }
  const database = opened('postgres', location, pool, async () => undefined);
  return { ...database, listen: (channel, onNotify, onLost) => listenOn(databaseUrl, channel, onNotify, onLost) };
}

async function listenOn(databaseUrl: string, channel: string, onNotify: () => void, onLost: (error: Error) => void): Promise<Listening> {
  const client = new pg.Client({ connectionString: databaseUrl });
  let stopping = false;
  let lost = false;
  const lose = (error: Error) => {
    if (stopping || lost) return;
    lost = true;
    onLost(error);
  };
  client.on('notification', (message) => {
    if (message.channel === channel) onNotify();
  });
  client.on('error', () => undefined); // until it listens, a failure is the rejection below
  try {
    await client.connect();
    await client.query(`LISTEN ${pg.escapeIdentifier(channel)}`);
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  client.on('error', lose);
  client.on('end', () => lose(new Error('the listening connection closed')));
  return {
    async stop() {
      stopping = true;
      await client.end().catch(() => undefined);
    },
  };
}

function opened(
  kind: Database['kind'],
  location: string,
  pool: pg.Pool,
  afterPool: () => Promise<void>,
): Database {
  // An idle pooled connection that breaks (server restart) must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  const kysely = new Kysely<unknown>({ dialect: new PostgresDialect({ pool }) });
  let closing: Promise<void> | undefined;
  return {
    kind,
    location,
    kysely,
    close: () => (closing ??= kysely.destroy().then(afterPool)),
  };
}

/** The URL with any password replaced by `***`; an unparsable URL is not echoed at all. */
export function withoutPassword(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparsable database URL)';
  }
}

/**
 * Result parsing for this store: `bigint` (counts, keys, sequence numbers) as JavaScript numbers, which is
 * exact up to 2^53 and checked; `date` as the `YYYY-MM-DD` text, never a time-zone-shifted `Date`.
 */
const TYPES: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: string) => {
    if (oid === pg.types.builtins.INT8) return parseSafeInteger;
    if (oid === pg.types.builtins.DATE) return (text: string) => text;
    return pg.types.getTypeParser(oid, format as 'text');
  }) as pg.CustomTypesConfig['getTypeParser'],
};

function parseSafeInteger(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new RangeError(`integer ${text} is too large for this store`);
  return value;
}
