/**
 * Worker thread: renders chunk plans into person documents and encodes them for the store's insert
 * (serialised JSON, identifiers, search columns), so the main thread only plans and writes.
 */
import type { ChunkPlan } from '../population/chunk-plan.js';
import { renderPersons } from '../population/render.js';
import { batchBuffers, prepareBatch, type PreparedBatch } from '../register/prepared-batch.js';
import { serveTasks } from '../threads/worker-task.js';

export interface RenderTask {
  plan: ChunkPlan;
  seed: number;
}

serveTasks(
  (task: RenderTask): PreparedBatch => prepareBatch(renderPersons(task.plan, task.seed)),
  // The encoded columns and documents (most of a batch) move to the main thread rather than being copied.
  batchBuffers,
);
