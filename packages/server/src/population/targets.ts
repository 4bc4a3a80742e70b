/**
 * Realism targets for the synthetic population: published SSB (Statistics Norway) figures for the
 * resident population of Norway on 1 January 2024, and the tolerances `folkeport stats` judges a
 * generated population by. Every figure names its source; figures marked APPROXIMATION are
 * estimates and are documented as such in docs/population.md.
 */

/**
 * Residents 1 January 2024 — SSB «Befolkning» (ssb.no/befolkning/folketall/statistikk/befolkning,
 * updated 22 May 2024), exact.
 */
export const SSB_RESIDENTS_2024 = 5_550_203;

/** Population changes during 2023 — same SSB page (22 May 2024), exact. */
export const SSB_FLOWS_2023 = { births: 51_980, deaths: 43_803, immigrations: 86_589, emigrations: 34_011 } as const;

/**
 * Exact SSB counts by age group, 1 January 2024 (same page, table «Befolkningen fordelt på
 * aldersgrupper»). The single-year pyramid below reproduces them exactly.
 */
export const SSB_AGE_GROUPS_2024: readonly { from: number; to: number; residents: number }[] = [
  { from: 0, to: 0, residents: 52_408 },
  { from: 1, to: 5, residents: 281_462 },
  { from: 6, to: 12, residents: 440_838 },
  { from: 13, to: 15, residents: 204_573 },
];

/**
 * Residents 1 January 2024 by single year of age: index 0..99 = that age, index 100 = 100 and older.
 *
 * APPROXIMATION of SSB statbank table 07459 «Befolkning, etter kjønn og ettårig alder» (which the
 * search material did not contain). Ages 0–15 are the exact SSB_AGE_GROUPS_2024 totals spread over
 * single years in proportion to births by year; ages 16+ are each cohort's births × survival plus an
 * estimate of immigrants of that age, with ages 20–59 (where most immigrants are) scaled so that the
 * whole pyramid sums exactly to SSB_RESIDENTS_2024 (largest-remainder rounding). Sex split by
 * estimated male shares per age (51.35 % at birth, more men in working ages, women at old ages).
 * Checks: 67+ = 933 000 (16.8 %), 80+ = 261 500, 90+ = 46 000, 100+ = 1 100; men 2 790 835,
 * women 2 759 368.
 */
export const AGE_PYRAMID_2024: { readonly mann: readonly number[]; readonly kvinne: readonly number[] } = {
  mann: [
    26_912, 27_267, 29_732, 28_294, 29_218, 30_020, 30_964, 32_196, 32_710, 32_350,
    32_299, 32_915, 32_935, 35_072, 35_329, 34_647, 33_733, 33_990, 33_372, 33_733,
    34_735, 34_682, 35_900, 37_700, 38_283, 38_441, 39_712, 40_824, 41_036, 41_460,
    41_621, 42_099, 42_737, 42_790, 41_939, 40_610, 38_590, 37_527, 36_571, 35_880,
    35_614, 35_614, 35_614, 35_880, 35_614, 34_345, 33_821, 34_765, 35_866, 37_491,
    37_753, 38_540, 38_802, 37_911, 38_907, 38_226, 37_491, 36_495, 36_443, 35_394,
    33_198, 31_840, 31_186, 30_683, 30_482, 30_079, 29_174, 28_371, 27_881, 27_342,
    26_160, 26_064, 25_152, 25_440, 25_536, 24_227, 23_855, 23_436, 19_298, 17_763,
    14_835, 13_072, 11_567, 10_578, 9_546, 7_600, 6_688, 5_776, 4_902, 4_256,
    2_976, 2_604, 2_201, 1_798, 1_426, 840, 576, 408, 264, 168,
    176,
  ],
  kvinne: [
    25_496, 25_833, 28_168, 26_806, 27_682, 28_442, 29_336, 30_504, 30_990, 30_650,
    30_601, 31_185, 31_203, 33_228, 33_471, 32_826, 31_767, 32_010, 31_428, 31_767,
    32_711, 32_661, 33_808, 35_504, 36_052, 36_202, 37_399, 38_446, 38_645, 39_044,
    38_883, 39_330, 39_926, 39_975, 39_181, 37_940, 36_053, 35_060, 34_165, 33_520,
    33_272, 33_271, 33_271, 33_520, 33_271, 32_998, 32_494, 33_401, 34_459, 36_021,
    36_273, 37_028, 37_280, 36_424, 37_381, 36_726, 36_021, 35_064, 35_013, 34_006,
    32_802, 31_460, 30_814, 30_317, 30_118, 29_721, 28_826, 29_529, 29_019, 28_458,
    28_340, 28_236, 27_248, 27_560, 27_664, 27_873, 27_445, 26_964, 22_202, 20_437,
    19_665, 17_328, 15_333, 14_022, 12_654, 12_400, 10_912, 9_424, 7_998, 6_944,
    6_624, 5_796, 4_899, 4_002, 3_174, 2_660, 1_824, 1_292, 836, 532,
    924,
  ],
};

