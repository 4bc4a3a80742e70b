// The gateway's audit trail: every request after authentication is logged with who, for which organisation,
// which role, persons and elements, graded-address reveals and the errorId; queryable per organisation as JSON
// and CSV by the operator or the organisation's own admin credential.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Folkeregisterperson } from '@folkeport/model';
import { ADMIN_TOKEN, describeGateway, VENDOR_ORG, type GatewayWorld, type Json } from './gateway-proxy-fixture.js';

const idOf = (document: Folkeregisterperson) =>
  document.identifikasjonsnummer?.find((entry) => entry.erGjeldende)?.foedselsEllerDNummer as string;

function gradedPerson(world: GatewayWorld): string {
  const found = world.persons.find((person) =>
    (person.document.bostedsadresse ?? []).some((entry) => entry.erGjeldende && entry.adressegradering === 'fortrolig'),
  );
  assert.ok(found, 'a person with a fortrolig bostedsadresse');
  return idOf(found.document);
}

const log = (w: GatewayWorld, fiksOrgId: string, credential: string | null, query = '') =>
  w.call('GET', `/folkeregister/api/v1/logg/${fiksOrgId}${query}`, {
    integration: null,
    token: null,
    headers: credential === null ? {} : { authorization: `Bearer ${credential}` },
  });

