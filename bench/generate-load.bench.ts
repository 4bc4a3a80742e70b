// Generation + load: `loadPopulation` (planning on the main thread, rendering in worker threads, storing
// chunk by chunk) into PostgreSQL (a throw-away database) and into the embedded PGlite (a temporary data
// directory). Prints persons/s, wall time and the process's peak resident memory (all threads).
// Run: node --conditions=folkeport-source --import tsx bench/generate-load.bench.ts
// Sizes: BENCH_POSTGRES_PERSONS (default 200000 residents), BENCH_PGLITE_PERSONS (default 100000); render
// workers: BENCH_WORKERS (default the number of cores);
// PostgreSQL from FOLKEPORT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import { openRegisterStore } from '../packages/server/src/register/register-store.js';
import { openDatabase, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const POSTGRES_PERSONS = Number(process.env.BENCH_POSTGRES_PERSONS ?? 200_000);
const PGLITE_PERSONS = Number(process.env.BENCH_PGLITE_PERSONS ?? 100_000);
const WORKERS = Number(process.env.BENCH_WORKERS ?? os.availableParallelism());

async function run(label: string, source: DatabaseOptions, persons: number) {
  const db = await openDatabase(source);
  try {
    const store = await openRegisterStore(db);
    const started = performance.now();
    const result = await loadPopulation(store, { population: { persons, seed: 1 }, workers: WORKERS });
    const seconds = (performance.now() - started) / 1000;
    return {
      database: label,
      residents: persons,
      'persons stored': result.storedPersons,
      seconds: Number(seconds.toFixed(1)),
      'persons/s': Math.round(result.storedPersons / seconds),
    };
  } finally {
    await db.close();
  }
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}; ${WORKERS} render workers`);
const rows = [];
rows.push(await withThrowAwayPostgres((url) => run('PostgreSQL', { databaseUrl: url }, POSTGRES_PERSONS)));
const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
try {
  rows.push(await run('PGlite', { dataDir }, PGLITE_PERSONS));
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
console.table(rows);
console.log(`peak resident memory (all threads): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`);
