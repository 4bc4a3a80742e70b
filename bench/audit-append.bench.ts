// Audit log: appends per second and append latency (each append awaited until its flush committed) on
// PostgreSQL (a throw-away database) with 1, 32 and 256 appends in flight, 4 logs × 8 in flight (four register
// instances on one database), bulk-lookup entries of 1 000 persons, the embedded PGlite at 32 in flight;
// then `verify` over the whole PostgreSQL log. Goal: ≥ 5 000 entries/s, so appending never limits lookups.
// Run: node --conditions=folkeport-source --import tsx bench/audit-append.bench.ts (about 1 minute).
// PostgreSQL: FOLKEPORT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
import os from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { createIdGenerator } from '@folkeport/identity';
import { openAuditLog, type AuditLog } from '../packages/server/src/audit/audit-log.js';
import type { AuditEntry } from '../packages/server/src/audit/audit-entry.js';
import { openDatabase, type Database } from '../packages/server/src/store/database.js';
import { query } from '../packages/server/src/store/query.js';

const DATABASE_URL = process.env.FOLKEPORT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const ids = createIdGenerator({ seed: 11 });
const PERSONS = Array.from({ length: 20_000 }, () => ids.next());
const CONSUMERS = ['974760673', '889640782', '991825827', '999999999'];
// A person lookup's elements after minimisation (privat package, roughly).
const ELEMENTS = ['identifikasjonsnummer', 'navn', 'kjoenn', 'foedsel', 'foedselsdato', 'status', 'sivilstand',
  'bostedsadresse', 'postadresse', 'statsborgerskap', 'doedsfall', 'vergemaalEllerFremtidsfullmakt'];

let next = 0;
function lookupEntry(): AuditEntry {
  const i = next++;
  return {
    time: new Date(),
    consumerOrg: CONSUMERS[i % CONSUMERS.length] as string,
    supplierOrg: i % 3 === 0 ? '123456785' : undefined,
    clientId: 'c0a8f5e2-5d1b-4f7e-9a55-1f2e3d4c5b6a',
    package: 'privat',
    action: 'personoppslag',
    persons: [PERSONS[i % PERSONS.length] as string],
    elements: ELEMENTS,
  };
}

function bulkEntry(): AuditEntry {
  const start = (next++ * 1000) % (PERSONS.length - 1000);
  return { ...lookupEntry(), action: 'bulkoppslag', persons: PERSONS.slice(start, start + 1000) };
}

interface Run {
  entries: number;
  seconds: number;
  latencies: number[];
}

/** `inFlight` workers spread over `logs`, each appending and awaiting, until `total` entries are in. */
async function appendRun(logs: AuditLog[], inFlight: number, total: number, make: () => AuditEntry): Promise<Run> {
  let issued = 0;
  const latencies: number[] = [];
  const worker = async (log: AuditLog) => {
    while (issued < total) {
      issued++;
      const begin = performance.now();
      await log.append(make());
      latencies.push(performance.now() - begin);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(logs[w % logs.length] as AuditLog)));
  return { entries: total, seconds: (performance.now() - start) / 1000, latencies };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Transactions that wrote the log's rows so far: one per flush. */
async function flushes(db: Database): Promise<number> {
  const [row] = await query<{ n: number }>(db.kysely, 'SELECT count(DISTINCT xmin::text)::int AS n FROM audit.entry');
  return row?.n ?? 0;
}

async function measure(db: Database, label: string, logs: AuditLog[], inFlight: number, total: number, make = lookupEntry) {
  await appendRun(logs, inFlight, Math.min(500, total), make); // warm-up
  const flushesBefore = await flushes(db);
  const run = await appendRun(logs, inFlight, total, make);
  const flushCount = (await flushes(db)) - flushesBefore;
  const perSecond = run.entries / run.seconds;
  console.log(
    `| ${label} | ${run.entries.toLocaleString('en')} | ${Math.round(perSecond).toLocaleString('en')} | ` +
      `${percentile(run.latencies, 50).toFixed(2)} | ${percentile(run.latencies, 99).toFixed(2)} | ${(run.entries / flushCount).toFixed(1)} |`,
  );
}

// PostgreSQL, a throw-away database.
const admin = new pg.Client({ connectionString: DATABASE_URL });
await admin.connect();
const name = `folkeport_bench_${randomBytes(4).toString('hex')}`;
await admin.query(`CREATE DATABASE ${name}`);
const url = new URL(DATABASE_URL);
url.pathname = `/${name}`;
const postgres = await openDatabase({ databaseUrl: url.toString() });
const pgliteDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
try {
  console.log(`Node ${process.version}, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);
  console.log('| run | entries | entries/s | p50 ms | p99 ms | entries per flush |\n|---|---:|---:|---:|---:|---:|');
  const log = await openAuditLog(postgres);
  await measure(postgres, 'PostgreSQL, 1 in flight', [log], 1, 3_000);
  await measure(postgres, 'PostgreSQL, 32 in flight', [log], 32, 60_000);
  await measure(postgres, 'PostgreSQL, 256 in flight', [log], 256, 100_000);
  const four = await Promise.all(Array.from({ length: 4 }, () => openAuditLog(postgres)));
  await measure(postgres, 'PostgreSQL, 4 logs × 8 in flight', four, 32, 60_000);
  await measure(postgres, 'PostgreSQL, bulk entries (1 000 persons), 8 in flight', [log], 8, 1_000, bulkEntry);

  const pglite = await openDatabase({ dataDir: pgliteDir });
  try {
    await measure(pglite, 'PGlite, 32 in flight', [await openAuditLog(pglite)], 32, 20_000);
  } finally {
    await pglite.close();
  }

  const verified = await log.verify();
  const start = performance.now();
  const again = await log.verify();
  const seconds = (performance.now() - start) / 1000;
  if (!verified.ok || !again.ok) throw new Error('the benchmark log does not verify');
  console.log(`verify (PostgreSQL): ${again.entries.toLocaleString('en')} entries in ${seconds.toFixed(2)} s = ` +
    `${Math.round(again.entries / seconds).toLocaleString('en')} entries/s`);
} finally {
  await postgres.close();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.end();
  rmSync(pgliteDir, { recursive: true, force: true });
}
