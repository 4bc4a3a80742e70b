/**
 * Runs a suite against both databases the store supports: the embedded PGlite (in a temporary data
 * directory) and PostgreSQL (a throw-away database on the server named by FOLKEPORT_TEST_DATABASE_URL,
 * default postgres://postgres@127.0.0.1:5432/test). Each suite opens one database; before each test every
 * service schema is dropped, so each test starts empty. PostgreSQL being unreachable fails the suite.
 */
import { after, before, beforeEach, describe } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { sql } from 'kysely';
import { openDatabase, withoutPassword, type Database } from '../src/store/database.js';

export const TEST_DATABASE_URL = process.env.FOLKEPORT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export type DatabaseKind = Database['kind'];

export interface TestDatabase {
  readonly kind: DatabaseKind;
  /** The suite's open database (available inside tests and hooks). */
  readonly db: Database;
}

/** `describe(title (kind))` once per database, with the database open around the suite. */
export function describeDatabases(title: string, body: (target: TestDatabase) => void): void {
  for (const kind of ['pglite', 'postgres'] as const) {
    describe(`${title} (${kind})`, () => {
      let throwAway: ThrowAway | undefined;
      let db: Database | undefined;
      before(async () => {
        throwAway = kind === 'pglite' ? throwAwayDataDir() : await throwAwayPostgres();
        db = await openDatabase(throwAway.options);
      });
      beforeEach(async () => dropServiceSchemas(opened()));
      after(async () => {
        await db?.close();
        await throwAway?.remove();
      });
      const opened = () => {
        if (!db) throw new Error('the test database is not open');
        return db;
      };
      body({
        kind,
        get db() {
          return opened();
        },
      });
    });
  }
}

export interface ThrowAway {
  options: { dataDir: string } | { databaseUrl: string };
  remove(): Promise<void>;
}

/** An empty temporary directory for a PGlite database, removed afterwards. */
export function throwAwayDataDir(): ThrowAway & { options: { dataDir: string } } {
  const dataDir = mkdtempSync(join(tmpdir(), 'folkeport-test-'));
  return { options: { dataDir }, remove: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** A new, uniquely named PostgreSQL database, dropped afterwards. */
export async function throwAwayPostgres(): Promise<ThrowAway> {
  const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${withoutPassword(TEST_DATABASE_URL)} (${(error as Error).message}). ` +
        'The store tests need it: start PostgreSQL or set FOLKEPORT_TEST_DATABASE_URL.',
    );
  }
  const name = `folkeport_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    options: { databaseUrl: url.toString() },
    async remove() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

async function dropServiceSchemas(db: Database): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    SELECT nspname AS name FROM pg_namespace
    WHERE nspname NOT IN ('public', 'information_schema') AND nspname NOT LIKE 'pg\_%'`.execute(db.kysely);
  for (const { name } of rows) await sql`DROP SCHEMA ${sql.id(name)} CASCADE`.execute(db.kysely);
}

