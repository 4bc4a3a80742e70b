/**
 * The register's store: versioned person documents, identifiers, search columns, the event log and the
 * population metadata, in schema `register`. All of the register's SQL lives here and in the files it
 * imports; docs/store.md explains the tables and the choices.
 */
import { CompiledQuery, sql, type Kysely, type Transaction } from 'kysely';
import type { Folkeregisterperson, Hendelsetype, Registerdata } from '@folkeport/model';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { LIST_SEPARATOR, PERSON_COLUMNS } from './person-columns.js';
import type { NewPerson, PersonChange } from './person-record.js';
import { personWithKey, prepareBatch, type PreparedBatch } from './prepared-batch.js';
import type { PreparedPerson } from './prepared-person.js';
import { populationAggregates, type PopulationAggregates } from './population-aggregates.js';
import { RegisterConflictError, UnknownPersonError, type RegisterKey } from './register-errors.js';
import { REGISTER_SCHEMA } from './register-schema.js';
import { describePerson, type PersonDescription } from './search-columns.js';

/** One version of a person document. */
export interface PersonVersion {
  personKey: number;
  dokumentidentifikator: string;
  /** 1 for the first version, then 2, 3, … */
  versjon: number;
  /** Whether this is the person's current version. */
  gjeldende: boolean;
  /** When the version was registered (the `registrert` it was stored with). */
  registrert: string;
  /** The document exactly as stored: serve these bytes rather than re-serialising. */
  documentJson: string;
  /** The document, parsed on first access. */
  readonly document: Folkeregisterperson;
}

/** One entry of the register's internal event log. */
export interface RegisterEvent {
  /** Position in the log: ascending in commit order (docs/store.md, "The event log"). */
  sekvensnummer: number;
  hendelsesidentifikator: string;
  hendelsetype: Hendelsetype;
  personKey: number;
  /** The person's identifier in use after the change. */
  folkeregisteridentifikator: string;
  /** The person document version the change produced. */
  dokumentidentifikator: string;
  /** The event's `ajourholdstidspunkt`. */
  registrert: string;
  /** The element changes; undefined for `personErOpprettet`, whose changes are the whole first version. */
  endringer: Registerdata[] | undefined;
}

export interface AppliedChange {
  personKey: number;
  versjon: number;
  sekvensnummer: number;
}

/** What `folkeport generate` records about the population it is loading, to resume or refuse to mix. */
export interface Population {
  seed: number;
  /** The generation options, any JSON value. */
  options: unknown;
  status: 'loading' | 'complete';
  /** Persons stored so far. */
  persons: number;
  /** Resume marker: chunks of the generation that are completely stored. */
  chunksDone: number;
}

export interface RegisterStore {
  /**
   * Stores new persons in one transaction: person rows, first versions, identifiers, search columns and a
   * `personErOpprettet` event each, in input order. With `population`, the population metadata is written
   * in the same transaction, so a resume marker never runs ahead of or behind the stored persons.
   */
  insertPersons(persons: readonly (NewPerson | PreparedPerson)[], population?: Population): Promise<void>;
  /** {@link insertPersons} for persons already prepared by `prepareBatch` (a bulk loader does that in workers). */
  insertBatch(batch: PreparedBatch, population?: Population): Promise<void>;
  /** Makes the change's document the person's current version; `person` is an identifier or a person key. */
  applyChange(person: string | number, change: PersonChange): Promise<AppliedChange>;
  /** The current version of the person with this identifier (in use or opphørt). */
  currentByIdentifier(identifier: string): Promise<PersonVersion | undefined>;
  versionByDokumentidentifikator(dokumentidentifikator: string): Promise<PersonVersion | undefined>;
  /** Every version of the person with this identifier, oldest first; empty for an unknown identifier. */
  versions(identifier: string): Promise<PersonVersion[]>;
  /** Up to `limit` events with `sekvensnummer >= fromSequence`, in order. */
  events(fromSequence: number | bigint, limit: number): Promise<RegisterEvent[]>;
  /** The highest sekvensnummer stored; 0 when the log is empty. */
  lastEventSequence(): Promise<number>;
  getPopulation(): Promise<Population | undefined>;
  setPopulation(population: Population): Promise<void>;
  /** Removes every person, version, identifier, event and the population metadata, in one transaction. */
  clear(): Promise<void>;
  populationAggregates(referenceDate: string): Promise<PopulationAggregates>;
}

