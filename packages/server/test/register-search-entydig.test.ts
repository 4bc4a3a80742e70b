import assert from 'node:assert/strict';
import { test } from 'node:test';
import { RIGHTS_PACKAGES, packageById, packageOffers, type PackageId } from '@folkeport/model';
import { registerSearchRoutes } from '../src/register/search/search-routes.js';
import type { NewPerson } from '../src/register/person-record.js';
import { describeDatabases } from './databases.js';
import { idOf } from './generator-fixture.js';
import { registerApi, registerPopulation } from './register-api-fixture.js';
import { died, meta, rename, toSvalbard } from './register-feed-fixture.js';
import {
  compact,
  current,
  entydigsoek,
  foedselsdato,
  foundId,
  gradingOf,
  pick,
  protection,
  queryString,
  searchable,
  soek,
  wordsOf,
  type Doc,
} from './register-search-fixture.js';

type Vegadresse = NonNullable<NonNullable<Doc['bostedsadresse']>[number]['vegadresse']>;

const vegadresse = (doc: Doc) => current(doc.bostedsadresse)?.vegadresse;
const postnummerOf = (doc: Doc) => vegadresse(doc)?.poststed?.postnummer;
const husnummerOf = (veg: Vegadresse) => `${veg.adressenummer?.husnummer}${veg.adressenummer?.husbokstav ?? ''}`;
const fullName = (doc: Doc) => {
  const navn = current(doc.navn);
  return `${navn?.fornavn} ${navn?.etternavn}`;
};

/** A DUF number for the test (12 digits; the form is all FREG's parameter documents). */
const DUF = '201512345678';

/** The fixture population, with a DUF number added to the first person who has a foreign identifier. */
function populationWithDuf(): NewPerson[] {
  let added = false;
  return registerPopulation().map((person) => {
    if (added || !current(person.document.utenlandskPersonidentifikasjon)) return person;
    added = true;
    const duf = { ...meta('2022-07-21T00:00:00+02:00', 'Tildele d-nummer'), identifikasjonsnummer: DUF, identifikasjonsnummertype: 'DUF', utstederland: 'NOR' };
    return { ...person, document: { ...person.document, utlendingsmyndighetenesIdentifikasjonsnummer: [duf] } };
  });
}

