/**
 * Worker threads that project stored documents for bulk lookups (stored-documents.ts). A bulk lookup of 1 000
 * persons parses and serialises megabytes of JSON; in worker threads that work runs on every core, beside the
 * event loop, while later chunks are still being read (bench/RESULTS.md, "Register API"). The threads start
 * with the first task, so a server that never answers a bulk lookup never starts them.
 */
import os from 'node:os';
import { createWorkerPool, siblingModule, type WorkerPool } from '../../threads/worker-pool.js';
import type { ProjectedDocument, ProjectionTask } from './stored-documents.js';

export interface ProjectionThreads {
  project(task: ProjectionTask): Promise<(ProjectedDocument | null)[]>;
  /** Stops the threads; call once the server has stopped. */
  close(): Promise<void>;
}

/** More threads than this do not pay on the machines Folkeport targets: the event loop and PostgreSQL need cores too. */
const MAX_THREADS = 4;

export function createProjectionThreads(threads = Math.min(MAX_THREADS, os.availableParallelism())): ProjectionThreads {
  let pool: WorkerPool<ProjectionTask, (ProjectedDocument | null)[]> | undefined;
  return {
    project(task) {
      pool ??= createWorkerPool(siblingModule('projection-worker', import.meta.url), threads);
      return pool.run(task);
    },
    async close() {
      await pool?.close();
    },
  };
}
