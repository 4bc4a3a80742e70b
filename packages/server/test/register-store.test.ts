import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sql } from 'kysely';
import { createIdGenerator } from '@folkeport/identity';
import { Folkeregisterperson, validator, type Registerdata } from '@folkeport/model';
import type { NewPerson, PersonChange } from '../src/register/person-record.js';
import { PERSONS_PER_STATEMENT, prepareBatch } from '../src/register/prepared-batch.js';
import { RegisterConflictError, UnknownPersonError } from '../src/register/register-errors.js';
import { openRegisterStore, type RegisterStore } from '../src/register/register-store.js';
import { describePerson, PersonDocumentError } from '../src/register/search-columns.js';
import { describeDatabases } from './databases.js';

// ---------------------------------------------------------------------------------------------------
// Hand-built, schema-valid person documents in the shape of FREG's synthetic (Synutopia) documents.

const ids = createIdGenerator({ seed: 2026 });
const check = validator(Folkeregisterperson);

interface Address {
  kommunenummer: string;
  adressenavn: string;
  husnummer?: string;
  husbokstav?: string;
  bruksenhetsnummer?: string;
  postnummer: string;
  adressegradering?: 'ugradert' | 'klientadresse';
}

interface PersonSpec {
  kjoenn: 'mann' | 'kvinne';
  foedselsdato: string;
  fornavn: string;
  mellomnavn?: string;
  etternavn: string;
  status?: 'bosatt' | 'utflyttet' | 'doed';
  sivilstand?: 'ugift' | 'gift' | 'enkeEllerEnkemann';
  statsborgerskap?: string[];
  foedeland?: string;
  /** Bostedsadresse; a kommunenummer alone means unknown residence in that kommune. */
  bosted?: Address | { ukjentIKommune: string };
  oppholdsadresse?: Address;
  innflytting?: boolean;
  adressebeskyttelse?: 'fortrolig' | 'strengtFortrolig';
  doedsdato?: string;
  /** An earlier D-nummer, now opphørt. */
  medTidligereDnummer?: boolean;
}

interface Built {
  document: Folkeregisterperson;
  fnr: string;
  dnr?: string;
}

const meta = (gyldig: string, aarsak = 'Grunnbefolkning') => ({
  ajourholdstidspunkt: '2024-01-15T10:00:00.123456789+01:00',
  erGjeldende: true,
  kilde: 'Synutopia',
  aarsak,
  gyldighetstidspunkt: `${gyldig}T00:00:00+01:00`,
});

function vegadresse(address: Address) {
  return {
    kommunenummer: address.kommunenummer,
    ...(address.bruksenhetsnummer ? { bruksenhetsnummer: address.bruksenhetsnummer, bruksenhetstype: 'bolig' as const } : {}),
    adressenavn: address.adressenavn,
    ...(address.husnummer
      ? { adressenummer: { husnummer: address.husnummer, ...(address.husbokstav ? { husbokstav: address.husbokstav } : {}) } }
      : {}),
    poststed: { poststedsnavn: 'TESTSTED', postnummer: address.postnummer },
  };
}

