/**
 * Checks the audit chain from its first entry: sequence numbers 1, 2, 3, … without gaps, each prev_hash equal
 * to the previous entry's hash, each hash equal to SHA-256(prev_hash || entry text) computed here (not by the
 * database), then the person index against the entries. An edited, deleted, inserted or reordered row, or a
 * changed hash, shows as the first sequence number where the chain breaks.
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
const PAGE = 10_000;

interface ChainRow {
  seq: number;
  entry: string;
  prev_hash: Buffer;
  hash: Buffer;
}

export async function verifyChain(executor: Executor, anchor?: ChainAnchor): Promise<VerifyResult> {
  const chain = await walkChain(executor, anchor);
  // Only the entries before a break are known to be ours, and so valid JSON.
  const index = await firstIndexMismatch(executor, chain.ok ? Number.MAX_SAFE_INTEGER : chain.firstBadSequence);
  if (index === undefined) return chain;
  return bad(index, 'the person index does not match the entry');
}

async function walkChain(executor: Executor, anchor: ChainAnchor | undefined): Promise<VerifyResult> {
  let last = 0;
  let previous = GENESIS;
  for (;;) {
    const rows = await query<ChainRow>(
      executor,
      'SELECT seq, entry, prev_hash, hash FROM audit.entry WHERE seq > $1 ORDER BY seq LIMIT $2',
      [last === 0 ? Number.MIN_SAFE_INTEGER : last, PAGE],
    );
    for (const row of rows) {
      const expected = last + 1;
      if (row.seq < expected) return bad(row.seq, `sequence number ${row.seq} is out of range`);
      if (row.seq > expected) return bad(expected, `entry ${expected} is missing`);
      if (!row.prev_hash.equals(previous)) return bad(row.seq, "prev_hash is not the previous entry's hash");
      const hash = createHash('sha256').update(previous).update(row.entry, 'utf8').digest();
      if (!row.hash.equals(hash)) return bad(row.seq, 'the hash does not match the entry');
      if (anchor && row.seq === anchor.sequence && hash.toString('hex') !== anchor.hash.toLowerCase()) {
        return bad(row.seq, 'the hash differs from the anchor: the chain was rewritten up to here');
      }
      last = row.seq;
      previous = hash;
    }
    if (rows.length < PAGE) break;
  }
  if (anchor && anchor.sequence > last) {
    return bad(last + 1, `the log ends at entry ${last}, before the anchored entry ${anchor.sequence}: entries were removed`);
  }
  return { ok: true, entries: last, ...(last > 0 && { head: { sequence: last, hash: previous.toString('hex') } }) };
}

/** The lowest sequence number below `end` where the person index and the persons in the entries differ. */
async function firstIndexMismatch(executor: Executor, end: number): Promise<number | undefined> {
  const [row] = await query<{ seq: number | null }>(
    executor,
    `WITH derived AS (
       SELECT DISTINCT person, e.seq AS entry_seq, e.doc ->> 'package' AS package
       FROM (SELECT seq, entry::jsonb AS doc FROM audit.entry WHERE seq < $1) AS e,
         jsonb_array_elements_text(e.doc -> 'persons') AS person
     ), indexed AS (SELECT person, entry_seq, package FROM audit.entry_person WHERE entry_seq < $1)
     SELECT min(entry_seq) AS seq FROM (
       (SELECT * FROM derived EXCEPT SELECT * FROM indexed)
       UNION ALL
       (SELECT * FROM indexed EXCEPT SELECT * FROM derived)
     ) AS difference`,
    [end],
  );
  return row?.seq ?? undefined;
}

function bad(firstBadSequence: number, reason: string): VerifyResult {
  return { ok: false, firstBadSequence, reason };
}
