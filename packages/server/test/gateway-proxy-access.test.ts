// Authentication and isolation through the gateway: Fiks' header trio, the documented 401/403 answers, and
// each way access is taken away (role deactivated, grant revoked, password changed, delegation missing).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { describeGateway, OPERATOR_ORG, STRANGER_ORG, VENDOR_ORG, type GatewayWorld } from './gateway-proxy-fixture.js';

/** A resident the register has, by the identifier in use. */
function someResident(world: GatewayWorld): string {
  const person = world.persons.find((p) => p.document.status?.some((s) => s.erGjeldende && s.status === 'bosatt'));
  const id = person?.document.identifikasjonsnummer?.find((i) => i.erGjeldende)?.foedselsEllerDNummer;
  if (id === undefined) throw new Error('no resident in the fixture');
  return id;
}

function fiksError(answer: { json(): { status: number; error: string; errorId: string; path: string; message: string; timestamp: number; errorCode?: string } }, status: number, message?: RegExp) {
  const body = answer.json();
  assert.equal(body.status, status);
  assert.match(body.errorId, /^[0-9a-f-]{36}$/);
  assert.equal(typeof body.timestamp, 'number');
  assert.equal(typeof body.error, 'string');
  assert.ok(body.path.startsWith('/folkeregister/api/v1/'));
  assert.doesNotMatch(body.path, /personer\/\d{11}/, 'no identity number in the error path');
  if (message) assert.match(body.message, message);
  return body;
}

