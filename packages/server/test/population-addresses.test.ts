// Home, postboks and foreign addresses of the synthetic population.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Bostedsadresse, InternasjonalAdresse, Postboksadresse, validator } from '@folkeport/model';
import { createAddressBook, type HomeAddress } from '../src/population/addresses.js';
import { FOREIGN_COUNTRIES } from '../src/population/foreign-addresses.js';
import { Random } from '../src/population/random.js';
import { POSTNUMRE_BY_KOMMUNE, kommune } from '../src/population/reference.js';

/** A full FREG bostedsadresse element around a home, with metadata in the style of the real examples. */
function bostedsadresse(home: HomeAddress) {
  return {
    ajourholdstidspunkt: '2022-05-28T14:24:31.868271949+02:00',
    erGjeldende: true,
    kilde: 'Synutopia',
    aarsak: 'Flytting innenlands',
    gyldighetstidspunkt: '2022-05-28T00:00:00+02:00',
    ...home,
    adressegradering: 'ugradert',
    flyttedato: '2022-05-28',
  };
}

function homes(seed: number, kommunenummer: string, count: number, options?: { flat?: boolean; matrikkel?: boolean }) {
  const book = createAddressBook(seed);
  const random = new Random(seed + 1);
  return Array.from({ length: count }, () => book.home(random, kommunenummer, options));
}

/** The address without the dwelling: street (or farm) and number. */
function addressKey(home: HomeAddress): string {
  const veg = home.vegadresse;
  if (veg) return `${veg.adressenavn} ${veg.adressenummer?.husnummer}${veg.adressenummer?.husbokstav ?? ''}`;
  const { gaardsnummer, bruksnummer } = home.matrikkeladresse?.matrikkelnummer ?? {};
  return `${gaardsnummer}/${bruksnummer}`;
}

function dwellingKey(home: HomeAddress): string {
  return `${addressKey(home)} ${home.vegadresse?.bruksenhetsnummer ?? home.matrikkeladresse?.bruksenhetsnummer}`;
}

const SAMPLE_KOMMUNER = ['0301', '4601', '1151', '4617', '5610', '3438', '1508'];

