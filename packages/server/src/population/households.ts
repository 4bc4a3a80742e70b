/**
 * Household composition. Each call plans one cluster: a household of the type that lags most
 * behind SSB's household shares, plus the households and persons tied to it (a separated
 * parent's former partner, a widow's deceased spouse, an older couple's grown-up children), so
 * that every relation stays inside one chunk.
 */
import { addYears, ageAt, parseDay, type Day } from './calendar.js';
import type { Kjoenn } from './chunk-plan.js';
import { foreignCountry } from './countries.js';
import {
  ADULT_CHILD_AT_HOME,
  CHILDREN_IN_COUPLE,
  CHILDREN_OF_SINGLE_PARENT,
  FERTILITY,
  IMMIGRANT_PROPENSITY,
  IN_COUPLE_WITHOUT_CHILDREN,
  LIVES_ALONE,
  MAX_AGE,
  PARENT_IN_COUPLE,
  PARENT_OF_ADULTS_AT_HOME,
  PARTNER_GAP,
  SAME_SEX_COUPLES,
  SAME_SEX_FEMALE,
  SHARES_DWELLING,
  SINGLE_PARENT,
  TWIN_SHARE,
} from './demography.js';
import { COHABITANT_STATUSES, NORWAY, SINGLE_STATUSES, isNordic, type Origin, type Planner } from './planner.js';
import { addEndedUnion, addUnion, coupleStatuses, unionKind } from './unions.js';
import { pickByDeficit } from './quota.js';
import { addDeceasedSpouse } from './special-cases.js';
import {
  FOREIGN_CITIZEN_SHARE_2024,
  IMMIGRANT_SHARE_2024,
  SSB_FLOWS_2023,
  SSB_RESIDENTS_2024,
  type HouseholdType,
  type MaritalStatus,
} from './targets.js';

type BySex = Readonly<Record<Kjoenn, Float64Array>>;

/** A person decided on before being added: sex and age at the reference date. */
interface Draft {
  kjoenn: Kjoenn;
  age: number;
}

/** A household member fixed by the caller (the grown-up child of a planned couple). */
interface Anchor extends Draft {
  origin: Origin;
  /** Earliest possible birth day (the mother is at least 16). */
  bornFrom: Day;
  /** Receives the anchor's index as soon as it exists. */
  onAdded: (index: number) => void;
}

const OTHER_SEX: Record<Kjoenn, Kjoenn> = { kvinne: 'mann', mann: 'kvinne' };
const YEAR = 365;
const DAY_DUAL_CITIZENSHIP = parseDay('2020-01-01')!;
const DAY_2009 = parseDay('2009-01-01')!;
const DAY_1950 = parseDay('1950-01-01')!;
const DAY_2000 = parseDay('2000-01-01')!;

/** Minimum household size per type: aleneboende, parUtenBarn, parMedBarn, enForelder, andre. */
const MIN_SIZE: Readonly<Record<HouseholdType, number>> = {
  aleneboende: 1,
  parUtenBarn: 2,
  parMedBarn: 3,
  enForelder: 2,
  andre: 2,
};

/** Countries whose workers commonly held a D-nummer before settling (EU labour migration). */
const LABOUR_COUNTRIES = new Set(['POL', 'LTU', 'LVA', 'EST', 'ROU', 'BGR', 'SVK', 'HUN', 'CZE', 'HRV', 'PRT', 'ESP', 'ITA', 'PHL']);

export function planCluster(p: Planner): void {
  const room = p.kommuner.largest();
  if (room <= 0) return;
  const type = pickType(p, room, ['aleneboende', 'parUtenBarn', 'parMedBarn', 'enForelder', 'andre']);
  if (type === 'aleneboende') livingAlone(p, null, true);
  else if (type === 'parUtenBarn') coupleWithoutChildren(p, null, true);
  else if (type === 'parMedBarn') coupleWithChildren(p, null);
  else if (type === 'enForelder') singleParent(p, null);
  else otherHousehold(p);
}

function pickType(p: Planner, room: number, allowed: readonly HouseholdType[], anchor?: Draft): HouseholdType {
  const fit = (i: number): number => {
    const type = p.householdTypes[i]!;
    if (!allowed.includes(type) || MIN_SIZE[type] > room) return 0;
    if (!anchor) return 1;
    const curve = ANCHOR_PROPENSITY[type];
    return curve ? (curve[anchor.kjoenn][anchor.age] ?? 0) + 1e-6 : 0;
  };
  return p.householdTypes[pickByDeficit(p.random, p.householdShares, p.householdCounts, p.householdsPlanned, fit)]!;
}