describeGateway('gateway proxy: authentication and isolation', (world) => {
  test('a lookup with the header trio (names in any case) returns the person document from the register', async () => {
    const w = world();
    const person = someResident(w);
    const answer = await w.proxy(w.roles.full.id, 'GET', `personer/${person}`);
    assert.equal(answer.status, 200, answer.body);
    assert.match(String(answer.headers['content-type']), /^application\/json/);
    assert.equal(answer.json().identifikasjonsnummer[0].foedselsEllerDNummer, person);

    const lowerCase = await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, {
      integration: null,
      headers: { integrasjonid: w.integrations.oslo.id, INTEGRASJONPASSORD: w.integrations.oslo.password },
    });
    assert.equal(lowerCase.status, 200, lowerCase.body);
  });

  test('no token, a token without ks:fiks, or a bad token: 401 «Klarte ikke å validere access_token»', async () => {
    const w = world();
    const person = someResident(w);
    for (const token of [null, 'not-a-jwt', (await w.operator.getToken({ scopes: ['folkeregister:deling/offentligmedhjemmel'], consumerOrg: w.organisations.oslo.orgnr })).accessToken]) {
      const answer = await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { token });
      assert.equal(answer.status, 401, answer.body);
      fiksError(answer, 401, /^Klarte ikke å validere access_token$/);
      assert.match(String(answer.headers['www-authenticate']), /^Bearer/);
    }
  });

  test('unknown integration, wrong password or another organisation\'s token: the same 401, never saying which', async () => {
    const w = world();
    const person = someResident(w);
    const { id, password } = w.integrations.oslo;
    const answers = [
      await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { integration: { id: '6e2a3f9c-0d1b-4c5e-8f7a-9b0c1d2e3f4a', password } }),
      await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { integration: { id, password: `${password}x` } }),
      await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { token: await w.vendorToken(STRANGER_ORG) }),
      await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { integration: { id, password: '' } }),
    ];
    const messages = answers.map((answer) => {
      assert.equal(answer.status, 401, answer.body);
      return fiksError(answer, 401, /^Autentisering feilet for integrasjon med id /).message;
    });
    assert.equal(messages[1], messages[2], 'wrong password and wrong organisation read the same');
  });

  test('isolation: an integration of one organisation cannot use another organisation\'s role (403)', async () => {
    const w = world();
    const person = someResident(w);
    const answer = await w.proxy(w.roles.bergen.id, 'GET', `personer/${person}`);
    assert.equal(answer.status, 403, answer.body);
    assert.equal(fiksError(answer, 403).errorCode, 'INGEN_TILGANG_TIL_ROLLE');
    const own = await w.proxy(w.roles.bergen.id, 'GET', `personer/${person}`, { integration: w.integrations.bergen });
    assert.equal(own.status, 200, own.body);
    // Nor can Bergen grant its role to Oslo's integration (the store refuses; the proxy would too).
    await assert.rejects(w.gateway.store.grant(w.organisations.bergen.fiksOrgId, w.roles.bergen.id, w.integrations.oslo.id));
    assert.equal((await w.proxy(w.roles.bergen.id, 'GET', `personer/${person}`)).status, 403);
  });

  test('a deactivated role, a revoked grant and a changed password each stop access at once', async () => {
    const w = world();
    const person = someResident(w);
    const { store } = w.gateway;
    const oslo = w.organisations.oslo.fiksOrgId;
    const role = await store.createRole(oslo, {
      navn: 'Midlertidig rolle',
      tjenesteOmrade: 'BARNEVERN',
      bruksomrader: ['SOK'],
      dataminimering: { parts: ['person-basis'], opplysninger: [] },
      kanHenteTaushetsbelagtInfo: true,
      kanBrukesPaSokeside: false,
    });
    await store.grant(oslo, role.id, w.integrations.oslo.id);
    const lookup = (integration = w.integrations.oslo) => w.proxy(role.id, 'GET', `personer/${person}`, { integration });
    assert.equal((await lookup()).status, 200);

    await store.setRoleActive(oslo, role.id, false);
    const inactive = await lookup();
    assert.equal(inactive.status, 403, inactive.body);
    assert.equal(fiksError(inactive, 403).errorCode, 'ROLLE_IKKE_AKTIV');
    await store.setRoleActive(oslo, role.id, true);
    assert.equal((await lookup()).status, 200);

    await store.updateRole(oslo, role.id, { gyldighet: { api: false } });
    assert.equal(fiksError(await lookup(), 403).errorCode, 'ROLLE_IKKE_GYLDIG_FOR_API');
    await store.updateRole(oslo, role.id, { gyldighet: { api: true } });

    await store.revoke(oslo, role.id, w.integrations.oslo.id);
    const revoked = await lookup();
    assert.equal(revoked.status, 403, revoked.body);
    assert.equal(fiksError(revoked, 403).errorCode, 'INGEN_TILGANG_TIL_ROLLE');
    await store.grant(oslo, role.id, w.integrations.oslo.id);
    assert.equal((await lookup()).status, 200, 'the password check was cached before');

    const integration = await store.createIntegration({ fiksOrgId: oslo, navn: 'Roterende', autorisertOrgnr: VENDOR_ORG });
    await store.grant(oslo, role.id, integration.integration.id);
    const old = { id: integration.integration.id, password: integration.password };
    assert.equal((await lookup(old)).status, 200);
    const fresh = await store.newPassword(oslo, old.id);
    assert.ok(fresh);
    const stale = await lookup(old);
    assert.equal(stale.status, 401, 'the cached check of the old password is not used');
    fiksError(stale, 401, /^Autentisering feilet/);
    assert.equal((await lookup({ id: old.id, password: fresh })).status, 200);
  });

  test('a Maskinporten client over its failed-login limit gets 429 for every password not yet verified; others are unaffected', async () => {
    const w = world();
    const person = someResident(w);
    const { url } = await w.startGateway({ failedLoginsPerMinute: 2 });
    const path = (roleId: string) => `/folkeregister/api/v1/${roleId}/v1/personer/${person}`;
    const oslo = w.integrations.oslo;
    assert.equal((await w.call('GET', path(w.roles.full.id), { integration: oslo }, url)).status, 200);
    for (let i = 0; i < 2; i++) {
      const wrong = await w.call('GET', path(w.roles.full.id), { integration: { id: oslo.id, password: `${oslo.password}x` } }, url);
      assert.equal(wrong.status, 401, wrong.body);
    }

    // Bergen's integration is the same vendor's client, and its password is right, but it would need a slow check.
    const limited = await w.call('GET', path(w.roles.bergen.id), { integration: w.integrations.bergen }, url);
    assert.equal(limited.status, 429, limited.body);
    const body = fiksError(limited, 429, /^For mange mislykkede innloggingsforsøk\. Prøv igjen om \d+ sekunder\.$/);
    assert.equal(body.errorCode, 'FOR_MANGE_MISLYKKEDE_INNLOGGINGER');
    const retryAfter = Number(limited.headers['retry-after']);
    assert.ok(retryAfter > 0 && retryAfter <= 60_000, `Retry-After in milliseconds: ${String(limited.headers['retry-after'])}`);
    const again = await w.call('GET', path(w.roles.full.id), { integration: { id: oslo.id, password: 'still-guessing' } }, url);
    assert.equal(again.status, 429, 'a wrong password is refused the same way, without a check');

    assert.equal((await w.call('GET', path(w.roles.full.id), { integration: oslo }, url)).status, 200, 'a verified password still opens');
    const stranger = await w.call('GET', path(w.roles.full.id), { token: await w.vendorToken(STRANGER_ORG) }, url);
    assert.equal(stranger.status, 401, 'another client has a budget of its own');
    assert.equal((await w.call('GET', path(w.roles.bergen.id), { integration: w.integrations.bergen })).status, 200, 'other gateways are unaffected');
  });

  test('a municipality without a delegation to the operator gets no data; a delegation works at the next token', async () => {
    const w = world();
    const person = someResident(w);
    const lookup = () => w.proxy(w.roles.trondheim.id, 'GET', `personer/${person}`, { integration: w.integrations.trondheim });
    const refused = await lookup();
    assert.equal(refused.status, 403, refused.body);
    assert.equal(fiksError(refused, 403).errorCode, 'DELEGERING_MANGLER');

    const delegation = { consumer_org: w.organisations.trondheim.orgnr, supplier_org: OPERATOR_ORG, scope: 'folkeregister:deling/offentligmedhjemmel' };
    assert.equal((await w.mp.admin('POST', '/delegations', delegation)).status, 201);
    assert.equal((await lookup()).status, 200);

    // Revoking an existing delegation takes effect when the gateway's cached token is renewed (as in real
    // Maskinporten, where a token stays valid until it expires).
    const query = new URLSearchParams(delegation).toString();
    assert.equal((await w.mp.admin('DELETE', `/delegations?${query}`)).status, 200);
    assert.equal((await lookup()).status, 200, 'the cached token is still valid');
    w.operator.clearCache();
    assert.equal(fiksError(await lookup(), 403).errorCode, 'DELEGERING_MANGLER');
  });
});
