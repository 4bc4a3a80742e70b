/**
 * Keeps the search read model (search-schema.ts) in step with the register: `catchUp()` reads the register's
 * event log from where it stopped, and re-indexes every person changed since from the person's current
 * document, a batch of events per transaction. A reset register (its event log no longer holds the last
 * event read) is indexed again from scratch.
 */
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

export async function openSearchIndex(db: Database): Promise<SearchIndex> {
  await migrate(db, SEARCH_SCHEMA);
  let running: Promise<CatchUpResult> | undefined;
  let queued: Promise<CatchUpResult> | undefined;
  const start = (): Promise<CatchUpResult> => {
    running = catchUpAll(db).finally(() => {
      running = undefined;
    });
    return running;
  };
  return {
    catchUp() {
      if (!running) return start();
      queued ??= running
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return start();
        });
      return queued;
    },
    find: (criteria, limit) => findPersons(db.kysely, criteria, limit),
  };
}

async function catchUpAll(db: Database): Promise<CatchUpResult> {
  const current = await upToDate(db.kysely);
  if (current !== undefined) return { persons: 0, sekvensnummer: current };
  let persons = 0;
  for (;;) {
    const batch = await db.kysely.transaction().execute((trx) => catchUpBatch(trx));
    persons += batch.persons;
    if (batch.done) return { persons, sekvensnummer: batch.sekvensnummer };
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
       s.hendelsesidentifikator IS NOT DISTINCT FROM
         (SELECT hendelsesidentifikator FROM register.event e WHERE e.sekvensnummer = s.sekvensnummer) AS same
     FROM search.state s`,
  );
  return row && row.same && Number(row.last) === Number(row.position) ? Number(row.position) : undefined;
}

interface StateRow {
  sekvensnummer: number | string;
  hendelsesidentifikator: string | null;
}

interface EventRow {
  sekvensnummer: number | string;
  hendelsesidentifikator: string;
  person_key: number | string;
}

/** One transaction: the next events after the index's position, their persons re-indexed, the position moved. */
async function catchUpBatch(trx: Executor): Promise<{ persons: number; sekvensnummer: number; done: boolean }> {
  const [state] = await query<StateRow>(trx, 'SELECT sekvensnummer, hendelsesidentifikator FROM search.state FOR UPDATE');
  if (!state) throw new Error('search.state has no row');
  let position = Number(state.sekvensnummer);
  if (position > 0) {
    const [last] = await query<{ hendelsesidentifikator: string }>(
      trx,
      'SELECT hendelsesidentifikator FROM register.event WHERE sekvensnummer = $1',
      [position],
    );
    if (last?.hendelsesidentifikator !== state.hendelsesidentifikator) {
      await query(trx, 'TRUNCATE search.person, search.name, search.address, search.identity');
      position = 0;
    }
  }
  const events = await query<EventRow>(
    trx,
    `SELECT sekvensnummer, hendelsesidentifikator, person_key FROM register.event
     WHERE sekvensnummer > $1 ORDER BY sekvensnummer LIMIT $2`,
    [position, EVENTS_PER_BATCH],
  );
  const last = events.at(-1);
  if (!last) {
    if (position !== Number(state.sekvensnummer)) {
      await query(trx, 'UPDATE search.state SET sekvensnummer = 0, hendelsesidentifikator = NULL');
    }
    return { persons: 0, sekvensnummer: position, done: true };
  }
  const personKeys = [...new Set(events.map((event) => Number(event.person_key)))];
  await reindex(trx, personKeys, position === 0);
  await query(trx, 'UPDATE search.state SET sekvensnummer = $1, hendelsesidentifikator = $2', [
    last.sekvensnummer,
    last.hendelsesidentifikator,
  ]);
  return { persons: personKeys.length, sekvensnummer: Number(last.sekvensnummer), done: events.length < EVENTS_PER_BATCH };
}

/**
 * Replaces the persons' rows with those of their current documents. `fresh`: the index holds none of them
 * (a build from the start of the log), so there is nothing to delete.
 */
async function reindex(trx: Executor, personKeys: readonly number[], fresh: boolean): Promise<void> {
  if (!fresh) {
    for (const table of ['person', 'name', 'address', 'identity']) {
      await query(trx, `DELETE FROM search.${table} WHERE person_key = ANY ($1::bigint[])`, [personKeys]);
    }
  }
  const documents = await query<{ person_key: number | string; folkeregisteridentifikator: string; dokument: string }>(
    trx,
    `SELECT p.person_key, p.folkeregisteridentifikator, v.dokument FROM register.person p
     JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator
     WHERE p.person_key = ANY ($1::bigint[])`,
    [personKeys],
  );
  const indexed = documents.map((row) => ({
    key: Number(row.person_key),
    rows: searchRows(JSON.parse(row.dokument) as Folkeregisterperson, row.folkeregisteridentifikator),
  }));
  await insertRows(trx, indexed);
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
