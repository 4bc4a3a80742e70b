/**
 * The generator's demographic assumptions, in one place: who lives in which kind of household at
 * which age, how old mothers are at birth, partner age gaps, and the default rates of the special
 * cases. The SSB targets (targets.ts) fix the totals; these curves only shape how persons are put
 * together. Every figure is documented in docs/generator.md.
 */
import type { Kjoenn } from './chunk-plan.js';
import { PROTECTED_RATES, SSB_FLOWS_2023, SSB_RESIDENTS_2024 } from './targets.js';

export const MAX_AGE = 100;

/** A curve over ages 0..100 from [fromAge, value] steps (each value holds until the next step). */
function steps(points: readonly [number, number][]): Float64Array {
  const curve = new Float64Array(MAX_AGE + 1);
  for (let age = 0; age <= MAX_AGE; age++) {
    let value = 0;
    for (const [from, v] of points) if (age >= from) value = v;
    curve[age] = value;
  }
  return curve;
}

type BySex = Readonly<Record<Kjoenn, Float64Array>>;

/**
 * Propensities (≈ probability that a person of this age and sex is in the role). Multiplied by the
 * remaining age quota they give the age distribution of each role.
 */
export const LIVES_ALONE: BySex = {
  mann: steps([[18, 0.03], [20, 0.15], [25, 0.25], [30, 0.22], [35, 0.18], [55, 0.22], [67, 0.28], [80, 0.42], [90, 0.55]]),
  kvinne: steps([[18, 0.03], [20, 0.15], [25, 0.2], [30, 0.14], [35, 0.1], [45, 0.12], [55, 0.22], [67, 0.36], [75, 0.5], [80, 0.72], [90, 0.85]]),
};

/** The woman (or older partner) of a couple without children at home. */
export const IN_COUPLE_WITHOUT_CHILDREN: BySex = {
  kvinne: steps([[18, 0.02], [20, 0.18], [25, 0.3], [30, 0.18], [35, 0.08], [45, 0.15], [50, 0.3], [55, 0.45], [60, 0.55], [75, 0.45], [80, 0.3], [85, 0.15], [90, 0.05]]),
  mann: steps([[18, 0.01], [20, 0.12], [25, 0.28], [30, 0.2], [35, 0.08], [45, 0.13], [50, 0.27], [55, 0.42], [60, 0.55], [75, 0.55], [80, 0.45], [85, 0.3], [90, 0.15]]),
};

/** The mother (or the older partner) of a couple with children under 18. */
export const PARENT_IN_COUPLE: BySex = {
  kvinne: steps([[18, 0.01], [20, 0.06], [25, 0.25], [30, 0.5], [35, 0.62], [40, 0.6], [45, 0.42], [50, 0.15], [55, 0.03], [60, 0.005], [70, 0]]),
  mann: steps([[20, 0.03], [25, 0.15], [30, 0.4], [35, 0.6], [40, 0.62], [45, 0.5], [50, 0.25], [55, 0.07], [60, 0.02], [70, 0]]),
};

export const SINGLE_PARENT: BySex = {
  kvinne: steps([[18, 0.005], [20, 0.03], [25, 0.05], [30, 0.06], [35, 0.08], [40, 0.09], [45, 0.08], [50, 0.04], [55, 0.01], [60, 0]]),
  mann: steps([[20, 0.005], [25, 0.01], [30, 0.015], [35, 0.02], [40, 0.025], [45, 0.025], [50, 0.015], [55, 0.005], [60, 0]]),
};

/** The mother of adult children still living at home («andre» households). */
export const PARENT_OF_ADULTS_AT_HOME: BySex = {
  kvinne: steps([[38, 0.02], [42, 0.08], [45, 0.16], [50, 0.2], [55, 0.12], [60, 0.05], [65, 0.02], [75, 0]]),
  mann: steps([[40, 0.02], [45, 0.1], [50, 0.18], [55, 0.16], [60, 0.08], [65, 0.03], [75, 0]]),
};

/** Adults sharing a dwelling without being family (students, young workers). */
export const SHARES_DWELLING: BySex = {
  kvinne: steps([[19, 0.15], [23, 0.2], [27, 0.1], [31, 0.03], [41, 0.01], [60, 0]]),
  mann: steps([[19, 0.15], [23, 0.2], [27, 0.12], [31, 0.04], [41, 0.015], [60, 0]]),
};

