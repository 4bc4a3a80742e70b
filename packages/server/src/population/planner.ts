/**
 * The planner's state: what is left of the targets, the steering counters, the identity
 * allocator, and the chunk being filled. households.ts and special-cases.ts add persons through it.
 */
import { addYears, ageAt, type Day } from './calendar.js';
import { OTHER_CATEGORIES, othersCount, type OtherCategory } from './categories.js';
import type { ChunkPlan, Kjoenn, PlannedHousehold, PlannedParenthood, PlannedPerson, PlannedUnion } from './chunk-plan.js';
import { NORDIC, norwegianDestination } from './countries.js';
import { MAX_AGE, REGISTER_WINDOW_YEARS, type GenerationRates } from './demography.js';
import { createAddressBook, type AddressBook } from './addresses.js';
import { IdentityAllocator } from './identities.js';
import { MaritalTracker } from './marital.js';
import { AgeQuota, KommuneQuota, apportion } from './quota.js';
import { Random } from './random.js';
import type { Kommune } from './reference.js';
import { AGE_PYRAMID_2024, HOUSEHOLD_TYPES_2024, type HouseholdType, type MaritalStatus } from './targets.js';

export interface PlannerSettings {
  persons: number;
  seed: number;
  asOf: Day;
  asOfText: string;
  kommuner: readonly Kommune[];
  names: 'realistic' | 'tenor';
  rates: GenerationRates;
  chunkSize: number;
}

/**
 * Where a household's members come from: Norway, or a country with the day the household arrived
 * and (for naturalised households) the day its members became Norwegian citizens.
 */
export interface Origin {
  country: string;
  arrived?: Day;
  naturalised?: Day;
  keepsCitizenship?: boolean;
  /** Adults held a D-nummer (issued on this day) before they settled. */
  dNummerFrom?: Day;
}

export const NORWAY: Origin = { country: 'NOR' };

/** Random-stream keys of planning and of the address book's layout (rendering derives its own). */
const PLAN_STREAM = 1;
const ADDRESS_STREAM = 2;

/** Share of adults born in Norway who lived abroad for a while and returned (the generator's estimate). */
const RETURNED_FROM_ABROAD = 0.025;

/** Ages 100–104 for the «100 and older» group (relative weights). */
const CENTENARIAN_AGES = [0.45, 0.27, 0.15, 0.08, 0.05];

export class Planner {
  readonly random: Random;
  readonly settings: PlannerSettings;
  readonly asOf: Day;
  /** The first day of the register window: deaths and emigrations from here on are kept. */
  readonly windowStart: Day;
  readonly ages: AgeQuota;
  readonly kommuner: KommuneQuota;
  readonly marital = new MaritalTracker();
  private readonly ids = new IdentityAllocator();
  /** Hands out each dwelling once, so it must be used in planning order, in this one thread. */
  private readonly addresses: AddressBook;
  /** [first, last] possible birth day for each age 0..104 at the reference date. */
  private readonly birthSpans: [Day, Day][];

  readonly householdTypes: HouseholdType[] = HOUSEHOLD_TYPES_2024.map((t) => t.type);
  readonly householdShares: number[] = HOUSEHOLD_TYPES_2024.map((t) => t.share);
  readonly householdCounts: number[] = HOUSEHOLD_TYPES_2024.map(() => 0);
  householdsPlanned = 0;

  residents = 0;
  bornAbroad = 0;
  foreignCitizens = 0;
  /** Innflytting events within the last year before the reference date. */
  recentArrivals = 0;

  /** Non-resident persons: how many to add in all, and how many were added so far. */
  readonly budgets: Record<OtherCategory, { total: number; used: number }>;

  chunkIndex = 0;
  persons: PlannedPerson[] = [];
  households: PlannedHousehold[] = [];
  unions: PlannedUnion[] = [];
  parents: PlannedParenthood[] = [];