const ANCHOR_PROPENSITY: Partial<Record<HouseholdType, BySex>> = {
  aleneboende: LIVES_ALONE,
  parUtenBarn: IN_COUPLE_WITHOUT_CHILDREN,
  parMedBarn: PARENT_IN_COUPLE,
  enForelder: SINGLE_PARENT,
};

// ---------------------------------------------------------------------------------------------
// Drawing ages

function drawEither(p: Planner, curves: BySex, from: number, to: number): Draft | null {
  const women = p.ages.weight('kvinne', from, to, (age) => curves.kvinne[age] ?? 0);
  const men = p.ages.weight('mann', from, to, (age) => curves.mann[age] ?? 0);
  const kjoenn: Kjoenn = p.random.next() * (women + men) < women ? 'kvinne' : 'mann';
  const age = p.ages.draw(p.random, kjoenn, from, to, (a) => curves[kjoenn][a] ?? 0);
  return age < 0 ? null : { kjoenn, age };
}

/** exp(−x² / 2σ²) for the partner age gap x in half years from −100 to 100. */
const GAP_WEIGHT = Float64Array.from({ length: 401 }, (_, i) => {
  const x = (i - 200) / 2;
  return Math.exp(-(x * x) / (2 * PARTNER_GAP.deviation ** 2));
});

function gapWeight(gap: number): number {
  return GAP_WEIGHT[Math.round(gap * 2) + 200] ?? 0;
}

/** The partner's age: about the anchor's, the man on average 2.5 years older. */
function partnerDraft(p: Planner, anchor: Draft, kjoenn: Kjoenn): Draft | null {
  const expected =
    kjoenn === anchor.kjoenn ? anchor.age : anchor.age + (kjoenn === 'mann' ? PARTNER_GAP.mean : -PARTNER_GAP.mean);
  const age = p.ages.draw(p.random, kjoenn, 18, MAX_AGE, (a) => gapWeight(a - expected));
  return age < 0 ? null : { kjoenn, age };
}

/**
 * Children of a mother (or father) of `parentAge`: distinct ages in [minAge, maxAge], weighted by
 * the mother's fertility at the child's birth; `atHome` scales by how often children that old still
 * live at home.
 */
function childDrafts(p: Planner, count: number, parentAge: number, minAge: number, maxAge: number, atHome = false): Draft[] {
  const drafts: Draft[] = [];
  const used = new Set<number>();
  for (let i = 0; i < count; i++) {
    const previous = drafts[drafts.length - 1];
    if (previous && p.random.chance(TWIN_SHARE)) {
      drafts.push({ kjoenn: p.random.chance(0.5) ? previous.kjoenn : OTHER_SEX[previous.kjoenn], age: previous.age });
      continue;
    }
    const kjoenn: Kjoenn = p.random.chance(0.513) ? 'mann' : 'kvinne';
    const age = p.ages.draw(p.random, kjoenn, minAge, maxAge, (a) =>
      used.has(a) ? 0 : (FERTILITY[parentAge - a] ?? 0) * (atHome ? (ADULT_CHILD_AT_HOME[a] ?? 0) : 1),
    );
    if (age < 0) break;
    used.add(age);
    drafts.push({ kjoenn, age });
  }
  return drafts;
}

function countFrom(p: Planner, shares: readonly number[]): number {
  let target = p.random.next();
  for (let i = 0; i < shares.length; i++) {
    target -= shares[i] ?? 0;
    if (target < 0) return i + 1;
  }
  return shares.length;
}

// ---------------------------------------------------------------------------------------------
// Origin: immigration, naturalisation, D-nummer before settling

/** ((wanted + c) / (achieved + c))⁴, bounded: > 1 while a count lags behind its target. */
function steer(achieved: number, wanted: number): number {
  const ratio = (wanted + 20) / (achieved + 20);
  return Math.min(8, Math.max(0.125, ratio ** 4));
}

const RECENT_ARRIVAL_RATE = SSB_FLOWS_2023.immigrations / SSB_RESIDENTS_2024;

