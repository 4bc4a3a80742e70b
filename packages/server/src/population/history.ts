/**
 * Life histories derived from a chunk plan: where each person lived when (so that children share
 * their parents' homes, couples share theirs, and the dead and emigrated leave theirs), and the
 * sequence of sivilstand changes, both sides of a marriage agreeing on every date.
 */
import type { Sivilstandstype } from '@folkeport/model';
import { addYears, type Day } from './calendar.js';
import { STREAM, type ChunkContext, type Place } from './chunk-context.js';
import type { PlannedUnion } from './chunk-plan.js';

export interface Residence {
  from: Day;
  place: Place;
  aarsak: string;
  /** The day the person left without a new address in Norway (death, emigration). */
  ceased?: Day;
}

export interface CivilEvent {
  day: Day;
  sivilstand: Sivilstandstype;
  aarsak: string;
  /** The union behind the event; absent for a spouse who is not in the register. */
  union?: PlannedUnion;
  /** Index of the spouse or partner. */
  partner?: number;
}

const YEAR = 365;
const MOVE = 'Flytting innenlands';
/** Categories of persons who have (or had) a bostedsadresse. */
const HAS_LIVED_HERE = new Set(['bosatt', 'doed', 'utflyttet', 'forsvunnet']);

export class Histories {
  private readonly ctx: ChunkContext;
  private readonly residenceCache: (Residence[] | undefined)[] = [];

  constructor(ctx: ChunkContext) {
    this.ctx = ctx;
  }

  /** Addresses in Norway, oldest first; the last one is current unless it ceased. */
  residences(index: number): Residence[] {
    const cached = this.residenceCache[index];
    if (cached) return cached;
    const ctx = this.ctx;
    const person = ctx.person(index);
    if (!HAS_LIVED_HERE.has(person.category)) return (this.residenceCache[index] = []);
    const random = ctx.random(STREAM.residence, index);
    const household = person.household >= 0 ? ctx.plan.households[person.household]! : undefined;
    const kommune = household?.kommunenummer ?? person.kommune;
    const present = ctx.presentFrom(index);
    const end = person.died ?? (person.category === 'utflyttet' ? person.emigrated : undefined);
    const join = household ? Math.max(household.movedIn, present) : undefined;
    const leaveHome = addYears(person.born, random.between(19, 23));
    const candidates: Residence[] = [];

    // Childhood: with a parent of the chunk (the one in the same household, else the mother), else somewhere in Norway.
    const rank = (r: { parent: number; role: string }) =>
      (ctx.person(r.parent).household === person.household && person.household >= 0 ? 0 : 2) + (r.role === 'mor' ? 0 : 1);
    const parent = [...ctx.parentsOf[index]!].sort((x, y) => rank(x) - rank(y))[0];
    const childhoodEnd = Math.min(join ?? Infinity, leaveHome, end ?? Infinity);
    if (parent) {
      const theirs = this.residences(parent.parent);
      theirs.forEach((residence, k) => {
        const until = Math.min(theirs[k + 1]?.from ?? Infinity, residence.ceased ?? Infinity);
        if (until <= present || residence.from >= childhoodEnd) return;
        candidates.push({ from: Math.max(residence.from, present), place: residence.place, aarsak: MOVE });
      });
    } else if (person.foedeland === 'NOR') {
      candidates.push({ from: person.born, place: ctx.elsewhere(random, kommune, person.household), aarsak: MOVE });
    }

    // A first address on arrival; for those born here, often an own place after leaving home.
    const bornHere = person.foedeland === 'NOR';
    const adultFrom = Math.max(leaveHome, present);
    if (!bornHere && !parent) candidates.push({ from: present, place: ctx.elsewhere(random, kommune, person.household), aarsak: 'Innvandring' });
    else if (bornHere && adultFrom < (join ?? end ?? ctx.asOf) && (person.category !== 'bosatt' || random.chance(0.6))) {
      candidates.push({ from: adultFrom, place: ctx.elsewhere(random, kommune, person.household), aarsak: MOVE });
    }
    if (person.arrived !== undefined && bornHere) candidates.push({ from: person.arrived, place: ctx.elsewhere(random, kommune, person.household), aarsak: 'Innvandring' });

    // Homes shared with a partner before the present one, or until a separation or death.
    for (const union of ctx.unionsOf[index]!) {
      const together = Math.min(ctx.unionEnd(union), join ?? Infinity);
      if (union.start < together) candidates.push({ from: union.start, place: ctx.unionHome(union), aarsak: MOVE });
      // A partner who died lived in the survivor's present home until the death.
      const other = ctx.person(ctx.partner(union, index));
      if (person.died !== undefined && other.household >= 0) {
        const theirs = ctx.plan.households[other.household]!;
        if (theirs.movedIn < person.died && theirs.movedIn >= union.start) {
          candidates.push({ from: theirs.movedIn, place: ctx.householdPlace(other.household), aarsak: MOVE });
        }
      }
    }

    if (household && join !== undefined) {
      const aarsak = join === person.born ? 'Fødsel' : join === person.arrived ? 'Innvandring' : MOVE;
      candidates.push({ from: join, place: ctx.householdPlace(person.household), aarsak });
    }
    // Someone not living in Norway now still needs the address they had here.
    if (candidates.length === 0 && ['doed', 'utflyttet', 'forsvunnet'].includes(person.category)) {
      candidates.push({ from: present, place: ctx.elsewhere(random, kommune, person.household), aarsak: bornHere ? MOVE : 'Innvandring' });
    }

    const result = normalise(candidates, present, end, person.emigrated, person.arrived);
    const first = result[0];
    if (first) first.aarsak = bornHere ? (first.from === person.born ? 'Fødsel' : first.aarsak) : 'Innvandring';
    this.residenceCache[index] = result;
    return result;
  }

