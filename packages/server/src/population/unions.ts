/**
 * Couples and their dates: moving in together, the wedding or partnership registration, a
 * separation and divorce. Dates respect both partners' ages, the children's births and the
 * reference date, so sivilstand histories agree on both sides.
 */
import { addYears, parseDay, type Day } from './calendar.js';
import type { Kjoenn } from './chunk-plan.js';
import { COHABITING_BY_AGE, PARTNERSHIP_ACT } from './demography.js';
import { COHABITANT_STATUSES, type Planner } from './planner.js';
import type { MaritalStatus } from './targets.js';

export type UnionKind = 'gift' | 'registrertPartner' | 'samboer';

const YEAR = 365;
const PARTNERSHIPS_FROM = parseDay(PARTNERSHIP_ACT.from)!;
const PARTNERSHIPS_UNTIL = parseDay(PARTNERSHIP_ACT.until)!;

interface Draft {
  kjoenn: Kjoenn;
  age: number;
}

/** Married, registered partners (same sex, registered 1993–2008) or cohabiting. */
export function unionKind(p: Planner, a: Draft, b: Draft, aBorn: Day, bBorn: Day): UnionKind {
  if (a.kjoenn === b.kjoenn) {
    const couldRegister = addYears(Math.max(aBorn, bBorn), 18) <= PARTNERSHIPS_UNTIL;
    if (couldRegister && p.random.chance(0.45)) return 'registrertPartner';
    return p.random.chance(0.55) ? 'gift' : 'samboer';
  }
  const [woman, man] = a.kjoenn === 'kvinne' ? [a, b] : [b, a];
  const base = 1 - (COHABITING_BY_AGE[woman.age] ?? 0.3);
  return p.random.chance(p.marital.marriedProbability(base, woman.age, man.age)) ? 'gift' : 'samboer';
}

/** Records and returns both partners' statuses: their union's, or (cohabitants) their own. */
export function coupleStatuses(p: Planner, kind: UnionKind, a: Draft, b: Draft): [MaritalStatus, MaritalStatus] {
  if (kind === 'samboer') {
    return [p.marital.pick(p.random, a.kjoenn, a.age, COHABITANT_STATUSES), p.marital.pick(p.random, b.kjoenn, b.age, COHABITANT_STATUSES)];
  }
  p.marital.record(a.kjoenn, a.age, kind);
  p.marital.record(b.kjoenn, b.age, kind);
  return [kind, kind];
}

/** The day both partners are adults. */
function bothAdult(p: Planner, a: number, b: number): Day {
  return Math.max(addYears(p.persons[a]!.born, 18), addYears(p.persons[b]!.born, 18));
}

function ordered(p: Planner, a: number, b: number): { a: number; b: number } {
  return p.persons[a]!.kjoenn === 'kvinne' || p.persons[b]!.kjoenn !== 'kvinne' ? { a, b } : { a: b, b: a };
}

export interface UnionBounds {
  /** Birth of the couple's first child: they moved in together before or around it. */
  firstChild?: Day;
  /** They met after this day (e.g. a previous relationship ended). */
  notBefore?: Day;
  /** The union lasted until this day (a partner died). */
  until?: Day;
}

/** A union that still lasts (or lasted until a death): plans its dates, adds it and returns its start. */
export function addUnion(p: Planner, a: number, b: number, kind: UnionKind, bounds: UnionBounds = {}): Day {
  const until = Math.min(bounds.until ?? p.asOf - 1, p.asOf - 1);
  const earliest = Math.min(Math.max(bothAdult(p, a, b), bounds.notBefore ?? -Infinity), until);
  let start: Day;
  if (bounds.firstChild !== undefined) start = Math.max(earliest, Math.min(bounds.firstChild, until) - p.random.int(4 * YEAR));
  else start = earliest + Math.floor(p.random.next() * Math.min(Math.max(0, until - earliest), 12 * YEAR));
  let registered: Day | undefined;
  if (kind === 'gift') registered = p.day(start, Math.min(until, start + 6 * YEAR));
  else if (kind === 'registrertPartner') {
    start = Math.min(start, PARTNERSHIPS_UNTIL);
    registered = p.day(Math.max(start, PARTNERSHIPS_FROM), Math.min(PARTNERSHIPS_UNTIL, until));
  }
  p.unions.push({ ...ordered(p, a, b), kind, start, ...(registered !== undefined && { registered }) });
  return start;
}

/**
 * A union that ended: `separert` (separated within the last three years), `skilt` (separated,
 * then divorced at least a year later) or a cohabitation that ended (`brudd`). Returns the day they
 * split, or null when no dates fit (e.g. the youngest child is too young for a divorce).
 */
export function addEndedUnion(
  p: Planner,
  a: number,
  b: number,
  kind: 'gift' | 'samboer',
  end: 'separert' | 'skilt' | 'brudd',
  children: number[],
): Day | null {
  const births = children.map((child) => p.persons[child]!.born);
  const earliest = bothAdult(p, a, b);
  let low = Math.max(earliest + YEAR, ...births.map((born) => born + 60));
  let high = p.asOf - 1;
  if (end === 'separert') low = Math.max(low, p.asOf - 3 * YEAR);
  if (end === 'skilt') high = p.asOf - YEAR - 2;
  if (low > high) return null;
  const back = Math.floor(-Math.log(1 - p.random.next()) * 4 * YEAR);
  const separated = Math.max(low, high - back);
  const firstChild = births.length > 0 ? Math.min(...births) : separated;
  const start = Math.max(earliest, Math.min(firstChild, separated - YEAR) - p.random.int(3 * YEAR));
  const registered = kind === 'gift' ? p.day(start, Math.min(separated - 30, start + 5 * YEAR)) : undefined;
  const divorced = end === 'skilt' ? p.day(separated + YEAR + 1, Math.min(separated + 3 * YEAR, p.asOf - 1)) : undefined;
  p.unions.push({
    ...ordered(p, a, b),
    kind,
    start,
    ...(registered !== undefined && { registered }),
    separated,
    ...(divorced !== undefined && { divorced }),
  });
  return separated;
}