  constructor(settings: PlannerSettings) {
    this.settings = settings;
    this.random = Random.derive(settings.seed, PLAN_STREAM);
    this.addresses = createAddressBook(Random.derive(settings.seed, ADDRESS_STREAM).int(0x1_0000_0000));
    this.asOf = settings.asOf;
    this.windowStart = addYears(settings.asOf, -REGISTER_WINDOW_YEARS);
    this.ages = new AgeQuota(AGE_PYRAMID_2024, settings.persons);
    const counts = apportion(
      settings.persons,
      settings.kommuner.map((k) => k.folketall),
    );
    this.kommuner = new KommuneQuota(
      settings.kommuner.map((k) => k.kommunenummer),
      counts,
    );
    this.budgets = Object.fromEntries(
      OTHER_CATEGORIES.map(({ category, rate }) => [category, { total: othersCount(settings.rates[rate], settings.persons), used: 0 }]),
    ) as Planner['budgets'];
    this.birthSpans = [];
    for (let age = 0; age <= MAX_AGE + CENTENARIAN_AGES.length - 1; age++) {
      this.birthSpans.push([addYears(this.asOf, -(age + 1)) + 1, addYears(this.asOf, -age) - 1]);
    }
  }

  /** A birth day for someone who is `age` at the reference date (100 = 100 and older). */
  birthDay(age: number): Day {
    let actual = age;
    if (age >= MAX_AGE) {
      let target = this.random.next();
      actual = MAX_AGE;
      for (const weight of CENTENARIAN_AGES) {
        target -= weight;
        if (target < 0) break;
        actual++;
      }
      actual = Math.min(actual, MAX_AGE + CENTENARIAN_AGES.length - 1);
    }
    const [first, last] = this.birthSpans[actual]!;
    return this.random.between(first, last);
  }

  /** Uses one non-resident of the category; false when its total is reached. */
  takeBudget(category: OtherCategory): boolean {
    const budget = this.budgets[category];
    if (budget.used >= budget.total) return false;
    budget.used++;
    return true;
  }

  /** A day drawn uniformly in [from, to]; `from` when the range is empty. */
  day(from: Day, to: Day): Day {
    return to <= from ? from : this.random.between(from, to);
  }

  /**
   * Adds a person to the chunk with a fresh identity number (the birth day may move by a few days
   * if that date's numbers are used up) and returns its index.
   */
  addPerson(person: Omit<PlannedPerson, 'id'>, kind: 'foedselsnummer' | 'dNummer' = 'foedselsnummer'): number {
    const { id, born } = this.ids.next(kind, person.born, person.kjoenn, this.asOf - 1);
    const planned = person as PlannedPerson;
    planned.id = id;
    planned.born = born;
    if (person.dNummerFrom !== undefined && kind === 'foedselsnummer') {
      planned.formerDNummer = this.ids.next('dNummer', born, person.kjoenn, this.asOf - 1).id;
    }
    this.persons.push(planned);
    return this.persons.length - 1;
  }

  /**
   * A resident of the given sex and birth day. Takes the person from the age quota, applies the
   * household's origin (immigration, citizenship) and counts the steering figures.
   */
  addResident(kjoenn: Kjoenn, born: Day, sivilstand: MaritalStatus, origin: Origin, norwegianParent = false): number {
    const facts = personOrigin(origin, born, norwegianParent);
    const index = this.addPerson({ kjoenn, born, category: 'bosatt', household: -1, sivilstand, ...facts });
    if (facts.foedeland === 'NOR' && born < addYears(this.asOf, -25) && this.random.chance(RETURNED_FROM_ABROAD)) this.livedAbroad(index);
    const person = this.persons[index]!;
    this.ages.take(kjoenn, ageAt(person.born, this.asOf));
    this.residents++;
    if (person.foedeland !== 'NOR') this.bornAbroad++;
    if (isForeignCitizen(person)) this.foreignCitizens++;
    if (person.arrived !== undefined && person.arrived >= this.asOf - 365) this.recentArrivals++;
    return index;
  }