/** The marital statuses the targets cover, in the order the tables use. */
export const MARITAL_STATUSES = ['ugift', 'gift', 'registrertPartner', 'separert', 'skilt', 'enkeEllerEnkemann'] as const;
export type MaritalStatus = (typeof MARITAL_STATUSES)[number];

type MaritalShares = Readonly<Record<MaritalStatus, number>>;

/** A row of shares from the statuses other than ugift; ugift is the remainder, so each row sums to 1. */
function shares(
  gift: number,
  registrertPartner: number,
  separert: number,
  skilt: number,
  enkeEllerEnkemann: number,
): MaritalShares {
  const ugift = Math.round((1 - gift - registrertPartner - separert - skilt - enkeEllerEnkemann) * 1e6) / 1e6;
  return { ugift, gift, registrertPartner, separert, skilt, enkeEllerEnkemann };
}

/**
 * Share of residents in each marital status, by age band and sex, 1 January 2024. APPROXIMATION:
 * SSB's 2024 table of residents by sex, age and marital status was not available, so these follow
 * SSB's published tables for 1999 and 2001 (same breakdown) brought forward with the fall in
 * marriage since, checked against SSB «Samboere» 2020–2022 (31 % of 30–34-year-olds and 50 % of
 * 40–44-year-olds married). Registered marital status only (cohabitants are «ugift»); registered
 * partners include the small separated/divorced/surviving-partner groups. Arguments: gift,
 * registrertPartner, separert, skilt, enkeEllerEnkemann; ugift is the remainder.
 */
export const MARITAL_STATUS_2024: readonly { from: number; to: number; mann: MaritalShares; kvinne: MaritalShares }[] = [
  { from: 0, to: 17, mann: shares(0, 0, 0, 0, 0), kvinne: shares(0, 0, 0, 0, 0) },
  { from: 18, to: 19, mann: shares(0.0005, 0, 0, 0, 0), kvinne: shares(0.003, 0, 0, 0, 0) },
  { from: 20, to: 24, mann: shares(0.015, 0, 0.0005, 0.0005, 0), kvinne: shares(0.04, 0, 0.001, 0.001, 0) },
  { from: 25, to: 29, mann: shares(0.1, 0.0001, 0.003, 0.003, 0), kvinne: shares(0.18, 0.0001, 0.006, 0.006, 0.0001) },
  { from: 30, to: 34, mann: shares(0.29, 0.0002, 0.012, 0.014, 0.0003), kvinne: shares(0.38, 0.0003, 0.016, 0.022, 0.0005) },
  { from: 35, to: 39, mann: shares(0.43, 0.0005, 0.02, 0.035, 0.0005), kvinne: shares(0.48, 0.0006, 0.022, 0.05, 0.001) },
  { from: 40, to: 44, mann: shares(0.49, 0.0008, 0.024, 0.065, 0.001), kvinne: shares(0.52, 0.0008, 0.025, 0.09, 0.003) },
  { from: 45, to: 49, mann: shares(0.52, 0.001, 0.025, 0.1, 0.002), kvinne: shares(0.53, 0.001, 0.024, 0.14, 0.006) },
  { from: 50, to: 54, mann: shares(0.54, 0.0012, 0.022, 0.14, 0.004), kvinne: shares(0.54, 0.001, 0.02, 0.18, 0.013) },
  { from: 55, to: 59, mann: shares(0.57, 0.0013, 0.018, 0.17, 0.008), kvinne: shares(0.56, 0.001, 0.016, 0.21, 0.026) },
  { from: 60, to: 64, mann: shares(0.6, 0.0013, 0.014, 0.19, 0.014), kvinne: shares(0.57, 0.0009, 0.012, 0.22, 0.05) },
  { from: 65, to: 69, mann: shares(0.63, 0.0012, 0.01, 0.19, 0.025), kvinne: shares(0.57, 0.0007, 0.008, 0.21, 0.09) },
  { from: 70, to: 74, mann: shares(0.66, 0.001, 0.007, 0.17, 0.045), kvinne: shares(0.55, 0.0005, 0.005, 0.19, 0.16) },
  { from: 75, to: 79, mann: shares(0.67, 0.0008, 0.005, 0.14, 0.085), kvinne: shares(0.48, 0.0003, 0.003, 0.16, 0.27) },
  { from: 80, to: 84, mann: shares(0.64, 0.0005, 0.003, 0.1, 0.17), kvinne: shares(0.36, 0.0002, 0.002, 0.12, 0.43) },
  { from: 85, to: 89, mann: shares(0.56, 0.0003, 0.002, 0.07, 0.3), kvinne: shares(0.22, 0.0001, 0.001, 0.09, 0.62) },
  { from: 90, to: 100, mann: shares(0.4, 0, 0.001, 0.05, 0.5), kvinne: shares(0.08, 0, 0.0005, 0.06, 0.8) },
];

