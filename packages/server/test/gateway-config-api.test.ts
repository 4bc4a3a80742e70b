// The gateway's configuration API (v3 paths and shapes plus Folkeport's organisation and integration routes) over
// HTTP with the real store, on PGlite and PostgreSQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { openAuditLog, type AuditLog } from '../src/audit/audit-log.js';
import { createHttpApp } from '../src/http/http-app.js';
import { CONFIG_PREFIX, registerConfigRoutes } from '../src/gateway/config-api.js';
import { createFailedLogins } from '../src/gateway/failed-logins.js';
import { fiksErrorFormat } from '../src/gateway/fiks-error.js';
import { openGatewayStore, type GatewayConfigStore } from '../src/gateway/gateway-store.js';
import { verifyPassword } from '../src/gateway/passwords.js';
import type { Database } from '../src/store/database.js';
import { describeDatabases } from './databases.js';
import { BAD_ORGNR, BERGEN_ID, BERGEN_ORGNR, OSLO_ID, OSLO_ORGNR, PERSON_A, PERSON_B, VENDOR_ORGNR } from './gateway-fixture.js';

const OPERATOR = 'operator-admin-token-for-tests';
const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON bodies in assertions
  body: any;
  text: string;
  headers: Record<string, unknown>;
}

interface Fixture {
  app: FastifyInstance;
  store: GatewayConfigStore;
  log: AuditLog;
  call(method: string, path: string, payload?: unknown, token?: string | null): Promise<Answer>;
  /** Oslo and Bergen created through the API, with their admin credentials. */
  osloKey: string;
  bergenKey: string;
}

