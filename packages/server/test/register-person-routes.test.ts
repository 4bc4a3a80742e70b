import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { generateIdNumbers } from '@folkeport/identity';
import { RIGHTS_PACKAGES, packageOffers, type Folkeregisterperson, type PackageId } from '@folkeport/model';
import { registerPersonRoutes } from '../src/register/api/person-routes.js';
import { describeDatabases } from './databases.js';
import { idOf } from './generator-fixture.js';
import { CONSUMER_ORG, registerApi, registerPopulation, type RegisterApiFixture } from './register-api-fixture.js';

const SHARED = process.env.FOLKEPORT_SHARED ?? fileURLToPath(new URL('../../../../shared/', import.meta.url));
const OMH = 'offentligMedHjemmel';
const ADDRESSES = ['bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet'];

/** No address of a protected person except an ungraded postadresse (the open one of strengtFortrolig persons). */
function assertOnlyOpenAddresses(person: Folkeregisterperson, what: string): void {
  for (const name of ADDRESSES) {
    if (name !== 'postadresse') assert.equal(name in person, false, `${what}: ${name}`);
  }
  for (const entry of person.postadresse ?? []) assert.equal(entry.adressegradering ?? 'ugradert', 'ugradert', `${what}: postadresse`);
}

let openapi: Ajv | undefined;
/** A validator for one schema of the official OpenAPI 1.5 (as in generator-openapi.test.ts). */
function officialSchema(name: string): ValidateFunction {
  if (!openapi) {
    const spec = parse(readFileSync(`${SHARED}reference/specs/freg/freg.yaml`, 'utf8')) as { components: unknown };
    openapi = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    openapi.addSchema({ $id: 'freg.yaml', components: spec.components });
  }
  const validate = openapi.getSchema(`freg.yaml#/components/schemas/${name}`);
  assert.ok(validate, `the OpenAPI defines ${name}`);
  return validate;
}
const PERSON_SCHEMA = 'folkeregisteret.tilgjengeliggjoering.person.v1.Folkeregisterperson';
const BULK_SCHEMA = 'folkeregisteret.tilgjengeliggjoering.person.v1.bulk.response.PersonBulkoppslagResponse';

function assertOfficial(name: string, body: unknown) {
  const validate = officialSchema(name);
  assert.ok(validate(body), JSON.stringify(validate.errors?.slice(0, 3)));
}

const documents = registerPopulation().map((person) => person.document);
const protectionOf = (d: Folkeregisterperson) => d.adressebeskyttelse?.find((a) => a.erGjeldende)?.graderingsnivaa;
const fortrolig = documents.find((d) => protectionOf(d) === 'fortrolig' && d.bostedsadresse !== undefined);
const strengtFortrolig = documents.find((d) => protectionOf(d) === 'strengtFortrolig');
/** A person who continues after a duplicate merge: an opphørt identifier next to the one in use. */
const merged = documents.find((d) => d.identifikasjonsnummer?.some((i) => i.status === 'opphoert' && !i.erGjeldende));
const ordinary = documents.find((d) => d.status?.some((s) => s.erGjeldende && s.status === 'bosatt'));
const ceasedId = merged?.identifikasjonsnummer?.find((i) => i.status === 'opphoert')?.foedselsEllerDNummer ?? '';
const known = new Set(documents.flatMap((d) => d.identifikasjonsnummer?.map((i) => i.foedselsEllerDNummer) ?? []));
const unknownId = generateIdNumbers(20, { seed: 99, birthDate: '1931-05-17' }).find((id) => !known.has(id)) ?? '';

function withAllElements(pkg: PackageId): string {
  const elements = RIGHTS_PACKAGES.find((p) => p.id === pkg)?.elements ?? [];
  return `?${[...elements, 'historikk'].map((e) => `part=${e}`).join('&')}`;
}

