/**
 * Worker thread: renders chunk plans into person documents and prepares them for the store
 * (serialised JSON, identifiers, search columns), so the main thread only plans and writes.
 */
import type { ChunkPlan } from '../population/chunk-plan.js';
import { renderChunk } from '../population/render.js';
import { preparePerson, type PreparedPerson } from '../register/prepared-person.js';
import { serveTasks } from './worker-task.js';

export interface RenderTask {
  plan: ChunkPlan;
  seed: number;
}

serveTasks((task: RenderTask): PreparedPerson[] => renderChunk(task.plan, task.seed).map(preparePerson));