function chooseOrigin(p: Planner, headAge: number, headBorn: Day): Origin {
  const wantedAbroad = IMMIGRANT_SHARE_2024 * (p.residents + 1);
  const chance = (IMMIGRANT_PROPENSITY[headAge] ?? 1) * IMMIGRANT_SHARE_2024 * 1.5 * steer(p.bornAbroad, wantedAbroad);
  if (!p.random.chance(Math.min(0.9, chance))) return NORWAY;
  const country = foreignCountry(p.random);
  const asOf = p.asOf;
  const recent = 0.09 * steer(p.recentArrivals, RECENT_ARRIVAL_RATE * (p.residents + 1));
  let arrived: Day;
  if (p.random.chance(Math.min(0.6, recent))) arrived = p.day(asOf - YEAR, asOf - 1);
  else {
    const years = 1 + Math.min(50, Math.floor(-Math.log(1 - p.random.next()) * 11));
    arrived = asOf - YEAR * years - p.random.int(YEAR);
  }
  arrived = Math.max(arrived, headBorn + 1, DAY_1950);
  const origin: Origin = { country, arrived };
  const eligible = addYears(arrived, 7);
  if (eligible < asOf - 1) {
    const wantedForeign = FOREIGN_CITIZEN_SHARE_2024 * (p.residents + 1);
    const base = isNordic(country) ? 0.1 : 0.55;
    if (p.random.chance(Math.min(0.95, base * steer(wantedForeign, p.foreignCitizens)))) {
      origin.naturalised = p.day(eligible, asOf - 1);
      origin.keepsCitizenship = origin.naturalised >= DAY_DUAL_CITIZENSHIP && p.random.chance(0.6);
    }
  }
  if (arrived >= DAY_2000 && LABOUR_COUNTRIES.has(country) && p.random.chance(0.5)) {
    origin.dNummerFrom = arrived - p.random.between(30, 1500);
  }
  return origin;
}

/** A partner's origin: mostly the anchor's, sometimes Norwegian in a mixed couple. */
function partnerOrigin(p: Planner, origin: Origin): Origin {
  return origin.country === 'NOR' || p.random.chance(0.25) ? NORWAY : origin;
}

// ---------------------------------------------------------------------------------------------
// Persons

function bornFor(p: Planner, draft: Draft, from?: Day): Day {
  const born = p.birthDay(draft.age);
  return from !== undefined && born < from ? Math.min(from, p.asOf - 1) : born;
}

function isCitizenAt(p: Planner, index: number, day: Day): boolean {
  const person = p.persons[index]!;
  return person.citizenship === 'NOR' || (person.naturalised !== undefined && person.naturalised <= day);
}

/**
 * Adds children of the given parents (all of them living in this household), at least 16 years
 * younger than each parent and at least ten months apart unless twins.
 */
function addChildren(p: Planner, drafts: Draft[], parents: number[], origin: Origin): number[] {
  const earliest = Math.max(...parents.map((i) => addYears(p.persons[i]!.born, 16)));
  const children: number[] = [];
  let twinOf: Day | undefined;
  drafts.forEach((draft, n) => {
    const previous = drafts[n - 1];
    let born: Day;
    if (previous && previous.age === draft.age && twinOf !== undefined) born = twinOf;
    else {
      born = bornFor(p, draft, earliest);
      for (let attempt = 0; attempt < 4 && children.some((c) => Math.abs(p.persons[c]!.born - born) < 300); attempt++) {
        born = bornFor(p, draft, earliest);
      }
    }
    twinOf = born;
    const norwegianParent = parents.some((parent) => isCitizenAt(p, parent, born));
    p.marital.record(draft.kjoenn, draft.age, 'ugift');
    children.push(p.addResident(draft.kjoenn, born, 'ugift', origin, norwegianParent));
  });
  return children;
}

/** A day in [from, to], more often recent: how long ago people moved follows an exponential curve. */
function recentDay(p: Planner, from: Day, to: Day, meanYears: number): Day {
  if (to <= from) return from;
  const back = Math.floor(-Math.log(1 - p.random.next()) * meanYears * YEAR);
  return Math.max(from, to - back);
}

/** The earliest day everyone in `members` is an adult and (for immigrants) in Norway. */
function settledFrom(p: Planner, members: number[]): Day {
  let day = -Infinity;
  for (const index of members) {
    const person = p.persons[index]!;
    day = Math.max(day, addYears(person.born, 18), person.arrived ?? -Infinity);
  }
  return day;
}

function protect(p: Planner, household: number): void {
  const { rates } = p.settings;
  const draw = p.random.next();
  const level = draw < rates.strengtFortrolig ? 'strengtFortrolig' : draw < rates.strengtFortrolig + rates.fortrolig ? 'fortrolig' : null;
  if (!level) return;
  for (const member of p.households[household]!.members) p.persons[member]!.protection = level;
}