/** Migrates schema `register` and returns the store. */
export async function openRegisterStore(db: Database): Promise<RegisterStore> {
  await migrate(db, REGISTER_SCHEMA);
  return new PostgresRegisterStore(db.kysely);
}

type Executor = Kysely<unknown> | Transaction<unknown>;

async function run<R>(executor: Executor, text: string, parameters: readonly unknown[]): Promise<R[]> {
  const result = await executor.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}

/**
 * Appending to the event log takes this transaction-level lock, held until commit. Every appender commits
 * before the next one draws sequence numbers, so sequence order is commit order and a reader never sees a
 * number appear below one it has already read.
 */
const LOCK_EVENT_LOG = `SELECT pg_advisory_xact_lock('register.event'::regclass::oid::bigint)`;

const VERSION_COLUMNS = `v.person_key, v.dokumentidentifikator, v.versjon, v.registrert, v.dokument,
  v.dokumentidentifikator = p.dokumentidentifikator AS gjeldende`;

interface VersionRow {
  person_key: number;
  dokumentidentifikator: string;
  versjon: number;
  registrert: string;
  dokument: string;
  gjeldende: boolean;
}

interface EventRow {
  sekvensnummer: number;
  hendelsesidentifikator: string;
  hendelsetype: Hendelsetype;
  person_key: number;
  folkeregisteridentifikator: string;
  dokumentidentifikator: string;
  registrert: string;
  endringer: string | null;
}

