import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { DokumentForHendelse, RIGHTS_PACKAGES, packageOffers, validator, type PackageId } from '@folkeport/model';
import { registerFeedRoutes } from '../src/register/feed/feed-routes.js';
import { openFeedWriter } from '../src/register/feed/feed-writer.js';
import type { NewPerson } from '../src/register/person-record.js';
import type { Database } from '../src/store/database.js';
import { sharedPath } from '../../model/test/reference.js';
import { describeDatabases } from './databases.js';
import { idOf } from './generator-fixture.js';
import { registerApi } from './register-api-fixture.js';
import { current, move, protectionOf, rename } from './register-feed-fixture.js';

const openapi = parse(readFileSync(sharedPath('reference', 'specs', 'freg', 'freg.yaml'), 'utf8')) as {
  components: { schemas: Record<string, unknown> };
};
// OpenAPI 3.0 schema objects are JSON Schema with extra keywords: Ajv ignores those (as generator-openapi.test.ts).
const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
ajv.addSchema({ $id: 'freg.yaml', components: openapi.components });
const officialSchema = (name: string) => {
  const validate = ajv.getSchema(`freg.yaml#/components/schemas/${name}`);
  assert.ok(validate, name);
  return validate;
};
const officialFeedItem = officialSchema('ske.folkeregister.rettighetspakke.hendelser.LagretHendelseMedDokumentIdentifikatorer');
const officialEventDocument = officialSchema('folkeregisteret.tilgjengeliggjoering.hendelse.v1.DokumentForHendelse');
const modelEventDocument = validator(DokumentForHendelse);

const example = JSON.parse(
  readFileSync(sharedPath('reference', 'specs', 'freg', 'examples', 'skatteetaten-docs', 'hendelser-feed.json'), 'utf8'),
) as { hendelse: Record<string, unknown> }[];
const EXAMPLE_KEYS = Object.keys(example[0]?.hendelse ?? {});

const FEED_PACKAGES = RIGHTS_PACKAGES.filter((pkg) => packageOffers(pkg, 'hendelsesliste'));
const WITHOUT_EVENT_DOCUMENTS = RIGHTS_PACKAGES.filter((pkg) => !packageOffers(pkg, 'hendelsesdokument'));

function xpath(xml: string, expression: string): string {
  return execFileSync('xmllint', ['--xpath', expression, '-'], { input: xml, encoding: 'utf8' }).replace(/\n$/, '');
}

/** The API with the fixture population in every feed, plus a rename, a fortrolig move and a strengtFortrolig move. */
async function feedWithChanges(db: Database) {
  const api = await registerApi(db, [registerFeedRoutes]);
  const writer = await openFeedWriter(db);
  const pick = (protection: string) => api.persons.find((p) => protectionOf(p) === protection && p.document.bostedsadresse) as NewPerson;
  const renamed = pick('ugradert');
  const fortrolig = pick('fortrolig');
  const strengt = pick('strengtFortrolig');
  const changes = {
    rename: rename(renamed.document, 'NYTTNAVN'),
    fortroligMove: move(fortrolig.document),
    strengtMove: move(strengt.document),
  };
  await writer.catchUp();
  await api.register.applyChange(idOf(renamed.document), changes.rename);
  await api.register.applyChange(idOf(fortrolig.document), changes.fortroligMove);
  await api.register.applyChange(idOf(strengt.document), changes.strengtMove);
  await writer.catchUp();
  return { api, writer, changes, renamed, fortrolig, strengt };
}

