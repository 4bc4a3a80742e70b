/**
 * Persons beyond the residents: the deceased, emigrants, D-nummer holders, the missing, the
 * birth-registered and non-resident Norwegians, and closed duplicates. They are spread evenly
 * over the chunks (in step with the residents planned), except deceased spouses, who are planned
 * with their widow or widower so both sides of the marriage agree.
 */
import { addYears, parseDay, type Day } from './calendar.js';
import { OTHER_CATEGORIES, type OtherCategory } from './categories.js';
import type { Kjoenn, PlannedPerson } from './chunk-plan.js';
import { foreignCountry, norwegianDestination } from './countries.js';
import { REGISTER_WINDOW_YEARS } from './demography.js';
import type { Planner } from './planner.js';
import { cumulative } from './random.js';
import { addUnion } from './unions.js';

const YEAR = 365;
/** Automatic inactivation of D-numbers older than five years started on this day. */
const INACTIVATION_START = parseDay('2022-02-01')!;

/**
 * A death day in the register window, at least `from`. Deaths are spread evenly over the
 * window's years (each year gets a 1/7 share, like SSB's yearly deaths), then drawn within the year.
 */
function deathDay(p: Planner, from: Day): Day {
  const last = p.asOf - 1;
  const k = p.budgets.doed.used % REGISTER_WINDOW_YEARS;
  const yearStart = addYears(p.windowStart, k);
  const yearEnd = Math.min(addYears(p.windowStart, k + 1) - 1, last);
  if (from <= yearEnd) return p.day(Math.max(from, yearStart), yearEnd);
  return p.day(from, last);
}

function otherSex(kjoenn: Kjoenn): Kjoenn {
  return kjoenn === 'kvinne' ? 'mann' : 'kvinne';
}

/**
 * The late husband or wife of a widowed resident, who died within the register window, after the
 * couple's youngest child was born. Returns the new person's index, or -1 when the window has no
 * room for such a death or the deceased total is used up.
 */
export function addDeceasedSpouse(p: Planner, widow: number, children: number[]): number {
  const survivor = p.persons[widow]!;
  const births = children.map((c) => p.persons[c]!.born);
  const from = Math.max(p.windowStart, addYears(survivor.born, 20), ...births);
  if (from > p.asOf - 1 || !p.takeBudget('doed')) return -1;
  const died = deathDay(p, from);
  const kjoenn = p.random.chance(0.99) ? otherSex(survivor.kjoenn) : survivor.kjoenn;
  const gap = (kjoenn === 'mann' ? 2.5 : kjoenn === survivor.kjoenn ? 0 : -2.5) * YEAR;
  let born = Math.round(survivor.born - gap + p.random.normal(0, 4 * YEAR));
  const latest = Math.min(died - 20 * YEAR, ...births.map((b) => addYears(b, -16)));
  born = Math.min(born, latest);
  const spouse = p.addPerson({
    kjoenn,
    born,
    category: 'doed',
    household: -1,
    sivilstand: 'gift',
    foedeland: survivor.foedeland,
    citizenship: survivor.citizenship,
    died,
    ...(survivor.arrived !== undefined && survivor.arrived < died && { arrived: survivor.arrived, arrivedFrom: survivor.arrivedFrom }),
    ...(survivor.naturalised !== undefined && survivor.naturalised < died && { naturalised: survivor.naturalised, keepsCitizenship: survivor.keepsCitizenship }),
  });
  addUnion(p, widow, spouse, 'gift', { ...(births.length > 0 && { firstChild: Math.min(...births) }), until: died - 1 });
  for (const child of children) p.addParent(spouse, child, p.persons[child]!.born > addYears(died, -18));
  return spouse;
}

/** Adds the non-residents due after the residents planned so far (all that are left when `final`). */
export function addScheduledOthers(p: Planner, final: boolean): void {
  const share = p.settings.persons === 0 ? 1 : p.residents / p.settings.persons;
  for (const { category } of OTHER_CATEGORIES) {
    const budget = p.budgets[category];
    const due = final ? budget.total : Math.floor(budget.total * share);
    while (budget.used < due) {
      budget.used++;
      ADD[category](p);
    }
  }
}

/** A kommune (for a non-resident's former or registered address), in proportion to population. */
function someKommune(p: Planner): string {
  if (!kommuneWeights.has(p)) kommuneWeights.set(p, cumulative(p.settings.kommuner.map((k) => k.folketall)));
  return p.settings.kommuner[p.random.weightedIndex(kommuneWeights.get(p)!)]!.kommunenummer;
}
const kommuneWeights = new WeakMap<Planner, number[]>();

function sex(p: Planner): Kjoenn {
  return p.random.chance(0.5) ? 'mann' : 'kvinne';
}

function clampAge(value: number, low: number, high: number): number {
  return Math.max(low, Math.min(high, Math.round(value)));
}

/** A day `years` before `day`, give or take a year. */
function yearsBefore(p: Planner, day: Day, years: number): Day {
  return day - Math.floor(years * YEAR) - p.random.int(YEAR);
}

