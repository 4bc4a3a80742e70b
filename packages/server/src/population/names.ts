/**
 * Person names for the synthetic population, in upper case as FREG stores them (`"fornavn": "LYS"`).
 *
 * - `realistic`: first names weighted by SSB's 2020 counts; surnames from SSB's open A–F counts plus the
 *   project's G–Å list weighted by rank against them (see docs/reference-data.md, «Surnames»).
 * - `tenor`: Skatteetaten's synthetic-population style, adjective + noun («VAKKER BLOMST»), from the
 *   project's own word lists.
 */
import { cumulative, type Random } from './random.js';
import { ETTERNAVN_A_F, FORNAVN, type NameCount } from './reference.js';
import { SURNAMES_G_AA } from './surnames-g-aa.js';
import { TENOR_ADJECTIVES, TENOR_NOUNS } from './tenor-words.js';

export type NameStyle = 'realistic' | 'tenor';
export const NAME_STYLES: readonly NameStyle[] = ['realistic', 'tenor'];

export interface NameSource {
  /** One or two given names (the FREG `fornavn`). `birthYear` is accepted for cohort-aware sources; see docs. */
  firstName(random: Random, kjoenn: 'mann' | 'kvinne', birthYear: number): string;
  /** A `mellomnavn` for some people, otherwise undefined. */
  middleName(random: Random): string | undefined;
  surname(random: Random): string;
}

/** Share of people given two first names («OLE MARTIN»), in the realistic style. */
const SECOND_GIVEN_NAME = 0.15;
/** Share of people with a surname-like middle name («BERG» in «OLE BERG HANSEN»), in the realistic style. */
const REALISTIC_MIDDLE_NAME = 0.2;
/** Tenor style: shares of hyphenated first names («BESKJEDEN-UROMANTISK») and of middle names. */
const TENOR_HYPHENATED = 0.06;
const TENOR_MIDDLE_NAME = 0.25;

export function createNameSource(style: NameStyle): NameSource {
  if (style === 'realistic') return realistic;
  if (style === 'tenor') return tenor;
  throw new RangeError(`unknown name style "${String(style)}" (expected ${NAME_STYLES.join(' or ')})`);
}

/** Names with weights, drawn in proportion to the weights. */
class WeightedNames {
  readonly names: readonly string[];
  readonly cumulative: readonly number[];

  constructor(entries: readonly NameCount[]) {
    this.names = entries.map(([name]) => name.toUpperCase());
    this.cumulative = cumulative(entries.map(([, count]) => count));
  }

  draw(random: Random): string {
    return this.names[random.weightedIndex(this.cumulative)] as string;
  }
}

/**
 * The G–Å surnames have no counts. The list is in frequency order and holds about twice as many names per
 * frequency level as A–F (about 70 of the 100 most common Norwegian surnames start with G–Å), so its name at
 * rank r gets the count of the A–F name at rank ⌈r/2⌉.
 */
export function surnameWeights(): NameCount[] {
  const countAtRank = (rank: number) => (ETTERNAVN_A_F[rank - 1] as NameCount)[1];
  return [
    ...ETTERNAVN_A_F,
    ...SURNAMES_G_AA.map((name, index): NameCount => [name, countAtRank(Math.ceil((index + 1) / 2))]),
  ];
}

const firstNames = { kvinne: new WeightedNames(FORNAVN.kvinne), mann: new WeightedNames(FORNAVN.mann) };
const surnames = new WeightedNames(surnameWeights());

const realistic: NameSource = {
  // SSB's counts are of the whole 2020 population, not per birth cohort (SSB table 10467 is not in the shared
  // data), so the birth year does not change the weights.
  firstName(random, kjoenn, _birthYear) {
    const names = firstNames[kjoenn];
    const first = names.draw(random);
    if (first.includes('-') || !random.chance(SECOND_GIVEN_NAME)) return first;
    const second = names.draw(random);
    return second === first || second.includes('-') ? first : `${first} ${second}`;
  },
  middleName: (random) => (random.chance(REALISTIC_MIDDLE_NAME) ? surnames.draw(random) : undefined),
  surname: (random) => surnames.draw(random),
};

const adjectives = TENOR_ADJECTIVES.map((word) => word.toUpperCase());
const nouns = TENOR_NOUNS.map((word) => word.toUpperCase());

function tenorAdjectives(random: Random): string {
  const first = random.pick(adjectives);
  if (!random.chance(TENOR_HYPHENATED)) return first;
  const second = random.pick(adjectives);
  return second === first ? first : `${first}-${second}`;
}

const tenor: NameSource = {
  firstName: (random) => tenorAdjectives(random),
  middleName: (random) => (random.chance(TENOR_MIDDLE_NAME) ? tenorAdjectives(random) : undefined),
  surname: (random) => random.pick(nouns),
};
