/**
 * Tilpasset extracts select exactly the persons a plain filter over the fixture documents selects, criterion
 * by criterion, in each package's view (graded addresses, the Svalbard population).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { packageById, type Folkeregisterperson, type PackageId, type TilpassetUttrekkJobbRequest } from '@folkeport/model';
import { packageCovers } from '../src/register/api/projection.js';
import type { NewPerson } from '../src/register/person-record.js';
import { describeDatabases } from './databases.js';
import { registerPopulation } from './register-api-fixture.js';
import { order, readExtract, uttrekkApi } from './register-uttrekk-fixture.js';

type Document = Folkeregisterperson;

function current<T extends { erGjeldende?: boolean }>(elements: readonly T[] | undefined): T | undefined {
  return elements?.find((element) => element.erGjeldende === true);
}

/** The identifier in use; a person whose every identifier has ceased keeps its last one. */
function identifierOf(document: Document): string {
  const ids = document.identifikasjonsnummer ?? [];
  const inUse = ids.find((id) => id.erGjeldende === true && id.status === 'iBruk') ?? ids.find((id) => id.status === 'iBruk');
  return (inUse ?? ids.at(-1))?.foedselsEllerDNummer as string;
}

function kommuneOf(address: NonNullable<Document['bostedsadresse']>[number] | undefined): string | undefined {
  return address?.vegadresse?.kommunenummer ?? address?.matrikkeladresse?.matrikkelnummer.kommunenummer ?? address?.ukjentBosted?.bostedskommune;
}

function protection(document: Document): string {
  return current(document.adressebeskyttelse)?.graderingsnivaa ?? 'ugradert';
}

function hasKlientadresse(document: Document): boolean {
  const lists = [document.bostedsadresse, document.oppholdsadresse, document.deltBosted, document.postadresse, document.postadresseIUtlandet];
  return lists.some((list) => list?.some((address) => address.erGjeldende === true && address.adressegradering === 'klientadresse'));
}

const AKTIV = ['midlertidig', 'ikkeBosatt', 'forsvunnet', 'foedselsregistrert'];

/** The reference filter: what the extract must contain, read straight from the documents. */
function expected(persons: readonly NewPerson[], request: TilpassetUttrekkJobbRequest, gradedAddresses: boolean): string[] {
  const statuses = request.personstatustyper.flatMap((type) => (type === 'aktiv' ? AKTIV : [type]));
  return persons
    .map((person) => person.document)
    .filter((document) => {
      if (!statuses.includes(current(document.status)?.status ?? '')) return false;
      const kommune = request.kommunenummer;
      if (kommune) {
        const wanted = kommune.bostedskommunenummer ?? kommune.oppholdskommunenummer;
        const address = kommune.bostedskommunenummer !== undefined ? current(document.bostedsadresse) : current(document.oppholdsadresse);
        if (kommuneOf(address) !== wanted) return false;
        if (protection(document) === 'strengtFortrolig') return false;
        if (!gradedAddresses && (protection(document) !== 'ugradert' || hasKlientadresse(document))) return false;
      }
      const born = Number(current(document.foedsel)?.foedselsaar);
      if (request.foedselsaarFraOgMed !== undefined && !(born >= Number(request.foedselsaarFraOgMed))) return false;
      if (request.foedselsaarTilOgMed !== undefined && !(born <= Number(request.foedselsaarTilOgMed))) return false;
      const doedsdato = document.doedsfall?.erGjeldende === false ? undefined : document.doedsfall?.doedsdato;
      const died = doedsdato === undefined ? NaN : Number(doedsdato.slice(0, 4));
      if (request.doedsaarFraOgMed !== undefined && !(died >= Number(request.doedsaarFraOgMed))) return false;
      if (request.doedsaarTilOgMed !== undefined && !(died <= Number(request.doedsaarTilOgMed))) return false;
      if (request.kjoenn !== undefined && current(document.kjoenn)?.kjoenn !== request.kjoenn) return false;
      if (request.statsborgerskap !== undefined) {
        const lands = (document.statsborgerskap ?? []).filter((s) => s.erGjeldende === true).map((s) => s.statsborgerskap);
        if (!lands.includes(request.statsborgerskap)) return false;
      }
      if (request.sivilstandstype !== undefined && current(document.sivilstand)?.sivilstand !== request.sivilstandstype) return false;
      return true;
    })
    .map(identifierOf)
    .sort();
}