// ---------------------------------------------------------------------------------------------
// Household types

function livingAlone(p: Planner, anchor: Anchor | null, mayHaveAdultChildren: boolean): void {
  const head = anchor ?? drawEither(p, LIVES_ALONE, 18, MAX_AGE);
  if (!head) return;
  const born = bornFor(p, head, anchor?.bornFrom);
  const origin = anchor?.origin ?? chooseOrigin(p, head.age, born);
  const status = p.marital.pick(p.random, head.kjoenn, head.age, SINGLE_STATUSES);
  const index = p.addResident(head.kjoenn, born, status, origin);
  anchor?.onAdded(index);
  const kommune = p.kommuner.pick(p.random, 1);
  let spouse = -1;
  if (status === 'enkeEllerEnkemann' && p.random.chance(0.5)) spouse = addDeceasedSpouse(p, index, []);
  const deathOfSpouse = spouse >= 0 ? p.persons[spouse]!.died! : p.asOf - 1;
  const from = settledFrom(p, [index]);
  const movedIn = spouse >= 0 ? recentDay(p, from, deathOfSpouse, 15) : recentDay(p, from, p.asOf - 1, 7);
  const household = p.addHousehold('aleneboende', [index], kommune, movedIn);
  protect(p, household);
  if (mayHaveAdultChildren && head.age >= 50) adultChildren(p, spouse >= 0 ? [index, spouse] : [index], origin, 0.5);
}

/** The two residents of a couple (the first may be the caller's anchor), with their shared origin and kind of union. */
function addCouple(p: Planner, anchor: Anchor | null, first: Draft, second: Draft) {
  const firstBorn = bornFor(p, first, anchor?.bornFrom);
  const secondBorn = bornFor(p, second);
  const origin = anchor?.origin ?? chooseOrigin(p, Math.max(first.age, second.age), Math.min(firstBorn, secondBorn));
  const kind = unionKind(p, first, second, firstBorn, secondBorn);
  const [s1, s2] = coupleStatuses(p, kind, first, second);
  const a = p.addResident(first.kjoenn, firstBorn, s1, origin);
  anchor?.onAdded(a);
  const b = p.addResident(second.kjoenn, secondBorn, s2, partnerOrigin(p, origin));
  return { a, b, origin, kind };
}

function coupleWithoutChildren(p: Planner, anchor: Anchor | null, mayHaveAdultChildren: boolean): void {
  const first = anchor ?? drawEither(p, IN_COUPLE_WITHOUT_CHILDREN, 18, MAX_AGE);
  if (!first) return;
  const sameSex = p.random.chance(SAME_SEX_COUPLES);
  const second = partnerDraft(p, first, sameSex ? first.kjoenn : OTHER_SEX[first.kjoenn]);
  if (!second) return anchor ? livingAlone(p, anchor, false) : undefined;
  const { a, b, origin, kind } = addCouple(p, anchor, first, second);
  const start = addUnion(p, a, b, kind);
  const settled = Math.max(start, settledFrom(p, [a, b]));
  const movedIn = p.random.chance(0.45) ? settled : recentDay(p, settled, p.asOf - 1, 8);
  const household = p.addHousehold('parUtenBarn', [a, b], p.kommuner.pick(p.random, 2), movedIn);
  protect(p, household);
  const woman = p.persons[a]!.kjoenn === 'kvinne' ? first : second;
  if (mayHaveAdultChildren && !sameSex && woman.age >= 45) adultChildren(p, [a, b], origin, woman.age >= 55 ? 0.6 : 0.35);
}

