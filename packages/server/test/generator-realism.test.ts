/**
 * A generated population looks like Norway on 1 January 2024: residents spread over the kommuner
 * by population, SSB's age pyramid, marital status, household types, immigrants and foreign
 * citizens, and the 2023 flows, within the tolerances `folkeport stats` uses. Also reports the
 * planning and rendering throughput of one core.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ageAt, parseDay } from '../src/population/calendar.js';
import type { ChunkPlan } from '../src/population/chunk-plan.js';
import { planPopulation, type PopulationOptions } from '../src/population/plan.js';
import { KOMMUNER } from '../src/population/reference.js';
import { renderChunk } from '../src/population/render.js';
import {
  AGE_PYRAMID_2024,
  FOREIGN_CITIZEN_SHARE_2024,
  HOUSEHOLD_TYPES_2024,
  IMMIGRANT_SHARE_2024,
  MARITAL_STATUS_2024,
  PERSONS_PER_HOUSEHOLD_2024,
  SSB_FLOWS_2023,
  SSB_RESIDENTS_2024,
  TOLERANCES,
} from '../src/population/targets.js';
import type { NewPerson } from '../src/register/person-record.js';
import { current, statusOf } from './generator-fixture.js';

const OPTIONS: PopulationOptions = { persons: 30_000, seed: 2024 };
const SCALE = OPTIONS.persons / SSB_RESIDENTS_2024;
const AS_OF = parseDay('2024-01-01')!;

let plans: ChunkPlan[] = [];
let persons: NewPerson[] = [];

test('plan and render a population of 30 000 residents (throughput on one core)', (t) => {
  let started = performance.now();
  plans = [...planPopulation(OPTIONS)];
  const planned = plans.reduce((sum, plan) => sum + plan.persons.length, 0);
  const planSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  persons = plans.flatMap((plan) => renderChunk(plan, OPTIONS.seed));
  const renderSeconds = (performance.now() - started) / 1000;
  const chunkBytes = JSON.stringify(plans[0]).length;
  t.diagnostic(`planning: ${planned} persons in ${planSeconds.toFixed(2)} s = ${Math.round(planned / planSeconds)} persons/s (includes laying out every kommune's addresses once)`);
  t.diagnostic(`rendering: ${Math.round(persons.length / renderSeconds)} persons/s; a plan of ${plans[0]!.persons.length} persons is ${Math.round(chunkBytes / 1024)} KB as JSON`);
  assert.equal(persons.length, planned);
});

const residents = () => persons.filter(({ document }) => statusOf(document) === 'bosatt').map(({ document }) => document);

test('residents are spread over the kommuner in proportion to their populations', () => {
  const byKommune = new Map<string, number>();
  for (const document of residents()) {
    const address = current(document.bostedsadresse)!;
    const kommune = address.vegadresse?.kommunenummer ?? address.matrikkeladresse?.matrikkelnummer.kommunenummer ?? address.ukjentBosted?.bostedskommune ?? '';
    byKommune.set(kommune, (byKommune.get(kommune) ?? 0) + 1);
  }
  const total = KOMMUNER.reduce((sum, k) => sum + k.folketall, 0);
  for (const kommune of [...KOMMUNER].sort((a, b) => b.folketall - a.folketall).slice(0, 15)) {
    const wanted = kommune.folketall / total;
    const got = (byKommune.get(kommune.kommunenummer) ?? 0) / OPTIONS.persons;
    assert.ok(Math.abs(got - wanted) < TOLERANCES.kommuneShare.points, `${kommune.navn}: ${(got * 100).toFixed(2)} % of residents, SSB ${(wanted * 100).toFixed(2)} %`);
  }
  assert.equal(residents().length, OPTIONS.persons);
});

test('the age pyramid matches SSB by ten-year band and sex', () => {
  const total = [...AGE_PYRAMID_2024.mann, ...AGE_PYRAMID_2024.kvinne].reduce((a, b) => a + b, 0);
  const counts = { mann: new Array<number>(101).fill(0), kvinne: new Array<number>(101).fill(0) };
  for (const document of residents()) {
    const age = Math.min(100, ageAt(parseDay(current(document.foedsel)!.foedselsdato!)!, AS_OF));
    counts[current(document.kjoenn)!.kjoenn][age]! += 1;
  }
  for (const sex of ['mann', 'kvinne'] as const) {
    for (let from = 0; from <= 90; from += 10) {
      const sum = (list: readonly number[]) => list.slice(from, from === 90 ? 101 : from + 10).reduce((a, b) => a + b, 0);
      const wanted = sum(AGE_PYRAMID_2024[sex]) / total;
      const got = sum(counts[sex]) / OPTIONS.persons;
      assert.ok(Math.abs(got - wanted) < TOLERANCES.ageBandShare.points, `${sex} ${from}–${from + 9}: ${(got * 100).toFixed(2)} %, SSB ${(wanted * 100).toFixed(2)} %`);
    }
  }
});

test('marital status of adults matches SSB by sex', () => {
  for (const sex of ['mann', 'kvinne'] as const) {
    const wanted: Record<string, number> = {};
    let population = 0;
    for (const band of MARITAL_STATUS_2024) {
      if (band.to < 18) continue;
      let people = 0;
      for (let age = Math.max(18, band.from); age <= Math.min(band.to, 100); age++) people += AGE_PYRAMID_2024[sex][age] ?? 0;
      population += people;
      for (const [status, share] of Object.entries(band[sex])) wanted[status] = (wanted[status] ?? 0) + share * people;
    }
    const got: Record<string, number> = {};
    let adults = 0;
    for (const document of residents()) {
      if (current(document.kjoenn)!.kjoenn !== sex || ageAt(parseDay(current(document.foedsel)!.foedselsdato!)!, AS_OF) < 18) continue;
      adults++;
      const status = current(document.sivilstand)!.sivilstand;
      got[status] = (got[status] ?? 0) + 1;
    }
    for (const [status, count] of Object.entries(wanted)) {
      const share = (got[status] ?? 0) / adults;
      assert.ok(Math.abs(share - count / population) < TOLERANCES.maritalShare.points, `${sex} ${status}: ${(share * 100).toFixed(1)} %, SSB ${((count / population) * 100).toFixed(1)} %`);
    }
  }
});

test('household types and persons per household match SSB', () => {
  const households = plans.flatMap((plan) => plan.households);
  for (const { type, share } of HOUSEHOLD_TYPES_2024) {
    const got = households.filter((h) => h.type === type).length / households.length;
    assert.ok(Math.abs(got - share) < TOLERANCES.householdShare.points, `${type}: ${(got * 100).toFixed(1)} %, SSB ${(share * 100).toFixed(1)} %`);
  }
  const perHousehold = OPTIONS.persons / households.length;
  assert.ok(Math.abs(perHousehold / PERSONS_PER_HOUSEHOLD_2024 - 1) < TOLERANCES.personsPerHousehold.relative, `${perHousehold.toFixed(2)} persons per household`);
});

test('immigrants and foreign citizens make up SSB’s shares of residents', () => {
  const all = residents();
  const bornAbroad = all.filter((d) => current(d.foedsel)!.foedeland !== 'NOR').length / all.length;
  const foreign = all.filter((d) => !(d.statsborgerskap ?? []).some((s) => s.erGjeldende && s.statsborgerskap === 'NOR')).length / all.length;
  assert.ok(Math.abs(bornAbroad - IMMIGRANT_SHARE_2024) < TOLERANCES.immigrantShare.points, `born abroad: ${(bornAbroad * 100).toFixed(1)} %`);
  assert.ok(Math.abs(foreign - FOREIGN_CITIZEN_SHARE_2024) < TOLERANCES.immigrantShare.points, `foreign citizens: ${(foreign * 100).toFixed(1)} %`);
  const polish = all.filter((d) => (d.statsborgerskap ?? []).some((s) => s.erGjeldende && s.statsborgerskap === 'POL')).length;
  assert.ok(polish > 0.01 * all.length, 'Polish citizens are the largest group');
});

test('the flows of 2023 (births, deaths, immigrations, emigrations) match SSB within 15 %', () => {
  const in2023 = (date: string | undefined) => date !== undefined && date.startsWith('2023');
  const births = persons.filter(({ document }) => in2023(current(document.foedsel)?.foedselsdato) && current(document.foedsel)?.foedeland === 'NOR').length;
  const deaths = persons.filter(({ document }) => in2023(document.doedsfall?.doedsdato)).length;
  const emigrations = persons.filter(({ document }) => (document.utflytting ?? []).some((u) => in2023(u.utflyttingsdato))).length;
  const immigrations = persons.filter(({ document }) => (document.innflytting ?? []).some((i) => in2023(i.gyldighetstidspunkt))).length;
  const flows = { births, deaths, immigrations, emigrations };
  for (const [flow, count] of Object.entries(flows)) {
    const wanted = SSB_FLOWS_2023[flow as keyof typeof SSB_FLOWS_2023] * SCALE;
    assert.ok(Math.abs(count / wanted - 1) < 0.15, `${flow} in 2023: ${count}, SSB scaled ${wanted.toFixed(0)}`);
  }
});
