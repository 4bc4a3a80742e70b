// Access tokens issued per second by the Maskinporten-compatible server, over HTTP on 127.0.0.1: the real
// server (createMaskinportenServer + listen), a client registered through the registry with a 2048-bit RSA
// key, every request a fresh grant (own jti) signed with that key, N requests in flight at a time. Once on
// PostgreSQL (a throw-away database) and once on the embedded PGlite (a temporary directory).
// Goal: ≥ 1 000 tokens/s issued.
// Run: node --conditions=folkeport-source --import tsx bench/token-issue.bench.ts (about 1 min)
// Knobs: BENCH_TOKENS (grants per measurement, default 3000), BENCH_SECONDS (time limit per measurement,
// default 6), BENCH_IN_FLIGHT (default 1,8,32), BENCH_DATABASES (default postgres,pglite);
// PostgreSQL from FOLKEPORT_TEST_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/test.
//
// Grants are signed in rounds of 1 000 outside the timed part (a real client signs on its own machine), each
// round sent while its iat is within the 10 s Maskinporten allows; a measurement stops at its token count or
// after its time limit of sending, whichever comes first. CPU ms/token is this whole process (server, HTTP
// client, thread pool) while sending; PostgreSQL's own CPU is not in it.
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { exportJWK, SignJWT } from 'jose';
import { sql } from 'kysely';
import { listen } from '../packages/server/src/http/http-app.js';
import { KNOWN_SCOPES } from '../packages/server/src/maskinporten/known-scopes.js';
import { createMaskinportenServer } from '../packages/server/src/maskinporten/maskinporten-server.js';
import { openMaskinportenStore } from '../packages/server/src/maskinporten/maskinporten-store.js';
import { openDatabase, type Database, type DatabaseOptions } from '../packages/server/src/store/database.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const TOKENS = Number(process.env.BENCH_TOKENS ?? 3000);
const TIME_LIMIT_MS = Number(process.env.BENCH_SECONDS ?? 6) * 1000;
/** Grants signed at a time: few enough to sign and send well within the grant's 10 s iat window. */
const ROUND = 1000;
const IN_FLIGHT = (process.env.BENCH_IN_FLIGHT ?? '1,8,32').split(',').map(Number);
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,pglite').split(',');
const GOAL = 1000;
/** A request that gets no answer fails the bench instead of hanging it. */
const REQUEST_TIMEOUT_MS = 30_000;

const ORGNR = '991825827'; // valid mod-11
const SCOPE = 'folkeregister:deling/offentligmedhjemmel';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface Target {
  url: URL;
  issuer: string;
  clientId: string;
  kid: string;
  key: KeyObject;
}

interface Measurement {
  tokens: number;
  seconds: number;
  latenciesMs: number[];
  /** CPU time of this whole process (server, HTTP client, thread pool) per token, in ms. */
  cpuMsPerToken: number;
  /** CPU time of the PostgreSQL server processes serving the bench's database per token, in ms (when readable). */
  databaseCpuMsPerToken: number | undefined;
}

/** Grants for one measurement: fresh jti each, one iat (seconds), signed on the thread pool. */
async function signGrants(target: Target, count: number): Promise<{ iat: number; bodies: string[] }> {
  const iat = Math.floor(Date.now() / 1000);
  const bodies = await Promise.all(
    Array.from({ length: count }, async () => {
      const assertion = await new SignJWT({ scope: SCOPE, jti: randomUUID() })
        .setProtectedHeader({ alg: 'RS256', kid: target.kid })
        .setAudience(target.issuer)
        .setIssuer(target.clientId)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 60)
        .sign(target.key);
      return new URLSearchParams({ grant_type: JWT_BEARER, assertion }).toString();
    }),
  );
  return { iat, bodies };
}

function postToken(target: Target, agent: http.Agent, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      target.url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      },
    );
    request.on('error', reject);
    request.setTimeout(REQUEST_TIMEOUT_MS, () => request.destroy(new Error(`no answer to a token request within ${REQUEST_TIMEOUT_MS} ms`)));
    request.end(body);
  });
}

/** Sends one round of grants with `inFlight` requests at a time until done or `deadline`; every answer must be a token. */
async function send(target: Target, inFlight: number, bodies: string[], deadline: number, latenciesMs: number[]): Promise<void> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight });
  let next = 0;
  const worker = async () => {
    while (next < bodies.length && performance.now() < deadline) {
      const body = bodies[next++] as string;
      const sent = performance.now();
      const { status, text } = await postToken(target, agent, body);
      if (status !== 200) throw new Error(`token request answered ${status}: ${text}`);
      if (!(JSON.parse(text) as { access_token?: string }).access_token) throw new Error(`no access_token in ${text}`);
      latenciesMs.push(performance.now() - sent);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, worker));
  agent.destroy();
}

/**
 * Up to `count` tokens in rounds of ROUND grants: each round's grants are signed (untimed), then sent
 * (timed) while their iat is within Maskinporten's 10 s; stops when `count` or TIME_LIMIT_MS of sending is reached.
 */