function coupleWithChildren(p: Planner, anchor: Anchor | null): void {
  const room = p.kommuner.largest();
  if (room < 3) return anchor ? coupleWithoutChildren(p, anchor, false) : undefined;
  const first = anchor ?? drawEither(p, PARENT_IN_COUPLE, 18, 70);
  if (!first) return;
  const twoWomen = p.random.chance(SAME_SEX_COUPLES * SAME_SEX_FEMALE * 0.5) && first.kjoenn === 'kvinne';
  const second = partnerDraft(p, first, twoWomen ? 'kvinne' : OTHER_SEX[first.kjoenn]);
  if (!second) return anchor ? livingAlone(p, anchor, false) : undefined;
  const mother = first.kjoenn === 'kvinne' ? first : second;
  const father = mother === first ? second : first;
  const youngestParent = Math.min(mother.age, father.age);
  const wanted = Math.min(countFrom(p, CHILDREN_IN_COUPLE), room - 2);
  const kids = childDrafts(p, wanted, mother.age, 0, Math.min(17, youngestParent - 16));
  if (kids.length === 0) return anchor ? coupleWithoutChildren(p, anchor, false) : coupleWithoutChildren(p, null, false);
  if (room - 2 - kids.length > 0 && p.random.chance(0.08)) {
    kids.push(...childDrafts(p, 1, mother.age, 18, Math.min(25, youngestParent - 16), true));
  }
  // A stepfamily's children have a father elsewhere, whose home must fit too.
  const stepfamily = !twoWomen && room >= kids.length + 4 && p.random.chance(0.08);
  const { a, b, origin, kind } = addCouple(p, anchor, first, second);
  const [motherIndex, otherIndex] = p.persons[a]!.kjoenn === 'kvinne' ? [a, b] : [b, a];
  const biologicalParents = stepfamily || twoWomen ? [motherIndex] : [a, b];
  const children = addChildren(p, kids, biologicalParents, origin);
  const births = children.map((c) => p.persons[c]!.born);
  const firstChild = Math.min(...births);
  const youngest = Math.max(...births);
  let start: Day;
  if (stepfamily) {
    const former = addFormerPartner(p, motherIndex, 'samboer', 'brudd', children);
    for (const child of children) p.addParent(motherIndex, child, true);
    start = addUnion(p, a, b, kind, { notBefore: former.separated ?? youngest + 30 });
  } else {
    start = addUnion(p, a, b, kind, { firstChild });
    for (const child of children) {
      p.addParent(motherIndex, child, true);
      const person = p.persons[child]!;
      if (!twoWomen) p.addParent(otherIndex, child, true);
      else if (person.born >= DAY_2009) {
        p.parents.push({ parent: otherIndex, child, role: 'medmor', custody: true });
      }
    }
  }
  const settled = Math.max(start, settledFrom(p, [a, b]));
  const movedIn = p.random.chance(0.45) ? settled : recentDay(p, settled, p.asOf - 1, 6);
  const members = [a, b, ...children];
  const household = p.addHousehold('parMedBarn', members, p.kommuner.pick(p.random, members.length), movedIn);
  if (!stepfamily) protect(p, household);
}

/**
 * The other parent of a single parent's (or a stepfamily's) children: a resident who now lives
 * alone or with a new cohabitant. Adds the ended union, the parenthood and the household.
 */
function addFormerPartner(
  p: Planner,
  parent: number,
  kind: 'gift' | 'samboer',
  end: 'separert' | 'skilt' | 'brudd',
  children: number[],
): { index: number; separated?: Day; household?: number } {
  const parentPerson = p.persons[parent]!;
  const room = p.kommuner.largest();
  const parentDraft: Draft = { kjoenn: parentPerson.kjoenn, age: ageAt(parentPerson.born, p.asOf) };
  const draft = room >= 1 ? partnerDraft(p, parentDraft, OTHER_SEX[parentPerson.kjoenn]) : null;
  if (!draft) return { index: -1 };
  let status: MaritalStatus = end === 'brudd' ? 'ugift' : end;
  if (end === 'brudd') status = p.marital.pick(p.random, draft.kjoenn, draft.age, ['ugift', 'skilt']);
  else p.marital.record(draft.kjoenn, draft.age, status);
  const origin = partnerOrigin(p, originOf(p, parent));
  const latestBorn = addYears(Math.min(...children.map((c) => p.persons[c]!.born)), -16);
  const other = p.addResident(draft.kjoenn, Math.min(bornFor(p, draft), latestBorn), status, origin);
  const separated = addEndedUnion(p, parent, other, kind, end, children) ?? addEndedUnion(p, parent, other, 'samboer', 'brudd', children);
  const sharedCustody = p.random.chance(0.9);
  for (const child of children) p.addParent(other, child, sharedCustody);
  const youngest = Math.max(...children.map((c) => p.persons[c]!.born));
  const movedIn = p.day(Math.max(separated ?? youngest, settledFrom(p, [other])) + 1, p.asOf - 1);
  const members = [other];
  const partner = room >= 2 && p.random.chance(0.35) ? partnerDraft(p, draft, OTHER_SEX[draft.kjoenn]) : null;
  if (partner) {
    const partnerStatus = p.marital.pick(p.random, partner.kjoenn, partner.age, COHABITANT_STATUSES);
    const newPartner = p.addResident(partner.kjoenn, bornFor(p, partner), partnerStatus, partnerOrigin(p, origin));
    addUnion(p, other, newPartner, 'samboer', { notBefore: movedIn });
    members.push(newPartner);
  }
  const type = members.length === 1 ? 'aleneboende' : 'parUtenBarn';
  const household = p.addHousehold(type, members, p.kommuner.pick(p.random, members.length), movedIn);
  return { index: other, ...(separated !== null && { separated }), household };
}

