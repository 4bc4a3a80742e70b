// The Fiks-compatible gateway in front of the register, on PostgreSQL: single lookups through the gateway
// (`/folkeregister/api/v1/{rolleId}/v1/personer/{id}`, the demo municipality's role without confidential data) against
// the same lookups straight to the register (the role's package, offentligUtenHjemmel, with the token the gateway
// itself gets), in the same run: throughput over 32 connections and latency over one connection (the added p50).
// Everything runs as in `folkeport up`: Maskinporten, register and gateway in this process, real tokens, the demo
// municipality of src/dev/demo-municipality.ts; the load comes from a worker thread.
// Run: node --conditions=folkeport-source --import tsx bench/gateway.bench.ts
// Sizes: BENCH_GATEWAY_PERSONS (default 100000 residents), BENCH_GATEWAY_SECONDS (default 5 per phase),
// BENCH_GATEWAY_ROUNDS (default 3 alternating rounds of each phase; the median is reported), BENCH_GATEWAY_CONCURRENCY (32). PostgreSQL from FOLKEPORT_TEST_DATABASE_URL (a throw-away database).
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { MaskinportenClient } from '@folkeport/client';
import { packageById } from '@folkeport/model';
import { createTokenVerifier } from '../packages/server/src/auth/token-verifier.js';
import { provisionDemoMunicipality } from '../packages/server/src/dev/demo-municipality.js';
import { startGatewayService } from '../packages/server/src/gateway/gateway-service.js';
import { openGatewayStore } from '../packages/server/src/gateway/gateway-store.js';
import { listen } from '../packages/server/src/http/http-app.js';
import { loadPopulation } from '../packages/server/src/loader/load-population.js';
import { KNOWN_SCOPES } from '../packages/server/src/maskinporten/known-scopes.js';
import { createMaskinportenServer } from '../packages/server/src/maskinporten/maskinporten-server.js';
import { openMaskinportenStore } from '../packages/server/src/maskinporten/maskinporten-store.js';
import { startRegisterService } from '../packages/server/src/register/register-service.js';
import { openRegisterStore } from '../packages/server/src/register/register-store.js';
import { openDatabase } from '../packages/server/src/store/database.js';
import { query } from '../packages/server/src/store/query.js';
import { load, type LoadResult } from './http-load.js';
import { withThrowAwayPostgres } from './throw-away-postgres.js';

const PERSONS = Number(process.env.BENCH_GATEWAY_PERSONS ?? 100_000);
const SECONDS = Number(process.env.BENCH_GATEWAY_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_GATEWAY_ROUNDS ?? 3);
const CONCURRENCY = Number(process.env.BENCH_GATEWAY_CONCURRENCY ?? 32);
const OUH = packageById('offentligUtenHjemmel');

