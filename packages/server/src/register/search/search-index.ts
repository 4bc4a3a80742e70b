/**
 * Keeps the search read model (search-schema.ts) in step with the register: `catchUp()` reads the register's
 * event log from where it stopped, and re-indexes every person changed since from the person's current
 * document, a batch of events per transaction. A reset register (its event log no longer holds the last
 * event read) is indexed again from scratch.
 */
import type { Kysely } from 'kysely';
import type { Folkeregisterperson } from '@folkeport/model';
import type { Database } from '../../store/database.js';
import { migrate } from '../../store/migrate.js';
import { query, type Executor } from '../../store/query.js';
import { findPersons, type SearchCriteria, type SearchHit } from './search-query.js';
import { searchRows, type SearchRows } from './search-rows.js';
import { SEARCH_SCHEMA } from './search-schema.js';

export interface CatchUpResult {
  /** Persons (re-)indexed by this run. */
  persons: number;
  /** The last register event the index has read. */
  sekvensnummer: number;
}

export interface SearchIndex {
  /**
   * Indexes every change the register has committed. Concurrent calls share one run; a call made while a
   * run is under way gets a run that starts after it, so it sees every change committed before the call.
   */
  catchUp(): Promise<CatchUpResult>;
  /** Up to `limit` persons matching the criteria; call {@link catchUp} first for the latest state. */
  find(criteria: SearchCriteria, limit: number): Promise<SearchHit[]>;
}

/** Register events handled per transaction. */
const EVENTS_PER_BATCH = 5_000;

/**
 * Catch-up runs per database in this process, shared by every index opened on it (the register service opens
 * one, the search routes another): one run at a time, and at most one waiting behind it.
 */
const runs = new WeakMap<Database, { running?: Promise<CatchUpResult>; queued?: Promise<CatchUpResult> }>();

export async function openSearchIndex(db: Database): Promise<SearchIndex> {
  await migrate(db, SEARCH_SCHEMA);
  let shared = runs.get(db);
  if (!shared) runs.set(db, (shared = {}));
  const state = shared;
  const start = (): Promise<CatchUpResult> => {
    const run = catchUpAll(db).finally(() => {
      state.running = undefined;
    });
    state.running = run;
    return run;
  };
  return {
    catchUp() {
      if (!state.running) return start();
      state.queued ??= state.running
        .catch(() => undefined)
        .then(() => {
          state.queued = undefined;
          return start();
        });
      return state.queued;
    },
    find: (criteria, limit) => findPersons(db.kysely, criteria, limit),
  };
}

/**
 * Batches are pipelined: while one batch is written, the next one is read and turned into rows on another
 * connection (PostgreSQL; PGlite has one connection, but Node's work still overlaps the database's). Reading
 * outside the writer's transaction is safe: a person changed after its documents were read has a later event,
 * which a later batch handles.
 */
async function catchUpAll(db: Database): Promise<CatchUpResult> {
  const current = await upToDate(db.kysely);
  if (current !== undefined) return { persons: 0, sekvensnummer: current };
  let persons = 0;
  for (;;) {
    let batch = await prepare(db.kysely, await position(db.kysely));
    for (;;) {
      const next = batch.full ? prepare(db.kysely, batch.to) : undefined;
      const written = await db.kysely.transaction().execute((trx) => write(trx, batch));
      if (!written) {
        await next?.catch(() => undefined);
        break; // another writer moved the position, or the register was reset: start again from the state
      }
      persons += batch.indexed.length;
      if (!next) return { persons, sekvensnummer: batch.to };
      batch = await next;
    }
  }
}

/**
 * The index's position when the register's log ends there (nothing to do), else undefined. One statement
 * without locks: this runs before every search.
 */
async function upToDate(db: Executor): Promise<number | undefined> {
  const [row] = await query<{ position: number | string; last: number | string; same: boolean }>(
    db,
    `SELECT s.sekvensnummer AS position,
       (SELECT coalesce(max(sekvensnummer), 0) FROM register.event) AS last,
       ${SAME_LOG} AS same
     FROM search.state s`,
  );
  return row && row.same && Number(row.last) === Number(row.position) ? Number(row.position) : undefined;
}

