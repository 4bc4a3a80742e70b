/**
 * Rendering: a chunk plan becomes the person documents the register stores. A pure function of
 * the plan and the seed, so worker threads can render chunks in any order and on any thread.
 */
import { STREAM, ChunkContext } from './chunk-context.js';
import type { ChunkPlan } from './chunk-plan.js';
import { renderDocument } from './documents.js';
import { Histories } from './history.js';
import { Random } from './random.js';
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
  const bases = Random.derive(seed, STREAM.ids);
  const documentBase = bases.int(ORDINAL_BASE_RANGE);
  const eventBase = bases.int(ORDINAL_BASE_RANGE);
  if (plan.persons.length > PERSONS_PER_CHUNK_ORDINAL) throw new RangeError(`a chunk of ${plan.persons.length} persons is too large`);
  for (let index = 0; index < plan.persons.length; index++) {
    const { document, registrert } = renderDocument(ctx, histories, shared, index);
    const ordinal = plan.index * PERSONS_PER_CHUNK_ORDINAL + index;
    const ids = ctx.random(STREAM.ids, index);
    yield {
      document,
      dokumentidentifikator: orderedId(documentBase + ordinal, ids),
      hendelsesidentifikator: orderedId(eventBase + ordinal, ids),
      registrert,
    };
  }
}

/**
 * The 32-hex dokumentidentifikator and hendelsesidentifikator of a generated person: 12 hex digits that count up
 * with the person's position in the population (from a base drawn from the seed, so they still look random),
 * then 20 random ones. Keys that increase during a load go to the right edge of the register's unique indexes;
 * random keys cost the server a random index page per person, ever more as the indexes outgrow its buffers
 * (docs/store.md, "Bulk loading").
 */
function orderedId(ordinal: number, random: Random): string {
  return ordinal.toString(16).padStart(12, '0') + random.hex(20);
}

/** Ordinals are chunk index × this + position in the chunk; chunks hold a few thousand persons at most. */
const PERSONS_PER_CHUNK_ORDINAL = 2 ** 20;
/** Bases below 2^47 leave room for 2^47 ordinals: the 12 hex digits never overflow. */
const ORDINAL_BASE_RANGE = 2 ** 47;
