/**
 * Relations hold in both directions: a child lists its mother and the mother lists the child,
 * parental responsibility appears on parent and child, spouses point at each other, and a child
 * with shared residence lives part-time at the other parent's address.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bornOf, byIdentifier, current, dwelling, idOf, population, statusOf } from './generator-fixture.js';

const MIRROR: Record<string, string[]> = {
  mor: ['barn'],
  far: ['barn'],
  medmor: ['barn'],
  barn: ['mor', 'far', 'medmor'],
  ektefelleEllerPartner: ['ektefelleEllerPartner'],
};

test('every family relation is mirrored in the related person’s document', () => {
  const people = byIdentifier(population());
  const violations: string[] = [];
  let relations = 0;
  for (const { document } of population()) {
    const id = idOf(document);
    for (const relation of document.familierelasjon ?? []) {
      relations++;
      const other = people.get(relation.relatertPerson ?? '');
      if (!other) {
        violations.push(`${id} → ${relation.relatertPerson}: no such person`);
        continue;
      }
      const back = (other.familierelasjon ?? []).find(
        (r) => r.relatertPerson === id && r.relatertPersonsRolle === relation.minRolleForPerson && r.minRolleForPerson === relation.relatertPersonsRolle,
      );
      if (!back) violations.push(`${id} lists ${relation.relatertPerson} as ${relation.relatertPersonsRolle}, but not the other way round`);
      else if (back.erGjeldende !== relation.erGjeldende) violations.push(`${id} ↔ ${relation.relatertPerson}: current on one side only`);
      if (!MIRROR[relation.relatertPersonsRolle]?.includes(relation.minRolleForPerson ?? '')) {
        violations.push(`${id}: roles ${relation.relatertPersonsRolle}/${relation.minRolleForPerson} do not fit`);
      }
    }
  }
  assert.ok(relations > 1000);
  assert.deepEqual(violations.slice(0, 10), []);
});

test('parents are at least 15 years older than their children', () => {
  const people = byIdentifier(population());
  const violations: string[] = [];
  for (const { document } of population()) {
    for (const relation of document.familierelasjon ?? []) {
      if (relation.minRolleForPerson !== 'barn') continue;
      const parent = people.get(relation.relatertPerson ?? '')!;
      const gap = (Date.parse(bornOf(document)) - Date.parse(bornOf(parent))) / (365.25 * 86_400_000);
      if (gap < 15) violations.push(`${idOf(parent)} is only ${gap.toFixed(1)} years older than their child ${idOf(document)}`);
    }
  }
  assert.deepEqual(violations.slice(0, 10), []);
});

test('parental responsibility is on both the parent and the child, for children under 18', () => {
  const people = byIdentifier(population());
  const violations: string[] = [];
  let children = 0;
  for (const { document } of population()) {
    const id = idOf(document);
    for (const custody of document.foreldreansvar ?? []) {
      const child = people.get(custody.ansvarssubjekt ?? '');
      const parent = people.get(custody.ansvarlig ?? '');
      if (!child || !parent) {
        violations.push(`${id}: foreldreansvar names someone who does not exist`);
        continue;
      }
      if (idOf(child) !== id && idOf(parent) !== id) violations.push(`${id}: foreldreansvar for others`);
      const same = (d: typeof document) =>
        (d.foreldreansvar ?? []).some(
          (c) => c.ansvar === custody.ansvar && c.ansvarlig === custody.ansvarlig && c.ansvarssubjekt === custody.ansvarssubjekt && c.erGjeldende === custody.erGjeldende,
        );
      if (!same(child) || !same(parent)) violations.push(`${id}: foreldreansvar ${custody.ansvar} of ${custody.ansvarlig} for ${custody.ansvarssubjekt} is missing on one side`);
      const isParent = (child.familierelasjon ?? []).some((r) => r.relatertPerson === custody.ansvarlig && r.minRolleForPerson === 'barn');
      if (!isParent) violations.push(`${custody.ansvarlig} has responsibility for ${custody.ansvarssubjekt} without being a parent`);
      if (bornOf(child) <= '2006-01-01') violations.push(`${idOf(child)} is an adult with current parental responsibility`);
    }
    const custodians = (document.foreldreansvar ?? []).filter((c) => c.erGjeldende && c.ansvarssubjekt === id);
    if (custodians.length > 0) {
      children++;
      const kinds = new Set(custodians.map((c) => c.ansvar));
      if (kinds.has('felles') && custodians.length !== 2) violations.push(`${id}: felles ansvar with ${custodians.length} parents`);
      if (!kinds.has('felles') && custodians.length !== 1) violations.push(`${id}: sole ansvar with ${custodians.length} parents`);
    }
  }
  assert.ok(children > 100);
  assert.deepEqual(violations.slice(0, 10), []);
});

test('spouses and partners point at each other in their sivilstand, with the same dates', () => {
  const people = byIdentifier(population());
  const violations: string[] = [];
  let married = 0;
  for (const { document } of population()) {
    const id = idOf(document);
    for (const element of document.sivilstand ?? []) {
      if (!element.relatertVedSivilstand) continue;
      const other = people.get(element.relatertVedSivilstand);
      if (!other) {
        violations.push(`${id}: sivilstand names ${element.relatertVedSivilstand}, who does not exist`);
        continue;
      }
      if (element.sivilstand === 'gift') married++;
      // The deceased's own sivilstand stays «gift»: widowhood is only on the survivor's side.
      const widowed = element.sivilstand === 'enkeEllerEnkemann' || element.sivilstand === 'gjenlevendePartner';
      const theirs = (other.sivilstand ?? []).find((s) => s.relatertVedSivilstand === id && (widowed || s.sivilstandsdato === element.sivilstandsdato));
      if (!theirs) violations.push(`${id} ${element.sivilstand} ${element.sivilstandsdato} with ${element.relatertVedSivilstand}: no matching element on the other side`);
      else if (element.sivilstand === 'gift' && (theirs.sivilstand !== 'gift' || theirs.myndighet !== element.myndighet || theirs.kommune !== element.kommune)) {
        violations.push(`${id} and ${element.relatertVedSivilstand} disagree about their wedding`);
      }
    }
    const now = current(document.sivilstand);
    if (now?.sivilstand === 'gift' && now.relatertVedSivilstand) {
      const spouse = people.get(now.relatertVedSivilstand)!;
      const theirs = current(spouse.sivilstand);
      const widowed = statusOf(spouse) === 'doed' || statusOf(document) === 'doed';
      if (!widowed && (theirs?.sivilstand !== 'gift' || theirs.relatertVedSivilstand !== id)) violations.push(`${id} is married to ${idOf(spouse)}, who is not married to them`);
    }
  }
  assert.ok(married > 200);
  assert.deepEqual(violations.slice(0, 10), []);
});

test('widows and widowers point at a deceased spouse who died on the day they were widowed', () => {
  const people = byIdentifier(population());
  const widowed = population().filter(({ document }) => current(document.sivilstand)?.sivilstand === 'enkeEllerEnkemann' && current(document.sivilstand)?.relatertVedSivilstand);
  assert.ok(widowed.length > 0);
  for (const { document } of widowed) {
    const now = current(document.sivilstand)!;
    const spouse = people.get(now.relatertVedSivilstand!)!;
    assert.equal(statusOf(spouse), 'doed');
    assert.equal(spouse.doedsfall?.doedsdato, now.sivilstandsdato);
    const estate = current(spouse.kontaktinformasjonForDoedsbo);
    if (estate?.person) assert.ok(estate.person.foedselsEllerDNummer, 'estate contact by number');
  }
});

test('a child with shared residence has the other parent’s home as deltBosted', () => {
  const people = byIdentifier(population());
  const shared = population().filter(({ document }) => (document.deltBosted?.length ?? 0) > 0);
  assert.ok(shared.length > 0);
  for (const { document } of shared) {
    const second = dwelling(current(document.deltBosted));
    const home = dwelling(current(document.bostedsadresse));
    assert.notEqual(second, home, `${idOf(document)} shares residence with their own home`);
    const parents = (document.familierelasjon ?? []).filter((r) => r.minRolleForPerson === 'barn').map((r) => people.get(r.relatertPerson!)!);
    const homes = parents.map((parent) => dwelling(current(parent.bostedsadresse)));
    assert.ok(homes.includes(second), `${idOf(document)}: deltBosted is not a parent's home`);
    assert.ok(homes.includes(home), `${idOf(document)}: lives with neither parent`);
  }
});

test('children under 18 live with a parent, and household members share one dwelling', () => {
  const people = byIdentifier(population());
  const violations: string[] = [];
  for (const { document } of population()) {
    if (statusOf(document) !== 'bosatt' || bornOf(document) <= '2006-01-01') continue;
    const home = dwelling(current(document.bostedsadresse));
    if (!home) continue;
    const parents = (document.familierelasjon ?? []).filter((r) => r.minRolleForPerson === 'barn').map((r) => people.get(r.relatertPerson!)!);
    const withParent = parents.some((parent) => dwelling(current(parent.bostedsadresse)) === home);
    if (!withParent) violations.push(`${idOf(document)} (born ${bornOf(document)}) lives with no parent`);
  }
  assert.deepEqual(violations.slice(0, 10), []);
});
