import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { sql, type Kysely } from 'kysely';
import { openDatabase } from '../src/store/database.js';
import { migrate, type ServiceMigration, type ServiceSchema } from '../src/store/migrate.js';
import { describeDatabases, throwAwayDataDir } from './databases.js';

const createNotes: ServiceMigration = {
  name: '0001-notes',
  up: async (db) => {
    await sql`CREATE TABLE notes.note (id bigint PRIMARY KEY, written date NOT NULL, text text NOT NULL)`.execute(db);
  },
};
const firstNote: ServiceMigration = {
  name: '0002-first-note',
  up: async (db) => {
    await sql`INSERT INTO notes.note VALUES (9007199254740991, '2024-02-29', 'first')`.execute(db);
  },
};
const notes = (...migrations: ServiceMigration[]): ServiceSchema => ({ schema: 'notes', migrations });

async function noteTexts(db: Kysely<unknown>): Promise<string[]> {
  const { rows } = await sql<{ text: string }>`SELECT text FROM notes.note ORDER BY id`.execute(db);
  return rows.map((row) => row.text);
}

async function applied(db: Kysely<unknown>, schema: string): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.migration`)} ORDER BY name`.execute(db);
  return rows.map((row) => row.name);
}

describeDatabases('migrations', (target) => {
  const database = () => target.db;

  test('applies a service’s migrations once, in its own schema, and only new ones later', async () => {
    await migrate(database(), notes(createNotes, firstNote));
    await migrate(database(), notes(createNotes, firstNote));
    assert.deepEqual(await noteTexts(database().kysely), ['first'], 'the second run applies nothing');
    assert.deepEqual(await applied(database().kysely, 'notes'), ['0001-notes', '0002-first-note']);

    const secondNote: ServiceMigration = {
      name: '0003-second-note',
      up: async (db) => void (await sql`INSERT INTO notes.note VALUES (1, '2025-01-01', 'second')`.execute(db)),
    };
    await migrate(database(), notes(createNotes, firstNote, secondNote));
    assert.deepEqual(await noteTexts(database().kysely), ['second', 'first']);
  });

  test('keeps each service’s history in its own schema', async () => {
    await migrate(database(), notes(createNotes));
    await migrate(database(), {
      schema: 'other',
      migrations: [{ name: '0001-other', up: async (db) => void (await sql`CREATE TABLE other.t (x int)`.execute(db)) }],
    });
    assert.deepEqual(await applied(database().kysely, 'notes'), ['0001-notes']);
    assert.deepEqual(await applied(database().kysely, 'other'), ['0001-other']);
  });

  test('a failing migration names itself and the whole run is rolled back', async () => {
    await migrate(database(), notes(createNotes));
    const broken: ServiceMigration = {
      name: '0003-broken',
      up: async (db) => void (await sql`INSERT INTO notes.no_such_table VALUES (1)`.execute(db)),
    };
    await assert.rejects(
      migrate(database(), notes(createNotes, firstNote, broken)),
      /^Error: migration 0003-broken of schema notes failed: relation "notes.no_such_table" does not exist$/,
    );
    assert.deepEqual(await noteTexts(database().kysely), [], '0002 ran in the same transaction and was rolled back');
    assert.deepEqual(await applied(database().kysely, 'notes'), ['0001-notes']);
  });

  test('refuses migrations listed out of order and bad schema names', async () => {
    await assert.rejects(migrate(database(), notes(firstNote, createNotes)), /out of order: 0002-first-note before 0001-notes/);
    await assert.rejects(migrate(database(), { schema: 'Bad-Name', migrations: [] }), /invalid schema name/);
  });

  test('returns bigint as number and date as its YYYY-MM-DD text', async () => {
    await migrate(database(), notes(createNotes, firstNote));
    const { rows } = await sql<{ id: unknown; written: unknown; count: unknown }>`
      SELECT id, written, (SELECT count(*) FROM notes.note) AS count FROM notes.note`.execute(database().kysely);
    assert.deepEqual(rows, [{ id: 9007199254740991, written: '2024-02-29', count: 1 }]);
  });

  test(`reports its kind: ${target.kind}`, () => {
    assert.equal(database().kind, target.kind);
  });
});

test('an embedded data directory keeps its data when reopened, and only one process may open it', async () => {
  const dir = throwAwayDataDir();
  try {
    const first = await openDatabase(dir.options);
    await migrate(first, notes(createNotes, firstNote));
    await assert.rejects(
      openDatabase(dir.options),
      /^Error: could not open the embedded database in .+: it is already open in Folkeport process \d+; stop that process first$/,
    );
    await first.close();

    // A lock left behind by a process that has ended is taken over.
    writeFileSync(join(dir.options.dataDir, 'folkeport.lock'), '999999999\n');
    const reopened = await openDatabase(dir.options);
    try {
      await migrate(reopened, notes(createNotes, firstNote));
      assert.deepEqual(await noteTexts(reopened.kysely), ['first']);
    } finally {
      await reopened.close();
    }
  } finally {
    await dir.remove();
  }
});

test('an unreachable PostgreSQL server gives a clear error without the password', async () => {
  await assert.rejects(openDatabase({ databaseUrl: 'postgres://folkeport:secret@127.0.0.1:1/nowhere' }), (error: Error) => {
    assert.match(error.message, /^could not connect to PostgreSQL at postgres:\/\/folkeport:\*\*\*@127\.0\.0\.1:1\/nowhere: /);
    assert.doesNotMatch(error.message, /secret/);
    return true;
  });
});
