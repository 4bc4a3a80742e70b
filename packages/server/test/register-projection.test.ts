import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  Folkeregisterperson,
  KONFIDENSIELLE_PERSONSTATUSER,
  PERSON_ELEMENTS,
  RIGHTS_PACKAGES,
  STRIPPED_METADATA_FIELDS,
  packageById,
  validator,
  type RightsPackage,
} from '@folkeport/model';
import { FregError } from '../src/register/api/freg-error.js';
import { projectPerson } from '../src/register/api/projection.js';
import { idOf } from './generator-fixture.js';
import { registerPopulation } from './register-api-fixture.js';

type Entry = Record<string, unknown> & { erGjeldende?: boolean };
type Document = Folkeregisterperson;

const persons = registerPopulation().map((person) => person.document);
const ADDRESSES = ['bostedsadresse', 'oppholdsadresse', 'deltBosted', 'postadresse', 'postadresseIUtlandet', 'preferertKontaktadresse'];
const IDENTITY_NUMBER = /\b\d{11}\b/;

/** Every element the package has, asked for by name (all with history). */
function everything(pkg: RightsPackage): string[] {
  return [...pkg.elements, 'historikk'];
}

/** The part sets every package is checked with. */
function partSets(pkg: RightsPackage): string[][] {
  return [[], ['historikk'], ['person-basis'], everything(pkg)];
}

function entries(document: Document): [string, Entry][] {
  return Object.entries(document).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value]).map((entry) => [name, entry as Entry] as [string, Entry]),
  );
}

function protection(document: Document): string | undefined {
  return document.adressebeskyttelse?.find((entry) => entry.erGjeldende)?.graderingsnivaa;
}

function project(document: Document, pkg: RightsPackage, parts: readonly string[]) {
  return projectPerson(document, pkg, parts);
}

function partError(pkg: RightsPackage, parts: readonly string[]): FregError {
  const [document] = persons;
  assert.ok(document);
  try {
    project(document, pkg, parts);
  } catch (error) {
    assert.ok(error instanceof FregError, `a FregError, got ${String(error)}`);
    return error;
  }
  assert.fail(`part ${parts.join(',')} was accepted in ${pkg.id}`);
}