/** Whether the event the state `s` points at is still in the register's log (false after a register reset). */
const SAME_LOG = `s.hendelsesidentifikator IS NOT DISTINCT FROM
  (SELECT hendelsesidentifikator FROM register.event e WHERE e.sekvensnummer = s.sekvensnummer)`;

/** The index's position; after a register reset the index is emptied first and the position is 0. */
async function position(db: Kysely<unknown>): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const [state] = await query<{ sekvensnummer: number | string; same: boolean }>(
      trx,
      `SELECT s.sekvensnummer, ${SAME_LOG} AS same FROM search.state s FOR UPDATE`,
    );
    if (!state) throw new Error('search.state has no row');
    if (state.same) return Number(state.sekvensnummer);
    await query(trx, 'TRUNCATE search.person, search.name, search.address, search.identity');
    await query(trx, 'UPDATE search.state SET sekvensnummer = 0, hendelsesidentifikator = NULL');
    return 0;
  });
}

interface Batch {
  /** The position the batch continues from, and the last event it covers. */
  from: number;
  to: number;
  toHendelsesidentifikator: string | null;
  /** As many events as asked for: there may be more. */
  full: boolean;
  personKeys: number[];
  indexed: { key: number; rows: SearchRows }[];
}

interface EventRow {
  sekvensnummer: number | string;
  hendelsesidentifikator: string;
  person_key: number | string;
}

/** The events after `from` and the rows of their persons' current documents. */
async function prepare(db: Executor, from: number): Promise<Batch> {
  const events = await query<EventRow>(
    db,
    `SELECT sekvensnummer, hendelsesidentifikator, person_key FROM register.event
     WHERE sekvensnummer > $1 ORDER BY sekvensnummer LIMIT $2`,
    [from, EVENTS_PER_BATCH],
  );
  const last = events.at(-1);
  const personKeys = [...new Set(events.map((event) => Number(event.person_key)))];
  const documents =
    personKeys.length === 0
      ? []
      : await query<{ person_key: number | string; folkeregisteridentifikator: string; dokument: string }>(
          db,
          `SELECT p.person_key, p.folkeregisteridentifikator, v.dokument FROM register.person p
           JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator
           WHERE p.person_key = ANY ($1::bigint[])`,
          [personKeys],
        );
  return {
    from,
    to: last ? Number(last.sekvensnummer) : from,
    toHendelsesidentifikator: last?.hendelsesidentifikator ?? null,
    full: events.length === EVENTS_PER_BATCH,
    personKeys,
    indexed: documents.map((row) => ({
      key: Number(row.person_key),
      rows: searchRows(JSON.parse(row.dokument) as Folkeregisterperson, row.folkeregisteridentifikator),
    })),
  };
}

/**
 * Replaces the batch's persons' rows and moves the position, if the index is still where the batch started
 * (else false, nothing written). From position 0 the index is empty, so there is nothing to delete.
 */
async function write(trx: Executor, batch: Batch): Promise<boolean> {
  const [state] = await query<{ sekvensnummer: number | string; same: boolean }>(
    trx,
    `SELECT s.sekvensnummer, ${SAME_LOG} AS same FROM search.state s FOR UPDATE`,
  );
  if (!state?.same || Number(state.sekvensnummer) !== batch.from) return false;
  if (batch.to === batch.from) return true;
  if (batch.from > 0) {
    for (const table of ['person', 'name', 'address', 'identity']) {
      await query(trx, `DELETE FROM search.${table} WHERE person_key = ANY ($1::bigint[])`, [batch.personKeys]);
    }
  }
  await insertRows(trx, batch.indexed);
  await query(trx, 'UPDATE search.state SET sekvensnummer = $1, hendelsesidentifikator = $2', [
    batch.to,
    batch.toHendelsesidentifikator,
  ]);
  return true;
}