describeDatabases('register API: person endpoints', (target) => {
  let api: RegisterApiFixture;
  const open = async () => {
    api = await registerApi(target.db, [registerPersonRoutes]);
    return api;
  };

  test('GET personer/{id}: 200 with the projected document, audited; 400 bad identifier or part; 404 unknown', async () => {
    assert.ok(ordinary && merged && unknownId);
    await open();
    const id = idOf(ordinary);
    const response = await api.call(OMH, 'GET', `/personer/${id}`);
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = response.json() as Folkeregisterperson;
    assert.equal(idOf(body), id);
    assert.ok(body.status?.every((s) => s.erGjeldende), 'no history without historikk');
    assertOfficial(PERSON_SCHEMA, body);
    const [entry] = api.audit.slice(-1);
    assert.equal(entry?.action, 'personoppslag');
    assert.equal(entry?.package, OMH);
    assert.equal(entry?.consumerOrg, CONSUMER_ORG);
    assert.deepEqual(entry?.persons, [id]);
    assert.deepEqual([...(entry?.elements ?? [])].sort(), Object.keys(body).sort());

    const parted = await api.call(OMH, 'GET', `/personer/${id}?part=navn&part=Status`);
    assert.deepEqual(Object.keys(parted.json()), ['identifikasjonsnummer', 'status', 'navn']);

    // A historic (opphørt) identifier finds the continued person.
    const historic = await api.call(OMH, 'GET', `/personer/${ceasedId}`);
    assert.equal(historic.status, 200);
    assert.equal(idOf(historic.json()), idOf(merged));
    assert.notEqual(idOf(merged), ceasedId);

    for (const [path, message] of [
      ['/personer/1234', /11 siffer/],
      [`/personer/${id.slice(0, 10)}${(Number(id[10]) + 1) % 10}`, /kontrollsifrene/],
      [`/personer/${id}?part=fødsel`, /Ugyldig verdi for part/],
      [`/personer/${id}?part=forholdTilSametingetsValgmanntall`, /ikke lenger gyldig/],
    ] as const) {
      const bad = await api.call(OMH, 'GET', path);
      assert.equal(bad.status, 400, path);
      assert.equal(bad.json().kode, 'FREG-400');
      assert.match(bad.json().melding, message);
      assert.ok(!bad.body.includes(id), 'the identity number is not echoed');
    }
    const audited = api.audit.length;
    const unknown = await api.call(OMH, 'GET', `/personer/${unknownId}`);
    assert.equal(unknown.status, 404);
    assert.deepEqual(Object.keys(unknown.json()), ['kode', 'melding']);
    assert.equal(api.audit.length, audited + 1, 'the failed lookup is audited too');
    assert.deepEqual(api.audit.at(-1)?.persons, []);

    const xml = await api.call(OMH, 'GET', `/personer/${id}?part=navn`, { headers: { accept: 'application/xml' } });
    assert.equal(xml.status, 200);
    assert.match(String(xml.headers['content-type']), /^application\/xml/);
    assert.match(xml.body, /^<\?xml[^>]*\?><folkeregisterperson xmlns="folkeregisteret:tilgjengeliggjoering:person:v1">/);
    assert.ok(xml.body.includes(`<foedselsEllerDNummer>${id}</foedselsEllerDNummer>`));
    assert.ok(xml.body.includes('<navn>') && !xml.body.includes('<kjoenn>'), 'the XML is projected too');
    assert.equal((await api.call(OMH, 'GET', `/personer/${id}`, { headers: { accept: 'application/pdf' } })).status, 406);
    const bulkXml = await api.call(OMH, 'POST', '/personer/bulkoppslag', {
      body: { foedselsEllerDNummer: [id] },
      headers: { accept: 'application/xml' },
    });
    assert.equal(bulkXml.status, 406, 'bulk answers are JSON only');
    assert.equal((await api.call(OMH, 'HEAD', `/personer/${id}`)).status, 200);
  });

  test('POST personer/bulkoppslag: somBestilt order, duplicates and per-item errors; without it unknown ids left out', async () => {
    assert.ok(ordinary && merged && fortrolig);
    await open();
    const [a, b] = [idOf(ordinary), idOf(fortrolig)];
    const ids = [a, unknownId, b, a, ceasedId];

    const ordered = await api.call(OMH, 'POST', '/personer/bulkoppslag?somBestilt=true', { body: { foedselsEllerDNummer: ids } });
    assert.equal(ordered.status, 200);
    const oppslag = ordered.json().oppslag as { foedselsEllerDNummer: string; folkeregisterperson?: Folkeregisterperson; feilmelding?: { feilmelding: string } }[];
    assert.deepEqual(oppslag.map((o) => o.foedselsEllerDNummer), ids);
    assert.equal(idOf(oppslag[0]?.folkeregisterperson ?? {}), a);
    assert.deepEqual(oppslag[1], { foedselsEllerDNummer: unknownId, feilmelding: { feilmelding: 'Fant ingen person med denne identifikatoren.' } });
    assert.equal(idOf(oppslag[2]?.folkeregisterperson ?? {}), b);
    assert.deepEqual(oppslag[3], oppslag[0]);
    assert.deepEqual(oppslag[4], { foedselsEllerDNummer: ceasedId, feilmelding: { feilmelding: 'Identifikatoren er opphørt.' } });
    assertOfficial(BULK_SCHEMA, ordered.json());
    const entry = api.audit.at(-1);
    assert.equal(entry?.action, 'bulkoppslag');
    assert.deepEqual(entry?.persons, [a, b]);
    assert.ok(entry?.elements.includes('bostedsadresse'));

    const plain = await api.call(OMH, 'POST', '/personer/bulkoppslag', { body: { foedselsEllerDNummer: ids } });
    assert.equal(plain.status, 200);
    const found = plain.json().oppslag as { foedselsEllerDNummer: string; folkeregisterperson: Folkeregisterperson }[];
    // Unknown left out (Q15); each person once; the historic identifier finds the merged person.
    assert.deepEqual(found.map((o) => o.foedselsEllerDNummer), [a, b, ceasedId]);
    assert.equal(idOf(found[2]?.folkeregisterperson ?? {}), idOf(merged));
    assert.ok(found.every((o) => o.folkeregisterperson !== undefined));

    const empty = await api.call(OMH, 'POST', '/personer/bulkoppslag', { body: { foedselsEllerDNummer: [] } });
    assert.deepEqual(empty.json(), { oppslag: [] });
  });

  test('POST personer/bulkoppslag: bad bodies and parameters → 400 in the FREG format', async () => {
    assert.ok(ordinary);
    await open();
    const id = idOf(ordinary);
    const tooMany = Array.from({ length: 1001 }, () => id);
    const cases: [unknown, RegExp, string?][] = [
      [{ foedselsEllerDNummer: tooMany }, /Høyst 1000 oppslag per forespørsel \(fikk 1001\)/],
      [{ foedselsEllerDNummer: [id, '123'] }, /foedselsEllerDNummer nr\. 2 er ikke et fødsels- eller D-nummer/],
      [{ foedselsEllerDNummer: [id], ekstra: 1 }, /bare feltet foedselsEllerDNummer/],
      [{ foedselsnummer: [id] }, /bare feltet foedselsEllerDNummer/],
      [[id], /bare feltet foedselsEllerDNummer/],
      [{ foedselsEllerDNummer: [id] }, /somBestilt: må være true eller false/, '?somBestilt=ja'],
      [{ foedselsEllerDNummer: [id] }, /ikke tilgjengelig i rettighetspakken/, '?part=familierelasjon'],
    ];
    for (const [body, message, query = ''] of cases) {
      const response = await api.call('offentligUtenHjemmel', 'POST', `/personer/bulkoppslag${query}`, { body });
      assert.equal(response.status, 400, String(message));
      assert.equal(response.json().kode, 'FREG-400');
      assert.match(response.json().melding, message);
    }
    const thousand = await api.call(OMH, 'POST', '/personer/bulkoppslag?somBestilt=true', { body: { foedselsEllerDNummer: tooMany.slice(1) } });
    assert.equal(thousand.status, 200);
    assert.equal(thousand.json().oppslag.length, 1000);

    const badJson = await api.call(OMH, 'POST', '/personer/bulkoppslag', {
      body: '{"foedselsEllerDNummer": [',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(badJson.status, 400);
    assert.deepEqual(Object.keys(badJson.json()), ['kode', 'melding']);
    assert.equal(badJson.json().kode, 'FREG-400');
  });

  test('arkiv: GET by dokumentidentifikator (also as UUID), bulk keyed by dokumentidentifikator; 400, 404; deleted versions', async () => {
    assert.ok(ordinary && fortrolig);
    const now = Date.parse('2026-11-22T12:00:00Z');
    api = await registerApi(target.db, [registerPersonRoutes], { clock: () => now });
    const stored = api.persons.find((p) => p.document === ordinary);
    const other = api.persons.find((p) => p.document === fortrolig);
    assert.ok(stored && other);
    const id = stored.dokumentidentifikator;

    const response = await api.call(OMH, 'GET', `/personer/arkiv/${id}?part=navn`);
    assert.equal(response.status, 200);
    assert.deepEqual(Object.keys(response.json()), ['identifikasjonsnummer', 'navn']);
    assertOfficial(PERSON_SCHEMA, response.json());
    assert.deepEqual(api.audit.at(-1)?.persons, [idOf(ordinary)]);
    assert.equal(api.audit.at(-1)?.action, 'arkiv');
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`.toUpperCase();
    assert.equal((await api.call(OMH, 'GET', `/personer/arkiv/${uuid}`)).status, 200);
    assert.equal((await api.call(OMH, 'GET', '/personer/arkiv/xyz')).status, 400);
    const missing = await api.call(OMH, 'GET', `/personer/arkiv/${'0'.repeat(32)}`);
    assert.equal(missing.status, 404);
    assert.match(missing.json().melding, /Fant ikke persondokumentet/);

    // Version 1 of `other` was replaced more than three years ago → deleted; version 1 of `stored`, a year ago → kept.
    const change = (registrert: string, dokumentidentifikator: string, hendelsesidentifikator: string) => ({
      document: stored.document,
      dokumentidentifikator,
      hendelsesidentifikator,
      hendelsetype: 'endringINavn' as const,
      endringer: [],
      registrert,
    });
    await api.register.applyChange(idOf(fortrolig), { ...change('2023-11-01T10:00:00+01:00', 'a'.repeat(32), 'b'.repeat(32)), document: fortrolig });
    await api.register.applyChange(idOf(ordinary), change('2025-11-22T10:00:00+01:00', 'c'.repeat(32), 'd'.repeat(32)));
    const deleted = await api.call(OMH, 'GET', `/personer/arkiv/${other.dokumentidentifikator}`);
    assert.equal(deleted.status, 400);
    assert.match(deleted.json().melding, /slettet/);
    assert.equal((await api.call(OMH, 'GET', `/personer/arkiv/${id}`)).status, 200);

    const ids = [id, '0'.repeat(32), other.dokumentidentifikator, 'a'.repeat(32)];
    const bulk = await api.call(OMH, 'POST', '/personer/bulkoppslag/arkiv', { body: { dokumentidentifikator: ids } });
    assert.equal(bulk.status, 200);
    const oppslag = bulk.json().oppslag as { dokumentidentifikator: string; folkeregisterperson?: Folkeregisterperson; feilmelding?: { feilmelding: string } }[];
    assert.deepEqual(oppslag.map((o) => o.dokumentidentifikator), ids);
    assert.equal(idOf(oppslag[0]?.folkeregisterperson ?? {}), idOf(ordinary));
    assert.match(oppslag[1]?.feilmelding?.feilmelding ?? '', /Fant ikke/);
    assert.match(oppslag[2]?.feilmelding?.feilmelding ?? '', /slettet/);
    assert.equal(idOf(oppslag[3]?.folkeregisterperson ?? {}), idOf(fortrolig));
    for (const item of oppslag) if (item.folkeregisterperson) assertOfficial(PERSON_SCHEMA, item.folkeregisterperson);
    assert.deepEqual(api.audit.at(-1)?.persons, [idOf(ordinary), idOf(fortrolig)]);
    const badBulk = await api.call(OMH, 'POST', '/personer/bulkoppslag/arkiv', { body: { dokumentidentifikator: ['nope'] } });
    assert.equal(badBulk.status, 400);
    assert.match(badBulk.json().melding, /dokumentidentifikator nr\. 1/);
  });

  test('every package serves exactly the person routes it offers; personer/xsd → 501 with a FREG body', async () => {
    await open();
    for (const pkg of RIGHTS_PACKAGES) {
      // Bad input proves a route is there (400); a route the package does not offer does not exist (404).
      const calls = [
        ['personoppslag', 'GET', '/personer/123', undefined],
        ['bulkoppslag', 'POST', '/personer/bulkoppslag', {}],
        ['arkiv', 'GET', '/personer/arkiv/xyz', undefined],
        ['arkiv', 'POST', '/personer/bulkoppslag/arkiv', {}],
      ] as const;
      for (const [service, method, path, body] of calls) {
        const response = await api.call(pkg.id, method, path, { body });
        assert.equal(response.status, packageOffers(pkg, service) ? 400 : 404, `${pkg.id} ${method} ${path}`);
        assert.match(response.json().kode, /^FREG-40[04]$/);
      }
      const xsd = await api.call(pkg.id, 'GET', '/personer/xsd');
      assert.equal(xsd.status, packageOffers(pkg, 'personXsd') ? 501 : 404);
      if (xsd.status === 501) {
        assert.deepEqual(Object.keys(xsd.json()), ['kode', 'melding']);
        assert.equal(xsd.json().kode, 'FREG-501');
        assert.match(xsd.json().melding, /leverer ikke XSD/);
      }
    }
  });

  test('svalbardregister covers Svalbard persons only: others are unknown to it', async () => {
    assert.ok(ordinary && fortrolig);
    await open();
    const [svalbard, mainland] = [idOf(ordinary), idOf(fortrolig)];
    const brsv = 'svalbardregister';
    assert.equal((await api.call(brsv, 'GET', `/personer/${svalbard}`)).status, 404);
    assert.equal((await api.call(OMH, 'GET', `/personer/${svalbard}`)).status, 200);
    const opphold = { erGjeldende: true, antattOppholdsvarighet: 'overSeksMaaneder' as const, startdato: '2025-08-01' };
    await api.register.applyChange(svalbard, {
      document: { ...ordinary, oppholdPaaSvalbard: [opphold] },
      dokumentidentifikator: 'e'.repeat(32),
      hendelsesidentifikator: 'f'.repeat(32),
      hendelsetype: 'endringIOppholdPaaSvalbard',
      endringer: [],
      registrert: '2025-08-01T10:00:00+02:00',
    });
    const found = await api.call(brsv, 'GET', `/personer/${svalbard}?part=oppholdPaaSvalbard`);
    assert.equal(found.status, 200);
    assert.deepEqual(found.json().oppholdPaaSvalbard, [opphold]);
    const bulk = await api.call(brsv, 'POST', '/personer/bulkoppslag?somBestilt=true', {
      body: { foedselsEllerDNummer: [svalbard, mainland] },
    });
    const oppslag = bulk.json().oppslag as { folkeregisterperson?: unknown; feilmelding?: unknown }[];
    assert.ok(oppslag[0]?.folkeregisterperson);
    assert.deepEqual(oppslag[1]?.feilmelding, { feilmelding: 'Fant ingen person med denne identifikatoren.' });
    assert.equal((await api.call(brsv, 'GET', `/personer/arkiv/${'e'.repeat(32)}`)).status, 200);
    const mainlandDokument = api.persons.find((p) => p.document === fortrolig)?.dokumentidentifikator ?? '';
    assert.equal((await api.call(brsv, 'GET', `/personer/arkiv/${mainlandDokument}`)).status, 404);
  });

  test('a verge whose number the package may not see is given by name and birth date, on every endpoint', async () => {
    const byId = new Map(documents.map((d) => [idOf(d), d]));
    const ward = documents.find((d) => d.vergemaalEllerFremtidsfullmakt?.some((v) => v.erGjeldende && byId.has(v.verge.foedselsEllerDNummer ?? '')));
    assert.ok(ward);
    await open();
    const vergeId = ward.vergemaalEllerFremtidsfullmakt?.find((v) => v.erGjeldende)?.verge.foedselsEllerDNummer ?? '';
    const verge = byId.get(vergeId);
    const navn = verge?.navn?.find((n) => n.erGjeldende);
    assert.ok(verge && navn);
    const expected = {
      personnavn: { fornavn: navn.fornavn, ...(navn.mellomnavn && { mellomnavn: navn.mellomnavn }), etternavn: navn.etternavn },
      foedselsdato: verge.foedsel?.find((f) => f.erGjeldende)?.foedselsdato,
    };
    const path = `/personer/${idOf(ward)}?part=vergemaalEllerFremtidsfullmakt`;
    const puh = (await api.call('privatUtenHjemmel', 'GET', path)).json() as Folkeregisterperson;
    assert.deepEqual(puh.vergemaalEllerFremtidsfullmakt?.[0]?.verge, { navnFoedselsdato: expected });
    const bulk = await api.call('offentligUtenHjemmel', 'POST', '/personer/bulkoppslag?part=vergemaalEllerFremtidsfullmakt', {
      body: { foedselsEllerDNummer: [idOf(ward)] },
    });
    assert.deepEqual(bulk.json().oppslag[0].folkeregisterperson.vergemaalEllerFremtidsfullmakt[0].verge, { navnFoedselsdato: expected });
    const omh = (await api.call(OMH, 'GET', path)).json() as Folkeregisterperson;
    const full = omh.vergemaalEllerFremtidsfullmakt?.[0]?.verge;
    assert.equal(full?.foedselsEllerDNummer, vergeId);
    assert.ok(full?.tjenesteomraade);
    assert.equal(full?.navnFoedselsdato, undefined, 'packages that see the number get the stored form');
  });

  test('minimisation on every endpoint: graded and strengtFortrolig addresses, masked status, history', async () => {
    assert.ok(fortrolig && strengtFortrolig);
    await open();
    const graded = idOf(fortrolig);
    const hidden = idOf(strengtFortrolig);
    const bostedsgradering = (d: Folkeregisterperson) => d.bostedsadresse?.find((a) => a.erGjeldende)?.adressegradering;

    const omh = (await api.call(OMH, 'GET', `/personer/${graded}`)).json() as Folkeregisterperson;
    assert.equal(bostedsgradering(omh), 'fortrolig');
    for (const pkg of ['offentligUtenHjemmel', 'privatUtenHjemmel', 'finans', 'utstederEid'] as const) {
      const single = (await api.call(pkg, 'GET', `/personer/${graded}`)).json() as Folkeregisterperson;
      assert.equal(single.bostedsadresse, undefined, pkg);
      assert.ok(!JSON.stringify(single).includes('kilde'), `${pkg} strips metadata`);
      const bulk = await api.call(pkg, 'POST', `/personer/bulkoppslag${withAllElements(pkg)}`, {
        body: { foedselsEllerDNummer: [graded, hidden] },
      });
      const found = (bulk.json().oppslag as { folkeregisterperson: Folkeregisterperson }[]).map((o) => o.folkeregisterperson);
      assert.equal(found.length, 2);
      for (const person of found) assertOnlyOpenAddresses(person, `${pkg}: a protected person`);
    }
    for (const pkg of [OMH, 'offentligUtenHjemmel'] as const) {
      const response = await api.call(pkg, 'GET', `/personer/${hidden}${withAllElements(pkg)}`);
      assert.equal(response.status, 200);
      assertOnlyOpenAddresses(response.json(), `${pkg}: a strengtFortrolig person`);
    }
    const dokument = api.persons.find((p) => p.document === fortrolig)?.dokumentidentifikator ?? '';
    const archived = (await api.call(OMH, 'GET', `/personer/arkiv/${dokument}?part=bostedsadresse&part=historikk`)).json();
    assert.ok((archived as Folkeregisterperson).bostedsadresse?.some((a) => a.erGjeldende === false), 'OMH history');

    const masked = documents.find((d) => d.status?.some((s) => s.erGjeldende && s.status === 'midlertidig'));
    assert.ok(masked);
    const statusIn = async (pkg: PackageId) =>
      ((await api.call(pkg, 'GET', `/personer/${idOf(masked)}?part=status`)).json() as Folkeregisterperson).status?.[0]?.status;
    assert.equal(await statusIn(OMH), 'midlertidig');
    assert.equal(await statusIn('privatUtenHjemmel'), 'aktiv');
  });

  test('bulk lookups (projected in worker threads) answer for each person exactly what a single lookup does, in every package', async () => {
    await open();
    // Every seventh person, and every protected person or ward: the cases where the rules change the most. Not
    // persons whose only identifier has ceased: a bulk lookup with somBestilt answers those with a feilmelding.
    const ceased = (d: Folkeregisterperson) => d.identifikasjonsnummer?.every((i) => i.status === 'opphoert') === true;
    const sample = api.persons.filter(
      ({ document }, index) =>
        !ceased(document) && (index % 7 === 0 || protectionOf(document) !== undefined || document.vergemaalEllerFremtidsfullmakt),
    );
    for (const pkg of RIGHTS_PACKAGES.filter((p) => packageOffers(p, 'bulkoppslag'))) {
      const parts = withAllElements(pkg.id);
      const ids = sample.map(({ document }) => idOf(document));
      const bulk = await api.call(pkg.id, 'POST', `/personer/bulkoppslag${parts}&somBestilt=true`, { body: { foedselsEllerDNummer: ids } });
      assert.equal(bulk.status, 200, pkg.id);
      const oppslag = bulk.json().oppslag as { folkeregisterperson?: Folkeregisterperson }[];
      for (const [index, id] of ids.entries()) {
        const single = await api.call(pkg.id, 'GET', `/personer/${id}${parts}`);
        const expected = single.status === 200 ? single.json() : undefined;
        assert.deepEqual(oppslag[index]?.folkeregisterperson, expected, `${pkg.id}: person ${index}`);
      }
      if (!packageOffers(pkg, 'arkiv')) continue;
      const dokumenter = sample.map((person) => person.dokumentidentifikator);
      const archived = await api.call(pkg.id, 'POST', `/personer/bulkoppslag/arkiv${parts}`, { body: { dokumentidentifikator: dokumenter } });
      const archivedOppslag = archived.json().oppslag as { folkeregisterperson?: Folkeregisterperson }[];
      for (const [index, dokument] of dokumenter.entries()) {
        const single = await api.call(pkg.id, 'GET', `/personer/arkiv/${dokument}${parts}`);
        const expected = single.status === 200 ? single.json() : undefined;
        assert.deepEqual(archivedOppslag[index]?.folkeregisterperson, expected, `${pkg.id}: arkiv ${index}`);
      }
    }
  });

  test('offentligMedHjemmel responses validate against the official OpenAPI schema, for the whole population', async () => {
    await open();
    const ids = documents.map(idOf);
    const validatePerson = officialSchema(PERSON_SCHEMA);
    for (let start = 0; start < ids.length; start += 1000) {
      const chunk = ids.slice(start, start + 1000);
      const response = await api.call(OMH, 'POST', `/personer/bulkoppslag?somBestilt=true&${withAllElements(OMH).slice(1)}`, {
        body: { foedselsEllerDNummer: chunk },
      });
      assert.equal(response.status, 200);
      assertOfficial(BULK_SCHEMA, response.json());
      const oppslag = response.json().oppslag as { foedselsEllerDNummer: string; folkeregisterperson?: Folkeregisterperson }[];
      // Request order, across the chunks the lookup queries concurrently; the text assembled from the documents
      // serialised chunk by chunk is exactly JSON.stringify of the answer.
      assert.deepEqual(oppslag.map((o) => o.foedselsEllerDNummer), chunk);
      assert.equal(response.body, JSON.stringify(response.json()));
      assert.ok(oppslag.filter((o) => o.folkeregisterperson).length > chunk.length * 0.9);
      for (const { folkeregisterperson } of oppslag) {
        if (folkeregisterperson) assert.ok(validatePerson(folkeregisterperson), JSON.stringify(validatePerson.errors?.slice(0, 2)));
      }
    }
  });
});
