import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RIGHTS_PACKAGES, packageById } from '@folkeport/model';
import type { RegisterRoutes } from '../src/register/api/register-api.js';
import { describeDatabases } from './databases.js';
import { CONSUMER_ORG, SUPPLIER_ORG, registerApi, tokenFor } from './register-api-fixture.js';

/** A route under every package that answers with who called through which package. */
const whoAmI: RegisterRoutes = (app) => {
  for (const pkg of RIGHTS_PACKAGES) {
    app.get(`${pkg.pathPrefix}/whoami`, async (request) => ({ package: request.pkg.id, caller: request.caller }));
  }
};

describeDatabases('register API: authentication, scope, rate limit, errors', (target) => {
  test('a token with the package scope gets through, naming consumer and supplier', async () => {
    const api = await registerApi(target.db, [whoAmI], { persons: [] });
    const token = await tokenFor('offentligMedHjemmel', { supplierOrg: SUPPLIER_ORG });
    const response = await api.call('offentligMedHjemmel', 'GET', '/whoami', { token });
    assert.equal(response.status, 200);
    assert.deepEqual(response.json(), {
      package: 'offentligMedHjemmel',
      caller: { consumerOrg: CONSUMER_ORG, supplierOrg: SUPPLIER_ORG, clientId: 'test-client' },
    });
  });

  test('no token, a forged token → 401 with WWW-Authenticate and the FREG error body', async () => {
    const api = await registerApi(target.db, [whoAmI], { persons: [] });
    const prefix = packageById('offentligMedHjemmel').pathPrefix;
    const missing = await api.app.inject({ method: 'GET', url: `${prefix}/whoami` });
    assert.equal(missing.statusCode, 401);
    assert.match(String(missing.headers['www-authenticate']), /^Bearer realm=/);
    assert.deepEqual(Object.keys(missing.json()), ['kode', 'melding']);
    assert.equal(missing.json().kode, 'FREG-401');
    const token = await tokenFor('offentligMedHjemmel');
    const forged = `${token.slice(0, -4)}AAAA`;
    const response = await api.call('offentligMedHjemmel', 'GET', '/whoami', { token: forged });
    assert.equal(response.status, 401);
    assert.match(String(response.headers['www-authenticate']), /error="invalid_token"/);
  });

  test("a token for another package's scope → 403", async () => {
    const api = await registerApi(target.db, [whoAmI], { persons: [] });
    const response = await api.call('offentligMedHjemmel', 'GET', '/whoami', { token: await tokenFor('privat') });
    assert.equal(response.status, 403);
    assert.equal(response.json().kode, 'FREG-403');
    assert.match(response.json().melding, /folkeregister:deling\/offentligmedhjemmel/);
  });

  test('over the per-organisation limit → 429 with Retry-After in milliseconds; other organisations unaffected', async () => {
    let now = Date.parse('2026-11-22T12:00:00Z');
    const api = await registerApi(target.db, [whoAmI], { persons: [], requestsPerMinute: 3, clock: () => now });
    const token = await tokenFor('privat');
    for (let i = 0; i < 3; i++) assert.equal((await api.call('privat', 'GET', '/whoami', { token })).status, 200);
    now += 15_000;
    const limited = await api.call('privat', 'GET', '/whoami', { token });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers['retry-after'], '45000');
    assert.equal(limited.json().kode, 'FREG-429');
    const other = await tokenFor('privat', { consumerOrg: '889640782' });
    assert.equal((await api.call('privat', 'GET', '/whoami', { token: other })).status, 200);
    now += 45_000;
    assert.equal((await api.call('privat', 'GET', '/whoami', { token })).status, 200);
  });

  test('unknown paths → 404 in the FREG error format; /health answers', async () => {
    const api = await registerApi(target.db, [whoAmI], { persons: [] });
    const unknown = await api.call('offentligMedHjemmel', 'GET', '/no/such/thing');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json().kode, 'FREG-404');
    const health = await api.app.inject({ method: 'GET', url: '/health' });
    assert.deepEqual(health.json(), { status: 'ok' });
  });
});
