/**
 * Checks the audit log from its first entry, in one pass: sequence numbers 1, 2, 3, … without gaps, each
 * prev_hash equal to the previous entry's hash, each hash equal to SHA-256(prev_hash || entry text) computed
 * here (not by the database), and the person index row of each entry (`audit.entry_persons`) holding exactly the
 * distinct persons and the package the entry names — and no row for an entry that names nobody. An edited,
 * deleted, inserted or reordered row, a changed hash, or an index row removed, added, edited or moved shows as
 * the first sequence number where something is wrong.
 *
 * A chain rewritten from some entry to the end with fresh hashes, or cut short at the end, is consistent in
 * itself; only a head recorded elsewhere (an anchor: a sequence number and its hash) reveals it.
 */
import { createHash } from 'node:crypto';
import { query, type Executor } from '../store/query.js';

/** A sequence number and the hash of its entry (hex), recorded outside the database. */
export interface ChainAnchor {
  sequence: number;
  hash: string;
}

export type VerifyResult =
  | { ok: true; entries: number; /** The last entry; absent for an empty log. */ head?: ChainAnchor }
  | { ok: false; firstBadSequence: number; reason: string };

const GENESIS = Buffer.alloc(32);
const ENTRY_PAGE = 2_000;
const INDEX_PAGE = 2_000;
const INDEX_MISMATCH = 'the person index does not match the entry';

interface EntryRow {
  seq: number;
  entry: string;
  prev_hash: Buffer;
  hash: Buffer;
}

interface IndexRow {
  entry_seq: number;
  package: string;
  persons: string[];
}

export async function verifyChain(executor: Executor, anchor?: ChainAnchor): Promise<VerifyResult> {
  const entries = paged<EntryRow>(ENTRY_PAGE, (last) =>
    query(executor, 'SELECT seq, entry, prev_hash, hash FROM audit.entry WHERE seq > $1 ORDER BY seq LIMIT $2', [
      last?.seq ?? Number.MIN_SAFE_INTEGER,
      ENTRY_PAGE,
    ]),
  );
  const index = paged<IndexRow>(INDEX_PAGE, (last) =>
    query(
      executor,
      'SELECT entry_seq, package, persons FROM audit.entry_persons WHERE entry_seq > $1 ORDER BY entry_seq LIMIT $2',
      [last?.entry_seq ?? Number.MIN_SAFE_INTEGER, INDEX_PAGE],
    ),
  );

  let last = 0;
  let previous = GENESIS;
  let indexed = await index.next();
  for await (const row of entries) {
    const expected = last + 1;
    if (row.seq < expected) return bad(row.seq, `sequence number ${row.seq} is out of range`);
    if (row.seq > expected) return bad(expected, `entry ${expected} is missing`);
    if (!row.prev_hash.equals(previous)) return bad(row.seq, "prev_hash is not the previous entry's hash");
    const hash = createHash('sha256').update(previous).update(row.entry, 'utf8').digest();
    if (!row.hash.equals(hash)) return bad(row.seq, 'the hash does not match the entry');
    if (anchor && row.seq === anchor.sequence && hash.toString('hex') !== anchor.hash.toLowerCase()) {
      return bad(row.seq, 'the hash differs from the anchor: the chain was rewritten up to here');
    }

    const named = personsAndPackage(row.entry);
    if (!named) return bad(row.seq, 'the entry is not an audit entry');
    if (!indexed.done && indexed.value.entry_seq < row.seq) return bad(indexed.value.entry_seq, INDEX_MISMATCH);
    const own = !indexed.done && indexed.value.entry_seq === row.seq ? indexed.value : undefined;
    if (own === undefined ? named.persons.size > 0 : !indexMatches(own, named)) return bad(row.seq, INDEX_MISMATCH);
    if (own) indexed = await index.next();
    last = row.seq;
    previous = hash;
  }
  if (anchor && anchor.sequence > last) {
    return bad(last + 1, `the log ends at entry ${last}, before the anchored entry ${anchor.sequence}: entries were removed`);
  }
  if (!indexed.done) return bad(indexed.value.entry_seq, INDEX_MISMATCH);
  return { ok: true, entries: last, ...(last > 0 && { head: { sequence: last, hash: previous.toString('hex') } }) };
}

/** The index row holds the entry's package and exactly its distinct persons, each once. */
function indexMatches(row: IndexRow, named: { persons: Set<string>; package: string }): boolean {
  if (row.package !== named.package || row.persons.length !== named.persons.size) return false;
  const seen = new Set(row.persons);
  return seen.size === row.persons.length && row.persons.every((person) => named.persons.has(person));
}

/** The rows of a keyset-paged query, page after page; `fetch` gets the last row of the previous page. */
async function* paged<R>(size: number, fetch: (last: R | undefined) => Promise<R[]>): AsyncGenerator<R, void> {
  let last: R | undefined;
  for (;;) {
    const rows = await fetch(last);
    yield* rows;
    if (rows.length < size) return;
    last = rows.at(-1);
  }
}

/** The distinct persons and the package an entry names; undefined when the text is not an entry. */
function personsAndPackage(text: string): { persons: Set<string>; package: string } | undefined {
  try {
    const entry = JSON.parse(text) as { persons?: unknown; package?: unknown };
    const { persons, package: pkg } = entry;
    if (!Array.isArray(persons) || typeof pkg !== 'string') return undefined;
    if (!persons.every((person) => typeof person === 'string')) return undefined;
    return { persons: new Set(persons as string[]), package: pkg };
  } catch {
    return undefined;
  }
}

function bad(firstBadSequence: number, reason: string): VerifyResult {
  return { ok: false, firstBadSequence, reason };
}