class PostgresRegisterStore implements RegisterStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async insertPersons(persons: readonly (NewPerson | PreparedPerson)[], population?: Population): Promise<void> {
    await this.insertBatch(prepareBatch(persons), population);
  }

  async insertBatch(batch: PreparedBatch, population?: Population): Promise<void> {
    if (batch.statements.length === 0 && !population) return;
    await this.db.transaction().execute(async (trx) => {
      if (batch.statements.length > 0) await insertPersonRows(trx, batch);
      if (population) await writePopulation(trx, population);
    });
  }

  async applyChange(person: string | number, change: PersonChange): Promise<AppliedChange> {
    const described = describePerson(change.document);
    return this.db.transaction().execute(async (trx) => {
      const [target] =
        typeof person === 'number'
          ? await run<{ person_key: number; versjon: number }>(
              trx,
              'SELECT person_key, versjon FROM register.person WHERE person_key = $1 FOR UPDATE',
              [person],
            )
          : await run<{ person_key: number; versjon: number }>(
              trx,
              `SELECT p.person_key, p.versjon FROM register.person p
               JOIN register.identifier i USING (person_key) WHERE i.identifikator = $1 FOR UPDATE OF p`,
              [person],
            );
      if (!target) throw new UnknownPersonError();
      const personKey = target.person_key;
      const versjon = target.versjon + 1;
      const conflict = (error: unknown) => {
        const key = conflictKey(error);
        if (key === undefined) throw error;
        throw new RegisterConflictError(key, undefined, `the change's ${key} is already registered`);
      };

      await run(
        trx,
        `INSERT INTO register.person_version (dokumentidentifikator, person_key, versjon, registrert, dokument)
         VALUES ($1, $2, $3, $4, $5)`,
        [change.dokumentidentifikator, personKey, versjon, change.registrert, JSON.stringify(change.document)],
      ).catch(conflict);
      const assignments = PERSON_COLUMNS.map((column, i) => `${column.name} = $${i + 4}::${column.type}`);
      await run(
        trx,
        `UPDATE register.person SET dokumentidentifikator = $2, versjon = $3, ${assignments.join(', ')}
         WHERE person_key = $1`,
        [personKey, change.dokumentidentifikator, versjon, ...PERSON_COLUMNS.map((c) => c.value(described.columns))],
      );
      await syncIdentifiers(trx, personKey, described);

      await run(trx, LOCK_EVENT_LOG, []);
      const appended = await run<{ sekvensnummer: number }>(
        trx,
        `INSERT INTO register.event (hendelsesidentifikator, person_key, hendelsetype, folkeregisteridentifikator,
           dokumentidentifikator, registrert, endringer)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING sekvensnummer`,
        [
          change.hendelsesidentifikator,
          personKey,
          change.hendelsetype,
          described.columns.folkeregisteridentifikator,
          change.dokumentidentifikator,
          change.registrert,
          JSON.stringify(change.endringer),
        ],
      ).catch(conflict);
      const sekvensnummer = appended[0]?.sekvensnummer;
      if (sekvensnummer === undefined) throw new Error('the event log did not return a sekvensnummer');
      return { personKey, versjon, sekvensnummer };
    });
  }

  async currentByIdentifier(identifier: string): Promise<PersonVersion | undefined> {
    const [row] = await run<VersionRow>(
      this.db,
      `SELECT ${VERSION_COLUMNS} FROM register.identifier i
       JOIN register.person p USING (person_key)
       JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator
       WHERE i.identifikator = $1`,
      [identifier],
    );
    return row && toVersion(row);
  }

  async versionByDokumentidentifikator(dokumentidentifikator: string): Promise<PersonVersion | undefined> {
    const [row] = await run<VersionRow>(
      this.db,
      `SELECT ${VERSION_COLUMNS} FROM register.person_version v
       JOIN register.person p USING (person_key) WHERE v.dokumentidentifikator = $1`,
      [dokumentidentifikator],
    );
    return row && toVersion(row);
  }

  async versions(identifier: string): Promise<PersonVersion[]> {
    const rows = await run<VersionRow>(
      this.db,
      `SELECT ${VERSION_COLUMNS} FROM register.identifier i
       JOIN register.person p USING (person_key)
       JOIN register.person_version v ON v.person_key = p.person_key
       WHERE i.identifikator = $1 ORDER BY v.versjon`,
      [identifier],
    );
    return rows.map(toVersion);
  }

  async events(fromSequence: number | bigint, limit: number): Promise<RegisterEvent[]> {
    const from = Number(fromSequence);
    if (!Number.isSafeInteger(from) || from < 0) throw new RangeError('fromSequence must be a whole number ≥ 0');
    if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError('limit must be a whole number ≥ 1');
    const rows = await run<EventRow>(
      this.db,
      `SELECT sekvensnummer, hendelsesidentifikator, hendelsetype, person_key, folkeregisteridentifikator,
         dokumentidentifikator, registrert, endringer
       FROM register.event WHERE sekvensnummer >= $1 ORDER BY sekvensnummer LIMIT $2`,
      [from, limit],
    );
    return rows.map((row) => ({
      sekvensnummer: row.sekvensnummer,
      hendelsesidentifikator: row.hendelsesidentifikator,
      hendelsetype: row.hendelsetype,
      personKey: row.person_key,
      folkeregisteridentifikator: row.folkeregisteridentifikator,
      dokumentidentifikator: row.dokumentidentifikator,
      registrert: row.registrert,
      endringer: row.endringer === null ? undefined : (JSON.parse(row.endringer) as Registerdata[]),
    }));
  }

  async lastEventSequence(): Promise<number> {
    const [row] = await run<{ last: number }>(
      this.db,
      'SELECT coalesce(max(sekvensnummer), 0) AS last FROM register.event',
      [],
    );
    return row?.last ?? 0;
  }

  async getPopulation(): Promise<Population | undefined> {
    const [row] = await run<{ seed: number; options: string; status: Population['status']; persons: number; chunks_done: number }>(
      this.db,
      'SELECT seed, options, status, persons, chunks_done FROM register.population',
      [],
    );
    return (
      row && {
        seed: row.seed,
        options: JSON.parse(row.options) as unknown,
        status: row.status,
        persons: row.persons,
        chunksDone: row.chunks_done,
      }
    );
  }

  async setPopulation(population: Population): Promise<void> {
    await writePopulation(this.db, population);
  }

  async clear(): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await sql`TRUNCATE register.event, register.identifier, register.person_version, register.person,
        register.population RESTART IDENTITY`.execute(trx);
    });
  }

  async populationAggregates(referenceDate: string): Promise<PopulationAggregates> {
    return populationAggregates(this.db, referenceDate);
  }
}

/**
 * Writes a prepared batch, one statement per {@link EncodedStatement}. The next statement is sent as soon as
 * the previous one is done, so the server is never kept waiting for Node.
 */
