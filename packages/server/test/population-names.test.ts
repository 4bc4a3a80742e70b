// Person names: SSB-weighted realistic names and Tenor-style adjective + noun names.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Personnavn, validator } from '@folkeport/model';
import { createNameSource, surnameWeights, type NameSource, type NameStyle } from '../src/population/names.js';
import { Random } from '../src/population/random.js';
import { ETTERNAVN_A_F, FORNAVN } from '../src/population/reference.js';
import { SURNAMES_G_AA } from '../src/population/surnames-g-aa.js';
import { TENOR_ADJECTIVES, TENOR_NOUNS } from '../src/population/tenor-words.js';

function person(source: NameSource, random: Random) {
  const kjoenn = random.chance(0.5) ? 'kvinne' : 'mann';
  const fornavn = source.firstName(random, kjoenn, 1950 + random.int(75));
  const mellomnavn = source.middleName(random);
  const etternavn = source.surname(random);
  return mellomnavn === undefined ? { fornavn, etternavn } : { fornavn, mellomnavn, etternavn };
}

function sample(style: NameStyle, seed: number, count: number) {
  const source = createNameSource(style);
  const random = new Random(seed);
  return Array.from({ length: count }, () => person(source, random));
}

/** Share of values for which `test` holds. */
function share<T>(values: readonly T[], test: (value: T) => boolean): number {
  return values.filter(test).length / values.length;
}

describe('names', () => {
  for (const style of ['realistic', 'tenor'] as const) {
    it(`${style}: valid FREG Personnavn (1–200 characters per part), in upper case as FREG stores names`, () => {
      const check = validator(Personnavn);
      for (const navn of sample(style, 1, 20_000)) {
        assert.deepEqual(check.problems(navn), [], JSON.stringify(navn));
        for (const part of Object.values(navn)) assert.equal(part, part.toUpperCase());
      }
    });

    it(`${style}: the same seed gives the same names, another seed other names`, () => {
      assert.deepEqual(sample(style, 7, 500), sample(style, 7, 500));
      assert.notDeepEqual(sample(style, 7, 500), sample(style, 8, 500));
    });
  }

  it('realistic: first names follow the SSB 2020 counts of their gender', () => {
    const source = createNameSource('realistic');
    const random = new Random(3);
    const draws = 200_000;
    const total = (gender: 'kvinne' | 'mann') => FORNAVN[gender].reduce((sum, [, count]) => sum + count, 0);
    const women = Array.from({ length: draws }, () => source.firstName(random, 'kvinne', 1980).split(' ')[0]);
    const men = Array.from({ length: draws }, () => source.firstName(random, 'mann', 1980).split(' ')[0]);
    const expectedAnne = 58_852 / total('kvinne');
    const expectedJan = 46_548 / total('mann');
    assert.ok(Math.abs(share(women, (n) => n === 'ANNE') - expectedAnne) < 0.1 * expectedAnne);
    assert.ok(Math.abs(share(men, (n) => n === 'JAN') - expectedJan) < 0.1 * expectedJan);
    assert.equal(share(women, (n) => n === 'JAN'), 0);
    // About 15 % get a second given name («OLE MARTIN»).
    const doubles = share(
      Array.from({ length: 20_000 }, () => source.firstName(random, 'mann', 1980)),
      (n) => n.includes(' '),
    );
    assert.ok(doubles > 0.1 && doubles < 0.16, `double first names ${doubles}`);
  });

  it('realistic: surnames follow SSB counts for A–F and rank-based weights for the project list G–Å', () => {
    const source = createNameSource('realistic');
    const random = new Random(4);
    const draws = 300_000;
    const surnames = Array.from({ length: draws }, () => source.surname(random));
    const weights = surnameWeights();
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    for (const name of ['Andersen', 'Hansen', 'Berg', 'Olsen']) {
      const expected = (weights.find(([n]) => n === name) as [string, number])[1] / total;
      const actual = share(surnames, (n) => n === name.toUpperCase());
      assert.ok(Math.abs(actual - expected) < 0.1 * expected, `${name}: ${actual} vs ${expected}`);
    }
    // The most common surnames of the register lead.
    const counts = new Map<string, number>();
    for (const name of surnames) counts.set(name, (counts.get(name) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 3);
    assert.deepEqual(top.map(([name]) => name).sort(), ['ANDERSEN', 'HANSEN', 'JOHANSEN']);
  });

  it('realistic: about one in five has a surname-like middle name', () => {
    const people = sample('realistic', 5, 20_000);
    const withMiddle = share(people, (p) => 'mellomnavn' in p);
    assert.ok(withMiddle > 0.18 && withMiddle < 0.22, `middle names ${withMiddle}`);
    const surnames = new Set(surnameWeights().map(([name]) => name.toUpperCase()));
    for (const p of people) if ('mellomnavn' in p) assert.ok(surnames.has(p.mellomnavn as string));
  });

  it('tenor: adjective first and middle names, noun surnames («VAKKER BLOMST» style)', () => {
    const adjectives = new Set(TENOR_ADJECTIVES.map((word) => word.toUpperCase()));
    const nouns = new Set(TENOR_NOUNS.map((word) => word.toUpperCase()));
    const people = sample('tenor', 6, 20_000);
    for (const p of people) {
      for (const part of p.fornavn.split('-')) assert.ok(adjectives.has(part), p.fornavn);
      if ('mellomnavn' in p) for (const part of (p.mellomnavn as string).split('-')) assert.ok(adjectives.has(part));
      assert.ok(nouns.has(p.etternavn), p.etternavn);
    }
    const hyphenated = share(people, (p) => p.fornavn.includes('-'));
    assert.ok(hyphenated > 0.04 && hyphenated < 0.08, `hyphenated first names ${hyphenated}`);
    const withMiddle = share(people, (p) => 'mellomnavn' in p);
    assert.ok(withMiddle > 0.23 && withMiddle < 0.27, `middle names ${withMiddle}`);
  });

  it('has word lists of about 150 distinct words each, and a G–Å surname list that does not overlap SSB’s A–F', () => {
    for (const list of [TENOR_ADJECTIVES, TENOR_NOUNS]) {
      assert.ok(list.length >= 150, `${list.length} words`);
      assert.equal(new Set(list).size, list.length);
    }
    assert.equal(new Set(SURNAMES_G_AA).size, SURNAMES_G_AA.length);
    const ssb = new Set(ETTERNAVN_A_F.map(([name]) => name));
    for (const name of SURNAMES_G_AA) {
      assert.match(name, /^[G-ZÆØÅ]/);
      assert.ok(!ssb.has(name), name);
    }
  });

  it('rejects an unknown style with a clear error', () => {
    assert.throws(() => createNameSource('fancy' as NameStyle), {
      name: 'RangeError',
      message: 'unknown name style "fancy" (expected realistic or tenor)',
    });
  });
});
