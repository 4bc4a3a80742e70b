// Bulk lookups of 1 000 (OMH) compared between the register of this checkout and of another one, in the same
// minutes: both serve one generated population in one throw-away PostgreSQL database, and the requests alternate
// between them, so a machine whose speed drifts from minute to minute (bench/RESULTS.md) slows both alike. Prints
// the median and fastest time of each. Not part of `npm run bench`: it compares two revisions.
// Run: BENCH_COMPARE_WITH=/path/to/other/checkout node --conditions=folkeport-source --import tsx bench/compare-bulk.ts
// (the other checkout needs the same register schema, and `node_modules` of its own or linked to this one's).
// Sizes: BENCH_COMPARE_PERSONS (default 200000 residents), BENCH_COMPARE_REQUESTS (default 40 per checkout).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type * as tokenVerifier from '../packages/server/src/auth/token-verifier.js';
import type * as httpApp from '../packages/server/src/http/http-app.js';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import type * as registerService from '../packages/server/src/register/register-service.js';
import { openRegisterStore } from '../packages/server/src/register/register-store.js';
import type * as database from '../packages/server/src/store/database.js';
import { openDatabase } from '../packages/server/src/store/database.js';
import { query } from '../packages/server/src/store/query.js';
import { BENCH_ISSUER, benchIssuer, OMH } from './bench-issuer.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const OTHER = process.env.BENCH_COMPARE_WITH;
if (!OTHER) throw new Error('set BENCH_COMPARE_WITH to the other checkout');
const PERSONS = Number(process.env.BENCH_COMPARE_PERSONS ?? 200_000);
const REQUESTS = Number(process.env.BENCH_COMPARE_REQUESTS ?? 40);
const THIS = resolve(import.meta.dirname, '..');

/** Typed as this checkout's modules: the other one must offer the same functions. */
interface Modules {
  service: typeof registerService;
  database: typeof database;
  verifier: typeof tokenVerifier;
  http: typeof httpApp;
}

/** The register modules of a checkout, imported from its sources. */
async function modulesOf(checkout: string): Promise<Modules> {
  const from = (path: string) => import(pathToFileURL(resolve(checkout, 'packages/server/src', path)).href);
  return {
    service: await from('register/register-service.ts'),
    database: await from('store/database.ts'),
    verifier: await from('auth/token-verifier.ts'),
    http: await from('http/http-app.ts'),
  };
}

await withThrowAwayPostgres(async (databaseUrl) => {
  const db = await openDatabase({ databaseUrl });
  await loadPopulation(await openRegisterStore(db), { population: { persons: PERSONS, seed: 11 }, workers: os.availableParallelism() });
  const ids = (await query<{ id: string }>(db.kysely, 'SELECT folkeregisteridentifikator AS id FROM register.person ORDER BY random() LIMIT 1000')).map(
    (row) => row.id,
  );
  await db.close();

  const { jwk, omhToken } = await benchIssuer();

  const checkouts = [THIS, resolve(OTHER)];
  const servers = [];
  for (const checkout of checkouts) {
    const modules = await modulesOf(checkout);
    const serverDb = await modules.database.openDatabase({ databaseUrl });
    const verifier = modules.verifier.createTokenVerifier({ issuers: [{ issuer: BENCH_ISSUER, jwks: async () => ({ keys: [jwk] }) }] });
    const service = await modules.service.startRegisterService({ db: serverDb, verifier, adminToken: randomUUID(), requestsPerMinute: 100_000_000 });
    await service.ready();
    servers.push({ checkout, url: (await modules.http.listen(service.app, 0)).slice(0, -1), service, db: serverDb, times: [] as number[] });
  }

  const body = JSON.stringify({ foedselsEllerDNummer: ids });
  for (let round = 0; round < REQUESTS + 3; round++) {
    for (const server of servers) {
      const started = performance.now();
      const response = await fetch(`${server.url}${OMH.pathPrefix}/personer/bulkoppslag`, {
        method: 'POST',
        headers: { authorization: `Bearer ${omhToken}`, 'content-type': 'application/json' },
        body,
      });
      await response.text();
      if (response.status !== 200) throw new Error(`${server.checkout}: HTTP ${response.status}`);
      if (round >= 3) server.times.push(performance.now() - started); // the first rounds warm both up
    }
  }
  const median = (times: number[]) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? NaN;
  console.table(
    servers.map((server) => ({
      checkout: server.checkout,
      'median ms': Number(median(server.times).toFixed(1)),
      'fastest ms': Number(Math.min(...server.times).toFixed(1)),
      requests: server.times.length,
    })),
  );
  for (const server of servers) {
    await server.service.close();
    await server.db.close();
  }
});