async function bench(databaseUrl: string) {
  const db = await openDatabase({ databaseUrl });
  const stops: (() => Promise<unknown>)[] = [];
  try {
    const register = await openRegisterStore(db);
    const loaded = await loadPopulation(register, { population: { persons: PERSONS, seed: 11 }, workers: os.availableParallelism() });
    console.log(`${loaded.storedPersons} persons generated and stored`);

    const adminToken = randomUUID();
    const maskinporten = createMaskinportenServer({ store: await openMaskinportenStore(db), adminToken });
    await maskinporten.registry.ensureScopes(KNOWN_SCOPES);
    const issuer = await listen(maskinporten.app, 0);
    stops.push(() => maskinporten.app.close());
    maskinporten.setIssuer(issuer);
    const verifier = createTokenVerifier({ issuers: [{ issuer, jwks: () => maskinporten.keys.published() }] });

    const registerService = await startRegisterService({ db, verifier, adminToken, requestsPerMinute: 100_000_000 });
    await registerService.ready();
    const registerUrl = await listen(registerService.app, 0);
    stops.push(() => registerService.close());

    const municipality = await provisionDemoMunicipality(maskinporten.registry, await openGatewayStore(db), new Date());
    const client = (demo: typeof municipality.operator) =>
      new MaskinportenClient({ environment: { issuer }, clientId: demo.clientId, key: { jwk: demo.privateJwk } });
    const gateway = await startGatewayService({
      db,
      verifier,
      upstream: { baseUrl: registerUrl, maskinporten: client(municipality.operator) },
      adminToken,
    });
    const gatewayUrl = await listen(gateway.app, 0);
    stops.push(() => gateway.close());

    const { fiks } = municipality;
    const role = fiks.roles.find((candidate) => !candidate.kanHenteTaushetsbelagtInfo);
    if (!role) throw new Error('the demo municipality has no role without confidential data');
    // Direct: the very token the gateway sends upstream (the operator for the municipality).
    const direct = await client(municipality.operator).getToken({ scopes: [OUH.scope], consumerOrg: fiks.orgnr });
    const vendor = await client(municipality.vendor).getToken({ scopes: ['ks:fiks'] });
    const ids = (
      await query<{ id: string }>(db.kysely, `SELECT folkeregisteridentifikator AS id FROM register.person ORDER BY random() LIMIT 20000`)
    ).map((row) => row.id);
    const directLoad = (concurrency: number) =>
      load({
        base: registerUrl.slice(0, -1),
        paths: ids.map((id) => `${OUH.pathPrefix}/personer/${id}`),
        headers: { authorization: `Bearer ${direct.accessToken}` },
        concurrency,
        seconds: SECONDS,
      });
    const gatewayLoad = (concurrency: number) =>
      load({
        base: gatewayUrl.slice(0, -1),
        paths: ids.map((id) => `/folkeregister/api/v1/${role.id}/v1/personer/${id}`),
        headers: {
          authorization: `Bearer ${vendor.accessToken}`,
          integrasjonid: fiks.integrationId,
          integrasjonpassord: fiks.integrationPassword,
        },
        concurrency,
        seconds: SECONDS,
      });

    await directLoad(4); // warm-up of both paths (JIT, connection pools, token caches)
    await gatewayLoad(4);
    // Alternating rounds, the median of each: the machine's speed drifts between phases.
    const throughput = await alternating(() => directLoad(CONCURRENCY), () => gatewayLoad(CONCURRENCY));
    const latency = await alternating(() => directLoad(1), () => gatewayLoad(1));
    return [
      row(`direct to the register, ${CONCURRENCY} connections`, throughput.direct),
      { ...row(`through the gateway, ${CONCURRENCY} connections`, throughput.gateway), 'vs direct': percent(throughput.gateway, throughput.direct) },
      row('direct to the register, 1 connection', latency.direct),
      {
        ...row('through the gateway, 1 connection', latency.gateway),
        'vs direct': percent(latency.gateway, latency.direct),
        'added p50 ms': Number((latency.gateway.p50 - latency.direct.p50).toFixed(2)),
      },
    ];
  } finally {
    for (const stop of stops.reverse()) await stop();
    await db.close();
  }
}

/** ROUNDS rounds of direct then gateway; per path the round with the median throughput. */
async function alternating(direct: () => Promise<LoadResult>, gateway: () => Promise<LoadResult>) {
  const results = { direct: [] as LoadResult[], gateway: [] as LoadResult[] };
  for (let round = 0; round < ROUNDS; round++) {
    results.direct.push(await direct());
    results.gateway.push(await gateway());
  }
  const median = (list: LoadResult[]) => [...list].sort((a, b) => a.perSecond - b.perSecond)[Math.floor(list.length / 2)] as LoadResult;
  return { direct: median(results.direct), gateway: median(results.gateway) };
}

function row(measure: string, result: LoadResult) {
  return { measure, 'req/s': result.perSecond, 'p50 ms': result.p50, 'p99 ms': result.p99, requests: result.requests, errors: result.errors };
}

function percent(part: LoadResult, whole: LoadResult): string {
  return `${Math.round((100 * part.perSecond) / whole.perSecond)} %`;
}

console.log(`Node ${process.version}, ${os.availableParallelism()} cores; ${PERSONS} residents; ${ROUNDS} rounds of ${SECONDS} s per phase`);
console.table(await withThrowAwayPostgres(bench));