/** Words never contain a space, so a row's word list travels as one space-separated text. */
const joined = (words: readonly string[]) => words.join(' ');
const splitWords = (parameter: string) => `string_to_array(unnest(${parameter}::text[]), ' ')`;

/** Every table's rows in one statement each: parallel arrays unnested in lockstep. */
async function insertRows(trx: Executor, indexed: readonly { key: number; rows: SearchRows }[]): Promise<void> {
  if (indexed.length === 0) return;
  const persons = indexed.map(({ key, rows }) => ({ key, ...rows.person }));
  await query(
    trx,
    `INSERT INTO search.person (person_key, folkeregisteridentifikator, status, kjoenn, foedselsdato, foedselsaar, doed, svalbard)
     SELECT unnest($1::bigint[]), unnest($2::text[]), unnest($3::text[]), unnest($4::text[]), unnest($5::date[]),
       unnest($6::int[]), unnest($7::boolean[]), unnest($8::boolean[])`,
    [
      persons.map((p) => p.key),
      persons.map((p) => p.folkeregisteridentifikator),
      persons.map((p) => p.status),
      persons.map((p) => p.kjoenn),
      persons.map((p) => p.foedselsdato),
      persons.map((p) => p.foedselsaar),
      persons.map((p) => p.doed),
      persons.map((p) => p.svalbard),
    ],
  );

  const names = indexed.flatMap(({ key, rows }) => rows.names.map((name) => ({ key, ...name })));
  if (names.length > 0) {
    await query(
      trx,
      `INSERT INTO search.name (person_key, element, gjeldende, fornavn, etternavn, ord, fornavn_fonetisk,
         etternavn_fonetisk, ord_fonetisk)
       SELECT unnest($1::bigint[]), unnest($2::smallint[]), unnest($3::boolean[]), ${splitWords('$4')},
         ${splitWords('$5')}, ${splitWords('$6')}, ${splitWords('$7')}, ${splitWords('$8')}, ${splitWords('$9')}`,
      [
        names.map((n) => n.key),
        names.map((n) => n.element),
        names.map((n) => n.gjeldende),
        names.map((n) => joined(n.fornavn)),
        names.map((n) => joined(n.etternavn)),
        names.map((n) => joined(n.ord)),
        names.map((n) => joined(n.fornavnFonetisk)),
        names.map((n) => joined(n.etternavnFonetisk)),
        names.map((n) => joined(n.ordFonetisk)),
      ],
    );
  }

  const addresses = indexed.flatMap(({ key, rows }) => rows.addresses.map((address) => ({ key, ...address })));
  if (addresses.length > 0) {
    await query(
      trx,
      `INSERT INTO search.address (person_key, element, kind, gjeldende, gradering, adressenavn, husnummer, husbokstav,
         postnummer, kommunenummer)
       SELECT unnest($1::bigint[]), unnest($2::smallint[]), unnest($3::text[]), unnest($4::boolean[]), unnest($5::text[]),
         unnest($6::text[]), unnest($7::int[]), unnest($8::text[]), unnest($9::text[]), unnest($10::text[])`,
      [
        addresses.map((a) => a.key),
        addresses.map((a) => a.element),
        addresses.map((a) => a.kind),
        addresses.map((a) => a.gjeldende),
        addresses.map((a) => a.gradering),
        addresses.map((a) => a.adressenavn),
        addresses.map((a) => a.husnummer),
        addresses.map((a) => a.husbokstav),
        addresses.map((a) => a.postnummer),
        addresses.map((a) => a.kommunenummer),
      ],
    );
  }

  const identities = indexed.flatMap(({ key, rows }) => rows.identities.map((identity) => ({ key, ...identity })));
  if (identities.length > 0) {
    await query(
      trx,
      `INSERT INTO search.identity (kind, verdi, person_key)
       SELECT unnest($1::text[]), unnest($2::text[]), unnest($3::bigint[])`,
      [identities.map((i) => i.kind), identities.map((i) => i.verdi), identities.map((i) => i.key)],
    );
  }
}
