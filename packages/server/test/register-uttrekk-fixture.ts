/**
 * The register API with the uttrekk routes and a job runner over the fixture population, and a client-side
 * reading of a whole extract: wait for batch 0, then page until the `{}` end marker.
 */
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PackageId } from '@folkeport/model';
import { openFeedWriter } from '../src/register/feed/feed-writer.js';
import { createUttrekkService, type UttrekkService, type UttrekkServiceOptions } from '../src/register/uttrekk/uttrekk-runner.js';
import { registerUttrekkRoutes } from '../src/register/uttrekk/uttrekk-routes.js';
import type { NewPerson } from '../src/register/person-record.js';
import type { Database } from '../src/store/database.js';
import { registerApi, type RegisterApiFixture } from './register-api-fixture.js';

export interface UttrekkFixture extends RegisterApiFixture {
  /** The job runner; undefined until `startRunner` when the fixture was made without one. */
  runner: UttrekkService | undefined;
  /** Appends the register's new events to the package feeds (komplett counts in them). */
  catchUpFeed(): Promise<void>;
  startRunner(options?: Omit<UttrekkServiceOptions, 'batchSize'>): Promise<UttrekkService>;
  close(): Promise<void>;
}

export async function uttrekkApi(
  db: Database,
  options: { batchSize?: number; persons?: NewPerson[]; runner?: boolean } = {},
): Promise<UttrekkFixture> {
  const api = await registerApi(db, [registerUttrekkRoutes], options.persons ? { persons: options.persons } : {});
  await api.app.ready();
  const feed = await openFeedWriter(db);
  await feed.catchUp();
  const fixture: UttrekkFixture = {
    ...api,
    runner: undefined,
    async catchUpFeed() {
      await feed.catchUp();
    },
    async startRunner(runnerOptions = {}) {
      fixture.runner = await createUttrekkService(db, { ...runnerOptions, batchSize: options.batchSize ?? 100 });
      return fixture.runner;
    },
    async close() {
      await fixture.runner?.close();
      await api.app.close();
    },
  };
  if (options.runner !== false) await fixture.startRunner();
  return fixture;
}

type Call = RegisterApiFixture['call'];

/** Batch `nr` of the job once it is ready (polls while the answer is 404 "not ready"). */
export async function readyBatch(call: Call, pkg: PackageId, jobbId: string, nr = 0, token?: string) {
  for (let attempt = 0; attempt < 1000; attempt++) {
    const response = await call(pkg, 'GET', `/uttrekk/${jobbId}/batch/${nr}`, token === undefined ? {} : { token });
    if (response.status !== 404) return response;
    await sleep(10);
  }
  throw new Error(`batch ${nr} of job ${jobbId} never became ready`);
}

/** Every identifier of the job, batch by batch until `{}`; asserts each batch's shape. */
export async function readExtract(call: Call, pkg: PackageId, jobbId: string, token?: string) {
  const ids: string[] = [];
  const sizes: number[] = [];
  for (let nr = 0; ; nr++) {
    const response = await readyBatch(call, pkg, jobbId, nr, token);
    assert.equal(response.status, 200, `batch ${nr}: ${response.body}`);
    const body = response.json() as Record<string, string[]>;
    const keys = Object.keys(body);
    if (keys.length === 0) return { ids, sizes };
    assert.equal(keys.length, 1, `batch ${nr} has one list: ${keys.join(', ')}`);
    const list = body[keys[0] as string] as string[];
    assert.ok(list.length > 0, `batch ${nr} is not empty`);
    ids.push(...list);
    sizes.push(list.length);
  }
}

/** Orders a job and returns its id (asserting the 200 and the response shape). */
export async function order(call: Call, pkg: PackageId, request: { komplett: number } | { tilpasset: unknown }, token?: string) {
  const response =
    'komplett' in request
      ? await call(pkg, 'GET', `/uttrekk/komplett?feedsekvensnr=${request.komplett}`, token === undefined ? {} : { token })
      : await call(pkg, 'POST', '/uttrekk/tilpasset', { body: request.tilpasset, ...(token !== undefined && { token }) });
  assert.equal(response.status, 200, response.body);
  const body = response.json() as { jobbId: string };
  assert.deepEqual(Object.keys(body), ['jobbId']);
  assert.match(body.jobbId, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  return body.jobbId;
}
