// Uttrekk on PostgreSQL: time from ordering an extract until all its batches are ready, and to read them all,
// for a tilpasset extract of a whole large kommune (0301 Oslo), of every bosatt person, and a komplett at the
// last feed sequence number. Each extract runs three times; the table shows the median. Reading includes the
// audit entry of each batch (kept in memory here).
// Run: node --conditions=folkeport-source --import tsx bench/register-uttrekk.bench.ts
// Population: BENCH_UTTREKK_DATABASE_URL names a database already loaded by `folkeport generate` (left as it
// is); otherwise a throw-away database on FOLKEPORT_TEST_DATABASE_URL's server (default
// postgres://postgres@127.0.0.1:5432/test) is loaded with `folkeport generate --persons BENCH_PERSONS`
// (default 100000) and dropped afterwards.
import { spawnSync } from 'node:child_process';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { openFeedWriter } from '../packages/server/src/register/feed/feed-writer.js';
import { createUttrekkService } from '../packages/server/src/register/uttrekk/uttrekk-runner.js';
import { registerUttrekkRoutes } from '../packages/server/src/register/uttrekk/uttrekk-routes.js';
import { openDatabase } from '../packages/server/src/store/database.js';
import { registerApi } from '../packages/server/test/register-api-fixture.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const PERSONS = Number(process.env.BENCH_PERSONS ?? 100_000);
const RUNS = 3;
const OMH = 'offentligMedHjemmel';
const ALL_STATUSES = ['aktiv', 'bosatt', 'utflyttet', 'doed', 'inaktiv'];

async function measure(databaseUrl: string) {
  const db = await openDatabase({ databaseUrl });
  try {
    const api = await registerApi(db, [registerUttrekkRoutes], { persons: [] });
    await api.app.ready();
    const { rows: stored } = await sql<{ persons: number }>`SELECT count(*)::integer AS persons FROM register.person`.execute(db.kysely);
    console.log(`persons in the register: ${stored[0]?.persons}`);
    const feedStarted = performance.now();
    const appended = await (await openFeedWriter(db)).catchUp();
    console.log(`feed catch-up: ${appended} items in ${Math.round(performance.now() - feedStarted)} ms (not part of the figures below)`);
    const runner = await createUttrekkService(db);

    const extract = async (label: string, request: () => ReturnType<typeof api.call>) => {
      const runs = [];
      for (let run = 0; run < RUNS; run++) {
        const ordered = performance.now();
        const response = await request();
        if (response.status !== 200) throw new Error(`${label}: ${response.status} ${response.body}`);
        const jobbId = (response.json() as { jobbId: string }).jobbId;
        // Ready = the job is finished: a batch number far beyond the end turns from 404 (not ready) to 410.
        while ((await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/999999999`)).status === 404) await sleep(5);
        const ready = performance.now();
        let identifiers = 0;
        let batches = 0;
        let batch = await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/0`);
        for (;;) {
          const lists = Object.values(batch.json() as Record<string, string[]>);
          if (lists.length === 0) break;
          identifiers += lists[0]?.length ?? 0;
          batches++;
          batch = await api.call(OMH, 'GET', `/uttrekk/${jobbId}/batch/${batches}`);
        }
        runs.push({ identifiers, batches, ready: ready - ordered, read: performance.now() - ready });
      }
      const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
      return {
        extract: label,
        identifiers: runs[0]?.identifiers,
        batches: runs[0]?.batches,
        'ms to all batches ready': Math.round(median(runs.map((r) => r.ready))),
        'ms to read all batches': Math.round(median(runs.map((r) => r.read))),
      };
    };

    const tilpasset = (body: object) => () => api.call(OMH, 'POST', '/uttrekk/tilpasset', { body });
    const rows = [
      await extract('tilpasset, bostedskommune 0301', tilpasset({ personstatustyper: ALL_STATUSES, kommunenummer: { bostedskommunenummer: '0301' } })),
      await extract('tilpasset, all bosatt', tilpasset({ personstatustyper: ['bosatt'] })),
      await extract('komplett at the last sequence number', () => api.call(OMH, 'GET', `/uttrekk/komplett?feedsekvensnr=${Number.MAX_SAFE_INTEGER}`)),
    ];
    await runner.close();
    await api.app.close();
    return rows;
  } finally {
    await db.close();
  }
}

async function withGeneratedPopulation<T>(body: (url: string) => Promise<T>): Promise<T> {
  return withThrowAwayPostgres(async (url) => {
    const cli = fileURLToPath(new URL('../packages/server/bin/folkeport.js', import.meta.url));
    const started = performance.now();
    const generated = spawnSync(process.execPath, [cli, 'generate', '--persons', String(PERSONS), '--database-url', url], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (generated.status !== 0) throw new Error(`folkeport generate failed (exit ${generated.status})`);
    console.log(`folkeport generate --persons ${PERSONS}: ${Math.round((performance.now() - started) / 1000)} s`);
    return body(url);
  });
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}`);
const given = process.env.BENCH_UTTREKK_DATABASE_URL;
console.table(given ? await measure(given) : await withGeneratedPopulation(measure));
