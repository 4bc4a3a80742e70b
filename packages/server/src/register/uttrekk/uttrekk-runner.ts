/**
 * The uttrekk job runner: runs queued jobs in this process, oldest first, `concurrency` at a time. Jobs are
 * data, so a job ordered while no runner is up waits in the queue, and a job a stopped process left running
 * is queued again and run from the start when the next runner starts (its batches were never written: they
 * are written together with the finish). One runner per database (docs/register-uttrekk.md, "Jobs").
 */
import { redactIdentityNumbers } from '../../http/redact.js';
import type { Database } from '../../store/database.js';
import { openUttrekkStore } from './uttrekk-store.js';

/** FREG's batch size: at most 100 000 identifiers per batch (consumer API §7). */
export const DEFAULT_BATCH_SIZE = 100_000;

export interface UttrekkServiceOptions {
  /** Identifiers per batch; default {@link DEFAULT_BATCH_SIZE}. */
  batchSize?: number;
  /** Jobs run at the same time; default 1 (each job is one large query). */
  concurrency?: number;
  /** Told about a job that failed; default: a line on stderr. */
  onError?: (jobId: string, error: unknown) => void;
}

export interface UttrekkService {
  /** Stops taking jobs and waits for the running ones to finish. */
  close(): Promise<void>;
}

/** The runners of each database in this process, woken when a job is ordered. */
const runners = new WeakMap<Database, Set<() => void>>();

/** Tells the database's runner, if one runs in this process, that a job is queued. */
export function jobOrdered(db: Database): void {
  for (const wake of runners.get(db) ?? []) wake();
}

export async function createUttrekkService(db: Database, options: UttrekkServiceOptions = {}): Promise<UttrekkService> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  const concurrency = options.concurrency ?? 1;
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a whole number ≥ 1');
  if (!Number.isSafeInteger(concurrency) || concurrency < 1) throw new RangeError('concurrency must be a whole number ≥ 1');
  const onError =
    options.onError ??
    ((jobId: string, error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      process.stderr.write(`uttrekk: job ${jobId} failed: ${redactIdentityNumbers(message)}\n`);
    });

  const store = await openUttrekkStore(db);
  await store.requeueInterrupted();

  let closed = false;
  let requested = false;
  const workers = new Set<Promise<void>>();

  const drain = async () => {
    while (!closed) {
      const job = await store.claimNext();
      if (!job) return;
      try {
        await store.complete(job, batchSize);
      } catch (error) {
        onError(job.id, error);
        await store.fail(job.id);
      }
    }
  };
  // A wake while every worker is busy is remembered, so a job queued just after a worker found the queue
  // empty is still picked up when that worker ends.
  const wake = () => {
    requested = true;
    while (!closed && workers.size < concurrency) {
      requested = false;
      const worker: Promise<void> = drain()
        .catch((error: unknown) => onError('(queue)', error))
        .finally(() => {
          workers.delete(worker);
          if (requested) wake();
        });
      workers.add(worker);
    }
  };

  const wakers = runners.get(db) ?? new Set();
  runners.set(db, wakers);
  wakers.add(wake);
  wake();

  return {
    async close() {
      closed = true;
      wakers.delete(wake);
      await Promise.all(workers);
    },
  };
}
