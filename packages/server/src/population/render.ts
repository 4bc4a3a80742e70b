/**
 * Rendering: a chunk plan becomes the person documents the register stores. A pure function of
 * the plan and the seed, so worker threads can render chunks in any order and on any thread.
 */
import { STREAM, ChunkContext } from './chunk-context.js';
import type { ChunkPlan } from './chunk-plan.js';
import { renderDocument } from './documents.js';
import { Histories } from './history.js';
import { sharedElements } from './relations.js';
import type { NewPerson } from '../register/person-record.js';

export function renderChunk(plan: ChunkPlan, seed: number): NewPerson[] {
  const ctx = new ChunkContext(plan, seed);
  const histories = new Histories(ctx);
  const shared = sharedElements(ctx);
  return plan.persons.map((_, index) => {
    const { document, registrert } = renderDocument(ctx, histories, shared, index);
    const ids = ctx.random(STREAM.ids, index);
    return { document, dokumentidentifikator: ids.hex(32), hendelsesidentifikator: ids.hex(32), registrert };
  });
}