async function insertPersonRows(trx: Transaction<unknown>, batch: PreparedBatch): Promise<void> {
  // Without waiting for the flush to disk: a server crash may lose the last batches committed, but never
  // part of one, and the population marker written with them is lost with them. The generic plan: see
  // insertPersonsStatement.
  await run(
    trx,
    `SELECT set_config('synchronous_commit', 'off', true), set_config('plan_cache_mode', 'force_generic_plan', true)`,
    [],
  );
  await run(trx, LOCK_EVENT_LOG, []);
  const keys = await run<{ key: number }>(
    trx,
    "SELECT nextval('register.person_key_seq') AS key FROM generate_series(1, $1)",
    [batch.dokumentidentifikatorer.length],
  );
  let start = 0;
  for (const statement of batch.statements) {
    const statementKeys = keys.slice(start, start + statement.persons).map((row) => row.key);
    const identifierKeys = statement.identifierOwners.map((position) => statementKeys[position] as number);
    const { personArrays, identifikatorer, statuses, types, documents } = statement;
    const parameters = [
      arrayOf(statementKeys),
      ...personArrays.map(asBuffer),
      asBuffer(identifikatorer),
      arrayOf(identifierKeys),
      asBuffer(statuses),
      asBuffer(types),
      asBuffer(documents),
    ];
    await trx.executeQuery(insertPersonsStatement(parameters)).catch((error: unknown) => rethrowConflict(error, batch));
    start += statement.persons;
  }
}

/**
 * The bulk insert of persons whose keys are already drawn: one statement writing the person rows,
 * first versions, identifiers and `personErOpprettet` events. Parameters, in order: the person keys, version
 * ids, hendelsesidentifikatorer and registration times; one array per search column; the identifiers
 * (number, person key, status, type); then the documents. All but the keys come encoded by prepared-batch.ts. Set-returning functions in a select list advance in lockstep over equally long arrays,
 * without materialising them.
 */
const INSERT_PERSONS = ((): string => {
  const p = (index: number) => `$${index + 1}`;
  const [key, dokumentidentifikator, hendelsesidentifikator, registrert] = [0, 1, 2, 3].map(p);
  const columnParameter = (name: string) => p(4 + PERSON_COLUMNS.findIndex((column) => column.name === name));
  const columnValues = PERSON_COLUMNS.map((column) =>
    column.type === 'text[]'
      ? `string_to_array(unnest(${columnParameter(column.name)}::text[]), '${LIST_SEPARATOR}')`
      : `unnest(${columnParameter(column.name)}::${column.type}[])`,
  );
  const identifierParameters = [0, 1, 2, 3].map((i) => p(4 + PERSON_COLUMNS.length + i));
  const [identifikator, identifierKey, status, type] = identifierParameters;
  const documents = p(8 + PERSON_COLUMNS.length);
  return `
    WITH persons AS (
      INSERT INTO register.person (person_key, dokumentidentifikator, versjon, ${PERSON_COLUMNS.map((c) => c.name).join(', ')})
      SELECT unnest(${key}::bigint[]), unnest(${dokumentidentifikator}::text[]), 1, ${columnValues.join(', ')}
    ),
    versions AS (
      INSERT INTO register.person_version (dokumentidentifikator, person_key, versjon, registrert, dokument)
      SELECT unnest(${dokumentidentifikator}::text[]), unnest(${key}::bigint[]), 1, unnest(${registrert}::text[]),
        unnest(${documents}::text[])
    ),
    identifiers AS (
      INSERT INTO register.identifier (identifikator, person_key, status, identifikatortype)
      SELECT unnest(${identifikator}::text[]), unnest(${identifierKey}::bigint[]), unnest(${status}::text[]),
        unnest(${type}::text[])
    )
    INSERT INTO register.event
      (hendelsesidentifikator, person_key, hendelsetype, folkeregisteridentifikator, dokumentidentifikator, registrert)
    SELECT unnest(${hendelsesidentifikator}::text[]), unnest(${key}::bigint[]), 'personErOpprettet',
      unnest(${columnParameter('folkeregisteridentifikator')}::text[]), unnest(${dokumentidentifikator}::text[]),
      unnest(${registrert}::text[])`;
})();

/**
 * {@link INSERT_PERSONS} as a named prepared statement, parsed once per connection and run with a generic
 * plan. Planned per execution (an unnamed statement), PostgreSQL turns every parameter into a constant and
 * copies the megabytes of a statement's arrays and documents several times while planning; prepared, the
 * server spends ≈ 25 % less time per person (docs/store.md, "Bulk loading"). Kysely has no named
 * statements, but hands `sql` to pg's `client.query` unchanged, which takes a query config object with a
 * `name` there.
 */