/** The origin of an already planned resident, for a related person. */
function originOf(p: Planner, index: number): Origin {
  const person = p.persons[index]!;
  if (person.arrived === undefined || person.arrivedFrom === undefined || person.foedeland === 'NOR') return NORWAY;
  return { country: person.arrivedFrom, arrived: person.arrived };
}

function singleParent(p: Planner, anchor: Anchor | null): void {
  const room = p.kommuner.largest();
  if (room < 2) return anchor ? livingAlone(p, anchor, false) : undefined;
  const head = anchor ?? drawEither(p, SINGLE_PARENT, 18, 70);
  if (!head) return;
  const motherAge = Math.round(head.kjoenn === 'kvinne' ? head.age : head.age - PARTNER_GAP.mean);
  const wanted = Math.min(countFrom(p, CHILDREN_OF_SINGLE_PARENT), room - 1);
  const kids = childDrafts(p, wanted, motherAge, 0, Math.min(17, head.age - 16));
  if (kids.length === 0) return livingAlone(p, anchor, false);
  const born = bornFor(p, head, anchor?.bornFrom);
  const origin = anchor?.origin ?? chooseOrigin(p, head.age, born);
  const status = p.marital.pick(p.random, head.kjoenn, head.age, SINGLE_STATUSES);
  const parent = p.addResident(head.kjoenn, born, status, origin);
  anchor?.onAdded(parent);
  const children = addChildren(p, kids, [parent], origin);
  for (const child of children) p.addParent(parent, child, true);
  const births = children.map((c) => p.persons[c]!.born);
  let movedIn = recentDay(p, Math.max(settledFrom(p, [parent]), Math.min(...births)), p.asOf - 1, 5);
  let former: ReturnType<typeof addFormerPartner> | null = null;
  if (status === 'enkeEllerEnkemann') {
    const spouse = addDeceasedSpouse(p, parent, children);
    if (spouse >= 0) movedIn = Math.min(movedIn, p.persons[spouse]!.died! - 1);
  } else if (p.kommuner.largest() >= children.length + 3 && p.random.chance(status === 'ugift' ? 0.85 : 0.95)) {
    const end = status === 'ugift' ? 'brudd' : status === 'separert' ? 'separert' : 'skilt';
    former = addFormerPartner(p, parent, status === 'ugift' ? 'samboer' : 'gift', end, children);
    if (former.separated !== undefined) movedIn = Math.max(former.separated, settledFrom(p, [parent]));
  }
  const members = [parent, ...children];
  const formerHousehold = former?.household;
  const prefer = formerHousehold !== undefined ? p.kommuner.codes.indexOf(p.households[formerHousehold]!.kommunenummer) : undefined;
  const household = p.addHousehold('enForelder', members, p.kommuner.pick(p.random, members.length, prefer), movedIn);
  const sameKommune = formerHousehold !== undefined && p.households[formerHousehold]!.kommunenummer === p.households[household]!.kommunenummer;
  if (sameKommune && p.random.chance(0.35)) {
    for (const child of children) if (p.persons[child]!.born > addYears(p.asOf, -18)) p.persons[child]!.deltBosted = formerHousehold;
  } else protect(p, household);
}

/** «Andre» households: adult children at home, flat-sharers, three generations. */
function otherHousehold(p: Planner): void {
  const room = p.kommuner.largest();
  const kind = p.random.next();
  if (kind < 0.5 && room >= 3) return coupleWithAdultChildren(p, room);
  if (kind < 0.65) return singleParentWithAdultChildren(p, room);
  if (kind < 0.9) return sharers(p, room);
  if (room >= 4) return threeGenerations(p, room);
  return sharers(p, room);
}