describe('home addresses', () => {
  it('validate as FREG Bostedsadresse elements, vegadresse and matrikkeladresse alike', () => {
    const check = validator(Bostedsadresse);
    for (const kommunenummer of SAMPLE_KOMMUNER) {
      for (const home of [...homes(1, kommunenummer, 3000), ...homes(1, kommunenummer, 200, { matrikkel: true })]) {
        assert.deepEqual(check.problems(bostedsadresse(home)), [], JSON.stringify(home));
        assert.ok((home.vegadresse === undefined) !== (home.matrikkeladresse === undefined));
      }
    }
  });

  it('lie in the kommune asked for, in one of its G or B postnummer with Bring’s poststed', () => {
    for (const kommunenummer of SAMPLE_KOMMUNER) {
      const bolig = new Map(POSTNUMRE_BY_KOMMUNE.get(kommunenummer)?.bolig.map((p) => [p.postnummer, p]));
      for (const home of homes(2, kommunenummer, 2000)) {
        const address = home.vegadresse ?? home.matrikkeladresse;
        const own = home.vegadresse?.kommunenummer ?? home.matrikkeladresse?.matrikkelnummer.kommunenummer;
        assert.equal(own, kommunenummer);
        const postnummer = bolig.get(address?.poststed?.postnummer ?? '');
        assert.ok(postnummer, `${address?.poststed?.postnummer} is no G/B postnummer of ${kommunenummer}`);
        assert.equal(address?.poststed?.poststedsnavn, postnummer.poststed);
      }
    }
  });

  it('keep adressekode, postnummer and kretser per street, and the matrikkel id per address', () => {
    for (const kommunenummer of ['0301', '4617', '1151']) {
      const all = homes(3, kommunenummer, 20_000);
      const streets = new Map<string, string>();
      const codes = new Map<string, string>();
      const ids = new Map<string, string>();
      const addresses = new Map<string, string>();
      for (const home of all) {
        const { vegadresse: veg, matrikkeladresse: matrikkel, adresseIdentifikatorFraMatrikkelen: id } = home;
        const { grunnkrets, stemmekrets, skolekrets, kirkekrets } = home;
        const street = veg?.adressenavn ?? `gnr ${matrikkel?.matrikkelnummer.gaardsnummer}`;
        const code = veg?.adressekode ?? matrikkel?.matrikkelnummer.gaardsnummer;
        const poststed = (veg ?? matrikkel)?.poststed;
        const place = JSON.stringify([code, poststed, grunnkrets, stemmekrets, skolekrets, kirkekrets]);
        assert.equal(streets.get(street) ?? place, place, `${street} changed its kretser`);
        streets.set(street, place);
        if (veg) {
          const shared = `adressekode ${veg.adressekode} is shared`;
        assert.equal(codes.get(veg.adressekode as string) ?? street, street, shared);
          codes.set(veg.adressekode as string, street);
        }
        const key = addressKey(home);
        assert.equal(ids.get(key) ?? id, id, `${key} changed its matrikkel id`);
        ids.set(key, id);
        assert.equal(addresses.get(id) ?? key, key, `id ${id} is shared by two addresses`);
        addresses.set(id, key);
      }
      assert.ok(streets.size >= 10, `${kommunenummer}: only ${streets.size} streets`);
    }
  });

  it('number grunnkretser as FREG does (delområde × 100 + krets) and nest the other kretser in them', () => {
    const all = homes(4, '4601', 20_000);
    const byGrunnkrets = new Map<number, string>();
    for (const { grunnkrets, stemmekrets, skolekrets, kirkekrets } of all) {
      assert.ok(Number.isInteger(grunnkrets) && grunnkrets >= 101 && grunnkrets <= 9999 && grunnkrets % 100 >= 1);
      const parents = `${stemmekrets}/${skolekrets}/${kirkekrets}`;
      assert.equal(byGrunnkrets.get(grunnkrets) ?? parents, parents);
      byGrunnkrets.set(grunnkrets, parents);
    }
    const count = (pick: (home: HomeAddress) => number) => new Set(all.map(pick)).size;
    // Bergen: many grunnkretser, fewer stemmekretser, skolekretser and sokn.
    assert.ok(count((h) => h.grunnkrets) > 200);
    assert.ok(count((h) => h.stemmekrets) > 10 && count((h) => h.stemmekrets) < count((h) => h.grunnkrets));
    assert.ok(count((h) => h.kirkekrets) > 5 && count((h) => h.kirkekrets) < count((h) => h.skolekrets));
  });

  it('hand every household its own dwelling while the kommune has room', () => {
    for (const kommunenummer of ['0301', '1151', '5610']) {
      // Households for a third of the kommune's population, two residents each: well within its capacity.
      const count = Math.round(kommune(kommunenummer).folketall / 6);
      const all = homes(5, kommunenummer, count);
      assert.equal(new Set(all.map(dwellingKey)).size, all.length, kommunenummer);
    }
  });

  it('give flats a bruksenhetsnummer by floor and flat, and houses H0101 (or U0101 for a basement flat)', () => {
    const flats = homes(6, '0301', 5000, { flat: true });
    const floors = new Set<string>();
    for (const { vegadresse } of flats) {
      assert.match(vegadresse?.bruksenhetsnummer ?? '', /^H0[1-9]0[1-4]$/);
      assert.equal(vegadresse?.bruksenhetstype, 'bolig');
      floors.add(vegadresse?.bruksenhetsnummer?.slice(1, 3) ?? '');
    }
    assert.ok(floors.size >= 6, `floors ${[...floors]}`);
    const houses = homes(6, '0301', 5000, { flat: false });
    for (const { vegadresse } of houses) assert.match(vegadresse?.bruksenhetsnummer ?? '', /^[HU]0101$/);
    assert.ok(houses.some((h) => h.vegadresse?.bruksenhetsnummer === 'U0101'));
  });

  it('have more flats in cities and more matrikkel addresses in the countryside', () => {
    // A flat above the first unit of its block; the first flat of a block is H0101, as a house is.
    const upstairs = (h: HomeAddress) => !/^[HU]0101$/.test(h.vegadresse?.bruksenhetsnummer ?? '');
    const flatShare = (kommunenummer: string) =>
      homes(7, kommunenummer, 4000, { matrikkel: false }).filter(upstairs).length / 4000;
    const matrikkelShare = (kommunenummer: string) =>
      homes(7, kommunenummer, 4000).filter((h) => h.matrikkeladresse).length / 4000;
    assert.ok(flatShare('0301') > 0.4, `Oslo ${flatShare('0301')}`);
    assert.ok(flatShare('1151') < 0.05, `Utsira ${flatShare('1151')}`);
    assert.equal(matrikkelShare('0301'), 0);
    assert.ok(matrikkelShare('1151') > 0.04, `Utsira ${matrikkelShare('1151')}`);
  });

  it('have house numbers from 1, mostly low, with occasional letters', () => {
    const numbers = homes(8, '4601', 20_000, { flat: false, matrikkel: false }).map((h) => h.vegadresse?.adressenummer);
    const values = numbers.map((n) => Number(n?.husnummer)).sort((a, b) => a - b);
    assert.equal(values[0], 1);
    assert.ok((values[values.length >> 1] as number) < 25, `median ${values[values.length >> 1]}`);
    const lettered = numbers.filter((n) => n?.husbokstav).length / numbers.length;
    assert.ok(lettered > 0.02 && lettered < 0.08, `letters ${lettered}`);
  });

  it('spell roads «-vegen» in nynorsk kommuner and «-veien» in bokmål ones', () => {
    const roads = (kommunenummer: string) => {
      const names = homes(9, kommunenummer, 3000).map((h) => h.vegadresse?.adressenavn ?? '');
      const ending = (end: string) => names.filter((n) => n.endsWith(end)).length;
      return { vegen: ending('vegen'), veien: ending('veien') };
    };
    const volda = roads('1577'); // nynorsk
    const baerum = roads('3201'); // bokmål
    assert.ok(volda.vegen > 5 * volda.veien, JSON.stringify(volda));
    assert.ok(baerum.veien > 5 * baerum.vegen, JSON.stringify(baerum));
  });

  it('are deterministic: same seed and calls, same addresses, whichever kommune was used first', () => {
    assert.deepEqual(homes(10, '4601', 1000), homes(10, '4601', 1000));
    assert.notDeepEqual(homes(10, '4601', 1000), homes(11, '4601', 1000));
    const first = createAddressBook(12);
    first.home(new Random(0), '0301');
    const second = createAddressBook(12);
    assert.deepEqual(first.home(new Random(1), '1151'), second.home(new Random(1), '1151'));
  });

  it('reject an unknown kommunenummer with a clear error', () => {
    assert.throws(() => createAddressBook(1).home(new Random(1), '9999'), {
      name: 'RangeError',
      message: /unknown kommunenummer "9999"/,
    });
  });
});

