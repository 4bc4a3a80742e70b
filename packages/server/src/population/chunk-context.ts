/**
 * What rendering needs to know about a whole chunk: who is related to whom, every household's
 * home, deterministic random streams per person, and the names of everyone (a child's surname
 * comes from its parents, a married name from the spouse).
 */
import type { Personnavn } from '@folkeport/model';
import type { HomeAddress } from './addresses.js';
import { addYears, parseDay, yearOf, type Day } from './calendar.js';
import type { ChunkPlan, PlannedParenthood, PlannedPerson, PlannedUnion } from './chunk-plan.js';
import { REGISTER_WINDOW_YEARS } from './demography.js';
import { createNameSource, type NameSource } from './names.js';
import { Random } from './random.js';

/** Random-stream keys of rendering; planning uses 1 and 2. */
export const STREAM = {
  person: 11,
  name: 12,
  residence: 13,
  union: 14,
  clock: 15,
  ids: 16,
} as const;

/** A place someone lived: a dwelling in a kommune, or only the kommune (ukjentBosted). */
export interface Place {
  kommune: string;
  home?: HomeAddress;
}

export interface PersonNames {
  birth: Personnavn;
  /** A name taken at marriage, and the day. */
  married?: { name: Personnavn; from: Day };
}

const nameSources = new Map<string, NameSource>();

export class ChunkContext {
  readonly plan: ChunkPlan;
  readonly seed: number;
  readonly asOf: Day;
  /** The register's first load: facts before it are «Grunnbefolkning». */
  readonly loadDay: Day;
  readonly parentsOf: PlannedParenthood[][];
  readonly childrenOf: PlannedParenthood[][];
  readonly unionsOf: PlannedUnion[][];
  private readonly names: NameSource;
  private readonly homes: number[] = [];
  private readonly homesByKommune = new Map<string, number[]>();
  private readonly birthNames: (Personnavn | undefined)[] = [];
  private readonly marriedNames: (PersonNames['married'] | null | undefined)[] = [];
  private readonly unionHomes = new Map<PlannedUnion, Place>();
  /** Position of each union in the plan (keys its random streams). */
  readonly unionIndex = new Map<PlannedUnion, number>();

  constructor(plan: ChunkPlan, seed: number) {
    this.plan = plan;
    this.seed = seed;
    const asOf = parseDay(plan.asOf);
    if (asOf === null) throw new RangeError(`chunk ${plan.index}: asOf ${JSON.stringify(plan.asOf)} is not a date`);
    this.asOf = asOf;
    this.loadDay = addYears(asOf, -REGISTER_WINDOW_YEARS);
    let names = nameSources.get(plan.names);
    if (!names) nameSources.set(plan.names, (names = createNameSource(plan.names)));
    this.names = names;
    const n = plan.persons.length;
    this.parentsOf = Array.from({ length: n }, () => []);
    this.childrenOf = Array.from({ length: n }, () => []);
    this.unionsOf = Array.from({ length: n }, () => []);
    for (const relation of plan.parents) {
      this.parentsOf[relation.child]!.push(relation);
      this.childrenOf[relation.parent]!.push(relation);
    }
    for (const [k, union] of plan.unions.entries()) {
      this.unionIndex.set(union, k);
      this.unionsOf[union.a]!.push(union);
      this.unionsOf[union.b]!.push(union);
    }
    plan.households.forEach((household, index) => {
      if (!household.home) return;
      this.homes.push(index);
      let list = this.homesByKommune.get(household.kommunenummer);
      if (!list) this.homesByKommune.set(household.kommunenummer, (list = []));
      list.push(index);
    });
  }

  person(index: number): PlannedPerson {
    return this.plan.persons[index]!;
  }

  /** An independent random stream for one purpose and one person (or union) of this chunk. */
  random(stream: number, index: number): Random {
    return Random.derive(this.seed, stream, this.plan.index, index);
  }

  /** Where a person appears in the register: birth in Norway, immigration, or the number being issued. */
  presentFrom(index: number): Day {
    const person = this.person(index);
    if (person.category === 'dNummer') return person.dNummerFrom ?? person.born;
    if (person.category === 'ikkeBosatt') return person.statusFrom ?? person.born;
    return person.foedeland === 'NOR' ? person.born : (person.arrived ?? person.born);
  }

  householdPlace(household: number): Place {
    const { kommunenummer, home } = this.plan.households[household]!;
    return home ? { kommune: kommunenummer, home } : { kommune: kommunenummer };
  }