/**
 * Immigrants (born abroad to two foreign-born parents and four foreign-born grandparents) as a share
 * of residents, 1 January 2024: 931 000 of 5 550 203 = 16.8 %. SSB «Innvandrere og norskfødte med
 * innvandrerforeldre», article «Ukrainske innvandrere økte mest», March 2024
 * (931 000 is SSB's rounded figure; with the 221 500 Norwegian-born to immigrant parents the total is
 * 1 152 540).
 */
export const IMMIGRANT_SHARE_2024 = 931_000 / SSB_RESIDENTS_2024;

/** Norwegian-born to two immigrant parents as a share of residents, 1 January 2024 — same SSB article (rounded). */
export const NORWEGIAN_BORN_TO_IMMIGRANTS_SHARE_2024 = 221_500 / SSB_RESIDENTS_2024;

/**
 * Residents with foreign citizenship, 1 January 2024. APPROXIMATION after SSB's statistics of foreign
 * citizens by citizenship («Utenlandske statsborgere»): the last exact figures found are for 1 January
 * 2021 (601 567 foreign citizens; Poland 110 301, Lithuania 47 906, Sweden 43 559, Syria 32 778,
 * Germany 25 628 — SSB, via mojanorwegia.pl, June 2021). The 2024 estimate adds about 60 000
 * Ukrainians (Ukrainian immigrants rose from 6 500 to 65 600 between 2022 and 2024, SSB March 2024)
 * and other net immigration, and removes the naturalisations that followed dual citizenship (2020).
 * Every count below is a rounded estimate.
 */
const FOREIGN_CITIZENS_2024 = 660_000;
const CITIZENS_BY_COUNTRY_2024: readonly (readonly [landkode: string, persons: number])[] = [
  ['POL', 106_000],
  ['UKR', 60_000],
  ['LTU', 46_000],
  ['SWE', 37_000],
  ['SYR', 25_000],
  ['DEU', 24_000],
  ['DNK', 18_000],
  ['IND', 16_000],
  ['ROU', 14_000],
  ['GBR', 13_000],
  ['ERI', 12_000],
  ['PHL', 12_000],
  ['LVA', 11_000],
  ['ESP', 11_000],
  ['AFG', 10_000],
  ['THA', 10_000],
  ['ITA', 9_000],
  ['ISL', 7_000],
  ['BGR', 7_000],
  ['SOM', 6_000],
];

export const FOREIGN_CITIZEN_SHARE_2024 = FOREIGN_CITIZENS_2024 / SSB_RESIDENTS_2024;

/** The 20 most common foreign citizenships as shares of all residents, plus 'other' for the rest (the generator spreads it). */
export const FOREIGN_CITIZENSHIPS_2024: readonly { landkode: string; share: number }[] = [
  ...CITIZENS_BY_COUNTRY_2024.map(([landkode, persons]) => ({ landkode, share: persons / SSB_RESIDENTS_2024 })),
  {
    landkode: 'other',
    share:
      (FOREIGN_CITIZENS_2024 - CITIZENS_BY_COUNTRY_2024.reduce((sum, [, persons]) => sum + persons, 0)) /
      SSB_RESIDENTS_2024,
  },
];

/**
 * Rates (share of residents) of protected persons and graded addresses. ESTIMATES — no yearly
 * statistic is published:
 * - strengtFortrolig (former «kode 6»): Kripos, press release 8 May 2025 (NTB): the number of persons
 *   with a blocked address fell «from over 1 000 to under 500» in ten years; earlier Skatteetaten
 *   counted 817 (NTB/VG, about 2013). We use 500.
 * - fortrolig (former «kode 7»): no public total; Kripos once reported 273 cases it had decided, but
 *   most are decided locally. We assume 7 500 (≈ 0.14 %), the order of magnitude usually cited.
 * - klientadresse (an address graded because it would reveal an institution, e.g. a crisis shelter):
 *   no public figure; we assume 1 000.
 */