  /** A Norwegian who emigrated as an adult and came back: both moves are in the register. */
  private livedAbroad(index: number): void {
    const person = this.persons[index]!;
    const left = this.day(addYears(person.born, 20), this.asOf - 2 * 365);
    const country = norwegianDestination(this.random);
    person.emigrated = left;
    person.emigratedTo = country;
    person.arrived = Math.min(left + this.random.between(180, 8 * 365), this.asOf - 1);
    person.arrivedFrom = country;
  }

  addHousehold(type: HouseholdType, members: number[], kommuneIndex: number, movedIn: Day): number {
    if (kommuneIndex < 0) throw new Error(`no kommune has room for a household of ${members.length}`);
    const index = this.households.length;
    const kommunenummer = this.kommuner.codes[kommuneIndex]!;
    const household: PlannedHousehold = { kommunenummer, type, members, movedIn };
    if (!this.random.chance(this.settings.rates.ukjentBosted)) household.home = this.addresses.home(this.random, kommunenummer);
    this.households.push(household);
    for (const member of members) this.persons[member]!.household = index;
    this.kommuner.take(kommuneIndex, members.length);
    this.householdCounts[this.householdTypes.indexOf(type)]! += 1;
    this.householdsPlanned++;
    return index;
  }

  addUnion(union: PlannedUnion): void {
    this.unions.push(union);
  }

  addParent(parent: number, child: number, custody: boolean): void {
    const person = this.persons[parent]!;
    this.parents.push({ parent, child, role: person.kjoenn === 'kvinne' ? 'mor' : 'far', custody });
  }

  /** The finished chunk; the planner starts a new one. */
  takeChunk(): ChunkPlan {
    const chunk: ChunkPlan = {
      index: this.chunkIndex++,
      asOf: this.settings.asOfText,
      names: this.settings.names,
      rates: this.settings.rates,
      persons: this.persons,
      households: this.households,
      unions: this.unions,
      parents: this.parents,
    };
    this.persons = [];
    this.households = [];
    this.unions = [];
    this.parents = [];
    return chunk;
  }
}

function isForeignCitizen(person: PlannedPerson): boolean {
  return person.citizenship !== 'NOR' && person.naturalised === undefined;
}

/** The migration and citizenship facts of one member of a household with this origin. */
function personOrigin(origin: Origin, born: Day, norwegianParent: boolean): Pick<
  PlannedPerson,
  'foedeland' | 'citizenship' | 'naturalised' | 'keepsCitizenship' | 'arrived' | 'arrivedFrom' | 'dNummerFrom'
> {
  if (origin.country === 'NOR' || origin.arrived === undefined) return { foedeland: 'NOR', citizenship: 'NOR' };
  const bornAbroad = born < origin.arrived;
  const citizenFromBirth = norwegianParent || (origin.naturalised !== undefined && born >= origin.naturalised);
  const facts: ReturnType<typeof personOrigin> = {
    foedeland: bornAbroad ? origin.country : 'NOR',
    citizenship: citizenFromBirth ? 'NOR' : origin.country,
  };
  if (bornAbroad) {
    facts.arrived = origin.arrived;
    facts.arrivedFrom = origin.country;
    const adultAt = addYears(born, 18);
    if (origin.dNummerFrom !== undefined && adultAt <= origin.dNummerFrom) facts.dNummerFrom = origin.dNummerFrom;
  }
  if (!citizenFromBirth && origin.naturalised !== undefined) {
    facts.naturalised = origin.naturalised;
    facts.keepsCitizenship = origin.keepsCitizenship ?? false;
  }
  return facts;
}

/** Statuses a person living without a spouse can have. */
export const SINGLE_STATUSES: readonly MaritalStatus[] = ['ugift', 'separert', 'skilt', 'enkeEllerEnkemann'];
/** Statuses of someone cohabiting (a samboer is never married to someone else in this model). */
export const COHABITANT_STATUSES: readonly MaritalStatus[] = ['ugift', 'skilt', 'enkeEllerEnkemann'];

/** Nordic citizens need no residence permit and rarely naturalise. */
export function isNordic(country: string): boolean {
  return NORDIC.has(country);
}
