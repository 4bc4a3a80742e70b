/**
 * Loading a generated population into the register store: plans are made in order on this thread
 * (identity numbers are allocated there), rendered into documents by a pool of worker threads, and
 * stored chunk by chunk, in plan order, each chunk in one transaction together with the resume
 * marker. An interrupted load therefore leaves whole chunks only, and a rerun with the same options
 * continues after the last stored chunk.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ChunkPlan } from '../population/chunk-plan.js';
import { countPlanned, planPopulation, type PopulationOptions } from '../population/plan.js';
import type { PreparedBatch } from '../register/prepared-batch.js';
import type { Population, RegisterStore } from '../register/register-store.js';
import { createWorkerPool, siblingModule } from '../threads/worker-pool.js';
import type { RenderTask } from './render-worker.js';

export interface LoadOptions {
  population: PopulationOptions;
  /** Worker threads rendering documents. */
  workers: number;
  /** Remove whatever population the store holds before loading. */
  replace?: boolean;
  /** Stops the load between chunks; what is stored stays consistent and resumable. */
  signal?: AbortSignal;
  onStart?(start: { total: number; storedPersons: number; resumed: boolean }): void;
  onProgress?(progress: { storedPersons: number; total: number }): void;
}

export interface LoadResult {
  storedPersons: number;
  total: number;
  completed: boolean;
}

/** The store already holds another population; the message says what to do. */
export class PopulationConflictError extends Error {
  override readonly name = 'PopulationConflictError';
}

export async function loadPopulation(store: RegisterStore, options: LoadOptions): Promise<LoadResult> {
  const recorded = comparableOptions(options.population);
  const total = countPlanned(options.population).total;
  let existing = await store.getPopulation();
  if (existing && options.replace) {
    await store.clear();
    existing = undefined;
  }
  const resuming = existing !== undefined;
  if (existing) refuseToMix(existing, options.population.seed, recorded);

  const skipChunks = existing?.chunksDone ?? 0;
  let storedPersons = existing?.persons ?? 0;
  options.onStart?.({ total, storedPersons, resumed: resuming });
  if (existing?.status === 'complete') return { storedPersons, total, completed: true };

  const pool = createWorkerPool<RenderTask, PreparedBatch>(siblingModule('render-worker', import.meta.url), options.workers);
  const inFlight: Promise<PreparedBatch>[] = [];
  // Each worker has a chunk queued behind the one it renders, also while the main thread stores one.
  const maxInFlight = options.workers * 2;
  let chunksDone = skipChunks;
  const storeChunk = async (batch: PreparedBatch) => {
    storedPersons += batch.dokumentidentifikatorer.length;
    chunksDone += 1;
    const population: Population = {
      seed: options.population.seed,
      options: recorded,
      status: 'loading',
      persons: storedPersons,
      chunksDone,
    };
    await store.insertBatch(batch, population);
    options.onProgress?.({ storedPersons, total });
  };

  let plannedAll = true;
  try {
    for (const plan of skipped(planPopulation(options.population), skipChunks)) {
      if (options.signal?.aborted) {
        plannedAll = false;
        break;
      }
      inFlight.push(pool.run({ plan, seed: options.population.seed }));
      if (inFlight.length > maxInFlight) await storeChunk(await (inFlight.shift() as Promise<PreparedBatch>));
    }
    while (inFlight.length > 0 && !options.signal?.aborted) {
      await storeChunk(await (inFlight.shift() as Promise<PreparedBatch>));
    }
  } finally {
    for (const pending of inFlight) pending.catch(() => undefined); // rendered chunks dropped on abort or error
    await pool.close();
  }
  // An abort that arrives after the last chunk was stored stops nothing: the load is complete.
  const completed = plannedAll && inFlight.length === 0;
  if (completed) {
    await store.setPopulation({
      seed: options.population.seed,
      options: recorded,
      status: 'complete',
      persons: storedPersons,
      chunksDone,
    });
  }
  return { storedPersons, total, completed };
}

/** Plans are always made from the first (identity numbers depend on every earlier one); stored ones are skipped. */
function* skipped(plans: Iterable<ChunkPlan>, count: number): Generator<ChunkPlan> {
  let index = 0;
  for (const plan of plans) if (index++ >= count) yield plan;
}

/** The options as recorded in the store: what decides the generated documents, as plain JSON. */
function comparableOptions(options: PopulationOptions): unknown {
  return JSON.parse(JSON.stringify({ ...options, kommuner: options.kommuner ? [...options.kommuner].sort() : undefined }));
}

function refuseToMix(existing: Population, seed: number, recorded: unknown): void {
  const same = existing.seed === seed && isDeepStrictEqual(existing.options, recorded);
  if (same) return;
  const what = `a population generated with seed ${existing.seed} and options ${JSON.stringify(existing.options)}`;
  throw new PopulationConflictError(
    existing.status === 'complete'
      ? `The store already holds ${what} (${existing.persons} persons). Add --replace to remove it and generate anew.`
      : `The store holds an interrupted load of ${what} (${existing.persons} persons so far). ` +
          'Run that command again to continue it, or add --replace to start over.',
  );
}
