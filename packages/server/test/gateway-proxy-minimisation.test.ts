// Minimisation through the gateway, per endpoint, against the real register: no element outside the role, no
// graded address unless the request asked to see it and the role allows it; `part` checked against the role.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Folkeregisterperson } from '@folkeport/model';
import { describeGateway, type Answer, type GatewayWorld, type Json } from './gateway-proxy-fixture.js';

const GRADED = /"adressegradering":"(fortrolig|strengtFortrolig|klientadresse)"/;
const GRADED_XML = /<adressegradering>(fortrolig|strengtFortrolig|klientadresse)</;
const ADDRESS_ELEMENTS = ['bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet'] as const;

const idOf = (document: Folkeregisterperson) =>
  document.identifikasjonsnummer?.find((entry) => entry.erGjeldende)?.foedselsEllerDNummer as string;

/** Persons with a current address graded fortrolig or klientadresse (what the package with hjemmel delivers). */
function gradedPersons(world: GatewayWorld): Folkeregisterperson[] {
  const found = world.persons
    .map((person) => person.document)
    .filter((document) =>
      ADDRESS_ELEMENTS.some((name) =>
        (document[name] ?? []).some((entry) => entry.erGjeldende && (entry.adressegradering === 'fortrolig' || entry.adressegradering === 'klientadresse')),
      ),
    );
  assert.ok(found.length >= 2, 'the fixture population has persons with graded addresses');
  return found;
}

function ok(answer: Answer): Json {
  assert.equal(answer.status, 200, answer.body);
  return answer.json();
}

function onlyElements(document: Json, allowed: readonly string[]) {
  const outside = Object.keys(document).filter((key) => !allowed.includes(key));
  assert.deepEqual(outside, [], `elements outside the role: ${outside.join(', ')}`);
}

const NARROW = ['identifikasjonsnummer', 'navn', 'bostedsadresse', 'postadresse'];