function buildPerson(spec: PersonSpec): Built {
  const born = spec.foedselsdato;
  const fnr = ids.next({ kind: 'foedselsnummer', birthDate: born, gender: spec.kjoenn, synthetic: true });
  const dnr = spec.medTidligereDnummer
    ? ids.next({ kind: 'dNummer', birthDate: born, gender: spec.kjoenn, synthetic: true })
    : undefined;
  const bosted = spec.bosted;
  const document: Folkeregisterperson = {
    identifikasjonsnummer: [
      { ...meta(born), status: 'iBruk', foedselsEllerDNummer: fnr, identifikatortype: 'foedselsnummer' },
      ...(dnr
        ? [
            {
              ...meta(born),
              erGjeldende: false,
              status: 'opphoert' as const,
              foedselsEllerDNummer: dnr,
              identifikatortype: 'dNummer' as const,
            },
          ]
        : []),
    ],
    status: [{ ...meta(born), status: spec.status ?? 'bosatt' }],
    kjoenn: [{ ...meta(born), kjoenn: spec.kjoenn }],
    foedsel: [
      {
        ...meta(born),
        foedselsdato: born,
        foedselsaar: born.slice(0, 4),
        ...(spec.foedeland === undefined || spec.foedeland === 'NOR'
          ? { foedekommuneINorge: '0301', foedeland: 'NOR' }
          : { foedeland: spec.foedeland }),
      },
    ],
    sivilstand: [{ ...meta(born), sivilstand: spec.sivilstand ?? 'ugift' }],
    ...(spec.doedsdato ? { doedsfall: { ...meta(spec.doedsdato, 'Doedsfall'), doedsdato: spec.doedsdato } } : {}),
    navn: [
      {
        ...meta(born),
        fornavn: spec.fornavn,
        ...(spec.mellomnavn ? { mellomnavn: spec.mellomnavn } : {}),
        etternavn: spec.etternavn,
      },
    ],
    ...(spec.adressebeskyttelse
      ? { adressebeskyttelse: [{ ...meta('2020-01-01', 'Adressebeskyttelse'), graderingsnivaa: spec.adressebeskyttelse }] }
      : {}),
    ...(bosted
      ? {
          bostedsadresse: [
            'ukjentIKommune' in bosted
              ? {
                  ...meta('2020-01-01'),
                  ukjentBosted: { bostedskommune: bosted.ukjentIKommune },
                  adressegradering: 'ugradert' as const,
                }
              : {
                  ...meta('2020-01-01', 'Flytting innenlands'),
                  vegadresse: vegadresse(bosted),
                  adressegradering: bosted.adressegradering ?? 'ugradert',
                  flyttedato: '2020-01-01',
                },
          ],
        }
      : {}),
    ...(spec.innflytting ? { innflytting: [{ ...meta('2001-05-01', 'Innflytting'), fraflyttingsland: 'SWE' }] } : {}),
    ...(spec.oppholdsadresse
      ? {
          oppholdsadresse: [
            { ...meta('2023-01-01'), vegadresse: vegadresse(spec.oppholdsadresse), adressegradering: 'ugradert' as const },
          ],
        }
      : {}),
    statsborgerskap: (spec.statsborgerskap ?? ['NOR']).map((land) => ({ ...meta(born), statsborgerskap: land })),
  };
  const problems = check.problems(document);
  assert.deepEqual(problems, [], 'the test document is schema-valid');
  return { document, fnr, ...(dnr ? { dnr } : {}) };
}

let counter = 0;
/** A distinct 32-hex-character id. */
const hexId = () => (++counter).toString(16).padStart(32, '0');

const REGISTRERT = '2024-01-15T10:00:00.123456789+01:00';
const VESTRE_VEI_12: Address = { kommunenummer: '4601', adressenavn: 'Vestre vei', husnummer: '12', postnummer: '5003' };

function newPerson(built: Built): NewPerson {
  return { document: built.document, dokumentidentifikator: hexId(), hendelsesidentifikator: hexId(), registrert: REGISTRERT };
}

const ola = (extra: Partial<PersonSpec> = {}) =>
  buildPerson({
    kjoenn: 'mann',
    foedselsdato: '1980-06-15',
    fornavn: 'OLA',
    mellomnavn: 'STOLT-DEMOKRATISK',
    etternavn: 'NORDMANN',
    sivilstand: 'gift',
    bosted: {
      kommunenummer: '0301',
      adressenavn: 'Storgata',
      husnummer: '1',
      husbokstav: 'B',
      bruksenhetsnummer: 'H0101',
      postnummer: '0155',
    },
    medTidligereDnummer: true,
    ...extra,
  });

const kari = (extra: Partial<PersonSpec> = {}) =>
  buildPerson({ kjoenn: 'kvinne', foedselsdato: '1982-01-01', fornavn: 'KARI', etternavn: 'NORDMANN', ...extra });

/** A change that moves the person: a new bostedsadresse, the old one kept as history. */
function moved(built: Built, to: Address): { change: PersonChange; document: Folkeregisterperson } {
  const old = (built.document.bostedsadresse ?? []).map((element) => ({ ...element, erGjeldende: false }));
  const ny = {
    ...meta('2024-06-01', 'Flytting innenlands'),
    vegadresse: vegadresse(to),
    adressegradering: 'ugradert' as const,
    flyttedato: '2024-06-01',
  };
  const document: Folkeregisterperson = { ...built.document, bostedsadresse: [ny, ...old] };
  assert.deepEqual(check.problems(document), []);
  const { erGjeldende: _current, ...element } = ny;
  const endringer: Registerdata[] = [
    { bostedsadresse: element, entitet: 'bostedsadresse', entitetsendring: 'registrereNy' },
  ];
  return {
    document,
    change: {
      document,
      dokumentidentifikator: hexId(),
      hendelsesidentifikator: hexId(),
      hendelsetype: 'endringIBostedsadresse',
      endringer,
      registrert: '2024-06-01T08:00:00+02:00',
    },
  };
}

function renamed(built: Built, fornavn: string, etternavn: string): PersonChange {
  const old = (built.document.navn ?? []).map((element) => ({ ...element, erGjeldende: false }));
  const ny = { ...meta('2024-07-01', 'Navneendring'), fornavn, etternavn };
  const document: Folkeregisterperson = { ...built.document, navn: [ny, ...old] };
  assert.deepEqual(check.problems(document), []);
  const { erGjeldende: _current, ...element } = ny;
  return {
    document,
    dokumentidentifikator: hexId(),
    hendelsesidentifikator: hexId(),
    hendelsetype: 'endringINavn',
    endringer: [{ navn: element, entitet: 'navn', entitetsendring: 'registrereNy' }],
    registrert: '2024-07-01T08:00:00+02:00',
  };
}