describeDatabases('register search: personer/entydigsoek', (target) => {
  test('every legal criteria combination finds the one person; more criteria narrow it; the document is projected', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes], { persons: populationWithDuf() });
    const docs = api.persons.map((p) => p.document);
    // A resident nobody else shares name and postnummer with, with a middle name.
    const person = pick(
      api.persons,
      (doc) =>
        searchable(doc) &&
        protection(doc) === 'ugradert' &&
        !!current(doc.navn)?.mellomnavn &&
        !!vegadresse(doc)?.adressenummer &&
        docs.filter((other) => fullName(other) === fullName(doc) && postnummerOf(other) === postnummerOf(doc)).length === 1,
      'uniquely named resident',
    );
    const navn = current(person.navn) as NonNullable<Doc['navn']>[number];
    const veg = vegadresse(person) as Vegadresse;
    const name = `${navn.fornavn} ${navn.etternavn}`.toLowerCase();
    const combinations: Record<string, string>[] = [
      { navn: name, identifikasjonsnummer: idOf(person) },
      { navn: name, foedselsdato: compact(foedselsdato(person)) },
      { navn: name, adressenavn: veg.adressenavn, husnummer: husnummerOf(veg) },
      { navn: name, adressenavn: veg.adressenavn.slice(0, 3), postnummer: postnummerOf(person) as string },
      { navn: name, postnummer: postnummerOf(person) as string },
      { navn: `${navn.fornavn} ${navn.mellomnavn} ${navn.etternavn}`, postnummer: postnummerOf(person) as string },
      { navn: `${navn.fornavn.split(' ')[0]} ${navn.mellomnavn} ${navn.etternavn}`, foedselsdato: compact(foedselsdato(person)) },
      { navn: name, foedselsdato: compact(foedselsdato(person)), adressenavn: veg.adressenavn, husnummer: husnummerOf(veg), postnummer: postnummerOf(person) as string },
    ];
    for (const criteria of combinations) {
      const found = await entydigsoek(api, criteria);
      assert.equal(found.status, 200, `${JSON.stringify(criteria)}: ${found.body}`);
      assert.equal(foundId(found.json()), idOf(person));
    }
    const document = (await entydigsoek(api, combinations[1] as Record<string, string>)).json();
    const basis: readonly string[] = packageById('offentligMedHjemmel').personBasis;
    assert.ok(Object.keys(document).every((element) => basis.includes(element)), 'no part: person-basis');
    const partNavn = await entydigsoek(api, { ...combinations[1], part: 'navn' });
    assert.deepEqual(Object.keys(partNavn.json()), ['identifikasjonsnummer', 'navn']);
    const xml = await api.call('offentligMedHjemmel', 'GET', `/personer/entydigsoek?${queryString(combinations[1] as Record<string, string>)}`, {
      headers: { accept: 'application/xml' },
    });
    assert.equal(xml.status, 200);
    assert.match(xml.body, /^<\?xml version="1\.0" encoding="UTF-8"\?><folkeregisterperson xmlns="folkeregisteret:tilgjengeliggjoering:person:v1">/);
    assert.ok(xml.body.includes(`<foedselsEllerDNummer>${idOf(person)}</foedselsEllerDNummer>`));

    // A historic identifier (an old D-nummer) finds the person by the number in use now.
    const renumbered = pick(api.persons, (doc) => searchable(doc) && doc.identifikasjonsnummer?.some((i) => i.status === 'opphoert') === true, 'renumbered person');
    const oldNumber = renumbered.identifikasjonsnummer?.find((i) => i.status === 'opphoert')?.foedselsEllerDNummer as string;
    const byOld = await entydigsoek(api, { navn: fullName(renumbered), identifikasjonsnummer: oldNumber });
    assert.equal(byOld.status, 200, byOld.body);
    assert.equal(foundId(byOld.json()), idOf(renumbered));

    // Foreign identifiers: `<landkode>-<nummer>`, OMH and EID only; the DUF number OMH only (both spellings, Q13).
    const foreign = pick(api.persons, (doc) => doc.utlendingsmyndighetenesIdentifikasjonsnummer !== undefined, 'person with a DUF number');
    const utenlandsk = current(foreign.utenlandskPersonidentifikasjon) as NonNullable<Doc['utenlandskPersonidentifikasjon']>[number];
    const utenlandskId = `${utenlandsk.utstederland.toLowerCase()}-${utenlandsk.identifikasjonsnummer}`;
    const legitimasjon = current(foreign.legitimasjonsdokument);
    const foreignCombinations: [Record<string, string>, PackageId[], PackageId[]][] = [
      [{ navn: fullName(foreign), utenlandskpersonidentifikasjon: utenlandskId }, ['offentligMedHjemmel', 'utstederEid'], ['offentligUtenHjemmel', 'finans']],
      [{ foedselsdato: compact(foedselsdato(foreign)), utenlandskPersonidentifikasjon: utenlandskId }, ['offentligMedHjemmel', 'utstederEid'], ['privatUtenHjemmel']],
      [{ navn: fullName(foreign), utlendingsmyndighetenesidentifikasjonsnummer: DUF }, ['offentligMedHjemmel'], ['utstederEid']],
      [{ navn: fullName(foreign), utlendingsmyndighetenesIdentifikasjonsnummer: DUF }, ['offentligMedHjemmel'], ['finans']],
    ];
    if (legitimasjon?.identifikasjonsdokumentnummer) {
      const legitimasjonId = `${legitimasjon.utstederland}-${legitimasjon.identifikasjonsdokumentnummer}`;
      foreignCombinations.push(
        [{ navn: fullName(foreign), legitimasjonsdokument: legitimasjonId }, ['offentligMedHjemmel', 'utstederEid'], ['offentligUtenHjemmel']],
        [{ foedselsdato: compact(foedselsdato(foreign)), legitimasjonsdokument: legitimasjonId }, ['offentligMedHjemmel'], ['presse']],
      );
    }
    for (const [criteria, allowed, refused] of foreignCombinations) {
      for (const pkg of allowed) {
        const found = await entydigsoek(api, criteria, pkg);
        assert.equal(found.status, 200, `${pkg} ${JSON.stringify(criteria)}: ${found.body}`);
      }
      for (const pkg of refused) {
        const response = await entydigsoek(api, criteria, pkg);
        assert.equal(response.status, 400, `${pkg} ${JSON.stringify(criteria)}`);
        assert.match(response.json().melding as string, /er ikke tilgjengelig i rettighetspakken/);
      }
    }
  });

  test('navn rules, house letters, illegal combinations (400), no hit and several hits (404)', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes]);
    const docs = api.persons.map((p) => p.document);
    // A resident sharing address and etternavn with another resident of the household.
    const [person, housemate] = ((): Doc[] => {
      for (const doc of docs) {
        if (!searchable(doc) || protection(doc) !== 'ugradert' || !current(doc.navn)?.mellomnavn || !vegadresse(doc)?.adressenummer?.husbokstav) continue;
        const mate = docs.find(
          (other) =>
            other !== doc &&
            searchable(other) &&
            current(other.navn)?.etternavn === current(doc.navn)?.etternavn &&
            JSON.stringify(vegadresse(other)) === JSON.stringify(vegadresse(doc)),
        );
        const unique = docs.filter((other) => fullName(other) === fullName(doc) && postnummerOf(other) === postnummerOf(doc)).length === 1;
        if (mate && unique) return [doc, mate];
      }
      throw new Error('the fixture population has no such household');
    })() as [Doc, Doc];
    const navn = current(person.navn) as NonNullable<Doc['navn']>[number];
    const veg = vegadresse(person) as Vegadresse;
    const postnummer = postnummerOf(person) as string;
    const born = compact(foedselsdato(person));
    const status = async (criteria: Record<string, string> | string) => (await entydigsoek(api, criteria)).status;

    assert.equal(await status({ navn: `${navn.etternavn} ${navn.fornavn}`, postnummer }), 404, 'the first word must be a fornavn word');
    assert.equal(await status({ navn: `${navn.mellomnavn} ${navn.etternavn}`, postnummer }), 404, 'a mellomnavn is no fornavn');
    assert.equal(await status({ navn: `${navn.fornavn} ${navn.mellomnavn}`, postnummer }), 404, 'the last word must be an etternavn word');
    assert.equal(await status({ navn: `${navn.fornavn} Ukjentord ${navn.etternavn}`, postnummer }), 404, 'every word must be in the name');
    const number = veg.adressenummer?.husnummer as string;
    assert.equal(await status({ navn: fullName(person), adressenavn: veg.adressenavn, husnummer: husnummerOf(veg) }), 200);
    assert.equal(await status({ navn: fullName(person), adressenavn: veg.adressenavn, husnummer: number }), 404, 'the letter must match');
    assert.equal(await status({ navn: fullName(person), adressenavn: veg.adressenavn, husnummer: `${number}Ø` }), 404);

    const illegalCombinations: Record<string, string>[] = [
      { navn: fullName(person) },
      { foedselsdato: born },
      { navn: fullName(person), adressenavn: veg.adressenavn },
      { navn: fullName(person), husnummer: husnummerOf(veg) },
      { identifikasjonsnummer: idOf(person) },
      { foedselsdato: born, postnummer },
      { adressenavn: veg.adressenavn, husnummer: husnummerOf(veg), postnummer },
    ];
    for (const illegal of illegalCombinations) {
      const response = await entydigsoek(api, illegal);
      assert.equal(response.status, 400, JSON.stringify(illegal));
      assert.match(response.json().melding as string, /^Søkekriteriene identifiserer ikke personen entydig\. Oppgi minst en av kombinasjonene \(navn \+ identifikasjonsnummer\), \(navn \+ foedselsdato\)/);
    }
    for (const [criteria, message] of [
      [{ navn: navn.etternavn, postnummer }, /navn: minst fornavn og etternavn/],
      [{ navn: fullName(person), identifikasjonsnummer: '12345678901' }, /identifikasjonsnummer: et gyldig fødsels- eller d-nummer/],
      [{ navn: fullName(person), utlendingsmyndighetenesidentifikasjonsnummer: '123' }, /et DUF-nummer med 12 sifre/],
      [{ navn: fullName(person), utenlandskpersonidentifikasjon: '1458-4555' }, /landkode \(ISO 3166 alfa-3\)/],
      [{ navn: fullName(person), postnummer, part: 'ukjent' }, /Ugyldig verdi for part: «ukjent»/],
      [{ navn: fullName(person), postnummer, inkluderDoede: 'true' }, /Ukjent parameter «inkluderDoede»/],
    ] as const) {
      const response = await entydigsoek(api, criteria);
      assert.equal(response.status, 400, JSON.stringify(criteria));
      assert.match(response.json().melding as string, message);
      assert.ok(!(response.json().melding as string).includes('12345678901'));
    }

    // Give the housemate the person's name: navn + postnummer now hits two persons → 404; a birth date narrows it.
    await api.register.applyChange(idOf(housemate), rename(housemate, navn.fornavn));
    const ambiguous = await entydigsoek(api, { navn: fullName(person), postnummer });
    assert.equal(ambiguous.status, 404);
    assert.deepEqual(ambiguous.json(), { kode: 'FREG-404', melding: 'Søkekriteriene treffer flere enn én person. Oppgi flere kriterier.' });
    const narrowed = await entydigsoek(api, { navn: fullName(person), postnummer, foedselsdato: born });
    assert.equal(narrowed.status, 200);
    assert.equal(foundId(narrowed.json()), idOf(person));
    const none = await entydigsoek(api, { navn: 'Ingen Slikperson', foedselsdato: born });
    assert.deepEqual(none.json(), { kode: 'FREG-404', melding: 'Fant ingen person som oppfyller søkekriteriene.' });
  });

  test('packages: soek only where offered (404 elsewhere), entydigsoek minimised per package, Svalbard register', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes]);
    const person = pick(api.persons, (doc) => searchable(doc) && protection(doc) === 'ugradert' && !!vegadresse(doc), 'resident');
    const byName = { navn: fullName(person), foedselsdato: compact(foedselsdato(person)) };
    for (const pkg of RIGHTS_PACKAGES) {
      const search = await api.call(pkg.id, 'GET', `/personer/soek?${queryString(byName)}`);
      const unique = await entydigsoek(api, byName, pkg.id);
      if (pkg.population === 'svalbard') {
        assert.deepEqual(search.json(), { foedselsEllerDNummer: [] }, 'BRSV: not a Svalbard person');
        assert.equal(unique.status, 404);
        continue;
      }
      assert.equal(search.status, packageOffers(pkg, 'soek') ? 200 : 404, `${pkg.id} soek`);
      if (search.status === 200) assert.deepEqual(search.json(), { foedselsEllerDNummer: [idOf(person)] });
      assert.equal(unique.status, 200, `${pkg.id} entydigsoek: ${unique.body}`);
      const hasId = unique.json().identifikasjonsnummer !== undefined;
      assert.equal(hasId, pkg.identifikasjonsnummer === 'alltid', `${pkg.id}: identifikasjonsnummer`);
      assert.ok(Object.keys(unique.json()).every((element) => (pkg.elements as readonly string[]).includes(element)), pkg.id);
    }
    const asked = await entydigsoek(api, { ...byName, part: 'identifikasjonsnummer' }, 'privat');
    assert.equal(foundId(asked.json()), idOf(person), 'privat: identifikasjonsnummer on request');
    const never = await entydigsoek(api, { ...byName, part: 'identifikasjonsnummer' }, 'presseUtenFolkeregisteridentifikator');
    assert.equal(never.status, 400);
    const byNumber = await entydigsoek(api, { navn: fullName(person), identifikasjonsnummer: idOf(person) }, 'privatUtenFolkeregisteridentifikator');
    assert.equal(byNumber.status, 400, 'a package that never sees the number cannot search with it');

    // Moved to Svalbard: now in the Svalbard register's population.
    await api.register.applyChange(idOf(person), toSvalbard(person));
    assert.deepEqual(await soek(api, byName, 'svalbardregister'), [idOf(person)]);
    const polar = await entydigsoek(api, { ...byName, part: 'oppholdPaaSvalbard' }, 'svalbardregister');
    assert.equal(polar.status, 200);
    assert.equal(polar.json().oppholdPaaSvalbard?.length, 1);
  });

  test('graded addresses: an address search never finds a person by an address the package may not see', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes]);
    const graded = (level: string) =>
      pick(api.persons, (doc) => searchable(doc) && protection(doc) === level && !!vegadresse(doc)?.adressenummer, `${level} person`);
    const byAddress = (doc: Doc) => {
      const veg = vegadresse(doc) as Vegadresse;
      return { adressenavn: veg.adressenavn, husnummer: husnummerOf(veg), postnummer: veg.poststed?.postnummer as string };
    };
    const withoutHjemmel: PackageId[] = ['offentligUtenHjemmel', 'privatUtenHjemmel', 'finans', 'utstederEid'];

    const fortrolig = graded('fortrolig');
    assert.ok((await soek(api, byAddress(fortrolig))).includes(idOf(fortrolig)), 'OMH sees fortrolig addresses');
    assert.equal((await entydigsoek(api, { navn: fullName(fortrolig), ...byAddress(fortrolig) })).status, 200);
    for (const pkg of withoutHjemmel) {
      assert.ok(!(await soek(api, byAddress(fortrolig), pkg)).includes(idOf(fortrolig)), pkg);
      assert.equal((await entydigsoek(api, { navn: fullName(fortrolig), ...byAddress(fortrolig) }, pkg)).status, 404, pkg);
      assert.ok((await soek(api, { navn: fullName(fortrolig) }, pkg)).includes(idOf(fortrolig)), `${pkg}: found by name`);
    }
    for (const pkg of ['privat', 'presseUtenFolkeregisteridentifikator'] as const) {
      assert.equal((await entydigsoek(api, { navn: fullName(fortrolig), ...byAddress(fortrolig) }, pkg)).status, 404, pkg);
    }

    const strengt = graded('strengtFortrolig');
    assert.equal(gradingOf(strengt, current(strengt.bostedsadresse) ?? {}), 'strengtFortrolig');
    for (const pkg of ['offentligMedHjemmel', ...withoutHjemmel] as PackageId[]) {
      assert.ok(!(await soek(api, byAddress(strengt), pkg)).includes(idOf(strengt)), pkg);
      assert.ok(!(await soek(api, { postnummer: byAddress(strengt).postnummer }, pkg)).includes(idOf(strengt)), pkg);
    }
    assert.ok((await soek(api, { navn: fullName(strengt), foedselsdato: compact(foedselsdato(strengt)) })).includes(idOf(strengt)));

    const klient = pick(
      api.persons,
      (doc) => searchable(doc) && current(doc.bostedsadresse)?.adressegradering === 'klientadresse' && !!vegadresse(doc)?.adressenummer,
      'person at a klientadresse',
    );
    assert.ok((await soek(api, byAddress(klient))).includes(idOf(klient)));
    assert.ok(!(await soek(api, byAddress(klient), 'offentligUtenHjemmel')).includes(idOf(klient)));
  });

  test('audit: every search that runs, with the persons delivered and the criteria names, never their values', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes]);
    const person = pick(api.persons, (doc) => searchable(doc) && wordsOf(current(doc.navn)).length > 1, 'resident');
    const byName = { navn: fullName(person), foedselsdato: compact(foedselsdato(person)) };
    const hits = await soek(api, { ...byName, soekFonetisk: 'true' });
    const found = await entydigsoek(api, { ...byName, part: 'navn' });
    await entydigsoek(api, { navn: 'Ingen Slikperson', foedselsdato: byName.foedselsdato });
    await api.call('offentligMedHjemmel', 'GET', '/personer/soek?kjoenn=ukjent');
    assert.equal(api.audit.length, 3, 'the refused request is not audited');
    const [search, unique, notFound] = api.audit;
    assert.deepEqual(
      [search?.action, search?.persons, search?.elements, search?.detail],
      ['soek', hits, ['identifikasjonsnummer'], 'kriterier: navn, foedselsdato, soekFonetisk'],
    );
    assert.deepEqual(
      [unique?.action, unique?.persons, unique?.elements, unique?.detail],
      ['entydigsoek', [idOf(person)], Object.keys(found.json()), 'kriterier: foedselsdato, navn'],
    );
    assert.deepEqual([notFound?.action, notFound?.persons, notFound?.elements, notFound?.detail], ['entydigsoek', [], [], 'kriterier: foedselsdato, navn; ingen treff']);
    for (const entry of api.audit) {
      for (const value of [...wordsOf(current(person.navn)), byName.foedselsdato, 'SLIKPERSON']) {
        assert.ok(!entry.detail?.toUpperCase().includes(value), `${entry.detail} holds ${value}`);
      }
    }
  });

  test('a change in the register is searchable at once', async () => {
    const api = await registerApi(target.db, [registerSearchRoutes]);
    const person = pick(api.persons, (doc) => searchable(doc) && !!current(doc.navn), 'resident');
    assert.deepEqual(await soek(api, { navn: 'Nyfornavn' }), []);
    const renamed = rename(person, 'NYFORNAVN');
    await api.register.applyChange(idOf(person), renamed);
    assert.deepEqual(await soek(api, { navn: 'Nyfornavn' }), [idOf(person)]);
    await api.register.applyChange(idOf(person), died(renamed.document));
    assert.deepEqual(await soek(api, { navn: 'Nyfornavn' }), []);
    assert.deepEqual(await soek(api, { navn: 'Nyfornavn', inkluderDoede: 'true' }), [idOf(person)]);
  });
});