  /**
   * Sivilstand changes in order: ugift from birth (uoppgitt for D-nummer holders and closed
   * duplicates), then each marriage or partnership with its separation, divorce or widowhood, and
   * for a status the planned unions do not explain (a spouse who is not in the register) a
   * marriage before them with the ending that status needs.
   */
  civilEvents(index: number): CivilEvent[] {
    const ctx = this.ctx;
    const person = ctx.person(index);
    const random = ctx.random(STREAM.person, ctx.plan.persons.length * 2 + index);
    if (person.sivilstand === 'uoppgitt') return [{ day: ctx.presentFrom(index), sivilstand: 'uoppgitt', aarsak: 'Tildele d-nummer' }];
    const events: CivilEvent[] = [{ day: person.born, sivilstand: 'ugift', aarsak: 'Fødsel' }];
    const linked: CivilEvent[] = [];
    const registered = ctx.unionsOf[index]!.filter((u) => u.kind !== 'samboer' && u.registered !== undefined);
    for (const union of registered) {
      const partner = ctx.partner(union, index);
      const partnership = union.kind === 'registrertPartner';
      linked.push({ day: union.registered!, sivilstand: partnership ? 'registrertPartner' : 'gift', aarsak: 'Vigsel', union, partner });
      if (union.separated !== undefined) {
        linked.push({ day: union.separated, sivilstand: partnership ? 'separertPartner' : 'separert', aarsak: 'Separasjon', union, partner });
      }
      if (union.divorced !== undefined) {
        linked.push({ day: union.divorced, sivilstand: partnership ? 'skiltPartner' : 'skilt', aarsak: 'Skilsmisse', union, partner });
      }
      const died = ctx.person(partner).died;
      if (died !== undefined && union.separated === undefined) {
        linked.push({ day: died, sivilstand: partnership ? 'gjenlevendePartner' : 'enkeEllerEnkemann', aarsak: 'Dødsfall', union, partner });
      }
    }
    linked.sort((x, y) => x.day - y.day);
    const last = linked[linked.length - 1]?.sivilstand ?? 'ugift';
    if (!explains(last, person.sivilstand)) {
      const before = Math.min(linked[0]?.day ?? ctx.asOf, ...ctx.unionsOf[index]!.map((u) => u.start), ctx.asOf) - 1;
      events.push(...unlinkedMarriage(random, person.born, before, person.sivilstand, ctx.asOf, ctx.loadDay));
    }
    return [...events, ...linked];
  }
}