/** How likely a child of this age still lives with its parents, relative to a child under 18. */
export const ADULT_CHILD_AT_HOME = steps([[0, 1], [18, 1], [20, 0.6], [23, 0.3], [26, 0.12], [31, 0.04], [41, 0]]);

/** Relative fertility by the mother's age at birth (approximately SSB's age-specific rates, peak ≈ 31). */
export const FERTILITY = (() => {
  const curve = new Float64Array(MAX_AGE + 1);
  for (let age = 16; age <= 47; age++) curve[age] = Math.exp(-((age - 31) ** 2) / (2 * 5.5 ** 2));
  return curve;
})();

/** Man's age minus woman's age in couples: mean and spread. */
export const PARTNER_GAP = { mean: 2.5, deviation: 4 } as const;

/** Relative chance that a household whose head has this age is an immigrant household. */
export const IMMIGRANT_PROPENSITY = steps([[0, 0.8], [18, 1], [25, 1.8], [45, 1], [65, 0.45], [80, 0.25]]);

/** Share of opposite-sex couples who are cohabiting (not married) by the woman's age; steered towards the marital targets. */
export const COHABITING_BY_AGE = steps([[0, 0.9], [20, 0.85], [25, 0.7], [30, 0.5], [35, 0.38], [40, 0.3], [45, 0.22], [55, 0.15], [65, 0.08]]);

/** Number of children under 18 in couple and single-parent households (shares for 1, 2, 3, 4). */
export const CHILDREN_IN_COUPLE = [0.38, 0.43, 0.15, 0.04] as const;
export const CHILDREN_OF_SINGLE_PARENT = [0.5, 0.37, 0.1, 0.03] as const;

/** Twins per birth (SSB: about 1.6 % of births are multiple births). */
export const TWIN_SHARE = 0.016;

/** Couples of the same sex, and of those, two women. */
export const SAME_SEX_COUPLES = 0.012;
export const SAME_SEX_FEMALE = 0.55;

/** Norway's partnership act (1993-08-01) and the gender-neutral marriage act (2009-01-01). */
export const PARTNERSHIP_ACT = { from: '1993-08-01', until: '2008-12-31' } as const;

/**
 * Default rates. Non-resident categories are per resident (N × rate persons are added); case
 * rates are per resident, or per adult resident where noted. Sources and reasoning: docs/generator.md.
 */
export interface GenerationRates {
  /** Deceased persons registered since the register window opened (7 years of deaths). */
  deceased: number;
  /** Persons who emigrated within the window and are still abroad. */
  emigrated: number;
  /** Persons who only hold a D-number (midlertidig or inaktiv). */
  dNummer: number;
  forsvunnet: number;
  foedselsregistrert: number;
  ikkeBosatt: number;
  /** Duplicate registrations that were closed (status and identifier opphoert). */
  duplicates: number;
  /** Household rates of adressebeskyttelse; klientadresse per resident. */
  fortrolig: number;
  strengtFortrolig: number;
  klientadresse: number;
  /** Per adult resident. */
  vergemaal: number;
  fremtidsfullmakt: number;
  rettsligHandleevne: number;
  /** Households registered without a known address (ukjentBosted). */
  ukjentBosted: number;
}

/** Years of deaths and emigrations kept in the register before the reference date (FREG replaced DSF in 2017). */
export const REGISTER_WINDOW_YEARS = 7;

export const DEFAULT_RATES: Readonly<GenerationRates> = {
  deceased: (SSB_FLOWS_2023.deaths * REGISTER_WINDOW_YEARS) / SSB_RESIDENTS_2024,
  emigrated: (SSB_FLOWS_2023.emigrations * REGISTER_WINDOW_YEARS) / SSB_RESIDENTS_2024,
  dNummer: 0.1,
  forsvunnet: 0.0001,
  foedselsregistrert: 0.0005,
  ikkeBosatt: 0.002,
  duplicates: 0.0005,
  fortrolig: PROTECTED_RATES.fortrolig,
  strengtFortrolig: PROTECTED_RATES.strengtFortrolig,
  klientadresse: PROTECTED_RATES.klientadresse,
  vergemaal: 0.0075,
  fremtidsfullmakt: 0.0012,
  rettsligHandleevne: 0.0001,
  ukjentBosted: 0.001,
};
