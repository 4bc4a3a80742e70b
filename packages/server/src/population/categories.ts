/** The kinds of persons added beyond the N residents, and how many of each a population gets. */
import type { PersonCategory } from './chunk-plan.js';
import type { GenerationRates } from './demography.js';

export type OtherCategory = Exclude<PersonCategory, 'bosatt'>;

export const OTHER_CATEGORIES: readonly { category: OtherCategory; rate: keyof GenerationRates }[] = [
  { category: 'doed', rate: 'deceased' },
  { category: 'utflyttet', rate: 'emigrated' },
  { category: 'dNummer', rate: 'dNummer' },
  { category: 'forsvunnet', rate: 'forsvunnet' },
  { category: 'foedselsregistrert', rate: 'foedselsregistrert' },
  { category: 'ikkeBosatt', rate: 'ikkeBosatt' },
  { category: 'opphoert', rate: 'duplicates' },
];

/** Persons of a category for N residents: the rate times N, rounded. */
export function othersCount(rate: number, residents: number): number {
  return Math.round(rate * residents);
}
