// The register API under load, over a generated population: single lookups (throughput, p50/p99) compared in the
// same run with a bare node:http server that returns the same stored bytes; bulk lookups of the same 1 000 random
// residents; feed pages of 1 000; a tilpasset uttrekk of a whole large kommune (time until every batch is ready).
// Load comes from a worker thread (its own event loop) over keep-alive connections to 127.0.0.1; every phase is
// bounded in time.
// Run: node --conditions=folkeport-source --import tsx bench/register-api.bench.ts
// Sizes: BENCH_API_POSTGRES_PERSONS (default 1000000 residents; 0 skips), BENCH_API_PGLITE_PERSONS (default 20000,
// the `folkeport up` default; 0 skips), BENCH_API_SECONDS (default 10 per load phase), BENCH_API_CONCURRENCY (32).
// PostgreSQL from FOLKEPORT_TEST_DATABASE_URL (a throw-away database is created and dropped).
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { createTokenVerifier } from '../packages/server/src/auth/token-verifier.js';
import { listen } from '../packages/server/src/http/http-app.js';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import { startRegisterService } from '../packages/server/src/register/register-service.js';
import { openRegisterStore } from '../packages/server/src/register/register-store.js';
import { openDatabase, type Database, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { query } from '../packages/server/src/store/query.js';
import { BENCH_ISSUER, benchIssuer, OMH } from './bench-issuer.js';
import { load, type LoadResult } from './http-load.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const POSTGRES_PERSONS = Number(process.env.BENCH_API_POSTGRES_PERSONS ?? 1_000_000);
const PGLITE_PERSONS = Number(process.env.BENCH_API_PGLITE_PERSONS ?? 20_000);
const SECONDS = Number(process.env.BENCH_API_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_API_CONCURRENCY ?? 32);

/** The baseline: node:http answering GET /personer/{id} with the stored document bytes (no auth, no projection). */
async function bareServer(db: Database): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const id = /^\/personer\/(\d{11})$/.exec(request.url ?? '')?.[1];
    if (!id) return response.writeHead(404).end();
    query<{ dokument: string }>(
      db.kysely,
      `SELECT v.dokument FROM register.identifier i JOIN register.person p USING (person_key)
       JOIN register.person_version v ON v.dokumentidentifikator = p.dokumentidentifikator WHERE i.identifikator = $1`,
      [id],
    ).then(
      ([row]) => (row ? response.writeHead(200, { 'content-type': 'application/json' }).end(row.dokument) : response.writeHead(404).end()),
      () => response.writeHead(500).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function bench(label: string, source: DatabaseOptions, persons: number) {
  const db = await openDatabase(source);
  const rows: Record<string, string | number>[] = [];
  try {
    const register = await openRegisterStore(db);
    let started = performance.now();
    const loaded = await loadPopulation(register, { population: { persons, seed: 11 }, workers: os.availableParallelism() });
    console.log(`${label}: ${loaded.storedPersons} persons generated and stored in ${((performance.now() - started) / 1000).toFixed(1)} s`);

    const { jwk, omhToken } = await benchIssuer();
    const verifier = createTokenVerifier({ issuers: [{ issuer: BENCH_ISSUER, jwks: async () => ({ keys: [jwk] }) }] });
    started = performance.now();
    const service = await startRegisterService({ db, verifier, adminToken: randomUUID(), requestsPerMinute: 100_000_000 });
    await service.ready();
    console.log(`${label}: register service ready (feeds and search index caught up) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const url = (await listen(service.app, 0)).slice(0, -1);
    const bare = await bareServer(db);
    const auth = { authorization: `Bearer ${omhToken}` };
    try {
      const ids = (
        await query<{ id: string }>(db.kysely, `SELECT folkeregisteridentifikator AS id FROM register.person ORDER BY random() LIMIT 20000`)
      ).map((row) => row.id);

      const baseline = await load({ base: bare.url, paths: ids.map((id) => `/personer/${id}`), headers: {}, concurrency: CONCURRENCY, seconds: SECONDS });
      const lookups = await load({ base: url, paths: ids.map((id) => `${OMH.pathPrefix}/personer/${id}`), headers: auth, concurrency: CONCURRENCY, seconds: SECONDS });
      rows.push(row(label, 'bare node:http, same stored bytes', baseline));
      rows.push({ ...row(label, 'GET personer/{id} (OMH)', lookups), 'vs bare': `${Math.round((100 * lookups.perSecond) / baseline.perSecond)} %` });

      const bulk = await load({
        base: url,
        paths: [`${OMH.pathPrefix}/personer/bulkoppslag`],
        headers: { ...auth, 'content-type': 'application/json' },
        concurrency: 1,
        seconds: SECONDS,
        method: 'POST',
        body: JSON.stringify({ foedselsEllerDNummer: ids.slice(0, 1000) }), // the same 1 000 each time
      });
      rows.push(row(label, 'POST personer/bulkoppslag, 1 000 ids', bulk));

      const last = Number(await (await fetch(`${url}${OMH.pathPrefix}/hendelser/siste/sekvensnummer`, { headers: auth })).text());
      const seqs = Array.from({ length: 200 }, (_, i) => 1 + Math.floor(((last - 1000) * i) / 200));
      const feed = await load({ base: url, paths: seqs.map((seq) => `${OMH.pathPrefix}/hendelser/feed?seq=${seq}`), headers: auth, concurrency: 1, seconds: SECONDS });
      rows.push(row(label, 'GET hendelser/feed, page of 1 000', feed));

      started = performance.now();
      const job = await fetch(`${url}${OMH.pathPrefix}/uttrekk/tilpasset`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({ personstatustyper: ['bosatt'], kommunenummer: { bostedskommunenummer: '0301' } }),
      });
      const { jobbId } = (await job.json()) as { jobbId: string };
      let identifiers = 0;
      for (let batch = 0; ; ) {
        const response = await fetch(`${url}${OMH.pathPrefix}/uttrekk/${jobbId}/batch/${batch}`, { headers: auth });
        if (response.status === 404) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          continue;
        }
        const body = (await response.json()) as { foedselsEllerDNummer?: string[] };
        if (!body.foedselsEllerDNummer) break;
        identifiers += body.foedselsEllerDNummer.length;
        batch += 1;
      }
      rows.push({ database: label, measure: `uttrekk tilpasset, kommune 0301 bosatt: ${identifiers} ids, all batches ready`, seconds: Number(((performance.now() - started) / 1000).toFixed(2)) });
    } finally {
      await bare.close();
      await service.close();
    }
  } finally {
    await db.close();
  }
  return rows;
}

function row(database: string, measure: string, result: LoadResult) {
  return { database, measure, 'req/s': result.perSecond, 'p50 ms': result.p50, 'p99 ms': result.p99, requests: result.requests, errors: result.errors };
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores; load: ${CONCURRENCY} connections, ${SECONDS} s per phase`);
const results = [];
if (POSTGRES_PERSONS > 0) results.push(...(await withThrowAwayPostgres((url) => bench('PostgreSQL', { databaseUrl: url }, POSTGRES_PERSONS))));
if (PGLITE_PERSONS > 0) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
  try {
    results.push(...(await bench('PGlite', { dataDir }, PGLITE_PERSONS)));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.table(results);
