import assert from 'node:assert/strict';
import { it } from 'node:test';
import { loadPopulation, PopulationConflictError } from '../src/loader/load-population.js';
import { countPlanned, type PopulationOptions } from '../src/population/plan.js';
import { openRegisterStore, type RegisterStore } from '../src/register/register-store.js';
import { describeDatabases } from './databases.js';

const OPTIONS: PopulationOptions = { persons: 600, seed: 7, kommuner: ['4601', '5001'], chunkSize: 200 };

/** Every stored person's current document, in the order the event log recorded them. */
async function storedDocuments(store: RegisterStore): Promise<string[]> {
  const events = await store.events(1, 100_000);
  const documents: string[] = [];
  for (const event of events) {
    const version = await store.versionByDokumentidentifikator(event.dokumentidentifikator);
    assert.ok(version, `version ${event.dokumentidentifikator} of event ${event.sekvensnummer}`);
    documents.push(version.documentJson);
  }
  return documents;
}

describeDatabases('loading a generated population', (target) => {
  it('stores every planned person once, with a personErOpprettet event each, and marks the load complete', async () => {
    const store = await openRegisterStore(target.db);
    const result = await loadPopulation(store, { population: OPTIONS, workers: 2 });
    const planned = countPlanned(OPTIONS).total;
    assert.deepEqual(result, { storedPersons: planned, total: planned, completed: true });
    const events = await store.events(1, 100_000);
    assert.equal(events.length, planned);
    assert.ok(events.every((event) => event.hendelsetype === 'personErOpprettet'));
    assert.deepEqual(
      events.map((event) => event.sekvensnummer),
      events.map((_, index) => index + 1),
    );
    const population = await store.getPopulation();
    assert.equal(population?.status, 'complete');
    assert.equal(population?.persons, planned);
    const aggregates = await store.populationAggregates('2024-01-01');
    assert.equal(aggregates.persons, planned);
    assert.deepEqual(Object.keys(aggregates.residentsByKommune).sort(), ['4601', '5001']);
  });

  it('gives the same documents in the same order whatever the number of workers', async () => {
    const store = await openRegisterStore(target.db);
    await loadPopulation(store, { population: OPTIONS, workers: 1 });
    const one = await storedDocuments(store);
    await loadPopulation(store, { population: OPTIONS, workers: 3, replace: true });
    assert.deepEqual(await storedDocuments(store), one);
  });

  it('an interrupted load keeps whole chunks and continues where it stopped, as if never interrupted', async () => {
    const store = await openRegisterStore(target.db);
    const abort = new AbortController();
    const first = await loadPopulation(store, {
      population: OPTIONS,
      workers: 2,
      signal: abort.signal,
      onProgress: () => abort.abort(),
    });
    assert.equal(first.completed, false);
    assert.ok(first.storedPersons > 0 && first.storedPersons < first.total, JSON.stringify(first));
    const interrupted = await store.getPopulation();
    assert.equal(interrupted?.status, 'loading');
    assert.equal((await store.events(1, 100_000)).length, first.storedPersons, 'no partial chunk');

    let resumed = false;
    const second = await loadPopulation(store, {
      population: OPTIONS,
      workers: 2,
      onStart: (start) => (resumed = start.resumed),
    });
    assert.equal(resumed, true);
    assert.equal(second.completed, true);
    const afterResume = await storedDocuments(store);

    await loadPopulation(store, { population: OPTIONS, workers: 2, replace: true });
    assert.deepEqual(afterResume, await storedDocuments(store));
  });

  it('refuses to mix two populations unless told to replace', async () => {
    const store = await openRegisterStore(target.db);
    await loadPopulation(store, { population: OPTIONS, workers: 1 });
    await assert.rejects(
      loadPopulation(store, { population: { ...OPTIONS, seed: 8 }, workers: 1 }),
      (error: Error) => error instanceof PopulationConflictError && /seed 7/.test(error.message) && /--replace/.test(error.message),
    );
    const again = await loadPopulation(store, { population: OPTIONS, workers: 1 });
    assert.equal(again.completed, true, 'the same population again is already complete');
    const replaced = await loadPopulation(store, { population: { ...OPTIONS, seed: 8 }, workers: 1, replace: true });
    assert.equal(replaced.completed, true);
    assert.equal((await store.getPopulation())?.seed, 8);
  });
});