function insertPersonsStatement(parameters: readonly unknown[]): CompiledQuery {
  const namedQuery = { name: 'register_insert_persons', text: INSERT_PERSONS, toString: () => INSERT_PERSONS };
  return CompiledQuery.raw(namedQuery as unknown as string, [...parameters]);
}

/** Makes the person's identifier rows those of the new document. */
async function syncIdentifiers(trx: Transaction<unknown>, personKey: number, described: PersonDescription) {
  const { identifiers } = described;
  const numbers = identifiers.map((identifier) => identifier.identifikator);
  await run(trx, 'DELETE FROM register.identifier WHERE person_key = $1 AND NOT (identifikator = ANY ($2::text[]))', [
    personKey,
    numbers,
  ]);
  const kept = await run(
    trx,
    `INSERT INTO register.identifier (identifikator, person_key, status, identifikatortype)
     SELECT i, $1, s, t FROM unnest($2::text[], $3::text[], $4::text[]) AS u(i, s, t)
     ON CONFLICT (identifikator) DO UPDATE SET status = excluded.status, identifikatortype = excluded.identifikatortype
       WHERE register.identifier.person_key = excluded.person_key
     RETURNING identifikator`,
    [personKey, numbers, identifiers.map((i) => i.status), identifiers.map((i) => i.identifikatortype)],
  );
  if (kept.length < numbers.length) {
    throw new RegisterConflictError(
      'identifikasjonsnummer',
      undefined,
      'an identifikasjonsnummer of the new document belongs to another person',
    );
  }
}

async function writePopulation(executor: Executor, population: Population): Promise<void> {
  const { seed, options, status, persons, chunksDone } = population;
  for (const [name, value] of Object.entries({ seed, persons, chunksDone })) {
    if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`population ${name} must be a whole number ≥ 0`);
  }
  if (status !== 'loading' && status !== 'complete') throw new RangeError('population status must be loading or complete');
  const optionsJson = JSON.stringify(options);
  if (optionsJson === undefined) throw new TypeError('population options must be a JSON value');
  await run(
    executor,
    `INSERT INTO register.population (seed, options, status, persons, chunks_done) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (singleton) DO UPDATE SET seed = excluded.seed, options = excluded.options, status = excluded.status,
       persons = excluded.persons, chunks_done = excluded.chunks_done`,
    [seed, optionsJson, status, persons, chunksDone],
  );
}

const CONSTRAINT_KEYS: Record<string, RegisterKey> = {
  identifier_pkey: 'identifikasjonsnummer',
  person_version_pkey: 'dokumentidentifikator',
  event_hendelsesidentifikator_key: 'hendelsesidentifikator',
};

/** The key a unique violation is about, or undefined for any other error. */
function conflictKey(error: unknown): RegisterKey | undefined {
  const { code, constraint } = error as { code?: string; constraint?: string };
  return code === '23505' && constraint !== undefined ? CONSTRAINT_KEYS[constraint] : undefined;
}

/** pg sends a Buffer as it is, as a binary parameter; bytes that crossed threads arrive as a plain Uint8Array. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A PostgreSQL array literal of whole numbers. */
function arrayOf(numbers: readonly number[]): string {
  return `{${numbers.join(',')}}`;
}

/**
 * Turns a unique violation into a {@link RegisterConflictError} naming the person's position; the driver's
 * error is not kept as the cause because its detail contains the key (an identity number).
 */
function rethrowConflict(error: unknown, batch: PreparedBatch): never {
  const key = conflictKey(error);
  if (key === undefined) throw error;
  const value = /\)=\((.*)\) already exists/.exec((error as { detail?: string }).detail ?? '')?.[1];
  throw new RegisterConflictError(key, Math.max(personWithKey(batch, key, value), 0), `its ${key} is already registered`);
}

function toVersion(row: VersionRow): PersonVersion {
  let parsed: Folkeregisterperson | undefined;
  return {
    personKey: row.person_key,
    dokumentidentifikator: row.dokumentidentifikator,
    versjon: row.versjon,
    gjeldende: row.gjeldende,
    registrert: row.registrert,
    documentJson: row.dokument,
    get document() {
      return (parsed ??= JSON.parse(row.dokument) as Folkeregisterperson);
    },
  };
}