/** Whether the last linked event already gives the planned status. */
function explains(last: Sivilstandstype, planned: Sivilstandstype): boolean {
  if (last === planned) return true;
  const partnership: Partial<Record<Sivilstandstype, Sivilstandstype>> = {
    registrertPartner: 'registrertPartner',
    separertPartner: 'separert',
    skiltPartner: 'skilt',
    gjenlevendePartner: 'enkeEllerEnkemann',
  };
  return partnership[last] === planned;
}

/**
 * A marriage to someone outside the register, ending as `status` requires: separated within the
 * last three years, divorced, or widowed (the spouse died before the register window).
 */
function unlinkedMarriage(
  random: { between(a: number, b: number): number },
  born: Day,
  before: Day,
  status: Sivilstandstype,
  asOf: Day,
  windowStart: Day,
): CivilEvent[] {
  if (status !== 'separert' && status !== 'skilt' && status !== 'enkeEllerEnkemann') return [];
  const adult = addYears(born, 18);
  const latest = Math.max(adult + 2, Math.min(before, asOf - 1));
  let ending: Day;
  if (status === 'separert') ending = clamp(random.between(asOf - 3 * YEAR, asOf - 1), adult + 2, asOf - 1);
  else if (status === 'enkeEllerEnkemann') ending = clamp(random.between(adult + 2 * YEAR, Math.min(latest, windowStart - 1)), adult + 2, asOf - 1);
  else ending = clamp(random.between(adult + 2 * YEAR, latest), adult + 2, asOf - 1);
  const married = clamp(random.between(Math.max(adult, ending - 25 * YEAR), ending - YEAR), adult, ending - 1);
  const aarsak = status === 'separert' ? 'Separasjon' : status === 'skilt' ? 'Skilsmisse' : 'Dødsfall';
  return [
    { day: married, sivilstand: 'gift', aarsak: 'Vigsel' },
    { day: ending, sivilstand: status, aarsak },
  ];
}

function clamp(value: Day, low: Day, high: Day): Day {
  return Math.max(low, Math.min(high, value));
}

/**
 * Sorts and cleans candidate residences: nothing before the person appears or after they left,
 * one residence per day (the later candidate wins), no move to the same place, and for someone who
 * lived abroad for a while the address before leaving ceases on the day they left.
 */
function normalise(candidates: Residence[], present: Day, end: Day | undefined, emigrated: Day | undefined, returned: Day | undefined): Residence[] {
  // The sort is stable, so candidates of one day keep their order; the candidates are this person's own
  // objects, so they are adjusted in place rather than copied.
  candidates.sort((x, y) => x.from - y.from);
  for (const residence of candidates) residence.from = Math.max(residence.from, present);
  const sorted = end === undefined ? candidates : candidates.filter((residence) => residence.from < end);
  const away = emigrated !== undefined && returned !== undefined && emigrated < returned;
  const left = away ? emigrated : Infinity;
  const back = away ? returned : -Infinity;
  const result: Residence[] = [];
  for (const residence of sorted) {
    if (residence.from >= left && residence.from < back) continue;
    const previous = result[result.length - 1];
    if (previous && previous.from === residence.from) {
      result[result.length - 1] = residence;
      continue;
    }
    if (away && previous && previous.from < left && residence.from >= back) previous.ceased = left;
    else if (previous && samePlace(previous.place, residence.place)) continue;
    result.push(residence);
  }
  const merged = result.filter((residence, k) => {
    const before = result[k - 1];
    return !before || before.ceased !== undefined || !samePlace(before.place, residence.place);
  });
  const last = merged[merged.length - 1];
  if (last && end !== undefined) last.ceased = end;
  return merged;
}

function samePlace(a: Place, b: Place): boolean {
  return a.home === b.home && (a.home !== undefined || a.kommune === b.kommune);
}
