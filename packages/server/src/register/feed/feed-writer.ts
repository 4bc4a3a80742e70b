/**
 * The one serialised writer of the per-package feeds. Each run takes a transaction-level advisory lock, so
 * concurrent writers (several processes, or a timer and an explicit call) take turns: sequence numbers are
 * drawn from each package's stored last number under the lock, which keeps every feed contiguous, and a
 * reader never sees a number appear below one it has read. The register's own event log is in commit order
 * (register-store.ts appends under its lock), so the writer never passes an event that commits later.
 */
import { CompiledQuery } from 'kysely';
import { RIGHTS_PACKAGES } from '@folkeport/model';
import type { Database } from '../../store/database.js';
import { query, type Executor } from '../../store/query.js';
import { openFeedSchema, type PackageKeys } from './feed-schema.js';
import { APPEND_VISIBLE_EVENTS, RECORD_PROGRESS, feedPolicyRow } from './feed-visibility.js';

export interface FeedWriter {
  /** Appends every register event not yet processed to the feeds of all packages; returns the items appended. */
  catchUp(): Promise<number>;
}

export interface FeedWriterOptions {
  /** Register events per transaction; default 50 000. */
  batchSize?: number;
}

const DEFAULT_BATCH_SIZE = 50_000;
/** Items appended by one catch-up after which the feed table's statistics are refreshed. */
const ANALYZE_AFTER = 10_000;

/** Held until commit by the run that appends; a second writer waits for it. */
const LOCK_FEED = `SELECT pg_advisory_xact_lock('feed.package'::regclass::oid::bigint)`;

/** Opens the feed schema; the register's schema must already exist (open the register store first). */
export async function openFeedWriter(db: Database, options: FeedWriterOptions = {}): Promise<FeedWriter> {
  const keys = await openFeedSchema(db);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number ≥ 1');
  return {
    async catchUp() {
      let appended = 0;
      for (;;) {
        const step = await appendBatch(db, keys, batchSize);
        appended += step.appended;
        if (step.done) break;
      }
      // Fresh statistics keep page reads an index range scan. PostgreSQL's autovacuum would get there too, but
      // later; PGlite has none, and without statistics it reads a package's whole feed tail per page.
      if (appended >= ANALYZE_AFTER) await query(db.kysely, 'ANALYZE feed.item');
      return appended;
    },
  };
}

interface PackageProgress {
  package_key: number;
  register_sekvensnummer: number;
  sekvensnummer: number;
}

/**
 * Empties every feed when the register event the feeds were last built from is gone or is another event: the
 * register was emptied and filled again, and the feeds are rebuilt from its new log (like FREG re-spooling a
 * package; consumers start again from 1).
 */
async function restartIfRegisterWasReplaced(trx: Executor): Promise<void> {
  const [mark] = await query<{ same: boolean }>(
    trx,
    `SELECT e.hendelsesidentifikator IS NOT DISTINCT FROM m.hendelsesidentifikator AS same
     FROM feed.register_mark m LEFT JOIN register.event e ON e.sekvensnummer = m.sekvensnummer`,
  );
  if (!mark || mark.same) return;
  await query(trx, 'TRUNCATE feed.item');
  await query(trx, 'UPDATE feed.package SET register_sekvensnummer = 0, sekvensnummer = 0');
  await query(trx, 'DELETE FROM feed.register_mark');
}

/** One transaction: the next `batchSize` register events, for every package that has not seen them. */
async function appendBatch(
  db: Database,
  keys: PackageKeys,
  batchSize: number,
): Promise<{ appended: number; done: boolean }> {
  return db.kysely.transaction().execute(async (trx) => {
    await query(trx, LOCK_FEED);
    await restartIfRegisterWasReplaced(trx);
    const progress = new Map(
      (
        await query<PackageProgress>(
          trx,
          'SELECT package_key, register_sekvensnummer, sekvensnummer FROM feed.package',
        )
      ).map((row) => [row.package_key, row]),
    );
    const packages = RIGHTS_PACKAGES.map((pkg) => {
      const key = keys.get(pkg.id);
      const row = key === undefined ? undefined : progress.get(key);
      if (key === undefined || !row) throw new Error(`feed.package has no row for ${pkg.id}`);
      return feedPolicyRow(pkg, key, row.register_sekvensnummer, row.sekvensnummer);
    });
    const from = Math.min(...packages.map((p) => p.after));
    const [bound] = await query<{ last: number; hendelsesidentifikator: string; events: number }>(
      trx,
      `SELECT e.sekvensnummer AS last, e.hendelsesidentifikator, next.events
       FROM (
         SELECT max(sekvensnummer) AS last, count(*)::int AS events FROM (
           SELECT sekvensnummer FROM register.event WHERE sekvensnummer > $1 ORDER BY sekvensnummer LIMIT $2
         ) batch
       ) next
       JOIN register.event e ON e.sekvensnummer = next.last`,
      [from, batchSize],
    );
    if (!bound) return { appended: 0, done: true };
    // Numbering sorts the batch's items per package: in memory, not in temporary files.
    await query(trx, `SELECT set_config('work_mem', '64MB', true)`);
    const inserted = await trx.executeQuery(
      CompiledQuery.raw(APPEND_VISIBLE_EVENTS, [JSON.stringify(packages), from, bound.last]),
    );
    await query(trx, RECORD_PROGRESS, [bound.last]);
    await query(
      trx,
      `INSERT INTO feed.register_mark (sekvensnummer, hendelsesidentifikator) VALUES ($1, $2)
       ON CONFLICT (singleton) DO UPDATE SET sekvensnummer = excluded.sekvensnummer,
         hendelsesidentifikator = excluded.hendelsesidentifikator`,
      [bound.last, bound.hendelsesidentifikator],
    );
    return { appended: Number(inserted.numAffectedRows ?? 0n), done: bound.events < batchSize };
  });
}

export interface RunningFeedWriter {
  /** Runs a catch-up soon (after the running one, if any); for callers that just changed the register. */
  notify(): void;
  /** Stops the timer and waits for a running catch-up to finish. */
  stop(): Promise<void>;
}

export interface FeedWriterRunOptions extends FeedWriterOptions {
  /** Catch up this often; default 1 000 ms. */
  intervalMs?: number;
  /** Called with a failed run's error; the next run is tried at the next interval. */
  onError?: (error: unknown) => void;
}

/** Opens the writer and runs it now, then every `intervalMs` and on every {@link RunningFeedWriter.notify}. */
export async function startFeedWriter(db: Database, options: FeedWriterRunOptions = {}): Promise<RunningFeedWriter> {
  const writer = await openFeedWriter(db, options);
  const intervalMs = options.intervalMs ?? 1_000;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  const run = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = writer
      .catchUp()
      .then(
        () => undefined,
        (error: unknown) => options.onError?.(error),
      )
      .finally(() => {
        running = undefined;
        if (again) {
          again = false;
          run();
        }
      });
  };

  const timer = setInterval(run, intervalMs);
  timer.unref();
  run();
  return {
    notify: run,
    async stop() {
      stopped = true;
      clearInterval(timer);
      while (running) await running;
    },
  };
}