async function measure(target: Target, inFlight: number, count: number, databaseCpu: () => Promise<number | undefined>): Promise<Measurement> {
  const latenciesMs: number[] = [];
  let sendingMs = 0;
  let cpuMicros = 0;
  let databaseMs: number | undefined = 0;
  while (latenciesMs.length < count && sendingMs < TIME_LIMIT_MS) {
    const { iat, bodies } = await signGrants(target, Math.min(ROUND, count - latenciesMs.length));
    const started = performance.now();
    const deadline = Math.min(started + TIME_LIMIT_MS - sendingMs, started + (iat + 9) * 1000 - Date.now());
    const databaseBefore = await databaseCpu();
    const cpu = process.cpuUsage();
    await send(target, inFlight, bodies, deadline, latenciesMs);
    const used = process.cpuUsage(cpu);
    sendingMs += performance.now() - started;
    cpuMicros += used.user + used.system;
    const databaseAfter = await databaseCpu();
    databaseMs = databaseMs === undefined || databaseBefore === undefined || databaseAfter === undefined ? undefined : databaseMs + databaseAfter - databaseBefore;
  }
  const tokens = latenciesMs.length;
  return {
    tokens,
    seconds: sendingMs / 1000,
    latenciesMs,
    cpuMsPerToken: cpuMicros / 1000 / tokens,
    databaseCpuMsPerToken: databaseMs === undefined ? undefined : databaseMs / tokens,
  };
}

async function run(label: string, source: DatabaseOptions) {
  const db = await openDatabase(source);
  const rows = [];
  try {
    const server = createMaskinportenServer({ store: await openMaskinportenStore(db) });
    const base = await listen(server.app, 0);
    server.setIssuer(base);
    const { registry } = server;
    await registry.ensureScopes(KNOWN_SCOPES);
    await registry.grantScope(SCOPE, ORGNR);
    const client = await registry.createClient({ client_name: 'Token bench', client_orgno: ORGNR, scopes: [SCOPE] });
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const kid = `bench-${randomBytes(4).toString('hex')}`;
    await registry.replaceClientJwks(client.client_id, [{ ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' }]);
    const target: Target = { url: new URL('token', base), issuer: server.issuer(), clientId: client.client_id, kid, key: privateKey };

    const databaseCpu = label === 'PostgreSQL' ? () => postgresCpuMs(db) : async () => undefined; // PGlite runs in this process
    await measure(target, 8, 300, databaseCpu); // warm-up: JIT, connections, the imported signing key
    for (const inFlight of IN_FLIGHT) {
      const { tokens, seconds, latenciesMs, cpuMsPerToken, databaseCpuMsPerToken } = await measure(target, inFlight, TOKENS, databaseCpu);
      latenciesMs.sort((a, b) => a - b);
      const percentile = (p: number) => latenciesMs[Math.min(latenciesMs.length - 1, Math.floor(p * latenciesMs.length))] ?? 0;
      rows.push({
        database: label,
        'in flight': inFlight,
        tokens,
        seconds: Number(seconds.toFixed(2)),
        'tokens/s': Math.round(tokens / seconds),
        'p50 ms': Number(percentile(0.5).toFixed(1)),
        'p99 ms': Number(percentile(0.99).toFixed(1)),
        'CPU ms/token, Node': Number(cpuMsPerToken.toFixed(2)),
        'CPU ms/token, PostgreSQL': label === 'PGlite' ? 'in Node' : databaseCpuMsPerToken === undefined ? 'n/a' : Number(databaseCpuMsPerToken.toFixed(2)),
        // What the cores could issue if the bench had them to itself: the CPU per token is the whole cost.
        'CPU-bound ceiling/s': databaseCpuMsPerToken === undefined && label !== 'PGlite' ? 'n/a' : Math.round((os.availableParallelism() * 1000) / (cpuMsPerToken + (databaseCpuMsPerToken ?? 0))),
      });
    }
    await server.app.close();
  } finally {
    await db.close();
  }
  return rows;
}

/**
 * CPU time (ms) used so far by the PostgreSQL backends of this database, from /proc (a local server on Linux);
 * undefined when unreadable. Clock ticks are 10 ms, fine over thousands of tokens.
 */
async function postgresCpuMs(db: Database): Promise<number | undefined> {
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`.execute(db.kysely);
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime
    } catch {
      return undefined;
    }
  }
  return ticks * 10;
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores, ${os.cpus()[0]?.model ?? ''}; load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}`);
console.log(`up to ${TOKENS} tokens or ${TIME_LIMIT_MS / 1000} s per measurement`);
const rows = [];
if (DATABASES.includes('postgres')) rows.push(...(await withThrowAwayPostgres((url) => run('PostgreSQL', { databaseUrl: url }))));
if (DATABASES.includes('pglite')) {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'folkeport-bench-'));
  try {
    rows.push(...(await run('PGlite', { dataDir })));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
console.table(rows);
const best = Math.max(...rows.filter((row) => row.database === 'PostgreSQL').map((row) => row['tokens/s']), 0);
console.log(`Goal ≥ ${GOAL.toLocaleString('en-US')} tokens/s on PostgreSQL: ${best >= GOAL ? 'met' : 'NOT met'} (best ${best.toLocaleString('en-US')}/s)`);