describeDatabases('register feeds over HTTP: formats, documents, errors, audit', (target) => {
  test('feed items have the official shape in every package; document ids and fnr only where the package has them', async () => {
    const { api } = await feedWithChanges(target.db);
    for (const pkg of FEED_PACKAGES.filter((p) => p.id !== 'svalbardregister')) {
      const response = await api.call(pkg.id, 'GET', '/hendelser/feed?seq=1');
      assert.equal(response.status, 200);
      assert.match(String(response.headers['content-type']), /^application\/json/);
      const items = response.json() as { sekvensnummer: number; hendelse: Record<string, unknown> }[];
      for (const item of items) {
        assert.ok(officialFeedItem(item), `${pkg.id}: ${JSON.stringify(officialFeedItem.errors)}`);
        const keys = Object.keys(item.hendelse);
        assert.deepEqual(keys, EXAMPLE_KEYS.filter((key) => keys.includes(key)), `${pkg.id}: the example's key order`);
      }
      const keys = new Set(items.flatMap((item) => Object.keys(item.hendelse)));
      assert.equal(keys.has('hendelsesdokument'), pkg.feedDocumentIds, pkg.id);
      assert.equal(keys.has('persondokument'), pkg.feedDocumentIds, pkg.id);
      assert.equal(keys.has('folkeregisteridentifikator'), pkg.identifikasjonsnummer !== 'aldri', pkg.id);
    }
    const [first] = (await api.call('offentligMedHjemmel', 'GET', '/hendelser/feed?seq=1')).json();
    assert.deepEqual(Object.keys(first.hendelse), EXAMPLE_KEYS, 'OMH items carry every field of the example');
    const [person] = api.persons;
    assert.deepEqual(first, {
      sekvensnummer: 1,
      hendelse: {
        folkeregisteridentifikator: idOf(person!.document),
        hendelsetype: 'personErOpprettet',
        hendelsesdokument: person!.hendelsesidentifikator,
        persondokument: person!.dokumentidentifikator,
        ajourholdstidspunkt: person!.registrert,
      },
    });
  });

  test('seq: required whole number 0 … 2^63−1 (400 otherwise); Accept other than JSON/Atom/XML → 406', async () => {
    const api = await registerApi(target.db, [registerFeedRoutes], { persons: [] });
    for (const query of ['', '?seq=', '?seq=-1', '?seq=abc', '?seq=1.5', '?seq=9223372036854775808', '?seq=1&seq=2', '?seq=%201']) {
      const response = await api.call('finans', 'GET', `/hendelser/feed${query}`);
      assert.equal(response.status, 400, query);
      assert.deepEqual(Object.keys(response.json()), ['kode', 'melding']);
      assert.equal(response.json().kode, 'FREG-400');
    }
    assert.deepEqual((await api.call('finans', 'GET', '/hendelser/feed?seq=9223372036854775807')).json(), []);
    assert.deepEqual((await api.call('finans', 'GET', '/hendelser/feed?seq=0')).json(), []);
    assert.deepEqual((await api.call('finans', 'GET', '/hendelser/feed/?seq=1')).json(), [], 'the docs’ form with a slash');
    const refused = await api.call('finans', 'GET', '/hendelser/feed?seq=1', { headers: { accept: 'text/html' } });
    assert.equal(refused.status, 406);
    assert.equal(refused.json().kode, 'FREG-406');
  });

  test('ETag: If-None-Match → 304 while the page is unchanged; a new event changes it; JSON and Atom differ', async () => {
    const { api, writer, renamed } = await feedWithChanges(target.db);
    const seq = api.persons.length + 1;
    const first = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq}`);
    const etag = String(first.headers.etag);
    assert.match(etag, /^W\/".+"$/);
    const again = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq}`, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');
    const other = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq}`, { headers: { 'if-none-match': '"something-else"' } });
    assert.equal(other.status, 200);
    const atom = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq}`, { headers: { accept: 'application/atom+xml' } });
    assert.notEqual(atom.headers.etag, etag);

    // Caught up: [] with its own tag, 304 on the next poll, 200 once something new is in the feed.
    const end = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq + 2}`);
    assert.deepEqual(end.json(), []);
    const endTag = String(end.headers.etag);
    assert.equal((await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq + 2}`, { headers: { 'if-none-match': endTag } })).status, 304);
    await api.register.applyChange(idOf(renamed.document), rename(renamed.document, 'ENDA'));
    await writer.catchUp();
    const changed = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${seq + 2}`, { headers: { 'if-none-match': endTag } });
    assert.equal(changed.status, 200);
    assert.equal(changed.json().length, 1);
    assert.notEqual(changed.headers.etag, endTag);
  });

  test('Atom: the structure of FREG’s example, entries with the lagretHendelse, next link after the last entry', async () => {
    const { api } = await feedWithChanges(target.db);
    const n = api.persons.length;
    const response = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${n}`, { headers: { accept: 'application/atom+xml' } });
    assert.equal(response.status, 200);
    assert.match(String(response.headers['content-type']), /^application\/atom\+xml/);
    const xml = response.body;
    const atom = (path: string) => xpath(xml, `string(/*[local-name()='feed' and namespace-uri()='http://www.w3.org/2005/Atom']${path})`);
    const feedUrl = 'http://localhost:80/folkeregisteret/offentlig-med-hjemmel/api/v1/hendelser/feed';
    assert.equal(atom("/*[local-name()='id']"), feedUrl);
    assert.equal(atom("/*[local-name()='title']"), 'Offentlig hendelsesliste');
    assert.equal(atom("/*[local-name()='author']/*[local-name()='name']"), 'Skatteetaten');
    assert.equal(atom("/*[local-name()='link'][@rel='self']/@href"), `${feedUrl}?seq=${n}`);
    assert.equal(atom("/*[local-name()='link'][@rel='first']/@href"), `${feedUrl}?seq=0`);
    assert.equal(atom("/*[local-name()='link'][@rel='next']/@href"), `${feedUrl}?seq=${n + 3}`);
    assert.equal(atom("/*[local-name()='link'][@rel='next']/@type"), 'application/atom+xml');
    assert.equal(xpath(xml, "count(//*[local-name()='entry'])"), '3');
    const json = (await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${n}`)).json();
    json.forEach((item: { sekvensnummer: number; hendelse: Record<string, string> }, i: number) => {
      const entry = `/*[local-name()='entry'][${i + 1}]`;
      assert.equal(atom(`${entry}/*[local-name()='title']`), 'Hendelse');
      assert.equal(atom(`${entry}/*[local-name()='id']`), `tag:skatteetaten.no,2017-10-10:folkeregisteret:tilgjengeliggjoering:hendelse:v1:${item.sekvensnummer}`);
      const lagret = `${entry}/*[local-name()='content']/*[local-name()='lagretHendelse' and namespace-uri()='folkeregisteret:tilgjengeliggjoering:hendelse:v1']`;
      assert.equal(atom(`${lagret}/*[local-name()='sekvensnummer']`), String(item.sekvensnummer));
      for (const [field, value] of Object.entries(item.hendelse)) {
        assert.equal(atom(`${lagret}/*[local-name()='hendelse']/*[local-name()='${field}']`), value, field);
      }
    });
    // application/xml gets the Atom feed too; an empty page links next back to itself.
    const empty = await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${n + 10}`, { headers: { accept: 'application/xml' } });
    assert.match(String(empty.headers['content-type']), /^application\/xml/);
    assert.equal(xpath(empty.body, "count(//*[local-name()='entry'])"), '0');
    assert.equal(xpath(empty.body, "string(//*[local-name()='link'][@rel='next']/@href)"), `${feedUrl}?seq=${n + 10}`);
  });

  test('siste/sekvensnummer: a bare number in JSON and text, the Sekvensnummer object in XML; 0 when empty', async () => {
    const api = await registerApi(target.db, [registerFeedRoutes]);
    assert.equal((await api.call('presse', 'GET', '/hendelser/siste/sekvensnummer')).body, '0');
    await (await openFeedWriter(target.db)).catchUp();
    const n = api.persons.length;
    const json = await api.call('presse', 'GET', '/hendelser/siste/sekvensnummer');
    assert.match(String(json.headers['content-type']), /^application\/json/);
    assert.equal(json.json(), n);
    const text = await api.call('presse', 'GET', '/hendelser/siste/sekvensnummer', { headers: { accept: 'text/plain' } });
    assert.match(String(text.headers['content-type']), /^text\/plain/);
    assert.equal(text.body, String(n));
    const xml = await api.call('presse', 'GET', '/hendelser/siste/sekvensnummer', { headers: { accept: 'application/xml' } });
    assert.equal(xpath(xml.body, "string(/Sekvensnummer/sekvensnummer)"), String(n));
    assert.equal((await api.call('presse', 'GET', '/hendelser/siste/sekvensnummer', { headers: { accept: 'image/png' } })).status, 406);
  });

  test('event documents: official shape, 32-hex and UUID ids, personErOpprettet from the first version, 404 and 400', async () => {
    const { api, changes, renamed } = await feedWithChanges(target.db);
    const id = changes.rename.hendelsesidentifikator;
    const response = await api.call('offentligMedHjemmel', 'GET', `/hendelser/${id}`);
    assert.equal(response.status, 200);
    const document = response.json();
    assert.ok(officialEventDocument(document), JSON.stringify(officialEventDocument.errors));
    const { erGjeldende: _current, ...navn } = current(changes.rename.document, 'navn') as Record<string, unknown>;
    assert.deepEqual(document, {
      dokumentidentifikator: id,
      skjemaversjon: '1.0',
      hendelse: {
        folkeregisteridentifikator: idOf(renamed.document),
        hendelsestype: 'endringINavn',
        ajourholdstidspunkt: changes.rename.registrert,
        egenskapshendelse: [{ navn, entitet: 'navn', entitetsendring: 'registrereNy' }],
      },
    });
    const uuid = `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20)}`.toUpperCase();
    assert.deepEqual((await api.call('offentligMedHjemmel', 'GET', `/hendelser/${uuid}`)).json(), document);

    const xml = await api.call('offentligMedHjemmel', 'GET', `/hendelser/${id}`, { headers: { accept: 'application/xml' } });
    assert.equal(xpath(xml.body, "string(/*[local-name()='dokumentForHendelse' and namespace-uri()='folkeregisteret:tilgjengeliggjoering:hendelse:v1']/*[local-name()='dokumentidentifikator'])"), id);

    // personErOpprettet: every element of the first version as registrereNy, current and historic values.
    const created = api.persons.find((p) => !p.document.rettsligHandleevne && !p.document.preferertKontaktadresse && protectionOf(p) === 'ugradert') as NewPerson;
    const opprettet = (await api.call('offentligMedHjemmel', 'GET', `/hendelser/${created.hendelsesidentifikator}`)).json();
    assert.ok(officialEventDocument(opprettet), JSON.stringify(officialEventDocument.errors));
    assert.equal(opprettet.hendelse.hendelsestype, 'personErOpprettet');
    const values = Object.values(created.document).reduce((sum: number, value) => sum + (Array.isArray(value) ? value.length : 1), 0);
    assert.equal(opprettet.hendelse.egenskapshendelse.length, values);
    assert.ok(opprettet.hendelse.egenskapshendelse.every((r: Record<string, unknown>) => r.entitetsendring === 'registrereNy'));

    assert.equal((await api.call('offentligMedHjemmel', 'GET', `/hendelser/${'0'.repeat(32)}`)).status, 404);
    for (const bad of ['abc', 'g'.repeat(32), `${id}0`]) {
      const refused = await api.call('offentligMedHjemmel', 'GET', `/hendelser/${bad}`);
      assert.equal(refused.status, 400, bad);
      assert.equal(refused.json().kode, 'FREG-400');
    }
    assert.equal((await api.call('offentligMedHjemmel', 'GET', `/hendelser/${id}`, { headers: { accept: 'text/html' } })).status, 406);
  });

  test('event documents never show what the package may not see: strengtFortrolig addresses, graded addresses', async () => {
    const { api, changes, strengt, fortrolig } = await feedWithChanges(target.db);
    // The strengtFortrolig person's move is in no feed and has no event document.
    assert.equal((await api.call('offentligMedHjemmel', 'GET', `/hendelser/${changes.strengtMove.hendelsesidentifikator}`)).status, 404);
    // Its personErOpprettet shows no address but the open (ungraded) postadresse that stands in for everyone.
    const created = (await api.call('offentligMedHjemmel', 'GET', `/hendelser/${strengt.hendelsesidentifikator}`)).json();
    const registered = created.hendelse.egenskapshendelse as { entitet: string; postadresse?: { adressegradering?: string } }[];
    assert.ok(registered.some((r) => r.entitet === 'navn'));
    for (const address of ['bostedsadresse', 'oppholdsadresse', 'deltBosted', 'kontaktadresseIUtlandet']) {
      assert.ok(!registered.some((r) => r.entitet === address), address);
    }
    for (const r of registered.filter((r) => r.entitet === 'kontaktadresse')) assert.equal(r.postadresse?.adressegradering, 'ugradert');
    // OMH has graded addresses: the fortrolig person's move, address included.
    const moved = (await api.call('offentligMedHjemmel', 'GET', `/hendelser/${changes.fortroligMove.hendelsesidentifikator}`)).json();
    assert.equal(moved.hendelse.egenskapshendelse[0].bostedsadresse.adressegradering, 'fortrolig');
    assert.ok(modelEventDocument.check(moved));
    // Every OMH event document validates against the model, and shows something unless the event is a lifecycle one.
    const items = (await api.call('offentligMedHjemmel', 'GET', `/hendelser/feed?seq=${api.persons.length - 50}`)).json();
    const documents = (
      await api.call('offentligMedHjemmel', 'POST', '/hendelser/bulkoppslag', {
        body: { dokumentidentifikator: items.map((item: { hendelse: { hendelsesdokument: string } }) => item.hendelse.hendelsesdokument) },
      })
    ).json();
    assert.equal(documents.length, items.length);
    for (const document of documents) {
      assert.deepEqual(modelEventDocument.problems(document), []);
      assert.ok(document.hendelse.egenskapshendelse.length > 0);
    }
    assert.equal(fortrolig.document.bostedsadresse?.[0]?.adressegradering, 'fortrolig');
  });

  test('bulk: an array in request order, each event once, unknown ids left out; limits and bad bodies → 400', async () => {
    const { api, changes, renamed } = await feedWithChanges(target.db);
    const ids = [changes.rename.hendelsesidentifikator, renamed.hendelsesidentifikator];
    const response = await api.call('offentligMedHjemmel', 'POST', '/hendelser/bulkoppslag', {
      body: { dokumentidentifikator: [ids[0], 'f'.repeat(32), ids[1], ids[0]] },
    });
    assert.equal(response.status, 200);
    const documents = response.json();
    assert.deepEqual(
      documents.map((d: { dokumentidentifikator: string }) => d.dokumentidentifikator),
      ids,
    );
    for (const document of documents) assert.ok(officialEventDocument(document), JSON.stringify(officialEventDocument.errors));
    assert.deepEqual((await api.call('offentligMedHjemmel', 'POST', '/hendelser/bulkoppslag', { body: { dokumentidentifikator: [] } })).json(), []);

    const refused = async (body: unknown) => {
      const answer = await api.call('offentligMedHjemmel', 'POST', '/hendelser/bulkoppslag', { body });
      assert.equal(answer.status, 400, JSON.stringify(body).slice(0, 80));
      assert.equal(answer.json().kode, 'FREG-400');
      return answer.json().melding as string;
    };
    assert.match(await refused({ dokumentidentifikator: Array.from({ length: 1001 }, () => ids[0]) }), /1000/);
    await refused({ dokumentidentifikator: ['not-an-id'] });
    await refused({ dokumentidentifikator: [42] });
    await refused({ dokumentidentifikator: ids[0] });
    await refused({ dokumentidentifikator: ids, ekstra: true });
    await refused([ids[0]]);
  });

  test('packages without event documents have no such routes (404); the XSD routes answer 501', async () => {
    const { api, changes } = await feedWithChanges(target.db);
    for (const pkg of WITHOUT_EVENT_DOCUMENTS) {
      const single = await api.call(pkg.id, 'GET', `/hendelser/${changes.rename.hendelsesidentifikator}`);
      assert.equal(single.status, 404, pkg.id);
      assert.equal(single.json().kode, 'FREG-404');
      const bulk = await api.call(pkg.id, 'POST', '/hendelser/bulkoppslag', { body: { dokumentidentifikator: [changes.rename.hendelsesidentifikator] } });
      assert.equal(bulk.status, 404, pkg.id);
    }
    for (const pkg of FEED_PACKAGES.map((p) => p.id as PackageId)) {
      for (const path of ['/hendelser/xsd', '/hendelser/feedxsd']) {
        const response = await api.call(pkg, 'GET', path);
        assert.equal(response.status, 501, `${pkg} ${path}`);
        assert.equal(response.json().kode, 'FREG-501');
        assert.match(response.json().melding, /XSD/);
      }
    }
  });

  test('feed reads and event documents are audited with the persons delivered; 304 and HEAD are not', async () => {
    const { api, changes, renamed } = await feedWithChanges(target.db);
    const n = api.persons.length;
    api.audit.length = 0;
    const page = await api.call('finans', 'GET', `/hendelser/feed?seq=${n - 1}`);
    const delivered = page.json().map((item: { hendelse: { folkeregisteridentifikator: string } }) => item.hendelse.folkeregisteridentifikator);
    assert.equal(api.audit.length, 1);
    assert.deepEqual(
      { action: api.audit[0]?.action, package: api.audit[0]?.package, persons: [...(api.audit[0]?.persons ?? [])].sort() },
      { action: 'hendelsesliste', package: 'finans', persons: [...new Set(delivered)].sort() },
    );
    await api.call('finans', 'GET', `/hendelser/feed?seq=${n - 1}`, { headers: { 'if-none-match': String(page.headers.etag) } });
    await api.call('finans', 'HEAD', `/hendelser/feed?seq=${n - 1}`);
    assert.equal(api.audit.length, 1);
    // Without identifiers on the page, the persons it is about are still recorded; the identifier is not an element delivered.
    const anonymous = await api.call('privatUtenFolkeregisteridentifikator', 'GET', `/hendelser/feed?seq=${n}`);
    assert.equal(anonymous.status, 200);
    assert.ok(anonymous.json().every((item: { hendelse: object }) => !('folkeregisteridentifikator' in item.hendelse)));
    assert.deepEqual(
      { persons: api.audit[1]?.persons, elements: api.audit[1]?.elements },
      { persons: [idOf(api.persons[n - 1]!.document), idOf(renamed.document)], elements: [] },
    );

    await api.call('offentligMedHjemmel', 'GET', `/hendelser/${changes.rename.hendelsesidentifikator}`);
    assert.deepEqual(
      { action: api.audit[2]?.action, persons: api.audit[2]?.persons, elements: api.audit[2]?.elements },
      { action: 'hendelsesdokument', persons: [idOf(renamed.document)], elements: ['navn'] },
    );
  });
});