describe('postboks addresses', () => {
  it('validate as Postboksadresse, in a P or B postnummer of the kommune', () => {
    const check = validator(Postboksadresse);
    const book = createAddressBook(1);
    const random = new Random(2);
    for (const kommunenummer of SAMPLE_KOMMUNER.filter((k) => k !== '3438')) {
      const postboks = new Set(POSTNUMRE_BY_KOMMUNE.get(kommunenummer)?.postboks.map((p) => p.postnummer));
      for (let i = 0; i < 200; i++) {
        const address = book.postboks(random, kommunenummer);
        assert.deepEqual(check.problems(address), []);
        assert.match(address.postboks, /^[1-9][0-9]{0,3}$/);
        assert.ok(postboks.has(address.poststed?.postnummer ?? ''), JSON.stringify(address));
      }
    }
  });

  it('use the street postnummer of Sør-Fron, which has no postboks codes', () => {
    const bolig = new Set(POSTNUMRE_BY_KOMMUNE.get('3438')?.bolig.map((p) => p.postnummer));
    const address = createAddressBook(1).postboks(new Random(3), '3438');
    assert.ok(bolig.has(address.poststed?.postnummer ?? ''), JSON.stringify(address));
  });
});

describe('foreign addresses', () => {
  it('validate as InternasjonalAdresse with an alpha-2 landkode, drawn across the listed countries', () => {
    const check = validator(InternasjonalAdresse);
    const book = createAddressBook(1);
    const random = new Random(4);
    const countries = new Set<string>();
    for (let i = 0; i < 5000; i++) {
      const address = book.foreign(random);
      assert.deepEqual(check.problems(address), []);
      assert.ok(address.adressenavn && address.byEllerStedsnavn, JSON.stringify(address));
      countries.add(address.landkode);
    }
    assert.equal(countries.size, FOREIGN_COUNTRIES.length);
  });

  it('use the country asked for, with one of its cities and its postcode shape', () => {
    const book = createAddressBook(1);
    const random = new Random(5);
    const se = book.foreign(random, 'SE');
    assert.equal(se.landkode, 'SE');
    assert.match(se.postkode ?? '', /^[0-9]{3} [0-9]{2}$/);
    const pl = book.foreign(random, 'PL');
    assert.match(pl.postkode ?? '', /^[0-9]{2}-[0-9]{3}$/);
    assert.match(book.foreign(random, 'GB').postkode ?? '', /^[A-Z]{1,2}[0-9]{2} [0-9][A-Z]{2}$/);
    assert.equal(book.foreign(random, 'SO').postkode, undefined);
  });

  it('fill only landkode for a country without a city list, and reject a malformed code', () => {
    const book = createAddressBook(1);
    assert.deepEqual(book.foreign(new Random(6), 'MX'), { landkode: 'MX' });
    assert.throws(() => book.foreign(new Random(6), 'SWE'), {
      name: 'RangeError',
      message: /not an ISO 3166-1 alpha-2 code/,
    });
  });

  it('list each country once with matching alpha-2 and alpha-3 codes', () => {
    assert.equal(new Set(FOREIGN_COUNTRIES.map((c) => c.landkode)).size, FOREIGN_COUNTRIES.length);
    for (const country of FOREIGN_COUNTRIES) {
      assert.match(country.landkode, /^[A-Z]{2}$/);
      assert.match(country.alpha3, /^[A-Z]{3}$/);
      assert.ok(country.cities.length >= 4 && country.streets.length >= 3, country.landkode);
    }
  });
});
