// Per-package feeds: the feed writer catching up a freshly loaded population (one personErOpprettet per
// person, into all ten packages' feeds), then a batch of live changes (renames and moves), and the HTTP feed
// page of 1 000 items (p50/p99 through the whole route: token, negotiation, read, JSON, ETag).
// Besides wall time it reports the CPU time spent (this process plus, on Linux, the PostgreSQL backends serving
// the bench database), which stays meaningful on a machine shared with other work.
// Run: node --conditions=folkeport-source --import tsx bench/feed-catchup.bench.ts (a few minutes)
// Sizes: BENCH_FEED_PERSONS residents (default 85 000, which stores ≈ 100 000 persons), BENCH_FEED_CHANGES
// (default 10 000); BENCH_FEED_PGLITE=0 skips the embedded database.
// PostgreSQL from FOLKEPORT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test (a throw-away
// database is created and dropped).
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import { openFeedWriter } from '../packages/server/src/register/feed/feed-writer.js';
import { registerFeedRoutes } from '../packages/server/src/register/feed/feed-routes.js';
import { openRegisterStore, type RegisterStore } from '../packages/server/src/register/register-store.js';
import { openDatabase, type Database, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { registerApi, tokenFor } from '../packages/server/test/register-api-fixture.js';
import { current, move, rename } from '../packages/server/test/register-feed-fixture.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const RESIDENTS = Number(process.env.BENCH_FEED_PERSONS ?? 85_000);
const CHANGES = Number(process.env.BENCH_FEED_CHANGES ?? 10_000);
const PAGE_READS = 200;

const seconds = (since: number) => (performance.now() - since) / 1000;

/** CPU clock ticks so far of each PostgreSQL backend connected to `database` (Linux /proc). */
function postgresTicks(database: string): Map<string, number> {
  const ticks = new Map<string, number>();
  for (const pid of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
    try {
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!command.startsWith('postgres: ') || !command.includes(` ${database} `)) continue;
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks.set(pid, Number(fields[11]) + Number(fields[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks;
}

/**
 * Starts counting CPU time: this process (all threads; PGlite runs here) plus the database's backends (100
 * clock ticks per second). Backends that exit meanwhile (idle pool connections) were idle and are left out.
 */
function cpuMeter(database: string | undefined): () => number {
  const own = process.cpuUsage();
  const before = database === undefined ? new Map<string, number>() : postgresTicks(database);
  return () => {
    const spent = process.cpuUsage(own);
    let ticks = 0;
    if (database !== undefined) {
      for (const [pid, now] of postgresTicks(database)) ticks += now - (before.get(pid) ?? 0);
    }
    return (spent.user + spent.system) / 1e6 + ticks / 100;
  };
}

/** Renames and moves of the first persons of the register, a few in flight at once. */
async function applyChanges(register: RegisterStore, count: number) {
  const events = await register.events(1, count);
  let next = 0;
  const worker = async () => {
    while (next < events.length) {
      const event = events[next++];
      if (!event) return;
      const person = await register.currentByIdentifier(event.folkeregisteridentifikator);
      if (!person) continue;
      const change = next % 2 === 0 && current(person.document, 'bostedsadresse')?.vegadresse ? move(person.document) : rename(person.document, 'BENK');
      await register.applyChange(event.folkeregisteridentifikator, change);
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return events.length;
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function run(label: string, db: Database, database?: string) {
  const register = await openRegisterStore(db);
  const loadStarted = performance.now();
  await loadPopulation(register, { population: { persons: RESIDENTS, seed: 3 }, workers: os.availableParallelism() });
  const events = await register.lastEventSequence();
  console.log(`${label}: ${events} persons loaded in ${seconds(loadStarted).toFixed(1)} s`);

  const writer = await openFeedWriter(db);
  let started = performance.now();
  let cpu = cpuMeter(database);
  const items = await writer.catchUp();
  const catchUp = seconds(started);
  const catchUpCpu = cpu();

  const changes = await applyChanges(register, CHANGES);
  started = performance.now();
  cpu = cpuMeter(database);
  const changeItems = await writer.catchUp();
  const changeCatchUp = seconds(started);
  const changeCatchUpCpu = cpu();

  const api = await registerApi(db, [registerFeedRoutes], { persons: [] });
  const token = await tokenFor('offentligMedHjemmel');
  const timings: number[] = [];
  cpu = cpuMeter(database);
  for (let i = 0; i < PAGE_READS; i++) {
    const seq = 1 + Math.floor(Math.random() * (events - 1000));
    const t = performance.now();
    const response = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq}`, { token });
    timings.push(performance.now() - t);
    if (response.status !== 200 || !response.body.startsWith(`[{"sekvensnummer":${seq},`)) {
      throw new Error(`page at ${seq}: ${response.status}`);
    }
  }
  const pageCpu = cpu() / PAGE_READS;
  timings.sort((a, b) => a - b);
  await api.app.close();
  return {
    database: label,
    'creation events': events,
    'feed items': items,
    'catch-up s': Number(catchUp.toFixed(2)),
    'catch-up CPU s': Number(catchUpCpu.toFixed(2)),
    'events/CPU s': Math.round(events / catchUpCpu),
    changes,
    'change items': changeItems,
    'change catch-up s': Number(changeCatchUp.toFixed(2)),
    'change CPU s': Number(changeCatchUpCpu.toFixed(2)),
    'page p50 ms': Number(percentile(timings, 50).toFixed(1)),
    'page p99 ms': Number(percentile(timings, 99).toFixed(1)),
    'page CPU ms': Number((pageCpu * 1000).toFixed(1)),
  };
}

async function withDatabase<T>(options: DatabaseOptions, body: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await body(db);
  } finally {
    await db.close();
  }
}

async function postgres(label: string) {
  return withThrowAwayPostgres((url) => withDatabase({ databaseUrl: url }, (db) => run(label, db, new URL(url).pathname.slice(1))));
}

async function pglite(label: string) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
  try {
    return await withDatabase({ dataDir }, (db) => run(label, db));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}`);
const rows = [await postgres('PostgreSQL')];
if (process.env.BENCH_FEED_PGLITE !== '0') rows.push(await pglite('PGlite'));
console.table(rows);