describe('person projection over the generated population', () => {
  test('the population has the cases the rules are about', () => {
    const count = (predicate: (document: Document) => boolean) => persons.filter(predicate).length;
    assert.ok(count((d) => protection(d) === 'strengtFortrolig') >= 3);
    assert.ok(count((d) => protection(d) === 'fortrolig') >= 3);
    assert.ok(count((d) => entries(d).some(([, e]) => e.adressegradering === 'klientadresse')) >= 1);
    assert.ok(count((d) => d.status?.some((s) => KONFIDENSIELLE_PERSONSTATUSER.includes(s.status as never)) ?? false) >= 3);
    assert.ok(count((d) => d.kontaktinformasjonForDoedsbo?.some((k) => k.person?.foedselsEllerDNummer) ?? false) >= 3);
    assert.ok(count((d) => d.vergemaalEllerFremtidsfullmakt !== undefined) >= 3);
    assert.ok(count((d) => protection(d) !== undefined && d.innflytting !== undefined) >= 1);
  });

  for (const pkg of RIGHTS_PACKAGES) {
    describe(pkg.id, () => {
      test('no element outside the package, `elements` names exactly what is delivered, documents validate', () => {
        const check = validator(Folkeregisterperson);
        for (const parts of partSets(pkg)) {
          for (const document of persons) {
            const result = project(document, pkg, parts);
            const keys = Object.keys(result.document);
            for (const key of keys) assert.ok(pkg.elements.includes(key as never), `${key} in ${pkg.id}`);
            assert.deepEqual([...result.elements].sort(), [...keys].sort());
            assert.deepEqual(result.elements, PERSON_ELEMENTS.filter((e) => keys.includes(e)), 'model order');
            assert.deepEqual(check.problems(result.document), [], `${idOf(document)} part=${parts.join(',')}`);
            assert.ok(!JSON.stringify(result.document).includes('null'));
          }
        }
      });

      test('historic values only with historikk, and only for the history elements', () => {
        let historic = 0;
        for (const parts of partSets(pkg)) {
          const withHistory = parts.includes('historikk');
          for (const document of persons) {
            for (const [name, entry] of entries(project(document, pkg, parts).document)) {
              if (entry.erGjeldende !== false) continue;
              historic += 1;
              assert.ok(withHistory, `historic ${name} without historikk`);
              assert.ok(pkg.historyElements.includes(name as never), `historic ${name} outside the history scope`);
            }
          }
        }
        assert.ok(historic > 0, 'historikk delivers historic values');
      });

      test('graded addresses only where the package has them; for strengtFortrolig only the open postadresse', () => {
        let graded = 0;
        for (const document of persons) {
          const result = project(document, pkg, everything(pkg)).document;
          const json = JSON.stringify(result);
          for (const [name, entry] of entries(result)) {
            const gradering = entry.adressegradering;
            if (gradering === undefined || gradering === 'ugradert') continue;
            graded += 1;
            assert.ok(pkg.gradedAddresses, `${name} graded ${String(gradering)} in ${pkg.id}`);
            assert.notEqual(gradering, 'strengtFortrolig');
          }
          if (protection(document) !== 'strengtFortrolig') continue;
          for (const name of ADDRESSES) {
            if (name !== 'postadresse') assert.equal(name in result, false, `${name} of a strengtFortrolig person`);
          }
          for (const [name, entry] of entries(result)) {
            if (ADDRESSES.includes(name)) assert.equal(entry.adressegradering ?? 'ugradert', 'ugradert', `${name} of a strengtFortrolig person`);
          }
          for (const [name, entry] of entries(document)) {
            if (!ADDRESSES.includes(name) || (entry.adressegradering ?? 'ugradert') === 'ugradert') continue;
            const vegadresse = entry.vegadresse as { adressenavn?: string } | undefined;
            if (vegadresse?.adressenavn) assert.ok(!json.includes(vegadresse.adressenavn), 'the street name leaks');
          }
          if (!pkg.protectedMigrationDetail) assert.ok(!('innflytting' in result) && !('utflytting' in result));
        }
        assert.equal(graded > 0, pkg.gradedAddresses, 'graded addresses are delivered exactly where allowed');
      });

      test('confidential statuses masked as aktiv where the package masks them', () => {
        let confidential = 0;
        for (const document of persons) {
          const stored = document.status?.find((s) => s.erGjeldende)?.status;
          if (!KONFIDENSIELLE_PERSONSTATUSER.includes(stored as never)) continue;
          confidential += 1;
          const shown = project(document, pkg, ['status']).document.status?.[0]?.status;
          assert.equal(shown, pkg.masksStatus ? 'aktiv' : stored);
        }
        assert.ok(confidential > 0);
      });

      test('identity numbers: always, on request, or never, as the package says', () => {
        for (const document of persons) {
          const id = idOf(document);
          const plain = project(document, pkg, ['status']).document;
          if (pkg.identifikasjonsnummer === 'alltid') {
            assert.equal(current(plain.identifikasjonsnummer)?.foedselsEllerDNummer, id);
            continue;
          }
          // Without the number asked for, no identity number anywhere: not the person's, a spouse's, a
          // verge's or a dødsbo contact's.
          const json = JSON.stringify(project(document, pkg, everything(pkg).filter((p) => p !== 'identifikasjonsnummer')).document);
          assert.ok(!IDENTITY_NUMBER.test(json), `an identity number in ${pkg.id}: ${json.match(IDENTITY_NUMBER)?.[0]}`);
          if (pkg.identifikasjonsnummer === 'paaForespoersel') {
            const asked = project(document, pkg, ['identifikasjonsnummer']).document;
            assert.deepEqual(Object.keys(asked), ['identifikasjonsnummer']);
            assert.equal(current(asked.identifikasjonsnummer)?.foedselsEllerDNummer, id);
          }
        }
        if (pkg.identifikasjonsnummer === 'aldri') {
          assert.equal(partError(pkg, ['identifikasjonsnummer']).status, 400);
        }
      });

      test('register metadata stripped where the package strips it, kept otherwise', () => {
        let kept = 0;
        for (const document of persons) {
          for (const [name, entry] of entries(project(document, pkg, everything(pkg)).document)) {
            const metadata = STRIPPED_METADATA_FIELDS.filter((field) => field in entry);
            if (pkg.stripsMetadata) assert.deepEqual(metadata, [], `${name} keeps ${metadata.join(', ')}`);
            else kept += metadata.length;
            assert.equal(typeof entry.erGjeldende, 'boolean', `${name} keeps erGjeldende`);
          }
        }
        assert.equal(kept > 0, !pkg.stripsMetadata);
      });

      test('spouse reference, vergemål detail and dødsbo contact identity follow the package', () => {
        const all = persons.map((document) => project(document, pkg, everything(pkg)).document);
        const spouses = all.flatMap((d) => d.sivilstand ?? []).filter((s) => s.relatertVedSivilstand !== undefined);
        assert.equal(spouses.length > 0, pkg.spouseReference);
        const verger = all.flatMap((d) => d.vergemaalEllerFremtidsfullmakt ?? []).map((v) => v.verge);
        assert.ok(verger.length > 0);
        assert.equal(verger.some((v) => v.tjenesteomraade !== undefined), pkg.vergemaalTjenesteomraade);
        assert.equal(verger.some((v) => v.foedselsEllerDNummer !== undefined), pkg.vergeIdentifikasjonsnummer);
        const contacts = all.flatMap((d) => d.kontaktinformasjonForDoedsbo ?? []).flatMap((k) => (k.person ? [k.person] : []));
        assert.ok(contacts.length > 0);
        for (const contact of contacts) {
          assert.equal(contact.foedselsEllerDNummer !== undefined, pkg.doedsboContactIdentifikasjonsnummer);
          if (!pkg.doedsboContactIdentifikasjonsnummer) {
            assert.deepEqual(Object.keys(contact), ['foedselsdato', 'personnavn']);
            assert.match(contact.foedselsdato ?? '', /^\d{4}-\d{2}-\d{2}$/);
          }
        }
      });
    });
  }

  test('dødsbo contact without fnr: the birth date is the one the number encodes', () => {
    const document = persons.find((d) => d.kontaktinformasjonForDoedsbo?.some((k) => k.person?.foedselsEllerDNummer));
    assert.ok(document);
    const stored = document.kontaktinformasjonForDoedsbo?.find((k) => k.person?.foedselsEllerDNummer)?.person;
    const shown = current(project(document, packageById('privat'), ['kontaktinformasjonForDoedsbo']).document.kontaktinformasjonForDoedsbo)?.person;
    const number = stored?.foedselsEllerDNummer ?? '';
    // Synthetic numbers: day DD, month MM + 80, year YY.
    const [day, month, year] = [number.slice(0, 2), String(Number(number.slice(2, 4)) - 80).padStart(2, '0'), number.slice(4, 6)];
    assert.equal(shown?.foedselsdato?.slice(2), `${year}-${month}-${day}`);
    assert.deepEqual(shown?.personnavn, stored?.personnavn);
  });

  test('inn-/utflytting of a fortrolig person: country and place only with protectedMigrationDetail', () => {
    const document = persons.find((d) => protection(d) === 'fortrolig' && d.innflytting?.some((i) => i.fraflyttingsland));
    assert.ok(document);
    const land = (pkg: RightsPackage) => current(project(document, pkg, ['innflytting']).document.innflytting);
    assert.ok(packageById('offentligUtenHjemmel').protectedMigrationDetail);
    assert.ok(land(packageById('offentligUtenHjemmel'))?.fraflyttingsland);
    assert.ok(!packageById('privatUtenHjemmel').protectedMigrationDetail);
    assert.deepEqual(land(packageById('privatUtenHjemmel')), { erGjeldende: true });
  });

  test('a fortrolig person: addresses through offentligMedHjemmel, none through privatUtenHjemmel', () => {
    const document = persons.find((d) => protection(d) === 'fortrolig' && d.bostedsadresse !== undefined);
    assert.ok(document);
    const omh = project(document, packageById('offentligMedHjemmel'), []).document;
    assert.equal(current(omh.bostedsadresse)?.adressegradering, 'fortrolig');
    assert.equal(omh.adressebeskyttelse?.[0]?.graderingsnivaa, 'fortrolig');
    const puh = project(document, packageById('privatUtenHjemmel'), []).document;
    assert.equal(puh.bostedsadresse, undefined);
    assert.equal(puh.adressebeskyttelse?.[0]?.graderingsnivaa, 'fortrolig', 'adressebeskyttelse is in every basis (Q11)');
  });

  test('part errors → 400 with a Norwegian message; matching ignores case', () => {
    const omh = packageById('offentligMedHjemmel');
    const unknown = partError(omh, ['navn', 'fødsel']);
    assert.equal(unknown.status, 400);
    assert.match(unknown.message, /Ugyldig verdi for part: «fødsel»/);
    const notInPackage = partError(packageById('offentligUtenHjemmel'), ['familierelasjon']);
    assert.equal(notInPackage.status, 400);
    assert.match(notInPackage.message, /ikke tilgjengelig i rettighetspakken «Offentlig virksomhet uten hjemmel»/);
    for (const pkg of RIGHTS_PACKAGES) {
      const gone = partError(pkg, ['forholdTilSametingetsValgmanntall']);
      assert.equal(gone.status, 400);
      assert.match(gone.message, /ikke lenger gyldig/);
    }
    const withCapacity = persons.find((d) => d.rettsligHandleevne !== undefined);
    assert.ok(withCapacity);
    const result = project(withCapacity, omh, ['RettsligHandleevne']);
    assert.deepEqual(result.elements, ['identifikasjonsnummer', 'rettsligHandleevne']);
    assert.deepEqual(result.document.rettsligHandleevne, withCapacity.rettsligHandleevne?.filter((r) => r.erGjeldende));
  });

  test('no part = person-basis; JSON keys in the order of real responses', () => {
    const pkg = packageById('offentligMedHjemmel');
    for (const document of persons.slice(0, 50)) {
      const none = project(document, pkg, []);
      assert.deepEqual(none, project(document, pkg, ['person-basis']));
      for (const key of Object.keys(none.document)) assert.ok(pkg.personBasis.includes(key as never));
      const keys = Object.keys(project(document, pkg, everything(pkg)).document);
      const schemaOrder = Object.keys(Folkeregisterperson.properties);
      assert.deepEqual(keys, schemaOrder.filter((key) => keys.includes(key)));
    }
  });

  test('the stored document is not changed by projecting it', () => {
    const document = persons.find((d) => d.kontaktinformasjonForDoedsbo?.some((k) => k.person?.foedselsEllerDNummer));
    assert.ok(document);
    const before = structuredClone(document);
    for (const pkg of RIGHTS_PACKAGES) project(document, pkg, everything(pkg));
    assert.deepEqual(document, before);
  });
});

function current<T extends { erGjeldende?: boolean }>(values: readonly T[] | undefined): T | undefined {
  return values?.find((value) => value.erGjeldende === true);
}
