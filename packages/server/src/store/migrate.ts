/**
 * Migrations per service: each service owns one PostgreSQL schema and an ordered list of migrations; its
 * applied migrations are recorded in `<schema>.migration` (Kysely's Migrator, which also serialises
 * concurrent runs with an advisory lock). Migrations only ever move forward.
 */
import { Migrator, type Kysely, type Migration } from 'kysely';
import type { Database } from './database.js';

export interface ServiceMigration {
  /** Unique and sortable: the list must already be in ascending name order, e.g. `0001-register`. */
  name: string;
  up(db: Kysely<unknown>): Promise<void>;
}

export interface ServiceSchema {
  /** The PostgreSQL schema the service's tables live in, e.g. `register`. */
  schema: string;
  migrations: readonly ServiceMigration[];
}

/** Creates the service's schema if needed and applies its pending migrations, all in one transaction. */
export async function migrate(db: Database, service: ServiceSchema): Promise<void> {
  const { schema, migrations } = service;
  if (!/^[a-z][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${JSON.stringify(schema)}`);
  migrations.forEach((migration, index) => {
    const previous = migrations[index - 1];
    if (previous && previous.name >= migration.name) {
      throw new Error(`migrations of schema ${schema} are out of order: ${previous.name} before ${migration.name}`);
    }
  });
  const migrator = new Migrator({
    db: db.kysely,
    migrationTableSchema: schema,
    migrationTableName: 'migration',
    migrationLockTableName: 'migration_lock',
    provider: {
      getMigrations: async () =>
        Object.fromEntries(migrations.map((m): [string, Migration] => [m.name, { up: (kysely) => m.up(kysely) }])),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error')?.migrationName;
    const what = failed ? `migration ${failed} of schema ${schema}` : `migrating schema ${schema}`;
    throw new Error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
}