describeGateway('gateway proxy: audit log per organisation', (world) => {
  test('lookups, reveals and refusals are logged for the organisation, with the errorId the caller saw', async () => {
    const w = world();
    const person = gradedPerson(w);
    const oslo = w.organisations.oslo.fiksOrgId;
    const revealed = await w.proxy(w.roles.full.id, 'GET', `personer/${person}?visHemmeligeAdresser=true`);
    assert.equal(revealed.status, 200);
    const hidden = await w.proxy(w.roles.full.id, 'GET', `personer/${person}`);
    assert.equal(hidden.status, 200);
    const refused = await w.proxy(w.roles.narrow.id, 'GET', `personer/${person}?part=sivilstand`);
    assert.equal(refused.status, 403);
    const unauthenticated = await w.proxy(w.roles.full.id, 'GET', `personer/${person}`, { integration: { ...w.integrations.oslo, password: 'feil' } });
    assert.equal(unauthenticated.status, 401);
    assert.equal((await w.proxy(w.roles.bergen.id, 'GET', `personer/${person}`, { integration: w.integrations.bergen })).status, 200);

    const answer = await log(w, oslo, ADMIN_TOKEN);
    assert.equal(answer.status, 200, answer.body);
    const entries: Json[] = answer.json().logg;
    assert.equal(entries.length, 3, 'the refusal before authentication is not logged; Bergen\'s lookup is Bergen\'s');
    const [refusal, hiding, reveal] = entries; // newest first
    assert.equal(refusal.status, 403);
    assert.equal(refusal.errorId, refused.json().errorId);
    assert.equal(refusal.errorCode, 'PART_IKKE_I_ROLLE');
    assert.equal(refusal.rolleId, w.roles.narrow.id);

    assert.equal(reveal.integrasjonId, w.integrations.oslo.id);
    assert.equal(reveal.rolleId, w.roles.full.id);
    assert.equal(reveal.handling, 'personoppslag');
    assert.deepEqual(reveal.personer, [person]);
    assert.ok(reveal.opplysninger.includes('bostedsadresse'));
    assert.equal(reveal.visHemmeligeAdresser, true);
    assert.ok(reveal.gradertAdresseVist > 0);
    assert.equal(reveal.organisasjonsnummer, w.organisations.oslo.orgnr);
    assert.equal(reveal.leverandor, VENDOR_ORG);
    assert.equal(reveal.rettighetspakke, 'offentligMedHjemmel');

    assert.equal(hiding.visHemmeligeAdresser, false);
    assert.ok(hiding.gradertAdresseFjernet > 0);
    assert.equal(hiding.gradertAdresseVist, 0);
    assert.ok(!hiding.opplysninger.includes('bostedsadresse'), 'the removed address is not among the delivered elements');

    const page = await log(w, oslo, ADMIN_TOKEN, '?antall=2');
    assert.equal(page.json().logg.length, 2);
    assert.equal(typeof page.json().neste, 'number');
    const rest = await log(w, oslo, ADMIN_TOKEN, `?antall=2&fra=${page.json().neste}`);
    assert.deepEqual(rest.json().logg.map((entry: Json) => entry.sekvensnummer), [reveal.sekvensnummer]);
    assert.equal((await log(w, oslo, ADMIN_TOKEN, '?fraTid=2999-01-01')).json().logg.length, 0);

    const csv = await log(w, `${oslo}.csv`, ADMIN_TOKEN);
    assert.equal(csv.status, 200);
    assert.match(String(csv.headers['content-type']), /^text\/csv/);
    const lines = csv.body.trimEnd().split('\r\n');
    assert.equal(lines.length, 4);
    assert.match(lines[0] as string, /^sekvensnummer;tidspunkt;integrasjonId;rolleId;handling;/);
    assert.ok(lines[1]?.includes(refused.json().errorId));
  });

  test('the log needs the operator\'s or the organisation\'s own admin credential', async () => {
    const w = world();
    const { oslo, bergen } = w.organisations;
    const missing = await log(w, oslo.fiksOrgId, null);
    assert.equal(missing.status, 401);
    assert.equal(typeof missing.json().errorId, 'string');
    assert.equal((await log(w, oslo.fiksOrgId, 'feil')).status, 401);
    const own = await w.gateway.store.newAdminCredential(oslo.fiksOrgId);
    assert.ok(own);
    assert.equal((await log(w, oslo.fiksOrgId, own)).status, 200);
    assert.equal((await log(w, bergen.fiksOrgId, own)).status, 401, 'not another organisation\'s log');
    assert.equal((await log(w, 'ikke-en-uuid', ADMIN_TOKEN)).status, 404);
    assert.equal((await log(w, oslo.fiksOrgId, ADMIN_TOKEN, '?antall=0')).status, 400);
  });

  test('failed admin credentials on the log and the configuration API share one budget per address', async () => {
    const w = world();
    const { oslo } = w.organisations;
    const { url } = await w.startGateway({ failedLoginsPerMinute: 1 });
    const own = await w.gateway.store.newAdminCredential(oslo.fiksOrgId);
    assert.ok(own);
    const bearer = (credential: string) => ({ integration: null, token: null, headers: { authorization: `Bearer ${credential}` } });
    const logOf = (credential: string) => w.call('GET', `/folkeregister/api/v1/logg/${oslo.fiksOrgId}`, bearer(credential), url);
    const rolesOf = (credential: string) => w.call('GET', `/folkeregister/api/v3/konfigurasjon/${oslo.fiksOrgId}/roller`, bearer(credential), url);

    assert.equal((await logOf(`${oslo.fiksOrgId}.feil`)).status, 401);
    const limited = await logOf(own);
    assert.equal(limited.status, 429, limited.body);
    assert.equal(limited.json().errorCode, 'FOR_MANGE_MISLYKKEDE_INNLOGGINGER');
    assert.equal((await rolesOf(own)).status, 429);
    assert.equal((await logOf(ADMIN_TOKEN)).status, 200, "the operator's credential still opens");
    assert.equal((await rolesOf(ADMIN_TOKEN)).status, 200);
  });

  test('the configuration API and /health are served by the same service', async () => {
    const w = world();
    const health = await w.call('GET', '/health', { integration: null, token: null });
    assert.deepEqual(health.json(), { status: 'ok' });
    const roles = await w.call('GET', `/folkeregister/api/v3/konfigurasjon/${w.organisations.oslo.fiksOrgId}/roller`, {
      integration: null,
      token: ADMIN_TOKEN,
    });
    assert.equal(roles.status, 200, roles.body);
  });
});