// ---------------------------------------------------------------------------------------------------

describe('search columns of a person document', () => {
  test('come from the current elements', () => {
    const built = ola({ oppholdsadresse: VESTRE_VEI_12 });
    const { identifiers, columns } = describePerson(built.document);
    assert.deepEqual(identifiers, [
      { identifikator: built.fnr, status: 'iBruk', identifikatortype: 'foedselsnummer' },
      { identifikator: built.dnr, status: 'opphoert', identifikatortype: 'dNummer' },
    ]);
    assert.deepEqual(columns, {
      folkeregisteridentifikator: built.fnr,
      status: 'bosatt',
      kjoenn: 'mann',
      foedselsdato: '1980-06-15',
      foedselsaar: 1980,
      doedsaar: null,
      foedeland: 'NOR',
      harInnflytting: false,
      sivilstand: 'gift',
      statsborgerskap: ['NOR'],
      fornavn: 'OLA',
      mellomnavn: 'STOLT-DEMOKRATISK',
      etternavn: 'NORDMANN',
      navneord: ['DEMOKRATISK', 'NORDMANN', 'OLA', 'STOLT', 'STOLT-DEMOKRATISK'],
      adressebeskyttelse: 'ugradert',
      harKlientadresse: false,
      bosted: { kommunenummer: '0301', adressenavn: 'Storgata', husnummer: 1, husbokstav: 'B', postnummer: '0155' },
      opphold: { kommunenummer: '4601', adressenavn: 'Vestre vei', husnummer: 12, husbokstav: null, postnummer: '5003' },
      adressenoekkel: 'V|0301|Storgata|1|B|H0101',
    });
  });

  test('follow historic and special cases: death, unknown residence, protection, klientadresse', () => {
    const dead = describePerson(
      kari({ status: 'doed', doedsdato: '2023-03-04', bosted: { ukjentIKommune: '4601' } }).document,
    );
    assert.equal(dead.columns.doedsaar, 2023);
    assert.deepEqual(dead.columns.bosted, {
      kommunenummer: '4601',
      adressenavn: null,
      husnummer: null,
      husbokstav: null,
      postnummer: null,
    });
    assert.equal(dead.columns.adressenoekkel, null);

    const graded = describePerson(
      kari({
        adressebeskyttelse: 'strengtFortrolig',
        bosted: { kommunenummer: '0301', adressenavn: 'Skjult vei', postnummer: '0150', adressegradering: 'klientadresse' },
        statsborgerskap: ['SWE', 'NOR'],
        foedeland: 'SWE',
        innflytting: true,
      }).document,
    );
    assert.equal(graded.columns.adressebeskyttelse, 'strengtFortrolig');
    assert.equal(graded.columns.harKlientadresse, true);
    assert.deepEqual(graded.columns.statsborgerskap, ['NOR', 'SWE']);
    assert.equal(graded.columns.foedeland, 'SWE');
    assert.equal(graded.columns.harInnflytting, true);
    assert.equal(graded.columns.adressenoekkel, 'V|0301|Skjult vei|||');
  });

  test('a number listed twice counts once, with the status of its current element', () => {
    const { document, fnr } = kari();
    const [inUse] = document.identifikasjonsnummer ?? [];
    assert.ok(inUse);
    const listedTwice = {
      ...document,
      identifikasjonsnummer: [{ ...inUse, erGjeldende: false, status: 'opphoert' as const }, inUse],
    };
    assert.deepEqual(describePerson(listedTwice).identifiers, [
      { identifikator: fnr, status: 'iBruk', identifikatortype: 'foedselsnummer' },
    ]);
  });

  test('a document without any identifier is refused with a clear error', () => {
    const { document } = kari();
    const withoutNumber = { ...document, identifikasjonsnummer: [] };
    assert.throws(() => describePerson(withoutNumber), (error: Error) => {
      assert.ok(error instanceof PersonDocumentError);
      assert.equal(error.message, 'the person document has no identifikasjonsnummer');
      return true;
    });
  });

  test('a person whose only identifier has ceased (opphørt) keeps it as its identifier', () => {
    const { document, fnr } = kari();
    const [inUse] = document.identifikasjonsnummer ?? [];
    assert.ok(inUse);
    const ceased = { ...document, identifikasjonsnummer: [{ ...inUse, status: 'opphoert' as const }] };
    const described = describePerson(ceased);
    assert.equal(described.columns.folkeregisteridentifikator, fnr);
    assert.deepEqual(described.identifiers, [{ identifikator: fnr, status: 'opphoert', identifikatortype: 'foedselsnummer' }]);
  });

  test('a batch with a foedselsdato that is no date is refused before it reaches the database, naming the person', () => {
    const { document } = kari();
    const [foedsel] = document.foedsel ?? [];
    assert.ok(foedsel);
    const impossible = { ...document, foedsel: [{ ...foedsel, foedselsdato: '1982-02-30' }] };
    const persons = [newPerson(ola()), { ...newPerson(kari()), document: impossible }];
    assert.throws(() => prepareBatch(persons), (error: Error) => {
      assert.ok(error instanceof PersonDocumentError);
      assert.equal(error.message, 'person at index 1: 1982-02-30 is not a date (YYYY-MM-DD)');
      return true;
    });
  });
});

