/**
 * The same seed and options give the same population byte for byte, whichever order (or thread)
 * renders the chunks; the totals announced for progress bars are the totals produced; bad options
 * get clear errors.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { countPlanned, planPopulation, PopulationOptionsError, type PopulationOptions } from '../src/population/plan.js';
import { renderChunk } from '../src/population/render.js';
import { current, generate, idOf, instant, statusOf } from './generator-fixture.js';

const SMALL: PopulationOptions = { persons: 1500, seed: 7, chunkSize: 400, rates: { vergemaal: 0.05, fortrolig: 0.02 } };

test('the same seed and options give byte-identical documents', () => {
  assert.equal(JSON.stringify(generate(SMALL)), JSON.stringify(generate(SMALL)));
});

test('another seed gives another population', () => {
  const first = generate(SMALL).map(({ document }) => idOf(document));
  const second = generate({ ...SMALL, seed: 8 }).map(({ document }) => idOf(document));
  assert.notDeepEqual(first, second);
});

test('chunks render the same in any order, after being copied to another thread', () => {
  const plans = [...planPopulation(SMALL)];
  assert.ok(plans.length >= 3);
  const inOrder = plans.map((plan) => JSON.stringify(renderChunk(plan, SMALL.seed)));
  const reversed = [...plans].reverse().map((plan) => JSON.stringify(renderChunk(structuredClone(plan), SMALL.seed))).reverse();
  assert.deepEqual(reversed, inOrder);
});

test('document and event ids are 32 hex, unique, and increase in load order (appends to the unique indexes)', () => {
  const plans = [...planPopulation(SMALL)];
  const persons = plans.flatMap((plan) => renderChunk(plan, SMALL.seed));
  for (const key of ['dokumentidentifikator', 'hendelsesidentifikator'] as const) {
    const ids = persons.map((person) => person[key]);
    for (const id of ids) assert.match(id, /^[0-9a-f]{32}$/);
    assert.equal(new Set(ids).size, ids.length);
    assert.deepEqual([...ids].sort(), ids);
  }
  const otherSeed = renderChunk([...planPopulation({ ...SMALL, seed: 8 })][0]!, 8);
  assert.notEqual(otherSeed[0]!.dokumentidentifikator.slice(0, 12), persons[0]!.dokumentidentifikator.slice(0, 12));
});

test('countPlanned announces exactly the persons the plans contain', () => {
  const counts = countPlanned(SMALL);
  const plans = [...planPopulation(SMALL)];
  const persons = plans.flatMap((plan) => plan.persons);
  assert.equal(persons.length, counts.total);
  const byCategory: Record<string, number> = {};
  for (const person of persons) byCategory[person.category] = (byCategory[person.category] ?? 0) + 1;
  assert.equal(byCategory.bosatt, SMALL.persons);
  for (const category of ['doed', 'utflyttet', 'dNummer', 'forsvunnet', 'foedselsregistrert', 'ikkeBosatt', 'opphoert'] as const) {
    assert.equal(byCategory[category] ?? 0, counts[category], category);
  }
  plans.slice(0, -1).forEach((plan) => assert.ok(plan.persons.length >= SMALL.chunkSize!));
  plans.forEach((plan, index) => assert.equal(plan.index, index));
});

test('with kommuner given, every resident lives in one of them', () => {
  const kommuner = ['0301', '5001', '1804'];
  const persons = generate({ persons: 800, seed: 3, kommuner });
  const residents = persons.filter(({ document }) => statusOf(document) === 'bosatt');
  assert.equal(residents.length, 800);
  const used = new Set(residents.map(({ document }) => {
    const address = current(document.bostedsadresse)!;
    return address.vegadresse?.kommunenummer ?? address.matrikkeladresse?.matrikkelnummer.kommunenummer ?? address.ukjentBosted?.bostedskommune;
  }));
  assert.deepEqual([...used].sort(), kommuner.sort());
});

test('another reference date moves everything: nothing after it, and older-format guardianship', () => {
  const asOf = '2020-06-30';
  const limit = instant('2020-06-30T00:00:00+02:00');
  const persons = generate({ persons: 600, seed: 5, asOf, rates: { vergemaal: 0.1 } });
  for (const { document } of persons) {
    const text = JSON.stringify(document, (key, value) => (['gyldigTil', 'oppholdTil'].includes(key) ? undefined : value));
    for (const match of text.matchAll(/"(\d{4}-\d{2}-\d{2}(T[^"]*)?)"/g)) {
      assert.ok(instant(match[1]!) < limit, `${idOf(document)}: ${match[1]} is not before ${asOf}`);
    }
  }
  const guardianship = persons.flatMap(({ document }) => document.vergemaalEllerFremtidsfullmakt ?? []);
  assert.ok(guardianship.length > 0);
  assert.ok(guardianship.every((v) => v.verge.omfang !== undefined && v.verge.tjenesteomraade === undefined));
  assert.ok(persons.every(({ document }) => document.rettsligHandleevne === undefined));
});

test('bad options are refused with a clear message', () => {
  const refuse = (options: Partial<PopulationOptions>, message: RegExp) =>
    assert.throws(() => planPopulation({ persons: 10, seed: 1, ...options } as PopulationOptions), (error: unknown) => {
      assert.ok(error instanceof PopulationOptionsError);
      assert.match(error.message, message);
      return true;
    });
  refuse({ persons: 0 }, /persons must be a whole number from 1/);
  refuse({ persons: 2.5 }, /persons must be a whole number/);
  refuse({ seed: -1 }, /seed must be a whole number from 0 to 4294967295/);
  refuse({ asOf: '2024-02-30' }, /asOf must be a date YYYY-MM-DD/);
  refuse({ asOf: '1999-12-31' }, /from 2000-01-01 to 2039-12-31/);
  refuse({ kommuner: ['9999', '0301'] }, /unknown kommunenummer "9999"/);
  refuse({ kommuner: [] }, /at least one kommune/);
  refuse({ rates: { vergemaal: 2 } }, /rate vergemaal must be a number from 0 to 1/);
  refuse({ rates: { nonsense: 1 } as never }, /unknown rate "nonsense"/);
  refuse({ names: 'fancy' as never }, /names must be "realistic" or "tenor"/);
  assert.throws(() => countPlanned({ persons: -5, seed: 1 }), PopulationOptionsError);
});

test('tenor names are adjective and noun, in upper case', () => {
  const persons = generate({ persons: 200, seed: 11, names: 'tenor' });
  const names = persons.map(({ document }) => current(document.navn)).filter((n) => n !== undefined);
  assert.ok(names.length > 200);
  for (const name of names) assert.equal(name.fornavn, name.fornavn.toUpperCase());
});
