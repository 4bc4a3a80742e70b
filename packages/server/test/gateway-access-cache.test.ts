// The proxy's access cache: one store read per integration–role pair, forgotten at once when this process changes
// the configuration, when another process does (PostgreSQL NOTIFY), and not used at all while the listening
// connection is down.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openAccessCache, type AccessCache } from '../src/gateway/proxy/access-cache.js';
import { openGatewayStore, type GatewayConfigStore } from '../src/gateway/gateway-store.js';
import { openDatabase, type Database } from '../src/store/database.js';
import { query } from '../src/store/query.js';
import { throwAwayDataDir, throwAwayPostgres, type ThrowAway } from './databases.js';
import { OSLO_ID, OSLO_ORGNR, VENDOR_ORGNR, newRole } from './gateway-fixture.js';

interface Setup {
  store: GatewayConfigStore;
  cache: AccessCache;
  reads: () => number;
  integrationId: string;
  roleId: string;
  active: () => Promise<boolean | undefined>;
}

async function setUp(db: Database): Promise<Setup> {
  const store = await openGatewayStore(db);
  let reads = 0;
  const cache = await openAccessCache(
    db,
    {
      proxyAccess: (integrationId, roleId) => {
        reads += 1;
        return store.proxyAccess(integrationId, roleId);
      },
    },
    { relistenMs: 100 },
  );
  await store.createOrganisation({ fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' });
  const role = await store.createRole(OSLO_ID, newRole());
  const { integration } = await store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'Fagsystem', autorisertOrgnr: VENDOR_ORGNR });
  await store.grant(OSLO_ID, role.id, integration.id);
  return {
    store,
    cache,
    reads: () => reads,
    integrationId: integration.id,
    roleId: role.id,
    active: async () => (await cache.proxyAccess(integration.id, role.id))?.role?.aktiv,
  };
}

async function eventually(condition: () => Promise<boolean>, timeoutMs = 3_000): Promise<number> {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return Date.now() - started;
}

describe('gateway access cache (pglite)', () => {
  let throwAway: ThrowAway;
  let db: Database;
  let setup: Setup;
  before(async () => {
    throwAway = throwAwayDataDir();
    db = await openDatabase(throwAway.options);
    setup = await setUp(db);
  });
  after(async () => {
    await setup.cache.close();
    await db.close();
    await throwAway.remove();
  });

  test('reads the store once per pair, and again at once after this process changes the configuration', async () => {
    const before = setup.reads();
    assert.equal(await setup.active(), true);
    assert.equal(await setup.active(), true);
    assert.equal(setup.reads(), before + 1);

    await setup.store.setRoleActive(OSLO_ID, setup.roleId, false);
    assert.equal(await setup.active(), false, 'no waiting: the change was made in this process');
    assert.equal(setup.reads(), before + 2);
  });
});

describe('gateway access cache (postgres)', () => {
  let throwAway: ThrowAway;
  let db: Database;
  let otherProcess: Database;
  let setup: Setup;
  before(async () => {
    throwAway = await throwAwayPostgres();
    db = await openDatabase(throwAway.options);
    otherProcess = await openDatabase(throwAway.options);
    setup = await setUp(db);
  });
  after(async () => {
    await setup.cache.close();
    await otherProcess.close();
    await db.close();
    await throwAway.remove();
  });

  test('a change committed by another process clears it through NOTIFY within moments', async () => {
    const other = await openGatewayStore(otherProcess);
    assert.equal(await setup.active(), true);
    const before = setup.reads();
    assert.equal(await setup.active(), true);
    assert.equal(setup.reads(), before, 'served from the cache');

    await other.setRoleActive(OSLO_ID, setup.roleId, false);
    const waited = await eventually(async () => (await setup.active()) === false);
    assert.ok(waited < 1_000, `heard after ${waited} ms`);

    await other.revoke(OSLO_ID, setup.roleId, setup.integrationId);
    await eventually(async () => (await setup.cache.proxyAccess(setup.integrationId, setup.roleId))?.role === undefined);
  });

  test('while the listening connection is down nothing is cached; once it listens again, caching resumes', async () => {
    const other = await openGatewayStore(otherProcess);
    await other.grant(OSLO_ID, setup.roleId, setup.integrationId);
    await other.setRoleActive(OSLO_ID, setup.roleId, true);
    await eventually(async () => (await setup.active()) === true);

    const [terminated] = await query<{ n: number }>(
      otherProcess.kysely,
      `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND query LIKE 'LISTEN%'`,
    );
    assert.equal(terminated?.n, 1);
    // Until the break is noticed the cache may still answer; after it, every call reads the store.
    await eventually(async () => {
      const before = setup.reads();
      await setup.active();
      return setup.reads() === before + 1;
    });
    const before = setup.reads();
    await setup.active();
    await setup.active();
    assert.equal(setup.reads(), before + 2, 'not cached while nobody listens');

    await eventually(async () => {
      await setup.active();
      const reads = setup.reads();
      await setup.active();
      return setup.reads() === reads;
    });
    await other.setRoleActive(OSLO_ID, setup.roleId, false);
    await eventually(async () => (await setup.active()) === false);
  });
});