describeDatabases('register store', (target) => {
  let store: RegisterStore;
  const open = async () => (store = await openRegisterStore(target.db));
  const personRow = async (fnr: string) => {
    const { rows } = await sql<Record<string, unknown>>`
      SELECT p.* FROM register.person p JOIN register.identifier i USING (person_key) WHERE i.identifikator = ${fnr}`.execute(
      target.db.kysely,
    );
    return rows[0];
  };
  const count = async (table: string) => {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(`register.${table}`)}`.execute(
      target.db.kysely,
    );
    return rows[0]?.n;
  };

  test('stores a batch and finds each person by its identifier in use and its opphørt identifier', async () => {
    await open();
    await openRegisterStore(target.db); // migrating again changes nothing
    const [o, k] = [ola(), kari()];
    const [first, second] = [newPerson(o), newPerson(k)];
    await store.insertPersons([first, second]);

    const byFnr = await store.currentByIdentifier(o.fnr);
    assert.ok(byFnr);
    assert.equal(byFnr.dokumentidentifikator, first.dokumentidentifikator);
    assert.equal(byFnr.versjon, 1);
    assert.equal(byFnr.gjeldende, true);
    assert.equal(byFnr.registrert, REGISTRERT);
    assert.equal(byFnr.documentJson, JSON.stringify(o.document), 'the stored text is the serialised document');
    assert.deepEqual(byFnr.document, o.document);

    const byDnr = await store.currentByIdentifier(o.dnr as string);
    assert.equal(byDnr?.dokumentidentifikator, first.dokumentidentifikator);
    assert.equal((await store.currentByIdentifier(k.fnr))?.dokumentidentifikator, second.dokumentidentifikator);
    assert.equal(await store.currentByIdentifier('01010000000'), undefined);
    assert.deepEqual(await store.versions('01010000000'), []);
    assert.equal(await store.versionByDokumentidentifikator('f'.repeat(32)), undefined);
  });

  test('a batch larger than one statement is stored whole and in order', async () => {
    await open();
    const batch = Array.from({ length: 2100 }, (_, i) =>
      newPerson(kari({ foedselsdato: `19${String(10 + (i % 90))}-0${1 + (i % 9)}-1${i % 10}` })),
    );
    await store.insertPersons(batch);
    assert.equal(await count('person'), 2100);
    const events = await store.events(1, 2100);
    assert.deepEqual(
      events.map((e) => e.dokumentidentifikator),
      batch.map((p) => p.dokumentidentifikator),
      'one personErOpprettet per person, in input order',
    );
    const last = batch[2099] as NewPerson;
    const lastId = last.document.identifikasjonsnummer?.[0]?.foedselsEllerDNummer ?? '';
    assert.equal((await store.currentByIdentifier(lastId))?.dokumentidentifikator, last.dokumentidentifikator);

    // A conflict in a later statement of a batch undoes the statements before it.
    const more = Array.from({ length: 600 }, (_, i) => newPerson(kari({ foedselsdato: `1955-0${1 + (i % 9)}-1${i % 10}` })));
    more[550] = { ...newPerson(kari()), document: last.document };
    await assert.rejects(store.insertPersons(more), (error: Error) => {
      assert.ok(error instanceof RegisterConflictError);
      assert.equal(error.index, 550);
      return true;
    });
    assert.equal(await count('person'), 2100);
    assert.equal(await store.lastEventSequence(), 2100);
  });

  test('refuses a duplicate identifier atomically, naming the position and not the number', async () => {
    await open();
    const o = ola();
    await store.insertPersons([newPerson(o)]);
    const k = kari();
    const again = newPerson({ ...o, document: { ...o.document } });

    await assert.rejects(store.insertPersons([newPerson(k), again]), (error: Error) => {
      assert.ok(error instanceof RegisterConflictError);
      assert.equal(error.key, 'identifikasjonsnummer');
      assert.equal(error.index, 1);
      assert.equal(error.message, 'person at index 1: its identifikasjonsnummer is already registered; nothing was written');
      assert.doesNotMatch(error.message, new RegExp(o.fnr));
      return true;
    });
    assert.equal(await store.currentByIdentifier(k.fnr), undefined, 'the other person of the batch was not stored');
    assert.equal(await count('person'), 1);
    assert.equal(await count('event'), 1);

    const withoutNumber = { ...newPerson(kari()), document: { ...kari().document, identifikasjonsnummer: [] } };
    await assert.rejects(
      store.insertPersons([newPerson(kari()), withoutNumber]),
      /^PersonDocumentError: person at index 1: the person document has no identifikasjonsnummer$/,
    );
    const twice = kari();
    await assert.rejects(
      store.insertPersons([newPerson(twice), newPerson(twice)]),
      /^RegisterConflictError: person at index 1: its identifikasjonsnummer is also that of the person at index 0; nothing was written$/,
    );
    const stored = await store.currentByIdentifier(o.fnr);
    const reusedVersionId = { ...newPerson(kari()), dokumentidentifikator: stored?.dokumentidentifikator ?? '' };
    await assert.rejects(
      store.insertPersons([reusedVersionId]),
      /person at index 0: its dokumentidentifikator is already registered/,
    );
    assert.equal(await count('person'), 1);
  });

  test('a change makes a new current version; the old one stays retrievable', async () => {
    await open();
    const o = ola();
    const created = newPerson(o);
    await store.insertPersons([created, newPerson(kari())]);
    const { change } = moved(o, VESTRE_VEI_12);

    const applied = await store.applyChange(o.dnr as string, change);
    assert.equal(applied.versjon, 2);

    const current = await store.currentByIdentifier(o.fnr);
    assert.equal(current?.dokumentidentifikator, change.dokumentidentifikator);
    assert.equal(current?.documentJson, JSON.stringify(change.document));
    assert.equal(current?.personKey, applied.personKey);

    const old = await store.versionByDokumentidentifikator(created.dokumentidentifikator);
    assert.equal(old?.gjeldende, false);
    assert.equal(old?.versjon, 1);
    assert.deepEqual(old?.document, o.document);

    const all = await store.versions(o.fnr);
    assert.deepEqual(
      all.map((v) => [v.versjon, v.dokumentidentifikator, v.gjeldende]),
      [
        [1, created.dokumentidentifikator, false],
        [2, change.dokumentidentifikator, true],
      ],
    );

    // A change reusing a version id is refused and changes nothing.
    const reused = { ...renamed(o, 'PER', 'HANSEN'), dokumentidentifikator: created.dokumentidentifikator };
    await assert.rejects(
      store.applyChange(o.fnr, reused),
      /^RegisterConflictError: the change's dokumentidentifikator is already registered; nothing was written$/,
    );
    assert.equal((await store.currentByIdentifier(o.fnr))?.versjon, 2);
  });

  test('search columns follow the current document', async () => {
    await open();
    const o = ola();
    await store.insertPersons([newPerson(o)]);
    const before = await personRow(o.fnr);
    assert.equal(before?.bosted_kommunenummer, '0301');
    assert.equal(before?.bosted_adressenavn, 'Storgata');
    assert.deepEqual(before?.navneord, ['DEMOKRATISK', 'NORDMANN', 'OLA', 'STOLT', 'STOLT-DEMOKRATISK']);
    assert.equal(before?.foedselsdato, '1980-06-15');

    const { change, document } = moved(o, VESTRE_VEI_12);
    await store.applyChange(o.fnr, change);
    await store.applyChange(o.fnr, renamed({ ...o, document }, 'PER', 'HANSEN'));
    const after = await personRow(o.fnr);
    assert.equal(after?.bosted_kommunenummer, '4601');
    assert.equal(after?.bosted_adressenavn, 'Vestre vei');
    assert.equal(after?.bosted_husnummer, 12);
    assert.equal(after?.bosted_husbokstav, null);
    assert.equal(after?.bosted_postnummer, '5003');
    assert.equal(after?.adressenoekkel, 'V|4601|Vestre vei|12||');
    assert.deepEqual(after?.navneord, ['HANSEN', 'PER']);
    assert.equal(after?.fornavn, 'PER');
    assert.equal(after?.mellomnavn, null);
    assert.equal(after?.versjon, 3);
  });

  test('identifiers follow the current document', async () => {
    await open();
    const o = ola();
    await store.insertPersons([newPerson(o)]);
    const nytt = ids.next({ kind: 'foedselsnummer', birthDate: '1980-06-15', gender: 'mann', synthetic: true });
    const previous = (o.document.identifikasjonsnummer ?? []).map((element) =>
      element.foedselsEllerDNummer === o.fnr ? { ...element, erGjeldende: false, status: 'opphoert' as const } : element,
    );
    const ny = {
      ...meta('2024-08-01', 'Nytt fødselsnummer'),
      status: 'iBruk' as const,
      foedselsEllerDNummer: nytt,
      identifikatortype: 'foedselsnummer' as const,
    };
    const document: Folkeregisterperson = { ...o.document, identifikasjonsnummer: [ny, ...previous] };
    const { erGjeldende: _current, ...element } = ny;
    const applied = await store.applyChange(o.fnr, {
      document,
      dokumentidentifikator: hexId(),
      hendelsesidentifikator: hexId(),
      hendelsetype: 'endringIIdentifikasjonsnummer',
      endringer: [{ identifikasjonsnummer: element, entitet: 'identifikasjonsnummer', entitetsendring: 'registrereNy' }],
      registrert: '2024-08-01T09:00:00+02:00',
    });
    for (const identifier of [nytt, o.fnr, o.dnr as string]) {
      assert.equal((await store.currentByIdentifier(identifier))?.versjon, 2);
    }
    const [event] = await store.events(applied.sekvensnummer, 1);
    assert.equal(event?.folkeregisteridentifikator, nytt, 'the event names the identifier now in use');

    // Taking another person's number is refused and changes nothing.
    const k = kari();
    await store.insertPersons([newPerson(k)]);
    const stolen: Folkeregisterperson = {
      ...k.document,
      identifikasjonsnummer: [...(k.document.identifikasjonsnummer ?? []), { ...ny, erGjeldende: false }],
    };
    const before = await store.lastEventSequence();
    await assert.rejects(
      store.applyChange(k.fnr, { ...renamed(k, 'KARIN', 'NORDMANN'), document: stolen }),
      /^RegisterConflictError: an identifikasjonsnummer of the new document belongs to another person; nothing was written$/,
    );
    assert.equal((await store.currentByIdentifier(nytt))?.personKey, applied.personKey);
    assert.equal((await store.currentByIdentifier(k.fnr))?.versjon, 1);
    assert.equal(await store.lastEventSequence(), before);
  });

  test('concurrent changes to one person get consecutive versions and events', async () => {
    await open();
    const o = ola();
    await store.insertPersons([newPerson(o)]);
    const names = ['PER', 'PÅL', 'ESPEN', 'ASKE', 'LADD'];
    const applied = await Promise.all(names.map((name) => store.applyChange(o.fnr, renamed(o, name, 'NORDMANN'))));
    assert.deepEqual(applied.map((a) => a.versjon).sort(), [2, 3, 4, 5, 6]);
    const events = await store.events(2, 10);
    assert.deepEqual(events.map((e) => e.sekvensnummer), [2, 3, 4, 5, 6]);
    const versions = await store.versions(o.fnr);
    // The event order is the version order: each event points at the next version.
    assert.deepEqual(events.map((e) => e.dokumentidentifikator), versions.slice(1).map((v) => v.dokumentidentifikator));
    assert.equal((await store.currentByIdentifier(o.fnr))?.versjon, 6);
  });

  test('a change to an unknown person is refused', async () => {
    await open();
    const o = ola();
    await assert.rejects(store.applyChange(o.fnr, renamed(o, 'PER', 'HANSEN')), UnknownPersonError);
    await assert.rejects(
      store.applyChange(12345, renamed(o, 'PER', 'HANSEN')),
      /^UnknownPersonError: no person in the register has this identifier$/,
    );
  });

  test('the event log is ordered and carries type, version and changes', async () => {
    await open();
    assert.equal(await store.lastEventSequence(), 0);
    const [o, k] = [ola(), kari()];
    const [first, second] = [newPerson(o), newPerson(k)];
    await store.insertPersons([first, second]);
    const { change } = moved(o, VESTRE_VEI_12);
    const applied = await store.applyChange(o.fnr, change);

    const events = await store.events(0, 10);
    assert.deepEqual(
      events.map((e) => [
        e.sekvensnummer,
        e.hendelsetype,
        e.hendelsesidentifikator,
        e.dokumentidentifikator,
        e.folkeregisteridentifikator,
      ]),
      [
        [1, 'personErOpprettet', first.hendelsesidentifikator, first.dokumentidentifikator, o.fnr],
        [2, 'personErOpprettet', second.hendelsesidentifikator, second.dokumentidentifikator, k.fnr],
        [3, 'endringIBostedsadresse', change.hendelsesidentifikator, change.dokumentidentifikator, o.fnr],
      ],
    );
    assert.equal(events[0]?.endringer, undefined, 'personErOpprettet points at its version instead of listing changes');
    assert.equal(events[0]?.registrert, REGISTRERT);
    assert.deepEqual(events[2]?.endringer, change.endringer);
    assert.equal(events[2]?.registrert, change.registrert);
    assert.equal(events[2]?.personKey, applied.personKey);
    assert.equal(applied.sekvensnummer, 3);
    assert.equal(await store.lastEventSequence(), 3);

    assert.deepEqual((await store.events(2, 1)).map((e) => e.sekvensnummer), [2], 'from is inclusive, limit caps');
    assert.deepEqual(await store.events(4n, 10), []);
    await assert.rejects(store.events(-1, 10), /fromSequence must be a whole number ≥ 0/);
    await assert.rejects(store.events(0, 0), /limit must be a whole number ≥ 1/);
  });

  test('population metadata round-trips, is written with a batch, and clear() starts over', async () => {
    await open();
    assert.equal(await store.getPopulation(), undefined);
    const loading = { seed: 42, options: { persons: 3, kommuner: ['0301'] }, status: 'loading' as const, persons: 0, chunksDone: 0 };
    await store.setPopulation(loading);
    assert.deepEqual(await store.getPopulation(), loading);

    const o = ola();
    await store.insertPersons([newPerson(o)], { ...loading, persons: 1, chunksDone: 1 });
    assert.deepEqual(await store.getPopulation(), { ...loading, persons: 1, chunksDone: 1 });

    // A refused batch leaves the resume marker where it was.
    await assert.rejects(store.insertPersons([newPerson(o)], { ...loading, persons: 2, chunksDone: 2 }), RegisterConflictError);
    assert.deepEqual(await store.getPopulation(), { ...loading, persons: 1, chunksDone: 1 });

    await store.setPopulation({ ...loading, status: 'complete', persons: 1, chunksDone: 1 });
    assert.equal((await store.getPopulation())?.status, 'complete');
    await assert.rejects(store.setPopulation({ ...loading, persons: -1 }), /population persons must be a whole number ≥ 0/);

    await store.clear();
    assert.equal(await store.getPopulation(), undefined);
    assert.equal(await store.currentByIdentifier(o.fnr), undefined);
    assert.equal(await store.lastEventSequence(), 0);
    for (const table of ['person', 'person_version', 'identifier', 'event']) assert.equal(await count(table), 0, table);

    await store.insertPersons([newPerson(o)]);
    assert.deepEqual((await store.events(0, 10)).map((e) => e.sekvensnummer), [1], 'numbering restarts after clear()');
  });

  test('documents are stored byte for byte whatever their characters, across the statements of a batch', async () => {
    await open();
    const names = ['ÆRLIG ØSTBY-ÅS', 'ČÁHPPES ŊUVVÁ', 'ZOË "Q" \\ 🙂'];
    const built = Array.from({ length: PERSONS_PER_STATEMENT + 1 }, (_, i) =>
      kari({ fornavn: names[i % names.length] as string, foedselsdato: `19${String(10 + (i % 90))}-0${1 + (i % 9)}-1${i % 10}` }),
    );
    await store.insertPersons(built.map(newPerson));
    for (const person of [built[0], built[1], built[2], built[PERSONS_PER_STATEMENT]]) {
      assert.equal((await store.currentByIdentifier(person?.fnr ?? ''))?.documentJson, JSON.stringify(person?.document));
    }
  });

  test('a batch prepared elsewhere (as a worker thread does) is stored like the persons it was made from', async () => {
    await open();
    const [o, k] = [ola(), kari()];
    const persons = [newPerson(o), newPerson(k)];
    const population = { seed: 7, options: {}, status: 'loading' as const, persons: 2, chunksDone: 1 };
    await store.insertBatch(structuredClone(prepareBatch(persons)), population);
    assert.deepEqual(await store.getPopulation(), population);
    const byDnr = await store.currentByIdentifier(o.dnr as string);
    assert.equal(byDnr?.dokumentidentifikator, persons[0]?.dokumentidentifikator);
    assert.equal(byDnr?.documentJson, JSON.stringify(o.document));
    assert.equal((await store.currentByIdentifier(k.fnr))?.dokumentidentifikator, persons[1]?.dokumentidentifikator);
    assert.deepEqual((await store.events(1, 10)).map((e) => e.hendelsesidentifikator), persons.map((p) => p.hendelsesidentifikator));

    const again = { ...newPerson(kari()), document: k.document };
    await assert.rejects(store.insertBatch(prepareBatch([newPerson(kari()), again])), (error: Error) => {
      assert.ok(error instanceof RegisterConflictError);
      assert.equal(error.key, 'identifikasjonsnummer');
      assert.equal(error.index, 1);
      return true;
    });
    assert.equal(await count('person'), 2);
  });

  test('population aggregates of a small population are exact', async () => {
    await open();
    const storgata = { kommunenummer: '0301', adressenavn: 'Storgata', husnummer: '1', postnummer: '0155' };
    const flat = { ...storgata, bruksenhetsnummer: 'H0101' };
    const bergen = { kommunenummer: '4601', adressenavn: 'Vestre vei', husnummer: '2', postnummer: '5003' };
    const population = [
      // Residents: a family of three in Storgata 1 H0101
      ola({ bosted: flat }), // 44 on the reference date
      kari({ sivilstand: 'gift', adressebeskyttelse: 'fortrolig', bosted: flat }), // 43 that very day
      buildPerson({
        kjoenn: 'mann',
        foedselsdato: '2010-03-03', // 14
        fornavn: 'SVEN',
        etternavn: 'NORDMANN',
        statsborgerskap: ['NOR', 'SWE'],
        bosted: flat,
      }),
      // a widow of 104, born and a citizen abroad, alone in Bergen
      buildPerson({
        kjoenn: 'kvinne',
        foedselsdato: '1920-05-05',
        fornavn: 'ASTRID',
        etternavn: 'LIND',
        sivilstand: 'enkeEllerEnkemann',
        statsborgerskap: ['SWE'],
        foedeland: 'SWE',
        innflytting: true,
        bosted: bergen,
      }),
      // 24, strengt fortrolig, residence unknown within Bergen (no dwelling)
      buildPerson({
        kjoenn: 'kvinne',
        foedselsdato: '2000-12-31',
        fornavn: 'EVA',
        etternavn: 'SKJULT',
        adressebeskyttelse: 'strengtFortrolig',
        bosted: { ukjentIKommune: '4601' },
      }),
      // a baby alone at a klientadresse
      buildPerson({
        kjoenn: 'kvinne',
        foedselsdato: '2024-07-01',
        fornavn: 'LILLE',
        etternavn: 'NORDMANN',
        bosted: { ...storgata, bruksenhetsnummer: 'H0102', adressegradering: 'klientadresse' },
      }),
      // Not residents: emigrated (born abroad, immigrated once, fortrolig) and dead
      buildPerson({
        kjoenn: 'mann',
        foedselsdato: '1990-01-02',
        fornavn: 'UTE',
        etternavn: 'VEKK',
        status: 'utflyttet',
        foedeland: 'DNK',
        innflytting: true,
        adressebeskyttelse: 'fortrolig',
      }),
      buildPerson({
        kjoenn: 'mann',
        foedselsdato: '1950-02-02',
        fornavn: 'GAMLE',
        etternavn: 'DØD',
        status: 'doed',
        doedsdato: '2020-10-10',
        bosted: storgata,
      }),
    ];
    await store.insertPersons(population.map(newPerson));

    assert.deepEqual(await store.populationAggregates('2025-01-01'), {
      persons: 8,
      statusCounts: { bosatt: 6, doed: 1, utflyttet: 1 },
      residentsByKommune: { '0301': 4, '4601': 2 },
      residentsByAgeSex: [
        { age: 0, kjoenn: 'kvinne', count: 1 },
        { age: 14, kjoenn: 'mann', count: 1 },
        { age: 24, kjoenn: 'kvinne', count: 1 },
        { age: 43, kjoenn: 'kvinne', count: 1 },
        { age: 44, kjoenn: 'mann', count: 1 },
        { age: 100, kjoenn: 'kvinne', count: 1 },
      ],
      residentsBySivilstand: [
        { age: 0, kjoenn: 'kvinne', sivilstand: 'ugift', count: 1 },
        { age: 14, kjoenn: 'mann', sivilstand: 'ugift', count: 1 },
        { age: 24, kjoenn: 'kvinne', sivilstand: 'ugift', count: 1 },
        { age: 43, kjoenn: 'kvinne', sivilstand: 'gift', count: 1 },
        { age: 44, kjoenn: 'mann', sivilstand: 'gift', count: 1 },
        { age: 100, kjoenn: 'kvinne', sivilstand: 'enkeEllerEnkemann', count: 1 },
      ],
      residentsByCitizenship: { NOR: 5, SWE: 1 }, // Sven is Norwegian and Swedish: SSB counts him as Norwegian only
      residentsBornAbroad: 1,
      residentsWithInnflytting: 1,
      protectedCounts: { fortrolig: 1, strengtFortrolig: 1, klientadresse: 1 },
      dwellings: [
        { adults: 0, children: 1, count: 1 },
        { adults: 1, children: 0, count: 1 },
        { adults: 2, children: 1, count: 1 },
      ],
    });

    // One day earlier, Kari is still 42.
    const before = await store.populationAggregates('2024-12-31');
    const kariBefore = before.residentsByAgeSex.find((row) => row.kjoenn === 'kvinne' && row.age >= 40);
    assert.deepEqual(kariBefore, { age: 42, kjoenn: 'kvinne', count: 1 });
    await assert.rejects(store.populationAggregates('2025-02-30'), /the reference date must be a real date written YYYY-MM-DD/);
  });
});