function coupleWithAdultChildren(p: Planner, room: number): void {
  const mother = p.ages.draw(p.random, 'kvinne', 38, 80, (a) => PARENT_OF_ADULTS_AT_HOME.kvinne[a] ?? 0);
  if (mother < 0) return sharers(p, room);
  const woman: Draft = { kjoenn: 'kvinne', age: mother };
  const man = partnerDraft(p, woman, 'mann');
  if (!man) return sharers(p, room);
  const kids = childDrafts(p, Math.min(1 + (p.random.chance(0.3) ? 1 : 0), room - 2), mother, 18, Math.min(35, Math.min(mother, man.age) - 16), true);
  if (kids.length === 0) return sharers(p, room);
  const womanBorn = bornFor(p, woman);
  const manBorn = bornFor(p, man);
  const origin = chooseOrigin(p, Math.max(mother, man.age), Math.min(womanBorn, manBorn));
  const kind = unionKind(p, woman, man, womanBorn, manBorn);
  const [s1, s2] = coupleStatuses(p, kind, woman, man);
  const a = p.addResident('kvinne', womanBorn, s1, origin);
  const b = p.addResident('mann', manBorn, s2, partnerOrigin(p, origin));
  for (const kid of kids) p.marital.record(kid.kjoenn, kid.age, 'ugift');
  const children = kids.map((kid) => p.addResident(kid.kjoenn, bornFor(p, kid, addYears(Math.max(womanBorn, manBorn), 16)), 'ugift', origin, isCitizenAt(p, a, womanBorn) || isCitizenAt(p, b, manBorn)));
  const start = addUnion(p, a, b, kind, { firstChild: Math.min(...children.map((c) => p.persons[c]!.born)) });
  for (const child of children) {
    p.addParent(a, child, false);
    p.addParent(b, child, false);
  }
  const settled = Math.max(start, settledFrom(p, [a, b]));
  const members = [a, b, ...children];
  const household = p.addHousehold('andre', members, p.kommuner.pick(p.random, members.length), recentDay(p, settled, p.asOf - 1, 10));
  protect(p, household);
}

function singleParentWithAdultChildren(p: Planner, room: number): void {
  const head = drawEither(p, PARENT_OF_ADULTS_AT_HOME, 38, 85);
  if (!head || room < 2) return sharers(p, room);
  const motherAge = head.kjoenn === 'kvinne' ? head.age : head.age - 3;
  const kids = childDrafts(p, Math.min(p.random.chance(0.5) ? 2 : 1, room - 1), motherAge, 18, Math.min(35, head.age - 16), true);
  if (kids.length === 0) return sharers(p, room);
  const born = bornFor(p, head);
  const origin = chooseOrigin(p, head.age, born);
  const status = p.marital.pick(p.random, head.kjoenn, head.age, SINGLE_STATUSES);
  const parent = p.addResident(head.kjoenn, born, status, origin);
  for (const kid of kids) p.marital.record(kid.kjoenn, kid.age, 'ugift');
  const children = kids.map((kid) => p.addResident(kid.kjoenn, bornFor(p, kid, addYears(born, 16)), 'ugift', origin, isCitizenAt(p, parent, born)));
  const spouse = status === 'enkeEllerEnkemann' ? addDeceasedSpouse(p, parent, children) : -1;
  for (const child of children) p.addParent(parent, child, false);
  const members = [parent, ...children];
  const stayedUntil = spouse >= 0 ? p.persons[spouse]!.died! - 1 : p.asOf - 1;
  const movedIn = recentDay(p, settledFrom(p, [parent]), stayedUntil, 10);
  const household = p.addHousehold('andre', members, p.kommuner.pick(p.random, members.length), movedIn);
  protect(p, household);
}

/** Two or three unrelated adults sharing a dwelling. */
function sharers(p: Planner, room: number): void {
  const count = Math.min(room, p.random.chance(0.6) ? 3 : 2);
  const members: number[] = [];
  for (let i = 0; i < count; i++) {
    const draft = drawEither(p, SHARES_DWELLING, 18, 70);
    if (!draft) break;
    const born = bornFor(p, draft);
    const status = p.marital.pick(p.random, draft.kjoenn, draft.age, ['ugift', 'skilt']);
    members.push(p.addResident(draft.kjoenn, born, status, chooseOrigin(p, draft.age, born)));
  }
  if (members.length === 0) return;
  const type = members.length === 1 ? 'aleneboende' : 'andre';
  const household = p.addHousehold(type, members, p.kommuner.pick(p.random, members.length), recentDay(p, settledFrom(p, members), p.asOf - 1, 2));
  protect(p, household);
}