  /**
   * Somewhere the person lived before: the present home of another household of the chunk
   * (someone else lives there now), mostly in `kommune` when the chunk has homes there; never the
   * home of `notHousehold` (the person's own). Only the kommune when the chunk has no other home.
   */
  elsewhere(random: Random, kommune: string | undefined, notHousehold = -1): Place {
    const local = kommune === undefined ? undefined : this.homesByKommune.get(kommune);
    const pool = local && local.length > 1 && random.chance(0.7) ? local : this.homes;
    let household = -1;
    for (let attempt = 0; attempt < 4 && (household < 0 || household === notHousehold); attempt++) household = pool.length > 0 ? random.pick(pool) : -1;
    if (household < 0 || household === notHousehold) return { kommune: kommune ?? this.plan.households[0]?.kommunenummer ?? '0301' };
    return this.householdPlace(household);
  }

  /** The home a couple shared before their present one (or until they split up). */
  unionHome(union: PlannedUnion): Place {
    let place = this.unionHomes.get(union);
    if (!place) {
      const random = this.random(STREAM.union, this.unionIndex.get(union)!);
      const household = this.person(union.a).household >= 0 ? this.person(union.a).household : this.person(union.b).household;
      place = this.elsewhere(random, household >= 0 ? this.plan.households[household]!.kommunenummer : this.person(union.a).kommune, household);
      this.unionHomes.set(union, place);
    }
    return place;
  }

  /** The partner's index in a union. */
  partner(union: PlannedUnion, index: number): number {
    return union.a === index ? union.b : union.a;
  }

  /** The day a couple stopped living together: separation, a death, or never (Infinity). */
  unionEnd(union: PlannedUnion): Day {
    const deaths = [this.person(union.a).died, this.person(union.b).died].filter((d): d is number => d !== undefined);
    return Math.min(union.separated ?? Infinity, ...deaths);
  }

  birthName(index: number): Personnavn {
    const cached = this.birthNames[index];
    if (cached) return cached;
    const person = this.person(index);
    const random = this.random(STREAM.name, index);
    const fornavn = this.names.firstName(random, person.kjoenn, yearOf(person.born));
    let mellomnavn = this.names.middleName(random);
    let etternavn: string;
    const parents = this.parentsOf[index]!;
    const mother = parents.find((r) => r.role === 'mor');
    const father = parents.find((r) => r.role === 'far');
    if (mother || father) {
      const fromFather = father && (!mother || random.chance(0.6));
      const parent = (fromFather ? father : mother ?? father)!;
      etternavn = this.nameOn(parent.parent, person.born).etternavn;
      if (mother && father && random.chance(0.15)) {
        const other = this.nameOn(fromFather ? mother.parent : father.parent, person.born).etternavn;
        if (other !== etternavn) mellomnavn = other;
      }
    } else etternavn = this.names.surname(random);
    const name: Personnavn = mellomnavn ? { fornavn, mellomnavn, etternavn } : { fornavn, etternavn };
    this.birthNames[index] = name;
    return name;
  }

  /** A name taken at marriage: most often the wife takes the husband's surname (keeping hers as mellomnavn). */
  marriedName(index: number): PersonNames['married'] {
    const cached = this.marriedNames[index];
    if (cached !== undefined) return cached ?? undefined;
    let result: PersonNames['married'] | null = null;
    const person = this.person(index);
    const marriage = this.unionsOf[index]!.find((u) => u.kind === 'gift' && u.registered !== undefined);
    if (marriage) {
      const spouse = this.person(this.partner(marriage, index));
      const random = this.random(STREAM.name, this.plan.persons.length + index);
      const takes = spouse.kjoenn !== person.kjoenn && random.chance(person.kjoenn === 'kvinne' ? 0.4 : 0.04);
      if (takes) {
        const own = this.birthName(index);
        const theirs = this.birthName(this.partner(marriage, index)).etternavn;
        if (theirs !== own.etternavn) {
          const mellomnavn = random.chance(0.5) ? own.etternavn : own.mellomnavn;
          const name: Personnavn = mellomnavn ? { fornavn: own.fornavn, mellomnavn, etternavn: theirs } : { fornavn: own.fornavn, etternavn: theirs };
          result = { name, from: marriage.registered! };
        }
      }
    }
    this.marriedNames[index] = result;
    return result ?? undefined;
  }

  /** The name a person had on a day. */
  nameOn(index: number, day: Day): Personnavn {
    const married = this.marriedName(index);
    return married && married.from <= day ? married.name : this.birthName(index);
  }

  namesOf(index: number): PersonNames {
    const married = this.marriedName(index);
    return married ? { birth: this.birthName(index), married } : { birth: this.birthName(index) };
  }
}
