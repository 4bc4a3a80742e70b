// The gateway's configuration store on PGlite and PostgreSQL: organisations, roles, integrations, grants and the
// proxy's one-query read, with the validation a configuration tool relies on.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { GatewayConfigError, openGatewayStore, type GatewayConfigErrorCode } from '../src/gateway/gateway-store.js';
import { verifyPassword } from '../src/gateway/passwords.js';
import { describeDatabases } from './databases.js';
import {
  BAD_ORGNR,
  BERGEN_ID,
  OSLO_ID,
  OSLO_ORGNR,
  PERSON_A,
  PERSON_B,
  SPARE_ORGNR,
  VENDOR_ORGNR,
  newRole,
  twoOrganisations,
} from './gateway-fixture.js';

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';

async function refused(work: Promise<unknown>, code: GatewayConfigErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(work, (error: unknown) => {
    assert.ok(error instanceof GatewayConfigError, String(error));
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}

describeDatabases('gateway store: organisations', (target) => {
  test('creates, reads and lists organisations; validates orgnr, kommunenummer and ids; refuses duplicates', async () => {
    const store = await openGatewayStore(target.db);
    const { oslo, bergen } = await twoOrganisations(store);
    assert.deepEqual(oslo, { fiksOrgId: OSLO_ID, orgnr: OSLO_ORGNR, navn: 'Oslo kommune', kommunenummer: '0301' });
    assert.deepEqual(await store.getOrganisation(OSLO_ID.toUpperCase()), oslo);
    assert.deepEqual(await store.listOrganisations(), [bergen, oslo]);
    assert.equal(await store.getOrganisation(UNKNOWN_ID), undefined);
    assert.equal(await store.getOrganisation('not-a-uuid'), undefined);

    const generated = await store.createOrganisation({ orgnr: SPARE_ORGNR, navn: ' Tromsø kommune ', kommunenummer: '5501' });
    assert.match(generated.fiksOrgId, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    assert.equal(generated.navn, 'Tromsø kommune');

    await refused(store.createOrganisation({ orgnr: BAD_ORGNR, navn: 'X', kommunenummer: '0301' }), 'UGYLDIG_ORGNR', /organisasjonsnummer/);
    await refused(store.createOrganisation({ orgnr: '12345678', navn: 'X', kommunenummer: '0301' }), 'UGYLDIG_ORGNR');
    await refused(store.createOrganisation({ orgnr: VENDOR_ORGNR, navn: 'X', kommunenummer: '301' }), 'UGYLDIG_KOMMUNENUMMER');
    await refused(store.createOrganisation({ orgnr: VENDOR_ORGNR, navn: '  ', kommunenummer: '0301' }), 'UGYLDIG_NAVN');
    await refused(store.createOrganisation({ fiksOrgId: 'abc', orgnr: VENDOR_ORGNR, navn: 'X', kommunenummer: '0301' }), 'UGYLDIG_ID');
    await refused(store.createOrganisation({ orgnr: OSLO_ORGNR, navn: 'Oslo igjen', kommunenummer: '0301' }), 'FINNES_ALLEREDE');
    await refused(
      store.createOrganisation({ fiksOrgId: BERGEN_ID, orgnr: VENDOR_ORGNR, navn: 'X', kommunenummer: '0301' }),
      'FINNES_ALLEREDE',
    );
    assert.equal((await store.listOrganisations()).length, 3, 'nothing refused was stored');
  });

  test("an organisation's admin credential is issued on demand, stored hashed and replaced by the next one", async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    assert.equal(await store.adminCredentialMatches(OSLO_ID, ''), false, 'no credential before one is issued');
    const first = await store.newAdminCredential(OSLO_ID);
    assert.ok(first && first.length >= 32);
    assert.equal(await store.adminCredentialMatches(OSLO_ID, first), true);
    assert.equal(await store.adminCredentialMatches(BERGEN_ID, first), false, 'only for its own organisation');
    const { rows } = await sql<{ hash: string }>`SELECT admin_credential_hash AS hash FROM gateway.organisation`.execute(target.db.kysely);
    assert.ok(rows.every((row) => row.hash === null || (row.hash.startsWith('$scrypt$') && !row.hash.includes(first))));
    const second = await store.newAdminCredential(OSLO_ID);
    assert.ok(second && second !== first);
    assert.equal(await store.adminCredentialMatches(OSLO_ID, first), false);
    assert.equal(await store.adminCredentialMatches(OSLO_ID, second), true);
    assert.equal(await store.newAdminCredential(UNKNOWN_ID), undefined);
    assert.equal(await store.adminCredentialMatches('nope', second), false);
  });
});

describeDatabases('gateway store: roles', (target) => {
  test('a new role takes the documented defaults and maps kanHenteTaushetsbelagtInfo to the upstream package', async () => {
    const store = await openGatewayStore(target.db, { now: () => new Date('2026-03-01T10:00:00Z') });
    await twoOrganisations(store);
    const role = await store.createRole(OSLO_ID, newRole({ tagger: ['skole', 'skole', 'IKT'] }));
    assert.match(role.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(role, {
      id: role.id,
      fiksOrgId: OSLO_ID,
      navn: 'Skole - elevregister',
      beskrivelse: 'Oppslag for skoleadministrativt system',
      tjenesteOmrade: 'OPPVEKST',
      bruksomrader: ['SOK'],
      dataminimering: { parts: ['person-basis'], opplysninger: [] },
      kanHenteTaushetsbelagtInfo: false,
      kanBrukesPaSokeside: false,
      gyldighet: { api: true, soekWeb: false, uttrekkWeb: false, asynkron: false },
      gradertAdresse: 'skjul',
      aktiv: true,
      tagger: ['skole', 'IKT'],
      pakke: 'offentligUtenHjemmel',
      datoOpprettet: new Date('2026-03-01T10:00:00Z'),
    });
    const barnevern = await store.createRole(
      OSLO_ID,
      newRole({
        navn: 'Barnevern',
        beskrivelse: undefined,
        tjenesteOmrade: 'BARNEVERN',
        bruksomrader: ['HENDELSER', 'SOK', 'SOK'],
        kanHenteTaushetsbelagtInfo: true,
        kanBrukesPaSokeside: true,
        dataminimering: { parts: ['person-basis', 'relasjon-utvidet', 'historikk'], opplysninger: ['familierelasjon', 'opphold'] },
        gyldighet: { asynkron: true },
        gradertAdresse: 'vis',
      }),
    );
    assert.equal(barnevern.pakke, 'offentligMedHjemmel');
    assert.equal('beskrivelse' in barnevern, false);
    assert.deepEqual(barnevern.bruksomrader, ['SOK', 'HENDELSER']);
    assert.deepEqual(barnevern.gyldighet, { api: true, soekWeb: true, uttrekkWeb: false, asynkron: true });
    assert.equal(barnevern.gradertAdresse, 'vis');
    // Listed by creation time, then name (the clock stood still here).
    assert.deepEqual(await store.listRoles(OSLO_ID), [barnevern, role]);
    assert.deepEqual(await store.getRole(OSLO_ID, barnevern.id.toUpperCase()), barnevern);
  });

  test('refuses invalid roles with a code and a Norwegian message, and stores none of them', async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    const cases: [Partial<Parameters<typeof newRole>[0]>, GatewayConfigErrorCode, RegExp][] = [
      [{ navn: ' Innledende mellomrom' }, 'UGYLDIG_NAVN', /rollenavn/],
      [{ navn: 'X' }, 'UGYLDIG_NAVN', /2–400 tegn/],
      [{ navn: 'Tabulator\there' }, 'UGYLDIG_NAVN', /rollenavn/],
      [{ navn: 'a'.repeat(401) }, 'UGYLDIG_NAVN', /rollenavn/],
      [{ tjenesteOmrade: 'BRANN' as never }, 'UGYLDIG_TJENESTEOMRADE', /«BRANN»/],
      [{ bruksomrader: [] }, 'UGYLDIG_BRUKSOMRADE', /minst ett/],
      [{ bruksomrader: ['OPPSLAG' as never] }, 'UGYLDIG_BRUKSOMRADE', /«OPPSLAG»/],
      [{ dataminimering: { parts: ['alt'], opplysninger: [] } }, 'UGYLDIG_DATAMINIMERING', /Ukjent part «alt»/],
      [{ dataminimering: { parts: ['navn'], opplysninger: [] } }, 'UGYLDIG_DATAMINIMERING', /Ukjent part «navn»/],
      [{ dataminimering: { parts: [], opplysninger: ['skostoerrelse'] } }, 'UGYLDIG_DATAMINIMERING', /Ukjent opplysning/],
      [{ dataminimering: { parts: [], opplysninger: ['person-basis'] } }, 'UGYLDIG_DATAMINIMERING', /Ukjent opplysning/],
      // Confidential elements and the extended identity part are not in «offentlig uten hjemmel».
      [
        { dataminimering: { parts: [], opplysninger: ['navn', 'familierelasjon'] } },
        'UGYLDIG_DATAMINIMERING',
        /«familierelasjon» er ikke tilgjengelig i rettighetspakken «Offentlig virksomhet uten hjemmel»/,
      ],
      [{ dataminimering: { parts: ['identitetsgrunnlag-utvidet'], opplysninger: [] } }, 'UGYLDIG_DATAMINIMERING', /ikke tilgjengelig/],
      [{ dataminimering: { parts: ['historikk'], opplysninger: [] } }, 'UGYLDIG_DATAMINIMERING', /historikk alene/],
      [{ dataminimering: { parts: [], opplysninger: [] } }, 'UGYLDIG_DATAMINIMERING', /minst én opplysning/],
      [
        { kanHenteTaushetsbelagtInfo: true, dataminimering: { parts: [], opplysninger: ['forholdTilSametingetsValgmanntall'] } },
        'UGYLDIG_DATAMINIMERING',
        /ikke gyldig/,
      ],
      [{ tjenesteOmrade: 'TEKNISK', kanHenteTaushetsbelagtInfo: true }, 'TAUSHETSBELAGT_IKKE_TILLATT', /TEKNISK/],
      [{ gyldighet: { web: true } as never }, 'UGYLDIG_GYLDIGHET', /«web»/],
      [{ gradertAdresse: 'kanskje' as never }, 'UGYLDIG_GRADERT_ADRESSE', /vis.*skjul/],
      [{ tagger: [' x'] }, 'UGYLDIG_TAGG', /« x»/],
      [{ id: 'rolle-1' }, 'UGYLDIG_ID', /UUID/],
    ];
    for (const [overrides, code, message] of cases) await refused(store.createRole(OSLO_ID, newRole(overrides)), code, message);
    await refused(store.createRole(UNKNOWN_ID, newRole()), 'UKJENT_ORGANISASJON');
    await refused(store.createRole('garbage', newRole()), 'UKJENT_ORGANISASJON');
    assert.deepEqual(await store.listRoles(OSLO_ID), []);

    await store.createRole(OSLO_ID, newRole());
    await refused(store.createRole(OSLO_ID, newRole()), 'FINNES_ALLEREDE', /«Skole - elevregister»/);
    await store.createRole(BERGEN_ID, newRole()); // the same name in another organisation is fine
  });

  test('updates, (de)activates and deletes roles; another organisation sees none of it', async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    const role = await store.createRole(OSLO_ID, newRole());
    const other = await store.createRole(OSLO_ID, newRole({ navn: 'Annen rolle' }));
    const updated = await store.updateRole(OSLO_ID, role.id, {
      navn: 'Skole',
      beskrivelse: '',
      bruksomrader: ['SOK', 'INNBYGGERLISTER'],
      dataminimering: { parts: ['relasjon-utvidet'], opplysninger: ['navn', 'bostedsadresse'] },
      gyldighet: { api: false },
      tagger: ['ny'],
    });
    const { beskrivelse, ...withoutBeskrivelse } = role;
    assert.ok(beskrivelse, 'an empty beskrivelse removes it');
    assert.deepEqual(updated, {
      ...withoutBeskrivelse,
      navn: 'Skole',
      bruksomrader: ['SOK', 'INNBYGGERLISTER'],
      dataminimering: { parts: ['relasjon-utvidet'], opplysninger: ['navn', 'bostedsadresse'] },
      gyldighet: { ...role.gyldighet, api: false },
      tagger: ['ny'],
    });
    await refused(store.updateRole(OSLO_ID, role.id, { navn: 'Annen rolle' }), 'FINNES_ALLEREDE');
    await refused(store.updateRole(OSLO_ID, role.id, { dataminimering: { parts: [], opplysninger: ['opphold'] } }), 'UGYLDIG_DATAMINIMERING');
    assert.deepEqual(await store.getRole(OSLO_ID, role.id), updated, 'refused changes change nothing');

    assert.equal(await store.updateRole(BERGEN_ID, role.id, { navn: 'Kapret' }), undefined);
    assert.equal(await store.getRole(BERGEN_ID, role.id), undefined);
    assert.deepEqual(await store.listRoles(BERGEN_ID), []);
    assert.equal(await store.setRoleActive(BERGEN_ID, role.id, false), undefined);
    assert.equal(await store.deleteRole(BERGEN_ID, role.id), false);

    assert.equal((await store.setRoleActive(OSLO_ID, role.id, false))?.aktiv, false);
    assert.equal((await store.getRole(OSLO_ID, role.id))?.aktiv, false);
    assert.equal((await store.setRoleActive(OSLO_ID, role.id, true))?.aktiv, true);
    assert.equal(await store.deleteRole(OSLO_ID, role.id), true);
    assert.equal(await store.deleteRole(OSLO_ID, role.id), false);
    assert.deepEqual((await store.listRoles(OSLO_ID)).map((r) => r.id), [other.id]);
    for (const bad of ['x', '', UNKNOWN_ID]) {
      assert.equal(await store.getRole(OSLO_ID, bad), undefined);
      assert.equal(await store.updateRole(OSLO_ID, bad, { navn: 'Ny' }), undefined);
      assert.equal(await store.deleteRole(OSLO_ID, bad), false);
    }
  });
});

describeDatabases('gateway store: integrations, grants and proxy access', (target) => {
  test('an integration password is shown once, stored only as a slow hash, and replaced by a new one', async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    const { integration, password } = await store.createIntegration({
      fiksOrgId: OSLO_ID,
      navn: 'Skoleadmin',
      beskrivelse: 'Leverandørens integrasjon',
      autorisertOrgnr: VENDOR_ORGNR,
    });
    assert.match(password, /^[A-Za-z0-9_-]{32}$/);
    assert.deepEqual(await store.getIntegration(OSLO_ID, integration.id), integration);
    assert.equal('password' in integration, false);
    const { rows } = await sql<{ password_hash: string }>`SELECT password_hash FROM gateway.integration`.execute(target.db.kysely);
    assert.equal(rows.length, 1);
    const stored = rows[0]?.password_hash ?? '';
    assert.match(stored, /^\$scrypt\$ln=14,r=8,p=1\$/);
    assert.ok(!stored.includes(password));
    assert.equal(await verifyPassword(password, stored), true);

    const access = await store.proxyAccess(integration.id, UNKNOWN_ID);
    assert.equal(access?.passwordHash, stored);
    const renewed = await store.newPassword(OSLO_ID, integration.id);
    assert.ok(renewed && renewed !== password);
    const hash = (await store.proxyAccess(integration.id, UNKNOWN_ID))?.passwordHash ?? '';
    assert.equal(await verifyPassword(password, hash), false, 'the old password no longer works');
    assert.equal(await verifyPassword(renewed, hash), true);
    assert.equal(await store.newPassword(BERGEN_ID, integration.id), undefined, "another organisation's integration is unknown");
    assert.equal(await store.newPassword(OSLO_ID, 'x'), undefined);
  });

  test('validates integrations and keeps them per organisation', async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    await refused(store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'X', autorisertOrgnr: BAD_ORGNR }), 'UGYLDIG_ORGNR', /autorisert/);
    await refused(store.createIntegration({ fiksOrgId: OSLO_ID, navn: '', autorisertOrgnr: VENDOR_ORGNR }), 'UGYLDIG_NAVN');
    await refused(store.createIntegration({ fiksOrgId: UNKNOWN_ID, navn: 'X', autorisertOrgnr: VENDOR_ORGNR }), 'UKJENT_ORGANISASJON');
    await refused(store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'X', autorisertOrgnr: VENDOR_ORGNR, id: 'x' }), 'UGYLDIG_ID');
    const { integration } = await store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'A', autorisertOrgnr: VENDOR_ORGNR, id: UNKNOWN_ID });
    assert.equal(integration.id, UNKNOWN_ID);
    assert.equal('beskrivelse' in integration, false);
    await refused(
      store.createIntegration({ fiksOrgId: BERGEN_ID, navn: 'B', autorisertOrgnr: VENDOR_ORGNR, id: UNKNOWN_ID }),
      'FINNES_ALLEREDE',
    );
    assert.deepEqual(await store.listIntegrations(OSLO_ID), [integration]);
    assert.deepEqual(await store.listIntegrations(BERGEN_ID), []);
    assert.equal(await store.getIntegration(BERGEN_ID, integration.id), undefined);
    assert.equal(await store.deleteIntegration(BERGEN_ID, integration.id), false);
    assert.equal(await store.deleteIntegration(OSLO_ID, integration.id), true);
    assert.equal(await store.deleteIntegration(OSLO_ID, integration.id), false);
    assert.equal(await store.proxyAccess(integration.id, UNKNOWN_ID), undefined);
  });

  test('grants join a role to integrations of its own organisation and to persons; revoking and deleting remove them', async () => {
    const store = await openGatewayStore(target.db);
    await twoOrganisations(store);
    const role = await store.createRole(OSLO_ID, newRole());
    const { integration } = await store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'A', autorisertOrgnr: VENDOR_ORGNR });
    const { integration: bergens } = await store.createIntegration({ fiksOrgId: BERGEN_ID, navn: 'B', autorisertOrgnr: VENDOR_ORGNR });

    assert.equal(await store.grant(OSLO_ID, role.id, integration.id), true);
    assert.equal(await store.grant(OSLO_ID, role.id, integration.id.toUpperCase()), true, 'idempotent');
    assert.equal(await store.grant(OSLO_ID, role.id, PERSON_A), true);
    assert.equal(await store.grant(OSLO_ID, role.id, PERSON_A), true);
    await refused(store.grant(OSLO_ID, role.id, bergens.id), 'UGYLDIG_AKTOR', /ingen integrasjon/);
    await refused(store.grant(OSLO_ID, role.id, `${PERSON_B.slice(0, 10)}${(Number(PERSON_B[10]) + 1) % 10}`), 'UGYLDIG_AKTOR');
    await refused(store.grant(OSLO_ID, role.id, '123'), 'UGYLDIG_AKTOR');
    assert.equal(await store.grant(BERGEN_ID, role.id, bergens.id), false, "another organisation's role is unknown");
    assert.equal(await store.grant(OSLO_ID, UNKNOWN_ID, integration.id), false);
    assert.deepEqual(await store.grantsForRole(OSLO_ID, role.id), { integrasjoner: [integration.id], personer: [PERSON_A] });
    assert.equal(await store.grantsForRole(BERGEN_ID, role.id), undefined);

    assert.equal(await store.revoke(OSLO_ID, role.id, PERSON_A), true);
    assert.equal(await store.revoke(OSLO_ID, role.id, PERSON_A), false);
    assert.equal(await store.revoke(OSLO_ID, role.id, 'nonsense'), false);
    assert.equal(await store.revoke(BERGEN_ID, role.id, integration.id), false);
    assert.deepEqual(await store.grantsForRole(OSLO_ID, role.id), { integrasjoner: [integration.id], personer: [] });

    // Deleting the integration deletes its grants; so does deleting a role.
    const second = await store.createRole(OSLO_ID, newRole({ navn: 'Andre' }));
    await store.grant(OSLO_ID, second.id, integration.id);
    await store.grant(OSLO_ID, second.id, PERSON_B);
    assert.equal(await store.deleteIntegration(OSLO_ID, integration.id), true);
    assert.deepEqual(await store.grantsForRole(OSLO_ID, role.id), { integrasjoner: [], personer: [] });
    assert.equal(await store.deleteRole(OSLO_ID, second.id), true);
    const { rows } = await sql<{ n: number }>`
      SELECT (SELECT count(*) FROM gateway.integration_grant) + (SELECT count(*) FROM gateway.person_grant) AS n`.execute(target.db.kysely);
    assert.equal(Number(rows[0]?.n), 0);
  });

  test('proxyAccess reads the integration, its grant, the role and the organisation in one statement', async () => {
    const store = await openGatewayStore(target.db);
    const { oslo } = await twoOrganisations(store);
    const role = await store.createRole(OSLO_ID, newRole());
    const ungranted = await store.createRole(OSLO_ID, newRole({ navn: 'Uten tilgang' }));
    const { integration } = await store.createIntegration({ fiksOrgId: OSLO_ID, navn: 'A', autorisertOrgnr: VENDOR_ORGNR });
    await store.grant(OSLO_ID, role.id, integration.id);

    const kysely = target.db.kysely as unknown as { executeQuery: (...args: unknown[]) => Promise<unknown> };
    const original = kysely.executeQuery;
    let statements = 0;
    kysely.executeQuery = function (...args: unknown[]) {
      statements += 1;
      return original.apply(this, args);
    };
    let access;
    try {
      access = await store.proxyAccess(integration.id, role.id);
    } finally {
      kysely.executeQuery = original;
    }
    assert.equal(statements, 1);
    assert.ok(access);
    assert.deepEqual(access.integration, integration);
    assert.match(access.passwordHash, /^\$scrypt\$/);
    assert.deepEqual(access.role, role);
    assert.deepEqual(access.organisation, oslo);

    const notGranted = await store.proxyAccess(integration.id, ungranted.id);
    assert.deepEqual(Object.keys(notGranted ?? {}).sort(), ['integration', 'passwordHash']);
    assert.deepEqual(Object.keys((await store.proxyAccess(integration.id, 'not-a-uuid')) ?? {}).sort(), ['integration', 'passwordHash']);
    assert.equal(await store.proxyAccess('not-a-uuid', role.id), undefined);
    assert.equal(await store.proxyAccess(UNKNOWN_ID, role.id), undefined);
    assert.equal((await store.proxyAccess(integration.id.toUpperCase(), role.id.toUpperCase()))?.role?.id, role.id);

    await store.setRoleActive(OSLO_ID, role.id, false);
    assert.equal((await store.proxyAccess(integration.id, role.id))?.role?.aktiv, false, 'the proxy decides about inactive roles');
  });
});