async function setUp(db: Database, failedLogins = createFailedLogins(), audit?: AuditLog['append']): Promise<Fixture> {
  const store = await openGatewayStore(db);
  const log = await openAuditLog(db);
  const app = createHttpApp({ errorBody: fiksErrorFormat });
  registerConfigRoutes(app, { store, adminToken: OPERATOR, failedLogins, audit: audit ?? ((entry) => log.append(entry)) });
  const call = async (method: string, path: string, payload?: unknown, token: string | null = OPERATOR) => {
    const response = await app.inject({
      method: method as 'GET',
      url: `${CONFIG_PREFIX}${path}`,
      headers: token === null ? {} : { authorization: `Bearer ${token}` },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
    const type = String(response.headers['content-type'] ?? '');
    return {
      status: response.statusCode,
      body: type.startsWith('application/json') ? response.json() : undefined,
      text: response.body,
      headers: response.headers,
    };
  };
  const oslo = await call('POST', '/organisasjoner', { fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' });
  const bergen = await call('POST', '/organisasjoner', { fiksOrgId: BERGEN_ID, orgnr: BERGEN_ORGNR, navn: 'Bergen kommune', kommunenummer: '4601' });
  return { app, store, log, call, osloKey: oslo.body.adminnokkel, bergenKey: bergen.body.adminnokkel };
}

/** Asserts a Fiks ErrorMessage body and returns it. */
function fiksError(answer: Answer, status: number, errorCode?: string) {
  assert.equal(answer.status, status, answer.text);
  const body = answer.body;
  const keys = ['error', 'errorId', 'message', 'path', 'status', 'timestamp'];
  assert.deepEqual(Object.keys(body).sort(), [...keys, ...('errorCode' in body ? ['errorCode'] : [])].sort());
  assert.equal(body.status, status);
  assert.match(body.errorId, UUID);
  assert.equal(typeof body.timestamp, 'number');
  assert.ok(body.path.startsWith(CONFIG_PREFIX));
  if (errorCode) assert.equal(body.errorCode, errorCode);
  return body as { message: string; path: string; error: string };
}

const ROLE = {
  navn: 'Skole - elevregister',
  beskrivelse: 'Skoleadministrativt system',
  tjenesteOmrade: 'OPPVEKST',
  bruksomrader: ['SOK'],
  dataminimering: { parts: [{ navn: 'person-basis' }], opplysninger: [{ navn: 'innflytting' }] },
  kanBrukesPaSokeside: false,
  kanHenteTaushetsbelagtInfo: false,
};

describeDatabases('gateway configuration API: credentials and organisations', (target) => {
  test('refuses calls without a valid credential with 401 in Fiks format, before reading the body', async () => {
    const f = await setUp(target.db);
    for (const token of [null, 'wrong', `${OSLO_ID}.wrong`, `${OSLO_ID}`, `${f.osloKey}x`]) {
      const answer = await f.call('GET', `/${OSLO_ID}/roller`, undefined, token);
      const body = fiksError(answer, 401, 'IKKE_AUTENTISERT');
      assert.equal(body.error, 'Unauthorized');
      assert.match(body.message, /^Ikke tilgang/);
      assert.equal(answer.headers['www-authenticate'], 'Bearer realm="folkeport-gateway-admin"');
    }
    const huge = await f.app.inject({
      method: 'POST',
      url: `${CONFIG_PREFIX}/${OSLO_ID}/roller`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ navn: 'x'.repeat(2 * 1024 * 1024) }),
    });
    assert.equal(huge.statusCode, 401);
  });

  test('an address over its failed-login limit gets 429 for organisation credentials until the minute is over; the operator is not locked out', async () => {
    const clock = { now: 0 };
    // Two organisations are created in setUp with the operator's credential, which never counts.
    const f = await setUp(target.db, createFailedLogins(2, () => clock.now));
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey)).status, 200, 'a success does not count');
    for (let i = 0; i < 2; i++) fiksError(await f.call('GET', `/${OSLO_ID}/roller`, undefined, `${OSLO_ID}.wrong-${i}`), 401, 'IKKE_AUTENTISERT');

    const limited = await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey);
    const body = fiksError(limited, 429, 'FOR_MANGE_MISLYKKEDE_INNLOGGINGER');
    assert.equal(body.message, 'For mange mislykkede innloggingsforsøk. Prøv igjen om 60 sekunder.');
    assert.equal(limited.headers['retry-after'], '60000');
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`)).status, 200, "the operator's credential is checked without a slow hash");

    clock.now += 30_000;
    assert.equal((await f.call('GET', `/${BERGEN_ID}/roller`, undefined, f.bergenKey)).headers['retry-after'], '30000');
    clock.now += 30_000;
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey)).status, 200, 'a new minute, a new budget');
  });

  test("an organisation's credential opens its own organisation only; the operator's opens all", async () => {
    const f = await setUp(target.db);
    assert.match(f.osloKey, new RegExp(`^${OSLO_ID}\\.[A-Za-z0-9_-]{32}$`));
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey)).status, 200);
    assert.equal((await f.call('GET', `/organisasjoner/${OSLO_ID}`, undefined, f.osloKey)).body.navn, 'Oslo kommune');
    for (const path of [`/${BERGEN_ID}/roller`, `/${UNKNOWN_ID}/roller`, `/organisasjoner/${BERGEN_ID}`, `/tilganger/${BERGEN_ID}.csv`]) {
      fiksError(await f.call('GET', path, undefined, f.osloKey), 403, 'IKKE_TILGANG');
    }
    fiksError(await f.call('POST', '/verifiser', { fiksOrgId: BERGEN_ID }, f.osloKey), 403, 'IKKE_TILGANG');
    fiksError(await f.call('GET', '/organisasjoner', undefined, f.osloKey), 403, 'IKKE_TILGANG');
    fiksError(await f.call('POST', '/organisasjoner', { orgnr: VENDOR_ORGNR, navn: 'X', kommunenummer: '1234' }, f.osloKey), 403);
    // Catalogues need a credential, any valid one.
    assert.equal((await f.call('GET', '/tjenesteomrader', undefined, f.bergenKey)).status, 200);
    fiksError(await f.call('GET', '/tjenesteomrader', undefined, null), 401);

    // A new credential replaces the old one.
    const renewed = await f.call('POST', `/organisasjoner/${OSLO_ID}/adminnokkel`, undefined, f.osloKey);
    assert.equal(renewed.status, 200);
    fiksError(await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey), 401);
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, renewed.body.adminnokkel)).status, 200);
  });

  test('the operator creates and lists organisations; invalid or duplicate ones are refused with a code', async () => {
    const f = await setUp(target.db);
    const listed = await f.call('GET', '/organisasjoner');
    assert.deepEqual(listed.body, [
      { fiksOrgId: BERGEN_ID, orgnr: BERGEN_ORGNR, navn: 'Bergen kommune', kommunenummer: '4601' },
      { fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' },
    ]);
    const bad = fiksError(await f.call('POST', '/organisasjoner', { orgnr: BAD_ORGNR, navn: 'X', kommunenummer: '1234' }), 400, 'UGYLDIG_ORGNR');
    assert.match(bad.message, /organisasjonsnummer/);
    fiksError(await f.call('POST', '/organisasjoner', { orgnr: VENDOR_ORGNR, navn: 'X', kommunenummer: '12' }), 400, 'UGYLDIG_KOMMUNENUMMER');
    fiksError(await f.call('POST', '/organisasjoner', { orgnr: OSLO_ORGNR, navn: 'X', kommunenummer: '1234' }), 409, 'FINNES_ALLEREDE');
    fiksError(await f.call('POST', '/organisasjoner', { orgnr: 123, navn: 'X', kommunenummer: '1234' }), 400);
    fiksError(await f.call('GET', `/organisasjoner/${UNKNOWN_ID}`), 404, 'UKJENT_ORGANISASJON');
    fiksError(await f.call('GET', `/${UNKNOWN_ID}/roller`), 404, 'UKJENT_ORGANISASJON');
    assert.equal((await f.call('GET', '/organisasjoner')).body.length, 2);
  });
});

describeDatabases('gateway configuration API: roles and grants', (target) => {
  test('creates a role from a v3 body and answers RolleDefinisjonV3; lists, reads, patches, (de)activates and deletes', async () => {
    const f = await setUp(target.db);
    const { body: integration } = await f.call('POST', `/${OSLO_ID}/integrasjoner`, { navn: 'Skoleadmin', autorisertOrgnr: VENDOR_ORGNR });
    const created = await f.call('POST', `/${OSLO_ID}/roller`, {
      ...ROLE,
      tagger: [{ navn: 'skole' }],
      tilganger: { aktorer: [integration.id, PERSON_A] },
    }, f.osloKey);
    assert.equal(created.status, 200, created.text);
    const role = created.body;
    assert.match(role.id, UUID);
    assert.deepEqual(role, {
      id: role.id,
      navn: 'Skole - elevregister',
      beskrivelse: 'Skoleadministrativt system',
      fiksOrgId: OSLO_ID,
      autorisasjonRolleId: role.id,
      privilegium: 'FOLKEREGISTER_ROLLE',
      tjenesteOmrade: { navn: 'OPPVEKST', beskrivelse: 'Oppvekst (skole og SFO)', kanHenteTaushetsbelagtInfo: true, gyldig: true },
      bruksomrader: {
        bruksomrader: [{ navn: 'SOK', visningsnavn: 'Søk og oppslag', beskrivelse: 'Oppslag, bulkoppslag og søk på personer (personer/*)', leverandor: 'SKATT' }],
      },
      dataminimering: {
        parts: [role.dataminimering.parts[0]],
        opplysninger: [{ navn: 'innflytting', visningsnavn: 'Innflytting', kanHenteTaushetsbelagtInfo: false, kanVaereGradertAdresse: false }],
      },
      aktiv: true,
      tagger: [{ navn: 'skole' }],
      antallPersoner: 1,
      antallIntegrasjoner: 1,
      antallEksterneBrukere: 0,
      antallEksterneGrupper: 0,
      datoOpprettet: role.datoOpprettet,
      gyldighet: { api: true, soekWeb: false, uttrekkWeb: false, asynkron: false },
      kanBrukesPaSokeside: false,
      kanHenteTaushetsbelagtInfo: false,
      gradertAdresse: 'skjul',
      pakke: 'offentligUtenHjemmel',
    });
    const basis = role.dataminimering.parts[0];
    assert.equal(basis.navn, 'person-basis');
    assert.equal(basis.visningsnavn, 'Personbasis');
    assert.equal(basis.kanVaereGradertAdresse, true);
    assert.ok(basis.opplysninger.some((o: { navn: string }) => o.navn === 'bostedsadresse'));
    assert.ok(!Number.isNaN(Date.parse(role.datoOpprettet)));

    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/roller`)).body, [role]);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/roller/${role.id}`)).body, role);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/roller/${role.id}/tilganger`)).body, {
      integrasjoner: [integration.id],
      personer: [PERSON_A],
      eksterneBrukere: [],
      eksterneGrupper: [],
    });

    const patched = await f.call('PATCH', `/${OSLO_ID}/roller/${role.id}`, {
      navn: 'Skole',
      bruksomrader: ['SOK', 'HENDELSER'],
      dataminimering: { opplysninger: [{ navn: 'navn' }] },
      gyldighet: { asynkron: true },
      gradertAdresse: 'vis',
      tagger: [{ navn: 'skole' }, { navn: 'IKT' }],
    });
    assert.equal(patched.status, 200, patched.text);
    assert.equal(patched.body.navn, 'Skole');
    assert.deepEqual(patched.body.bruksomrader.bruksomrader.map((b: { navn: string }) => b.navn), ['SOK', 'HENDELSER']);
    assert.deepEqual(patched.body.dataminimering.parts, []);
    assert.deepEqual(patched.body.dataminimering.opplysninger.map((o: { navn: string }) => o.navn), ['navn']);
    assert.deepEqual(patched.body.gyldighet, { api: true, soekWeb: false, uttrekkWeb: false, asynkron: true });
    assert.equal(patched.body.gradertAdresse, 'vis');

    const untagged = await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}/tagger/IKT`);
    assert.deepEqual(untagged.body.tagger, [{ navn: 'skole' }]);
    fiksError(await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}/tagger/IKT`), 400, 'UKJENT_TAGG');

    assert.equal((await f.call('PUT', `/${OSLO_ID}/roller/${role.id}/deaktiver`)).body.aktiv, false);
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller/${role.id}`)).body.aktiv, false);
    assert.equal((await f.call('PUT', `/${OSLO_ID}/roller/${role.id}/aktiver`)).body.aktiv, true);

    const deleted = await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}`);
    assert.equal(deleted.status, 204);
    assert.equal(deleted.text, '');
    fiksError(await f.call('GET', `/${OSLO_ID}/roller/${role.id}`), 404, 'UKJENT_ROLLE');
    fiksError(await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}`), 404, 'UKJENT_ROLLE');
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM gateway.integration_grant) + (SELECT count(*) FROM gateway.person_grant) AS n`.execute(target.db.kysely);
    assert.equal(Number(rows[0]?.n), 0, 'deleting the role removed its grants');
  });

  test("another organisation's roles are invisible: every route answers 404 as for an unknown id", async () => {
    const f = await setUp(target.db);
    const { body: role } = await f.call('POST', `/${OSLO_ID}/roller`, ROLE);
    const unknownAnswers = [];
    for (const id of [role.id, UNKNOWN_ID]) {
      for (const [method, path, payload] of [
        ['GET', `/${BERGEN_ID}/roller/${id}`],
        ['PATCH', `/${BERGEN_ID}/roller/${id}`, { navn: 'Kapret' }],
        ['DELETE', `/${BERGEN_ID}/roller/${id}`],
        ['PUT', `/${BERGEN_ID}/roller/${id}/deaktiver`],
        ['GET', `/${BERGEN_ID}/roller/${id}/tilganger`],
        ['POST', `/${BERGEN_ID}/roller/${id}/tilganger`, { aktor: PERSON_A }],
        ['DELETE', `/${BERGEN_ID}/roller/${id}/tilganger/${PERSON_A}`],
        ['DELETE', `/${BERGEN_ID}/roller/${id}/tagger/skole`],
      ] as const) {
        const body = fiksError(await f.call(method, path, payload, f.bergenKey), 404, 'UKJENT_ROLLE');
        unknownAnswers.push(body.message);
      }
    }
    assert.equal(new Set(unknownAnswers).size, 1);
    assert.deepEqual((await f.call('GET', `/${BERGEN_ID}/roller`, undefined, f.bergenKey)).body, []);
    const report = await f.call('GET', `/tilganger/${BERGEN_ID}.json`, undefined, f.bergenKey);
    assert.deepEqual(report.body, { fiksOrgId: BERGEN_ID, roller: [] });
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller/${role.id}`)).body.navn, ROLE.navn, 'unchanged');
  });

  test('bad JSON, wrong types, unknown fields and invalid values are 400s in Fiks format', async () => {
    const f = await setUp(target.db);
    const raw = await f.app.inject({
      method: 'POST',
      url: `${CONFIG_PREFIX}/${OSLO_ID}/roller`,
      headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
      payload: '{"navn": ',
    });
    assert.equal(raw.statusCode, 400);
    assert.equal(raw.json().message, 'The request body is not valid JSON');
    const cases: [unknown, string | undefined, RegExp][] = [
      [{ ...ROLE, kanBrukesPaSokeside: 'ja' }, undefined, /kanBrukesPaSokeside/],
      // Sent as the wrong JSON type, even where it could be converted.
      [{ ...ROLE, kanBrukesPaSokeside: 'true' }, undefined, /kanBrukesPaSokeside must be boolean/],
      [{ ...ROLE, navn: 5 }, undefined, /navn must be string/],
      [{ ...ROLE, rettighetspakke: 'OFFENTLIG_MED_HJEMMEL' }, undefined, /additional/],
      [{ ...ROLE, navn: undefined }, undefined, /navn/],
      [{ ...ROLE, navn: ' Mellomrom' }, 'UGYLDIG_NAVN', /rollenavn/],
      [{ ...ROLE, tjenesteOmrade: 'BRANN' }, 'UGYLDIG_TJENESTEOMRADE', /BRANN/],
      [{ ...ROLE, bruksomrader: ['OPPSLAG'] }, 'UGYLDIG_BRUKSOMRADE', /OPPSLAG/],
      [{ ...ROLE, dataminimering: { opplysninger: [{ navn: 'familierelasjon' }] } }, 'UGYLDIG_DATAMINIMERING', /uten hjemmel/],
      [{ ...ROLE, tjenesteOmrade: 'TEKNISK', kanHenteTaushetsbelagtInfo: true }, 'TAUSHETSBELAGT_IKKE_TILLATT', /TEKNISK/],
      [{ ...ROLE, tilganger: { aktorer: ['123'] } }, 'UGYLDIG_AKTOR', /aktør/],
      [{ ...ROLE, tilganger: { aktorer: [UNKNOWN_ID] } }, 'UGYLDIG_AKTOR', /ingen integrasjon/],
    ];
    for (const [payload, code, message] of cases) {
      const body = fiksError(await f.call('POST', `/${OSLO_ID}/roller`, payload), 400, code);
      assert.match(body.message, message);
    }
    fiksError(await f.call('GET', `/${OSLO_ID}/roller/not-a-uuid`), 400);
    fiksError(await f.call('PATCH', `/${OSLO_ID}/roller/${UNKNOWN_ID}`, { navn: { tekst: 'Ny' } }), 400);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/roller`)).body, [], 'nothing was created');
    const { body: role } = await f.call('POST', `/${OSLO_ID}/roller`, ROLE);
    fiksError(await f.call('POST', `/${OSLO_ID}/roller`, ROLE), 409, 'FINNES_ALLEREDE');
    fiksError(await f.call('PATCH', `/${OSLO_ID}/roller/${role.id}`, { dataminimering: { opplysninger: [{ navn: 'opphold' }] } }), 400, 'UGYLDIG_DATAMINIMERING');
    fiksError(await f.call('POST', `/${OSLO_ID}/roller/${role.id}/tilganger`, { aktor: 'noen' }), 400, 'UGYLDIG_AKTOR');
    fiksError(await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}/tilganger/noen`), 400, 'UGYLDIG_AKTOR');
    const unknownGrant = fiksError(await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}/tilganger/${PERSON_B}`), 404, 'UKJENT_TILGANG');
    assert.ok(!unknownGrant.path.includes(PERSON_B), 'the error path hides the identity number');
  });

  test('grants by aktør (v1 shape): integrations of the organisation and persons', async () => {
    const f = await setUp(target.db);
    const { body: role } = await f.call('POST', `/${OSLO_ID}/roller`, ROLE);
    const { body: integration } = await f.call('POST', `/${OSLO_ID}/integrasjoner`, { navn: 'A', autorisertOrgnr: VENDOR_ORGNR });
    const { body: bergens } = await f.call('POST', `/${BERGEN_ID}/integrasjoner`, { navn: 'B', autorisertOrgnr: VENDOR_ORGNR });
    const granted = await f.call('POST', `/${OSLO_ID}/roller/${role.id}/tilganger`, { aktor: integration.id });
    assert.equal(granted.status, 200);
    assert.equal(granted.body.antallIntegrasjoner, 1);
    assert.equal((await f.call('POST', `/${OSLO_ID}/roller/${role.id}/tilganger`, { aktor: PERSON_B })).body.antallPersoner, 1);
    fiksError(await f.call('POST', `/${OSLO_ID}/roller/${role.id}/tilganger`, { aktor: bergens.id }), 400, 'UGYLDIG_AKTOR');
    const revoked = await f.call('DELETE', `/${OSLO_ID}/roller/${role.id}/tilganger/${PERSON_B}`);
    assert.equal(revoked.body.antallPersoner, 0);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/roller/${role.id}/tilganger`)).body.integrasjoner, [integration.id]);
  });
});

describeDatabases('gateway configuration API: integrations, catalogues, verifiser and reports', (target) => {
  test('an integration password is shown once, stored as a hash; a new one replaces it; deleting removes its grants', async () => {
    const f = await setUp(target.db);
    const created = await f.call('POST', `/${OSLO_ID}/integrasjoner`, {
      navn: 'Skoleadmin',
      beskrivelse: 'Leverandør AS',
      autorisertOrgnr: VENDOR_ORGNR,
    }, f.osloKey);
    assert.equal(created.status, 201);
    const { passord, ...integration } = created.body;
    assert.match(passord, /^[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(Object.keys(integration).sort(), ['autorisertOrgnr', 'beskrivelse', 'fiksOrgId', 'id', 'navn', 'opprettet']);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/integrasjoner`)).body, [integration]);
    assert.deepEqual((await f.call('GET', `/${OSLO_ID}/integrasjoner/${integration.id}`)).body, integration);
    assert.ok(!JSON.stringify((await f.call('GET', `/${OSLO_ID}/integrasjoner`)).body).includes(passord), 'never shown again');
    const hash = async () => (await f.store.proxyAccess(integration.id, UNKNOWN_ID))?.passwordHash ?? '';
    assert.ok(!(await hash()).includes(passord));
    assert.equal(await verifyPassword(passord, await hash()), true);

    const renewed = await f.call('POST', `/${OSLO_ID}/integrasjoner/${integration.id}/passord`);
    assert.equal(renewed.status, 200);
    assert.equal(renewed.body.id, integration.id);
    assert.equal(await verifyPassword(passord, await hash()), false);
    assert.equal(await verifyPassword(renewed.body.passord, await hash()), true);

    fiksError(await f.call('POST', `/${OSLO_ID}/integrasjoner`, { navn: 'X', autorisertOrgnr: BAD_ORGNR }), 400, 'UGYLDIG_ORGNR');
    fiksError(await f.call('GET', `/${BERGEN_ID}/integrasjoner/${integration.id}`), 404, 'UKJENT_INTEGRASJON');
    fiksError(await f.call('POST', `/${BERGEN_ID}/integrasjoner/${integration.id}/passord`), 404, 'UKJENT_INTEGRASJON');

    const { body: role } = await f.call('POST', `/${OSLO_ID}/roller`, { ...ROLE, tilganger: { aktorer: [integration.id] } });
    assert.equal(role.antallIntegrasjoner, 1);
    assert.equal((await f.call('DELETE', `/${OSLO_ID}/integrasjoner/${integration.id}`)).status, 204);
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller/${role.id}`)).body.antallIntegrasjoner, 0);
    fiksError(await f.call('DELETE', `/${OSLO_ID}/integrasjoner/${integration.id}`), 404, 'UKJENT_INTEGRASJON');
  });

  test('catalogues in the v3 shapes', async () => {
    const f = await setUp(target.db);
    const omrader = (await f.call('GET', '/tjenesteomrader')).body.omrader;
    assert.equal(omrader.length, 20);
    assert.deepEqual(omrader[0], { navn: 'BARNEVERN', beskrivelse: 'Barnevern', kanHenteTaushetsbelagtInfo: true, gyldig: true });
    assert.equal(omrader.find((o: { navn: string }) => o.navn === 'TEKNISK').kanHenteTaushetsbelagtInfo, false);
    const bruksomrader = (await f.call('GET', '/bruksomrader')).body.bruksomrader;
    assert.deepEqual(bruksomrader.map((b: { navn: string; leverandor: string }) => `${b.navn}:${b.leverandor}`), [
      'SOK:SKATT',
      'INNBYGGERLISTER:KS',
      'HENDELSER:SKATT',
    ]);
    const { parts, opplysninger } = (await f.call('GET', '/parts')).body;
    assert.deepEqual(parts.map((p: { navn: string }) => p.navn), ['person-basis', 'historikk', 'identitetsgrunnlag-utvidet', 'relasjon-utvidet']);
    const relasjon = parts[3];
    assert.equal(relasjon.kanHenteTaushetsbelagtInfo, true);
    assert.deepEqual(relasjon.opplysninger.map((o: { navn: string }) => o.navn), ['familierelasjon', 'foreldreansvar', 'vergemaalEllerFremtidsfullmakt']);
    const byName = new Map(opplysninger.map((o: { navn: string }) => [o.navn, o]));
    assert.deepEqual(byName.get('bostedsadresse'), {
      navn: 'bostedsadresse',
      visningsnavn: 'Bostedsadresse',
      kanHenteTaushetsbelagtInfo: false,
      kanVaereGradertAdresse: true,
    });
    for (const confidential of ['familierelasjon', 'opphold', 'utenlandskPersonidentifikasjon', 'bibehold']) {
      assert.equal((byName.get(confidential) as { kanHenteTaushetsbelagtInfo: boolean }).kanHenteTaushetsbelagtInfo, true, confidential);
    }
    assert.equal(byName.has('forholdTilSametingetsValgmanntall'), false);
    const lovhjemler = (await f.call('GET', '/lovhjemler')).body.lovhjemler;
    assert.ok(lovhjemler.length > 0 && lovhjemler.every((l: { urler: string[] }) => l.urler[0]?.startsWith('https://lovdata.no/')));
  });

  test('verifiser reports OK, IKKE_UTFORT and FEILET as the setup grows', async () => {
    const f = await setUp(target.db);
    const statuses = async (body: object) => {
      const answer = await f.call('POST', '/verifiser', body, f.osloKey);
      assert.equal(answer.status, 200, answer.text);
      for (const s of answer.body.subsystem) assert.equal(s.verifisering.suksess, s.verifisering.status === 'OK');
      return [answer.body.altOk, ...answer.body.subsystem.map((s: { navn: string; verifisering: { status: string } }) => `${s.navn}:${s.verifisering.status}`)];
    };
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID }), [false, 'Roller:FEILET', 'API:IKKE_UTFORT', 'Integrasjoner:IKKE_UTFORT']);
    const { body: webOnly } = await f.call('POST', `/${OSLO_ID}/roller`, { ...ROLE, navn: 'Bare web', gyldighet: { api: false } });
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID }), [false, 'Roller:OK', 'API:FEILET', 'Integrasjoner:IKKE_UTFORT']);
    const { body: role } = await f.call('POST', `/${OSLO_ID}/roller`, ROLE);
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID }), [false, 'Roller:OK', 'API:OK', 'Integrasjoner:FEILET']);
    const { body: integration } = await f.call('POST', `/${OSLO_ID}/integrasjoner`, { navn: 'A', autorisertOrgnr: VENDOR_ORGNR });
    await f.call('POST', `/${OSLO_ID}/roller/${role.id}/tilganger`, { aktor: integration.id });
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID }), [true, 'Roller:OK', 'API:OK', 'Integrasjoner:OK']);
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID, rolleId: webOnly.id }), [false, 'Roller:OK', 'API:FEILET', 'Integrasjoner:IKKE_UTFORT']);
    await f.call('PUT', `/${OSLO_ID}/roller/${role.id}/deaktiver`);
    assert.deepEqual(await statuses({ fiksOrgId: OSLO_ID, rolleId: role.id }), [false, 'Roller:FEILET', 'API:IKKE_UTFORT', 'Integrasjoner:IKKE_UTFORT']);
    fiksError(await f.call('POST', '/verifiser', { fiksOrgId: OSLO_ID, rolleId: UNKNOWN_ID }), 404, 'UKJENT_ROLLE');
    fiksError(await f.call('POST', '/verifiser', { fiksOrgId: UNKNOWN_ID }), 404, 'UKJENT_ORGANISASJON');
    fiksError(await f.call('POST', '/verifiser', {}), 400);
  });

  test('the access report as JSON (RolleOversikt) and CSV (Rollenavn,Person,Tilgangstype)', async () => {
    const f = await setUp(target.db);
    const { body: integration } = await f.call('POST', `/${OSLO_ID}/integrasjoner`, { navn: 'A', autorisertOrgnr: VENDOR_ORGNR });
    await f.call('POST', `/${OSLO_ID}/roller`, { ...ROLE, navn: 'Skole, A', tilganger: { aktorer: [PERSON_B, PERSON_A, integration.id] } });
    await f.call('POST', `/${OSLO_ID}/roller`, { ...ROLE, navn: '=Formel' });
    const json = await f.call('GET', `/tilganger/${OSLO_ID}.json`, undefined, f.osloKey);
    assert.deepEqual(json.body, {
      fiksOrgId: OSLO_ID,
      roller: [
        {
          rolle: { fiksOrgId: OSLO_ID, navn: 'Skole, A' },
          tilganger: { integrasjoner: [integration.id], personer: [PERSON_A, PERSON_B].sort(), eksterneBrukere: [], eksterneGrupper: [] },
          administratorer: { personer: [], eksterneBrukere: [], eksterneGrupper: [] },
        },
        {
          rolle: { fiksOrgId: OSLO_ID, navn: '=Formel' },
          tilganger: { integrasjoner: [], personer: [], eksterneBrukere: [], eksterneGrupper: [] },
          administratorer: { personer: [], eksterneBrukere: [], eksterneGrupper: [] },
        },
      ],
    });
    const csv = await f.call('GET', `/tilganger/${OSLO_ID}.csv`, undefined, f.osloKey);
    assert.equal(csv.status, 200);
    assert.equal(csv.headers['content-type'], 'text/csv; charset=utf-8');
    const persons = [PERSON_A, PERSON_B].sort();
    assert.equal(
      csv.text,
      [
        'Rollenavn,Person,Tilgangstype',
        '"Skole, A",,',
        `,${persons[0]},Bruker`,
        `,${persons[1]},Bruker`,
        `,${integration.id},Integrasjon`,
        `"'=Formel",,`,
        '',
      ].join('\r\n'),
    );
    fiksError(await f.call('GET', `/tilganger/${OSLO_ID}.xml`), 400);
    fiksError(await f.call('GET', `/tilganger/${UNKNOWN_ID}.csv`), 404, 'UKJENT_ORGANISASJON');
  });
});

describeDatabases('gateway configuration API: audit', (target) => {
  test('every answer to an authenticated request is in the organisation\'s log: who, which route and ids, status, errorId', async () => {
    const f = await setUp(target.db);
    const created = await f.call('POST', `/${OSLO_ID}/roller`, { ...ROLE, navn: 'Revidert rolle' }, f.osloKey);
    assert.equal(created.status, 200, created.text);
    const rolleId = created.body.id as string;
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller/${rolleId}`)).status, 200);
    const refused = fiksError(await f.call('GET', `/${BERGEN_ID}/roller`, undefined, f.osloKey), 403) as unknown as { errorId: string };
    assert.equal((await f.call('GET', '/tjenesteomrader')).status, 200);
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, 'not-a-credential')).status, 401);

    const entries = (await f.log.forGatewayOrganisation(OSLO_ID)).reverse();
    const seen = entries.map((entry) => ({ klient: entry.clientId, ressurs: entry.detail, status: entry.extra.status }));
    assert.deepEqual(seen, [
      { klient: 'operatør', ressurs: 'POST /organisasjoner', status: 201 },
      { klient: 'adminnøkkel', ressurs: 'POST /:fiksOrgId/roller', status: 200 },
      { klient: 'operatør', ressurs: 'GET /:fiksOrgId/roller/:rolleId', status: 200 },
      { klient: 'adminnøkkel', ressurs: 'GET /:fiksOrgId/roller', status: 403 },
    ]);
    for (const entry of entries) {
      assert.equal(entry.action, 'konfigurasjon');
      assert.equal(entry.consumerOrg, OSLO_ORGNR);
      assert.deepEqual(entry.persons, []);
    }
    assert.equal(entries[2]?.extra.rolleId, rolleId);
    assert.equal(entries[3]?.extra.gjelderFiksOrgId, BERGEN_ID, "Oslo's credential tried Bergen's roles");
    assert.equal(entries[3]?.extra.errorId, refused.errorId, 'the errorId the caller saw');
    assert.equal(JSON.stringify(entries).includes(f.osloKey.slice(37)), false, 'no credential in the log');
    assert.equal((await f.log.forGatewayOrganisation(BERGEN_ID)).length, 1, "only Bergen's creation is in Bergen's log");
    assert.deepEqual(await f.log.verify().then((result) => result.ok), true);
  });

  test('an answer that cannot be audited is not sent: 500 in Fiks format instead', async () => {
    let failing = false;
    const log = await openAuditLog(target.db);
    const f = await setUp(target.db, createFailedLogins(), async (entry) => {
      if (failing) throw new Error('the audit database is gone');
      await log.append(entry);
    });
    assert.equal((await f.call('POST', `/${OSLO_ID}/roller`, ROLE, f.osloKey)).status, 200);
    assert.equal((await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey)).text.includes(ROLE.navn), true);
    failing = true;
    const answer = await f.call('GET', `/${OSLO_ID}/roller`, undefined, f.osloKey);
    const body = fiksError(answer, 500);
    assert.match(body.message, /kunne ikke loggføres/);
    assert.equal(answer.text.includes(ROLE.navn), false, 'nothing of the answer is delivered');
  });
});