function other(p: Planner, person: Omit<PlannedPerson, 'id' | 'household'>, kind: 'foedselsnummer' | 'dNummer' = 'foedselsnummer'): void {
  p.addPerson({ ...person, household: -1 }, kind);
}

const ADD: Record<OtherCategory, (p: Planner) => void> = {
  doed(p) {
    const died = deathDay(p, p.windowStart);
    const age = p.random.chance(0.97) ? clampAge(p.random.normal(83, 10), 30, 104) : p.random.int(30);
    const born = Math.min(yearsBefore(p, died, age), died - 1);
    const immigrant = age >= 18 && p.random.chance(0.1);
    const country = immigrant ? foreignCountry(p.random) : 'NOR';
    const statuses = age < 30 ? ['ugift'] : age >= 65 ? ['ugift', 'skilt', 'enkeEllerEnkemann', 'enkeEllerEnkemann'] : ['ugift', 'skilt'];
    other(p, {
      kjoenn: sex(p),
      born,
      category: 'doed',
      kommune: someKommune(p),
      sivilstand: p.random.pick(statuses) as PlannedPerson['sivilstand'],
      foedeland: country,
      citizenship: country,
      died,
      ...(immigrant && { arrived: p.day(addYears(born, 18), died - 1), arrivedFrom: country }),
    });
  },
  utflyttet(p) {
    const k = p.budgets.utflyttet.used % REGISTER_WINDOW_YEARS;
    const emigrated = p.day(addYears(p.windowStart, k), Math.min(addYears(p.windowStart, k + 1) - 1, p.asOf - 1));
    const age = clampAge(p.random.normal(31, 10), 0, 85);
    const born = Math.min(yearsBefore(p, emigrated, age), emigrated - 2);
    const foreign = p.random.chance(0.65);
    const country = foreign ? foreignCountry(p.random) : 'NOR';
    other(p, {
      kjoenn: sex(p),
      born,
      category: 'utflyttet',
      kommune: someKommune(p),
      sivilstand: age >= 25 && p.random.chance(0.1) ? 'skilt' : 'ugift',
      foedeland: country,
      citizenship: country,
      emigrated,
      emigratedTo: foreign && p.random.chance(0.85) ? country : norwegianDestination(p.random),
      ...(foreign && { arrived: Math.min(emigrated - 1, Math.max(born + 1, emigrated - p.random.between(200, 12 * YEAR))), arrivedFrom: country }),
    });
  },
  dNummer(p) {
    const issued = Math.max(p.asOf - 25 * YEAR, p.asOf - 1 - Math.floor(-Math.log(1 - p.random.next()) * 6 * YEAR));
    const age = clampAge(p.random.normal(33, 10), 16, 75);
    const country = foreignCountry(p.random);
    const due = Math.max(addYears(issued, 5), INACTIVATION_START);
    other(
      p,
      {
        kjoenn: sex(p),
        born: yearsBefore(p, issued, age),
        category: 'dNummer',
        kommune: someKommune(p),
        sivilstand: 'uoppgitt',
        foedeland: country,
        citizenship: country,
        dNummerFrom: issued,
        ...(due < p.asOf && { statusFrom: p.day(due, Math.min(due + 30, p.asOf - 1)) }),
      },
      'dNummer',
    );
  },
  forsvunnet(p) {
    const missing = p.day(p.windowStart, p.asOf - 1);
    other(p, {
      kjoenn: sex(p),
      born: yearsBefore(p, missing, p.random.between(18, 80)),
      category: 'forsvunnet',
      kommune: someKommune(p),
      sivilstand: 'ugift',
      foedeland: 'NOR',
      citizenship: 'NOR',
      statusFrom: missing,
    });
  },
  foedselsregistrert(p) {
    const born = p.day(addYears(p.asOf, -10), p.asOf - 1);
    const country = foreignCountry(p.random);
    other(p, {
      kjoenn: sex(p),
      born,
      category: 'foedselsregistrert',
      kommune: someKommune(p),
      sivilstand: 'ugift',
      foedeland: 'NOR',
      citizenship: country,
      statusFrom: born,
    });
  },
  ikkeBosatt(p) {
    const born = yearsBefore(p, p.asOf - 1, p.random.between(0, 70));
    const country = norwegianDestination(p.random);
    other(p, {
      kjoenn: sex(p),
      born,
      category: 'ikkeBosatt',
      kommune: someKommune(p),
      sivilstand: 'ugift',
      foedeland: country,
      citizenship: 'NOR',
      statusFrom: p.day(Math.max(born, p.windowStart - 10 * YEAR), p.asOf - 1),
    });
  },
  opphoert(p) {
    const closed = p.day(p.windowStart, p.asOf - 1);
    other(p, {
      kjoenn: sex(p),
      born: yearsBefore(p, closed, p.random.between(18, 90)),
      category: 'opphoert',
      sivilstand: 'uoppgitt',
      foedeland: 'NOR',
      citizenship: 'NOR',
      statusFrom: closed,
    });
  },
};