const ALL_STATUSES: TilpassetUttrekkJobbRequest['personstatustyper'] = ['aktiv', 'bosatt', 'utflyttet', 'doed', 'inaktiv'];

/** Extracts `request` through `pkg` and compares it with the reference filter. */
async function assertExtract(
  api: Awaited<ReturnType<typeof uttrekkApi>>,
  pkg: PackageId,
  request: TilpassetUttrekkJobbRequest,
  gradedAddresses: boolean,
  persons: readonly NewPerson[] = api.persons,
) {
  const jobbId = await order(api.call, pkg, { tilpasset: request });
  const { ids, sizes } = await readExtract(api.call, pkg, jobbId);
  const want = expected(persons, request, gradedAddresses);
  assert.deepEqual([...ids].sort(), want, `${pkg} ${JSON.stringify(request)}`);
  assert.equal(new Set(ids).size, ids.length, 'no identifier twice');
  sizes.slice(0, -1).forEach((size) => assert.equal(size, 100, 'every batch but the last is full'));
  return ids;
}

describeDatabases('uttrekk tilpasset: selection', (target) => {
  test('each criterion selects exactly the persons the documents say (offentlig med hjemmel)', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100 });
    try {
      const requests: TilpassetUttrekkJobbRequest[] = [
        { personstatustyper: ALL_STATUSES },
        { personstatustyper: ['bosatt'] },
        { personstatustyper: ['aktiv'] },
        { personstatustyper: ['utflyttet', 'doed', 'inaktiv'] },
        { personstatustyper: ALL_STATUSES, kommunenummer: { bostedskommunenummer: '0301' } },
        { personstatustyper: ['bosatt'], kommunenummer: { bostedskommunenummer: '4601' } },
        { personstatustyper: ALL_STATUSES, kommunenummer: { oppholdskommunenummer: '0301' } },
        { personstatustyper: ALL_STATUSES, foedselsaarFraOgMed: '1980', foedselsaarTilOgMed: '1989' },
        { personstatustyper: ALL_STATUSES, foedselsaarTilOgMed: '1950' },
        { personstatustyper: ['doed'], doedsaarFraOgMed: '2015', doedsaarTilOgMed: '2020' },
        { personstatustyper: ALL_STATUSES, kjoenn: 'kvinne' },
        { personstatustyper: ALL_STATUSES, statsborgerskap: 'POL' },
        { personstatustyper: ALL_STATUSES, sivilstandstype: 'gift' },
        {
          personstatustyper: ['bosatt'],
          kommunenummer: { bostedskommunenummer: '0301' },
          foedselsaarFraOgMed: '1960',
          kjoenn: 'mann',
          statsborgerskap: 'NOR',
          sivilstandstype: 'ugift',
        },
      ];
      const counts: number[] = [];
      for (const request of requests) counts.push((await assertExtract(api, 'offentligMedHjemmel', request, true)).length);
      // Every status but opphoert (no personstatustyper value stands for it) is selectable …
      const opphoert = api.persons.filter((person) => current(person.document.status)?.status === 'opphoert');
      assert.equal(counts[0], api.persons.length - opphoert.length);
      // … and the reference filter is not vacuous: every other request picks some but not all persons.
      for (const count of counts.slice(1)) assert.ok(count > 0 && count < api.persons.length, `counts ${counts.join(' ')}`);
    } finally {
      await api.close();
    }
  });

  test('a kommunenummer criterion matches graded addresses only where the package may see them', async () => {
    const api = await uttrekkApi(target.db, { batchSize: 100 });
    try {
      const graded = api.persons.filter((person) => protection(person.document) !== 'ugradert' || hasKlientadresse(person.document));
      const kommuner = [...new Set(graded.map((person) => kommuneOf(current(person.document.bostedsadresse))))].filter(
        (kommune): kommune is string => kommune !== undefined,
      );
      assert.ok(kommuner.length > 0, 'the fixture has graded persons with a bostedskommune');
      let fortroligSeen = 0;
      for (const kommune of kommuner.slice(0, 4)) {
        const request: TilpassetUttrekkJobbRequest = { personstatustyper: ALL_STATUSES, kommunenummer: { bostedskommunenummer: kommune } };
        const withHjemmel = await assertExtract(api, 'offentligMedHjemmel', request, true);
        const utenHjemmel = await assertExtract(api, 'offentligUtenHjemmel', request, false);
        for (const person of graded.filter((p) => kommuneOf(current(p.document.bostedsadresse)) === kommune)) {
          const id = identifierOf(person.document);
          assert.ok(!utenHjemmel.includes(id), 'no graded person in the package without hjemmel');
          if (protection(person.document) === 'strengtFortrolig') assert.ok(!withHjemmel.includes(id), 'never strengtFortrolig');
          else if (withHjemmel.includes(id)) fortroligSeen++;
        }
      }
      assert.ok(fortroligSeen > 0, 'offentlig med hjemmel sees fortrolig and klientadresse persons');
    } finally {
      await api.close();
    }
  });

  test('the Svalbard register lists the persons it covers: opphold på Svalbard or bosted there, now', async () => {
    const now = { erGjeldende: true, antattOppholdsvarighet: 'overSeksMaaneder', startdato: '2024-08-01' } as const;
    const earlier = { ...now, erGjeldende: false, sluttdato: '2025-01-31' } as const;
    const population = registerPopulation();
    const livesOnSvalbard = population.findIndex((person, index) => index > 50 && current(person.document.bostedsadresse)?.vegadresse);
    const changes = new Map<number, (document: Document) => void>([
      [3, (document) => (document.oppholdPaaSvalbard = [now])],
      [10, (document) => (document.oppholdPaaSvalbard = [earlier])], // left: no longer covered
      [42, (document) => (document.oppholdPaaSvalbard = [now, earlier])],
      [livesOnSvalbard, (document) => (current(document.bostedsadresse)!.vegadresse!.kommunenummer = '2100')],
    ]);
    const persons = population.map((person, index): NewPerson => {
      const change = changes.get(index);
      if (!change) return person;
      const document = structuredClone(person.document);
      change(document);
      return { ...person, document };
    });
    const api = await uttrekkApi(target.db, { batchSize: 100, persons });
    try {
      const brsv = packageById('svalbardregister');
      const covered = persons.filter((person) => packageCovers(brsv, person.document));
      assert.deepEqual(covered, [3, 42, livesOnSvalbard].map((index) => persons[index]));
      await assertExtract(api, 'svalbardregister', { personstatustyper: ALL_STATUSES }, false, covered);
      // komplett counts in the Svalbard register's own feed: its items 1 and 2 are the first two persons.
      const documents = async (feedsekvensnr: number) => {
        const jobbId = await order(api.call, 'svalbardregister', { komplett: feedsekvensnr });
        return (await readExtract(api.call, 'svalbardregister', jobbId)).ids.sort();
      };
      const dokumentidentifikatorer = covered.map((person) => person.dokumentidentifikator);
      assert.deepEqual(await documents(2), dokumentidentifikatorer.slice(0, 2).sort());
      assert.deepEqual(await documents(1_000_000), [...dokumentidentifikatorer].sort());
    } finally {
      await api.close();
    }
  });
});