export const PROTECTED_RATES: {
  readonly fortrolig: number;
  readonly strengtFortrolig: number;
  readonly klientadresse: number;
} = {
  fortrolig: 7_500 / SSB_RESIDENTS_2024,
  strengtFortrolig: 500 / SSB_RESIDENTS_2024,
  klientadresse: 1_000 / SSB_RESIDENTS_2024,
};

export type HouseholdType = 'aleneboende' | 'parUtenBarn' | 'parMedBarn' | 'enForelder' | 'andre';

/**
 * Private households 1 January 2023, exact — SSB «Familier og husholdninger» (tables 06070/06079),
 * updated 22 September 2023. «Barn» are 0–17; «andre» is one-family households whose children are all
 * 18+ (185 299) plus multi-family households without (93 225) and with (31 381) children 0–17.
 */
const HOUSEHOLDS_2023 = {
  total: 2_581_721,
  aleneboende: 1_047_741,
  parUtenBarn: 628_822,
  parMedBarn: 302_437 + 185_632, // married and cohabiting couples with children 0–17
  enForelder: 107_184,
  andre: 185_299 + 93_225 + 31_381,
};

/**
 * Private households by type, 1 January 2024: 40.8 % live alone (SSB article «Husholdningene blir
 * stadig mindre», September 2024, 2 617 300 households); the other types keep their exact 2023
 * proportions (above), scaled to the remaining 59.2 %. APPROXIMATION for the non-alone types.
 */
export const HOUSEHOLD_TYPES_2024: readonly { type: HouseholdType; share: number }[] = (() => {
  const aleneboende = 0.408;
  const others = HOUSEHOLDS_2023.total - HOUSEHOLDS_2023.aleneboende;
  const rest = (type: Exclude<HouseholdType, 'aleneboende'>) => ({
    type,
    share: ((1 - aleneboende) * HOUSEHOLDS_2023[type]) / others,
  });
  return [
    { type: 'aleneboende', share: aleneboende },
    rest('parUtenBarn'),
    rest('parMedBarn'),
    rest('enForelder'),
    rest('andre'),
  ];
})();

/**
 * Persons per private household: 2.11 on 1 January 2023 (SSB, exact: 5 452 264 persons in 2 581 721
 * households). 2024 is taken as the same (APPROXIMATION: residents in private households ≈ 5 522 000
 * over 2 617 300 households ≈ 2.11).
 */
export const PERSONS_PER_HOUSEHOLD_2024 = 2.11;

/**
 * Share of co-resident couples who are cohabiting (samboere) rather than married or registered
 * partners: 423 301 of 1 295 201 couples in private households, 1 January 2024 — SSB statbank table
 * 06093 «Par med og uten barn i privathusholdninger», sum of the 15 fylker (updated 20 September 2024).
 */
export const COHABITING_SHARE_OF_COUPLES = 423_301 / 1_295_201;

/**
 * A tolerance: `points` = absolute difference of shares (0.005 = half a percentage point);
 * `relative` = |value − target| / target.
 */
export type Tolerance = { readonly points: number } | { readonly relative: number };

/**
 * How `folkeport stats` judges each figure. A figure passes when its deviation is within the tolerance
 * OR within three standard errors of sampling noise for the population size generated (binomial for
 * shares, Poisson for counts) — so a small test population is not failed for being small. Looser
 * where the target is itself an approximation.
 */
export const TOLERANCES = {
  /** Residents per fylke / per large kommune, as a share of all residents (exact targets). */
  fylkeShare: { points: 0.003 },
  kommuneShare: { points: 0.002 },
  /** Age band by sex as a share of all residents (bands partly exact, partly approximate). */
  ageBandShare: { points: 0.003 },
  /** Sex as a share of residents (approximate target). */
  sexShare: { points: 0.005 },
  /** Marital status as a share of adult (18+) residents (approximate target). */
  maritalShare: { points: 0.02 },
  /** Immigrants as a share of residents (exact target). */
  immigrantShare: { points: 0.01 },
  /** Foreign citizens, all and per country, as a share of residents (approximate targets). */
  foreignCitizenShare: { points: 0.01 },
  citizenshipShare: { points: 0.0015 },
  /** Protected persons and klientadresser, relative to the expected count (estimates, small groups). */
  protectedCount: { relative: 0.5 },
  /** Household types as a share of households (derived from dwellings; see docs/population.md). */
  householdShare: { points: 0.05 },
  personsPerHousehold: { relative: 0.05 },
} as const satisfies Record<string, Tolerance>;
