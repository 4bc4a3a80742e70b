// The derived reference tables: true to the shared sources, and with the properties the generator relies on.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { Random } from '../src/population/random.js';
import {
  ETTERNAVN_A_F,
  FORNAVN,
  FYLKER,
  KOMMUNER,
  POSTNUMRE,
  POSTNUMRE_BY_KOMMUNE,
  kommune,
  randomKommune,
} from '../src/population/reference.js';
import { derivedDataDir, deriveReferenceData } from '../scripts/derive-reference-data.js';

describe('derived reference data', () => {
  it('re-running the derivation over the shared sources reproduces every committed table byte for byte', () => {
    const derived = deriveReferenceData();
    assert.deepEqual(
      readdirSync(derivedDataDir).filter((file) => file.endsWith('.json')).sort(),
      [...derived.keys()].sort(),
    );
    for (const [file, content] of derived) {
      assert.equal(readFileSync(resolve(derivedDataDir, file), 'utf8'), content, `${file} differs from its sources`);
    }
  });

  it('has the 357 kommuner of 2024 with SSB populations summing to 5 550 203', () => {
    assert.equal(KOMMUNER.length, 357);
    assert.equal(new Set(KOMMUNER.map((k) => k.kommunenummer)).size, 357);
    assert.equal(
      KOMMUNER.reduce((sum, k) => sum + k.folketall, 0),
      5_550_203,
    );
    assert.deepEqual(kommune('0301'), {
      kommunenummer: '0301',
      navn: 'Oslo',
      fylkesnummer: '03',
      folketall: 717_710,
      maalform: 'noeytral',
    });
    // The Norwegian name, not the Sami one («Guovdageaidnu»).
    assert.equal(kommune('5612').navn, 'Kautokeino');
  });

  it('has 15 fylker, and every kommune lies in one of them', () => {
    assert.equal(FYLKER.length, 15);
    const fylker = new Set(FYLKER.map((f) => f.fylkesnummer));
    for (const k of KOMMUNER) {
      assert.ok(fylker.has(k.fylkesnummer), k.kommunenummer);
      assert.equal(k.kommunenummer.slice(0, 2), k.fylkesnummer);
    }
    assert.deepEqual(
      KOMMUNER.filter((k) => k.fylkesnummer === '39').map((k) => k.navn),
      ['Horten', 'Holmestrand', 'Tønsberg', 'Sandefjord', 'Larvik', 'Færder'],
    );
  });

  it('gives every kommune at least one G or B postnummer for home addresses', () => {
    for (const k of KOMMUNER) {
      const { bolig } = POSTNUMRE_BY_KOMMUNE.get(k.kommunenummer) ?? { bolig: [] };
      assert.ok(bolig.length > 0, `${k.kommunenummer} ${k.navn} has no G/B postnummer`);
      for (const p of bolig) assert.ok(p.kategori === 'G' || p.kategori === 'B', p.postnummer);
    }
  });

  it('has postboks codes (P or B) in every kommune but Sør-Fron, whose box addresses fall back to its G codes', () => {
    const without = KOMMUNER.filter((k) => POSTNUMRE_BY_KOMMUNE.get(k.kommunenummer)?.postboks.length === 0);
    assert.deepEqual(
      without.map((k) => k.navn),
      ['Sør-Fron'],
    );
  });

  it('keeps postnummer as Bring publishes them: 4 digits, upper-case poststed, categories G, B and P only', () => {
    const kommunenumre = new Set(KOMMUNER.map((k) => k.kommunenummer));
    assert.ok(POSTNUMRE.length > 5000);
    assert.equal(new Set(POSTNUMRE.map((p) => p.postnummer)).size, POSTNUMRE.length);
    for (const p of POSTNUMRE) {
      assert.match(p.postnummer, /^[0-9]{4}$/);
      assert.equal(p.poststed, p.poststed.toUpperCase());
      assert.ok(['G', 'B', 'P'].includes(p.kategori), p.postnummer);
      assert.ok(kommunenumre.has(p.kommunenummer), `${p.postnummer} lies outside the 357 kommuner`);
    }
    assert.deepEqual(
      POSTNUMRE.find((p) => p.postnummer === '5473'),
      { postnummer: '5473', poststed: 'SNILSTVEITØY', kommunenummer: '4617', kategori: 'G' },
    );
    // Svalbard (9170 LONGYEARBYEN) is no kommune of the 357.
    assert.equal(
      POSTNUMRE.find((p) => p.postnummer === '9170'),
      undefined,
    );
  });

  it('has SSB first-name counts, most common first, without suppressed values', () => {
    assert.deepEqual(FORNAVN.kvinne[0], ['Anne', 58_852]);
    assert.deepEqual(FORNAVN.mann[0], ['Jan', 46_548]);
    for (const list of [FORNAVN.kvinne, FORNAVN.mann, ETTERNAVN_A_F]) {
      const counts = list.map(([, count]) => count);
      for (let i = 1; i < counts.length; i++) assert.ok((counts[i - 1] as number) >= (counts[i] as number));
      for (const [name, count] of list) assert.ok(name.length > 0 && Number.isInteger(count) && count > 0);
    }
    assert.ok(FORNAVN.kvinne.length > 990 && FORNAVN.mann.length > 880);
  });

  it('has the SSB surname counts for A–F only', () => {
    assert.deepEqual(ETTERNAVN_A_F[0], ['Andersen', 35_825]);
    for (const [name] of ETTERNAVN_A_F) assert.match(name, /^[A-F]/);
  });

  it('rejects an unknown kommunenummer with a clear error', () => {
    assert.throws(() => kommune('0999'), { name: 'RangeError', message: /unknown kommunenummer "0999"/ });
  });

  it('draws kommuner in proportion to their population', () => {
    const random = new Random(11);
    let oslo = 0;
    const draws = 100_000;
    for (let i = 0; i < draws; i++) if (randomKommune(random).kommunenummer === '0301') oslo++;
    assert.ok(Math.abs(oslo / draws - 717_710 / 5_550_203) < 0.005, `Oslo share ${oslo / draws}`);
  });
});