/** A couple with children under 18 and the mother's (or father's) widowed or divorced parent. */
function threeGenerations(p: Planner, room: number): void {
  const first = drawEither(p, PARENT_IN_COUPLE, 25, 60);
  if (!first) return sharers(p, room);
  const second = partnerDraft(p, first, OTHER_SEX[first.kjoenn]);
  if (!second) return sharers(p, room);
  const [mother, father] = first.kjoenn === 'kvinne' ? [first, second] : [second, first];
  const kids = childDrafts(p, Math.min(countFrom(p, CHILDREN_IN_COUPLE), room - 3), mother.age, 0, Math.min(17, Math.min(mother.age, father.age) - 16));
  const grandparentSex: Kjoenn = p.random.chance(0.7) ? 'kvinne' : 'mann';
  const grandparentAge = p.ages.draw(p.random, grandparentSex, first.age + 16, MAX_AGE, (a) => FERTILITY[a - first.age] ?? 0);
  if (kids.length === 0 || grandparentAge < 0) return sharers(p, room);
  const firstBorn = bornFor(p, first);
  const secondBorn = bornFor(p, second);
  const origin = chooseOrigin(p, Math.max(first.age, second.age), Math.min(firstBorn, secondBorn));
  const kind = unionKind(p, first, second, firstBorn, secondBorn);
  const [s1, s2] = coupleStatuses(p, kind, first, second);
  const a = p.addResident(first.kjoenn, firstBorn, s1, origin);
  const b = p.addResident(second.kjoenn, secondBorn, s2, partnerOrigin(p, origin));
  const children = addChildren(p, kids, [a, b], origin);
  const start = addUnion(p, a, b, kind, { firstChild: Math.min(...children.map((c) => p.persons[c]!.born)) });
  for (const child of children) {
    p.addParent(a, child, true);
    p.addParent(b, child, true);
  }
  const grandparentStatus = p.marital.pick(p.random, grandparentSex, grandparentAge, ['enkeEllerEnkemann', 'skilt', 'ugift']);
  const grandparent = p.addResident(
    grandparentSex,
    Math.min(bornFor(p, { kjoenn: grandparentSex, age: grandparentAge }), addYears(firstBorn, -16)),
    grandparentStatus,
    origin,
  );
  p.addParent(grandparent, a, false);
  const members = [a, b, ...children, grandparent];
  const settled = Math.max(start, settledFrom(p, [a, b]));
  const household = p.addHousehold('andre', members, p.kommuner.pick(p.random, members.length), recentDay(p, settled, p.asOf - 1, 6));
  protect(p, household);
}

/**
 * Grown-up children of a planned parent (or couple) who live in households of their own, so
 * that adults have their parents in the register too.
 */
function adultChildren(p: Planner, parents: number[], origin: Origin, chance: number): void {
  if (!p.random.chance(chance)) return;
  const mother = parents.map((i) => p.persons[i]!).find((person) => person.kjoenn === 'kvinne') ?? p.persons[parents[0]!]!;
  const motherAge = ageAt(mother.born, p.asOf) - (mother.kjoenn === 'mann' ? 3 : 0);
  const youngestParentBorn = Math.max(...parents.map((i) => p.persons[i]!.born));
  const count = countFrom(p, [0.35, 0.4, 0.25]);
  for (let i = 0; i < count; i++) {
    const room = p.kommuner.largest();
    if (room < 1) return;
    const kjoenn: Kjoenn = p.random.chance(0.5) ? 'mann' : 'kvinne';
    const maxAge = Math.min(MAX_AGE, ageAt(youngestParentBorn, p.asOf) - 16);
    const age = p.ages.draw(p.random, kjoenn, 18, maxAge, (a) => FERTILITY[motherAge - a] ?? 0);
    if (age < 0) return;
    const draft: Draft = { kjoenn, age };
    const type = pickType(p, room, ['aleneboende', 'parUtenBarn', 'parMedBarn', 'enForelder'], draft);
    const anchor: Anchor = {
      ...draft,
      origin,
      bornFrom: addYears(youngestParentBorn, 16),
      onAdded: (child) => {
        for (const parent of parents) if (p.persons[parent]!.died === undefined || p.persons[parent]!.died! > p.persons[child]!.born) p.addParent(parent, child, false);
      },
    };
    if (type === 'aleneboende') livingAlone(p, anchor, false);
    else if (type === 'parUtenBarn') coupleWithoutChildren(p, anchor, false);
    else if (type === 'parMedBarn') coupleWithChildren(p, anchor);
    else singleParent(p, anchor);
  }
}