describeGateway('gateway proxy: minimisation per endpoint', (world) => {
  test('lookup: graded addresses removed under the hide policy, shown when asked for (JSON and XML)', async () => {
    const w = world();
    const [person] = gradedPersons(w);
    const id = idOf(person as Folkeregisterperson);
    const direct = ok(await w.proxy(w.roles.vis.id, 'GET', `personer/${id}`));
    assert.match(JSON.stringify(direct), GRADED, 'the package with hjemmel delivers the graded address');

    const hidden = ok(await w.proxy(w.roles.full.id, 'GET', `personer/${id}`));
    assert.doesNotMatch(JSON.stringify(hidden), GRADED);
    assert.ok(hidden.navn, 'the rest of the document is delivered');
    const xml = await w.proxy(w.roles.full.id, 'GET', `personer/${id}`, { headers: { accept: 'application/xml' } });
    assert.equal(xml.status, 200, xml.body);
    assert.match(String(xml.headers['content-type']), /^application\/xml/);
    assert.match(xml.body, /<folkeregisterperson/);
    assert.doesNotMatch(xml.body, GRADED_XML);

    const revealed = ok(await w.proxy(w.roles.full.id, 'GET', `personer/${id}?visHemmeligeAdresser=true`));
    assert.match(JSON.stringify(revealed), GRADED);
    const byHeader = ok(await w.proxy(w.roles.full.id, 'GET', `personer/${id}`, { headers: { VisHemmeligeAdresser: 'true' } }));
    assert.match(JSON.stringify(byHeader), GRADED);

    const notAllowed = await w.proxy(w.roles.uten.id, 'GET', `personer/${id}?visHemmeligeAdresser=true`);
    assert.equal(notAllowed.status, 403, notAllowed.body);
    assert.equal(notAllowed.json().errorCode, 'VIS_HEMMELIGE_ADRESSER_IKKE_TILLATT');
  });

  test('lookup: part inside the role passes, outside is 403, no part only when the role covers person-basis', async () => {
    const w = world();
    const [person] = gradedPersons(w);
    const id = idOf(person as Folkeregisterperson);
    const narrow = ok(await w.proxy(w.roles.narrow.id, 'GET', `personer/${id}?part=navn&part=bostedsadresse&part=postadresse`));
    onlyElements(narrow, NARROW);
    assert.doesNotMatch(JSON.stringify(narrow), GRADED);

    const outside = await w.proxy(w.roles.narrow.id, 'GET', `personer/${id}?part=navn&part=sivilstand`);
    assert.equal(outside.status, 403, outside.body);
    assert.equal(outside.json().errorCode, 'PART_IKKE_I_ROLLE');
    assert.equal((await w.proxy(w.roles.narrow.id, 'GET', `personer/${id}?part=person-basis`)).status, 403);
    assert.equal((await w.proxy(w.roles.narrow.id, 'GET', `personer/${id}?part=navn&part=historikk`)).status, 403);
    const noPart = await w.proxy(w.roles.narrow.id, 'GET', `personer/${id}`);
    assert.equal(noPart.status, 400, noPart.body);
    assert.equal(noPart.json().errorCode, 'PART_PAAKREVD');

    const basis = ok(await w.proxy(w.roles.full.id, 'GET', `personer/${id}`));
    assert.ok(basis.identifikasjonsnummer && basis.navn);
    // A part the package does not know: FREG's own 400, passed through.
    const unknown = await w.proxy(w.roles.full.id, 'GET', `personer/${id}?part=ukjent`);
    assert.equal(unknown.status, 400);
    assert.equal(unknown.json().kode, 'FREG-400');
  });

  test('bulk lookup: every document minimised, no graded address', async () => {
    const w = world();
    const ids = gradedPersons(w).slice(0, 5).map(idOf);
    const plain = w.persons.slice(0, 5).map((p) => idOf(p.document));
    const body = { foedselsEllerDNummer: [...ids, ...plain] };
    const full = ok(await w.proxy(w.roles.full.id, 'POST', 'personer/bulkoppslag', { body }));
    assert.equal(full.oppslag.length, 10);
    assert.doesNotMatch(JSON.stringify(full), GRADED);
    const narrow = ok(await w.proxy(w.roles.narrow.id, 'POST', 'personer/bulkoppslag?part=navn&part=postadresse', { body }));
    for (const oppslag of narrow.oppslag) onlyElements(oppslag.folkeregisterperson, NARROW);
    const revealed = ok(await w.proxy(w.roles.full.id, 'POST', 'personer/bulkoppslag?visHemmeligeAdresser=true', { body }));
    assert.match(JSON.stringify(revealed), GRADED);
  });

  test('search: identifiers only; entydigsoek: the document minimised like a lookup', async () => {
    const w = world();
    const person = gradedPersons(w).find((p) => (p.navn?.[0]?.fornavn ?? '').length > 0 && p.foedsel?.[0]?.foedselsdato) as Folkeregisterperson;
    const navn = person.navn?.find((n) => n.erGjeldende) ?? person.navn?.[0];
    const name = `${navn?.fornavn.split(' ')[0]} ${navn?.etternavn.split(' ').at(-1)}`;
    const birth = (person.foedsel?.[0]?.foedselsdato ?? '').replaceAll('-', '');

    const hits = ok(await w.proxy(w.roles.full.id, 'GET', `personer/soek?navn=${encodeURIComponent(name)}&foedselsdato=${birth}`));
    assert.deepEqual(Object.keys(hits), ['foedselsEllerDNummer']);
    assert.ok(hits.foedselsEllerDNummer.includes(idOf(person)));

    const query = `navn=${encodeURIComponent(name)}&foedselsdato=${birth}`;
    const unique = ok(await w.proxy(w.roles.full.id, 'GET', `personer/entydigsoek?${query}`));
    assert.equal(idOf(unique), idOf(person));
    assert.doesNotMatch(JSON.stringify(unique), GRADED);
    const narrow = ok(await w.proxy(w.roles.narrow.id, 'GET', `personer/entydigsoek?${query}&part=navn&part=bostedsadresse`));
    onlyElements(narrow, NARROW);
    assert.doesNotMatch(JSON.stringify(narrow), GRADED);
    assert.equal((await w.proxy(w.roles.narrow.id, 'GET', `personer/entydigsoek?${query}`)).status, 400, 'no part');
  });

  test('address searches: persons with graded addresses are not found unless the request asks to see them', async () => {
    const w = world();
    const person = w.persons
      .map((p) => p.document)
      .find((document) =>
        document.bostedsadresse?.some((entry) => entry.erGjeldende && entry.adressegradering === 'fortrolig' && entry.vegadresse?.adressenavn),
      ) as Folkeregisterperson;
    assert.ok(person, 'a person with a fortrolig vegadresse');
    const address = person.bostedsadresse?.find((entry) => entry.erGjeldende)?.vegadresse;
    const navn = person.navn?.find((n) => n.erGjeldende);
    const where = `adressenavn=${encodeURIComponent(address?.adressenavn ?? '')}&postnummer=${address?.poststed?.postnummer ?? ''}`;
    const id = idOf(person);

    const seen = ok(await w.proxy(w.roles.vis.id, 'GET', `personer/soek?${where}`));
    assert.ok(seen.foedselsEllerDNummer.includes(id), 'the package with hjemmel finds the person by the graded address');
    const hidden = ok(await w.proxy(w.roles.full.id, 'GET', `personer/soek?${where}`));
    assert.ok(!hidden.foedselsEllerDNummer.includes(id));
    assert.ok(hidden.foedselsEllerDNummer.every((hit: string) => seen.foedselsEllerDNummer.includes(hit)));
    const xml = await w.proxy(w.roles.full.id, 'GET', `personer/soek?${where}`, { headers: { accept: 'application/xml' } });
    assert.equal(xml.status, 200, xml.body);
    assert.match(xml.body, /<personsoekResponse>/);
    assert.ok(!xml.body.includes(id));
    const revealed = ok(await w.proxy(w.roles.full.id, 'GET', `personer/soek?${where}&visHemmeligeAdresser=true`));
    assert.ok(revealed.foedselsEllerDNummer.includes(id));

    const unique = `navn=${encodeURIComponent(`${navn?.fornavn.split(' ')[0]} ${navn?.etternavn.split(' ').at(-1)}`)}&${where}`;
    assert.equal((await w.proxy(w.roles.vis.id, 'GET', `personer/entydigsoek?${unique}`)).status, 200);
    const notFound = await w.proxy(w.roles.full.id, 'GET', `personer/entydigsoek?${unique}`);
    assert.equal(notFound.status, 404, notFound.body);
    assert.equal(notFound.json().kode, 'FREG-404');
    const shown = ok(await w.proxy(w.roles.full.id, 'GET', `personer/entydigsoek?${unique}&visHemmeligeAdresser=true`));
    assert.equal(idOf(shown), id);
  });

  test('event documents: changes outside the role and to graded addresses removed; feed ETag and 304 pass through', async () => {
    const w = world();
    const graded = new Set(gradedPersons(w).map(idOf));
    const feed = await w.proxy(w.roles.full.id, 'GET', 'hendelser/feed?seq=1');
    const items: Json[] = ok(feed);
    assert.ok(items.length > 0);
    const etag = String(feed.headers.etag);
    assert.ok(etag.length > 0);
    const again = await w.proxy(w.roles.full.id, 'GET', 'hendelser/feed?seq=1', { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
    assert.equal(again.body, '');

    const ofGraded = items.filter((item) => graded.has(item.hendelse.folkeregisteridentifikator) && item.hendelse.hendelsesdokument);
    assert.ok(ofGraded.length > 0, 'the feed has events of persons with graded addresses');
    const ids = ofGraded.slice(0, 20).map((item) => item.hendelse.hendelsesdokument as string);
    const direct = ok(await w.proxy(w.roles.vis.id, 'POST', 'hendelser/bulkoppslag', { body: { dokumentidentifikator: ids } }));
    assert.match(JSON.stringify(direct), GRADED, 'the package with hjemmel delivers graded addresses in event documents');

    const documents: Json[] = ok(await w.proxy(w.roles.full.id, 'POST', 'hendelser/bulkoppslag', { body: { dokumentidentifikator: ids } }));
    assert.equal(documents.length, ids.length);
    assert.doesNotMatch(JSON.stringify(documents), GRADED);
    const single = ok(await w.proxy(w.roles.full.id, 'GET', `hendelser/${ids[0]}`));
    assert.doesNotMatch(JSON.stringify(single), GRADED);

    const narrow: Json[] = ok(await w.proxy(w.roles.narrow.id, 'POST', 'hendelser/bulkoppslag', { body: { dokumentidentifikator: ids } }));
    for (const document of narrow) {
      for (const change of document.hendelse.egenskapshendelse ?? []) {
        const element = Object.keys(change).find((key) => key !== 'entitet' && key !== 'entitetsendring') ?? change.entitet;
        assert.ok(NARROW.includes(element), `a change to ${element} is outside the role`);
      }
    }
    const revealed = ok(await w.proxy(w.roles.full.id, 'POST', 'hendelser/bulkoppslag?visHemmeligeAdresser=true', { body: { dokumentidentifikator: ids } }));
    assert.match(JSON.stringify(revealed), GRADED);
  });

  test('uttrekk: ordered and fetched through the role; batches hold identifiers only', async () => {
    const w = world();
    const ordered = ok(
      await w.proxy(w.roles.full.id, 'POST', 'uttrekk/tilpasset', {
        body: { personstatustyper: ['bosatt'], kommunenummer: { bostedskommunenummer: w.organisations.oslo.kommunenummer } },
      }),
    );
    assert.match(ordered.jobbId, /^[0-9a-f-]{36}$/);
    let batch: Answer | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      batch = await w.proxy(w.roles.full.id, 'GET', `uttrekk/${ordered.jobbId}/batch/0`);
      if (batch.status !== 404) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const body = ok(batch as Answer);
    assert.deepEqual(Object.keys(body), ['foedselsEllerDNummer']);
    assert.ok(body.foedselsEllerDNummer.length > 0);
    assert.doesNotMatch((batch as Answer).body, /adresse/);

    // The job is the municipality's: another municipality's role does not see it.
    const other = await w.proxy(w.roles.bergen.id, 'GET', `uttrekk/${ordered.jobbId}/batch/0`, { integration: w.integrations.bergen });
    assert.equal(other.status, 410, other.body);
    assert.equal(other.json().kode, 'FREG-410');
  });

  test('bruksområder: SOK gates personer/*, HENDELSER hendelser/*, INNBYGGERLISTER uttrekk/*', async () => {
    const w = world();
    const { store } = w.gateway;
    const oslo = w.organisations.oslo.fiksOrgId;
    const role = await store.createRole(oslo, {
      navn: 'Bare hendelser',
      tjenesteOmrade: 'BARNEVERN',
      bruksomrader: ['HENDELSER'],
      dataminimering: { parts: ['person-basis'], opplysninger: [] },
      kanHenteTaushetsbelagtInfo: true,
      kanBrukesPaSokeside: false,
    });
    await store.grant(oslo, role.id, w.integrations.oslo.id);
    const id = idOf((w.persons[0] as { document: Folkeregisterperson }).document);
    assert.equal((await w.proxy(role.id, 'GET', 'hendelser/siste/sekvensnummer')).status, 200);
    for (const [method, path] of [
      ['GET', `personer/${id}`],
      ['GET', 'personer/soek?navn=Kari'],
      ['POST', 'uttrekk/tilpasset'],
    ] as const) {
      const answer = await w.proxy(role.id, method, path, method === 'POST' ? { body: { personstatustyper: ['bosatt'] } } : {});
      assert.equal(answer.status, 403, `${path}: ${answer.body}`);
      assert.equal(answer.json().errorCode, 'BRUKSOMRADE_IKKE_I_ROLLE');
    }
  });
});
