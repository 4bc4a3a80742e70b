import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdGenerator } from '@folkeport/identity';
import { packageById, type PackageId } from '@folkeport/model';
import { openAuditLog, type AuditLog } from '../src/audit/audit-log.js';
import { registerInnsynRoutes } from '../src/audit/innsyn-routes.js';
import type { RegisterRoutes } from '../src/register/api/register-api.js';
import { describeDatabases } from './databases.js';
import { CONSUMER_ORG, SUPPLIER_ORG, registerApi, tokenFor, type RegisterApiFixture } from './register-api-fixture.js';

const ids = createIdGenerator({ seed: 9001 });
const PERSON = ids.next();
const NEIGHBOUR = ids.next();
const ADMIN = 'admin';

/** A lookup service in miniature: answers and audits like the real ones, under privat and offentligMedHjemmel. */
const lookups: RegisterRoutes = (app, context) => {
  for (const id of ['privat', 'offentligMedHjemmel'] as const) {
    app.get<{ Params: { ids: string } }>(`${packageById(id).pathPrefix}/test-oppslag/:ids`, async (request) => {
      const persons = request.params.ids.split(',');
      await context.audit(request, { action: 'bulkoppslag', persons, elements: ['navn', 'foedsel'] });
      return { delivered: persons.length };
    });
  }
};

/** The API with the insight view; the register's audit entries go into `log` after each call. */
async function innsynApi(db: Parameters<typeof registerApi>[0]): Promise<{ api: RegisterApiFixture; log: AuditLog }> {
  const log = await openAuditLog(db);
  const api = await registerApi(db, [lookups, registerInnsynRoutes(log, ADMIN)], { persons: [] });
  return { api, log };
}

async function lookUp(api: RegisterApiFixture, log: AuditLog, pkg: PackageId, persons: string[], supplierOrg?: string) {
  const token = await tokenFor(pkg, supplierOrg === undefined ? {} : { supplierOrg });
  const response = await api.call(pkg, 'GET', `/test-oppslag/${persons.join(',')}`, { token });
  assert.equal(response.status, 200);
  for (const entry of api.audit.splice(0)) await log.append(entry);
}

const innsyn = (api: RegisterApiFixture, path: string, headers: Record<string, string> = { authorization: `Bearer ${ADMIN}` }) =>
  api.app.inject({ method: 'GET', url: `/innsyn/${path}`, headers });

describeDatabases('GET /innsyn/{folkeregisteridentifikator}', (target) => {
  test("lists who received the person's data, newest first; lookups with hjemmel only with ?alle=true", async () => {
    const { api, log } = await innsynApi(target.db);
    await lookUp(api, log, 'privat', [PERSON, NEIGHBOUR], SUPPLIER_ORG);
    await lookUp(api, log, 'offentligMedHjemmel', [PERSON]);
    await lookUp(api, log, 'privat', [NEIGHBOUR]);
    await lookUp(api, log, 'privat', [PERSON]);

    const response = await innsyn(api, PERSON);
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = response.json();
    const [newest, older] = body.oppslag.map((access: { tidspunkt: string }) => access.tidspunkt);
    assert.ok(Date.parse(newest) >= Date.parse(older));
    assert.deepEqual(body, {
      oppslag: [
        {
          sekvensnummer: 4,
          tidspunkt: newest,
          tjeneste: 'register',
          konsument: CONSUMER_ORG,
          rettighetspakke: 'privat',
          handling: 'bulkoppslag',
          opplysninger: ['navn', 'foedsel'],
        },
        {
          sekvensnummer: 1,
          tidspunkt: older,
          tjeneste: 'register',
          konsument: CONSUMER_ORG,
          leverandoer: SUPPLIER_ORG,
          rettighetspakke: 'privat',
          handling: 'bulkoppslag',
          opplysninger: ['navn', 'foedsel'],
        },
      ],
    });
    assert.ok(!response.body.includes(NEIGHBOUR), "the other persons of a bulk lookup are not shown");

    const all = (await innsyn(api, `${PERSON}?alle=true`)).json();
    assert.deepEqual(
      all.oppslag.map((access: { sekvensnummer: number; rettighetspakke: string; unntattInnsyn?: boolean }) => [
        access.sekvensnummer,
        access.rettighetspakke,
        access.unntattInnsyn,
      ]),
      [
        [4, 'privat', undefined],
        [2, 'offentligMedHjemmel', true],
        [1, 'privat', undefined],
      ],
    );
    assert.deepEqual((await innsyn(api, ids.next())).json(), { oppslag: [] });
  });

  test('pages with ?antall= and ?fra=, the next page named by neste', async () => {
    const { api, log } = await innsynApi(target.db);
    for (let i = 0; i < 5; i++) await lookUp(api, log, 'privat', [PERSON]);
    const first = (await innsyn(api, `${PERSON}?antall=2`)).json();
    assert.deepEqual(first.oppslag.map((access: { sekvensnummer: number }) => access.sekvensnummer), [5, 4]);
    assert.equal(first.neste, 3);
    const second = (await innsyn(api, `${PERSON}?antall=2&fra=${first.neste}`)).json();
    assert.deepEqual(second.oppslag.map((access: { sekvensnummer: number }) => access.sekvensnummer), [3, 2]);
    const last = (await innsyn(api, `${PERSON}?antall=2&fra=${second.neste}`)).json();
    assert.deepEqual(last, { oppslag: [last.oppslag[0]] });
    assert.equal(last.oppslag[0].sekvensnummer, 1);
    assert.equal((await innsyn(api, `${PERSON}?antall=5`)).json().neste, undefined, 'exactly one full page: no next page');
  });

  test('without the admin credential → 401 with WWW-Authenticate and the FREG error body', async () => {
    const { api } = await innsynApi(target.db);
    const consumerToken = await tokenFor('offentligMedHjemmel');
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: 'Basic admin' },
      { authorization: `Bearer ${consumerToken}` },
    ];
    for (const headers of attempts) {
      const response = await innsyn(api, PERSON, headers);
      assert.equal(response.statusCode, 401, JSON.stringify(headers).slice(0, 40));
      assert.equal(response.headers['www-authenticate'], 'Bearer realm="folkeport-admin"');
      assert.deepEqual(response.json(), { kode: 'FREG-401', melding: 'Innsyn krever administratornøkkelen som bearer-token' });
    }
  });

  test('a malformed identifier or paging parameter → 400 without echoing it; other Accept → 406', async () => {
    const { api } = await innsynApi(target.db);
    for (const [path, message] of [
      [PERSON.slice(1), /11 siffer/],
      [`${PERSON}0`, /11 siffer/],
      ['1234567890x', /11 siffer/],
      [`${PERSON}?antall=0`, /antall må være et heltall fra 1 til 1000/],
      [`${PERSON}?antall=1001`, /antall må være et heltall fra 1 til 1000/],
      [`${PERSON}?fra=-1`, /fra må være et sekvensnummer/],
      [`${PERSON}?alle=ja`, /alle må være true eller false/],
    ] as const) {
      const response = await innsyn(api, path);
      assert.equal(response.statusCode, 400, path);
      assert.equal(response.json().kode, 'FREG-400');
      assert.match(response.json().melding, message);
      assert.doesNotMatch(response.body, /\d{10}/);
    }
    const xml = await innsyn(api, PERSON, { authorization: `Bearer ${ADMIN}`, accept: 'application/xml' });
    assert.equal(xml.statusCode, 406);
    assert.equal(xml.json().kode, 'FREG-406');
  });
});
