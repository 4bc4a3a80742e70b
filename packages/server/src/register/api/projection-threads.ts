/**
 * Worker threads that project stored documents for bulk lookups (stored-documents.ts). A bulk lookup of 1 000
 * persons parses and serialises megabytes of JSON; in worker threads that work runs on every core, beside the
 * event loop, while later chunks are still being read (bench/RESULTS.md, "Register API"). The threads start
 * when the server starts listening (starting one takes a second or two from source) or with the first task,
 * whichever comes first; an app that is only injected into (tests) starts them only if it needs them.
 */
import os from 'node:os';
import { createWorkerPool, siblingModule, type WorkerPool } from '../../threads/worker-pool.js';
import type { ProjectedDocument, ProjectionTask } from './stored-documents.js';

export interface ProjectionThreads {
  /** Starts the threads now rather than with the first task. */
  start(): void;
  project(task: ProjectionTask): Promise<(ProjectedDocument | null)[]>;
  /** Stops the threads; call once the server has stopped. */
  close(): Promise<void>;
}

/**
 * A cap, so that a server on a many-core host does not start dozens of threads: the event loop and PostgreSQL need
 * cores too. One thread per core beat one thread on two cores (bench/RESULTS.md); more than two were not measured.
 */
const MAX_THREADS = 4;

export function createProjectionThreads(threads = Math.min(MAX_THREADS, os.availableParallelism())): ProjectionThreads {
  let pool: WorkerPool<ProjectionTask, (ProjectedDocument | null)[]> | undefined;
  const started = () => (pool ??= createWorkerPool(siblingModule('projection-worker', import.meta.url), threads));
  return {
    start() {
      started();
    },
    project(task) {
      return started().run(task);
    },
    async close() {
      await pool?.close();
    },
  };
}
