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
  return [...renderPersons(plan, seed)];
}

/**
 * The chunk's persons one at a time, in order: a consumer that serialises each document before taking the
 * next leaves only short-lived garbage, which is much cheaper to collect than a whole chunk of documents.
 */
export function* renderPersons(plan: ChunkPlan, seed: number): Generator<NewPerson, void, undefined> {
  const ctx = new ChunkContext(plan, seed);
  const histories = new Histories(ctx);
  const shared = sharedElements(ctx);
  for (let index = 0; index < plan.persons.length; index++) {
    const { document, registrert } = renderDocument(ctx, histories, shared, index);
    const ids = ctx.random(STREAM.ids, index);
    yield { document, dokumentidentifikator: ids.hex(32), hendelsesidentifikator: ids.hex(32), registrert };
  }
}
