import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KOMMUNER } from '../src/population/reference.js';
import {
  AGE_PYRAMID_2024,
  COHABITING_SHARE_OF_COUPLES,
  FOREIGN_CITIZEN_SHARE_2024,
  FOREIGN_CITIZENSHIPS_2024,
  HOUSEHOLD_TYPES_2024,
  IMMIGRANT_SHARE_2024,
  MARITAL_STATUS_2024,
  PERSONS_PER_HOUSEHOLD_2024,
  PROTECTED_RATES,
  SSB_AGE_GROUPS_2024,
  SSB_FLOWS_2023,
  SSB_RESIDENTS_2024,
  TOLERANCES,
} from '../src/population/targets.js';

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const both = (from: number, to: number) =>
  sum(AGE_PYRAMID_2024.mann.slice(from, to + 1)) + sum(AGE_PYRAMID_2024.kvinne.slice(from, to + 1));

test('the age pyramid has ages 0 to 100+ for each sex, in whole non-negative numbers', () => {
  for (const sex of ['mann', 'kvinne'] as const) {
    assert.equal(AGE_PYRAMID_2024[sex].length, 101);
    for (const count of AGE_PYRAMID_2024[sex]) assert.ok(Number.isInteger(count) && count >= 0);
  }
});

test('the age pyramid sums exactly to the 5 550 203 residents of 1 January 2024', () => {
  assert.equal(SSB_RESIDENTS_2024, 5_550_203);
  assert.equal(both(0, 100), 5_550_203);
});

test("the age pyramid reproduces SSB's exact counts of children", () => {
  assert.deepEqual(
    SSB_AGE_GROUPS_2024.map((g) => both(g.from, g.to)),
    [52_408, 281_462, 440_838, 204_573],
  );
});

test('the age pyramid matches the documented totals for sex and the oldest', () => {
  assert.equal(sum(AGE_PYRAMID_2024.mann), 2_790_835);
  assert.equal(sum(AGE_PYRAMID_2024.kvinne), 2_759_368);
  assert.equal(both(67, 100), 933_000);
  assert.equal(both(80, 100), 261_500);
  assert.equal(AGE_PYRAMID_2024.mann[100]! + AGE_PYRAMID_2024.kvinne[100]!, 1_100);
  // Women outnumber men among the very old.
  assert.ok(sum(AGE_PYRAMID_2024.kvinne.slice(90)) > 2 * sum(AGE_PYRAMID_2024.mann.slice(90)));
});

test("the 2023 population changes lead from 1 January 2023's 5 488 984 to 1 January 2024's count", () => {
  const { births, deaths, immigrations, emigrations } = SSB_FLOWS_2023;
  const statisticalAdjustment = 464; // SSB's «korreksjonspost» for 2023
  assert.equal(5_488_984 + births - deaths + immigrations - emigrations + statisticalAdjustment, SSB_RESIDENTS_2024);
});

test('the kommune table sums to the same resident count', () => {
  assert.equal(sum(KOMMUNER.map((k) => k.folketall)), SSB_RESIDENTS_2024);
});

test('the marital-status bands cover ages 0 to 100+ without gaps or overlaps', () => {
  let next = 0;
  for (const band of MARITAL_STATUS_2024) {
    assert.equal(band.from, next, `band starting at ${band.from}`);
    assert.ok(band.to >= band.from);
    next = band.to + 1;
  }
  assert.equal(next, 101);
});

test('every marital-status row is a distribution: shares in [0, 1] summing to 1', () => {
  for (const band of MARITAL_STATUS_2024) {
    for (const sex of ['mann', 'kvinne'] as const) {
      const shares = Object.values(band[sex]);
      assert.equal(shares.length, 6);
      for (const share of shares) assert.ok(share >= 0 && share <= 1, `${band.from}-${band.to} ${sex}`);
      assert.ok(Math.abs(sum(shares) - 1) < 1e-9, `${band.from}-${band.to} ${sex} sums to ${sum(shares)}`);
    }
  }
  const children = MARITAL_STATUS_2024[0]!;
  assert.equal(children.to, 17);
  assert.equal(children.mann.ugift, 1);
  assert.equal(children.kvinne.ugift, 1);
});

test('widowhood rises with age and is higher for women', () => {
  const old = MARITAL_STATUS_2024.at(-1)!;
  const middle = MARITAL_STATUS_2024.find((b) => b.from <= 50 && b.to >= 50)!;
  assert.ok(old.kvinne.enkeEllerEnkemann > middle.kvinne.enkeEllerEnkemann);
  assert.ok(old.kvinne.enkeEllerEnkemann > old.mann.enkeEllerEnkemann);
});

test('immigrants are 16.8 % of residents (931 000 of 5 550 203)', () => {
  assert.equal(IMMIGRANT_SHARE_2024, 931_000 / 5_550_203);
  assert.equal(IMMIGRANT_SHARE_2024.toFixed(3), '0.168');
});

test('the foreign citizenships add up to the foreign-citizen share, with Poland first', () => {
  assert.ok(Math.abs(sum(FOREIGN_CITIZENSHIPS_2024.map((c) => c.share)) - FOREIGN_CITIZEN_SHARE_2024) < 1e-12);
  assert.equal(FOREIGN_CITIZENSHIPS_2024[0]!.landkode, 'POL');
  const codes = FOREIGN_CITIZENSHIPS_2024.map((c) => c.landkode);
  assert.equal(new Set(codes).size, codes.length);
  for (const { landkode, share } of FOREIGN_CITIZENSHIPS_2024) {
    assert.ok(landkode === 'other' || /^[A-Z]{3}$/.test(landkode), landkode);
    assert.ok(landkode !== 'NOR');
    assert.ok(share > 0);
  }
  assert.ok(FOREIGN_CITIZEN_SHARE_2024 > 0.1 && FOREIGN_CITIZEN_SHARE_2024 < IMMIGRANT_SHARE_2024);
});

test('household types are a distribution with 40.8 % living alone', () => {
  assert.deepEqual(
    HOUSEHOLD_TYPES_2024.map((h) => h.type),
    ['aleneboende', 'parUtenBarn', 'parMedBarn', 'enForelder', 'andre'],
  );
  assert.ok(Math.abs(sum(HOUSEHOLD_TYPES_2024.map((h) => h.share)) - 1) < 1e-12);
  assert.equal(HOUSEHOLD_TYPES_2024[0]!.share, 0.408);
  assert.equal(PERSONS_PER_HOUSEHOLD_2024, 2.11);
});

test('cohabiting couples are 423 301 of 1 295 201 couples', () => {
  assert.equal(COHABITING_SHARE_OF_COUPLES, 423_301 / 1_295_201);
  assert.equal(COHABITING_SHARE_OF_COUPLES.toFixed(3), '0.327');
});

test('protected persons are rare, strengt fortrolig the rarest', () => {
  assert.ok(PROTECTED_RATES.strengtFortrolig > 0);
  assert.ok(PROTECTED_RATES.strengtFortrolig < PROTECTED_RATES.klientadresse);
  assert.ok(PROTECTED_RATES.klientadresse < PROTECTED_RATES.fortrolig);
  assert.ok(PROTECTED_RATES.fortrolig < 0.01);
});

test('every tolerance is a positive number of points or a positive relative amount', () => {
  for (const [name, tolerance] of Object.entries(TOLERANCES)) {
    const amount = 'points' in tolerance ? tolerance.points : tolerance.relative;
    assert.ok(amount > 0 && amount < 1, name);
  }
});
