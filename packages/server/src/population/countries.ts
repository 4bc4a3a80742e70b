/**
 * Countries the generator uses: where immigrants come from and where emigrants go. Codes are ISO
 * 3166-1 alpha-3 in person facts and alpha-2 in foreign addresses (FREG's rule), with FREG's own
 * codes for Kosovo (XXK/XK) and stateless (XXX).
 */
import { FOREIGN_COUNTRIES } from './foreign-addresses.js';
import { cumulative, type Random } from './random.js';
import { FOREIGN_CITIZENSHIPS_2024 } from './targets.js';

/**
 * How the ≈ 28 % «other» foreign citizens of FOREIGN_CITIZENSHIPS_2024 are spread. Relative
 * weights are the generator's own rough guess (docs/generator.md), not SSB figures.
 */
const OTHER_CITIZENSHIPS: readonly [string, number][] = [
  ['EST', 6], ['FIN', 6], ['FRA', 6], ['NLD', 6], ['USA', 6], ['RUS', 5], ['HUN', 5], ['SVK', 5],
  ['PRT', 5], ['PAK', 5], ['CHN', 5], ['CZE', 4], ['IRN', 4], ['BRA', 4], ['ETH', 4], ['GRC', 3],
  ['HRV', 3], ['IRQ', 3], ['VNM', 3], ['TUR', 3], ['SDN', 2], ['LKA', 2], ['MMR', 2], ['SRB', 2],
  ['XXK', 2], ['NPL', 2], ['NGA', 2], ['COL', 2], ['IRL', 2], ['XXX', 2], ['BIH', 1.5], ['CAN', 1.5],
  ['KEN', 1.5], ['AUT', 1.5], ['BEL', 1.5], ['AUS', 1], ['CHE', 1], ['JPN', 1], ['CHL', 1], ['MAR', 1],
];

const ORIGINS: readonly [string, number][] = (() => {
  const listed = FOREIGN_CITIZENSHIPS_2024.filter((c) => c.landkode !== 'other').map((c): [string, number] => [c.landkode, c.share]);
  const other = FOREIGN_CITIZENSHIPS_2024.find((c) => c.landkode === 'other')?.share ?? 0;
  const otherTotal = OTHER_CITIZENSHIPS.reduce((sum, [, w]) => sum + w, 0);
  return [...listed, ...OTHER_CITIZENSHIPS.map(([code, w]): [string, number] => [code, (other * w) / otherTotal])];
})();
const ORIGIN_CUMULATIVE = cumulative(ORIGINS.map(([, share]) => share));

/** A foreign country drawn like the citizenships of Norway's foreign residents. */
export function foreignCountry(random: Random): string {
  return ORIGINS[random.weightedIndex(ORIGIN_CUMULATIVE)]![0];
}

/** Where Norwegians move abroad (relative weights, the generator's estimate). */
const NORWEGIAN_DESTINATIONS: readonly [string, number][] = [
  ['SWE', 30], ['DNK', 14], ['GBR', 10], ['USA', 10], ['ESP', 9], ['DEU', 6], ['FRA', 3], ['NLD', 3],
  ['AUS', 3], ['CHE', 3], ['ISL', 2], ['FIN', 2], ['CAN', 2], ['THA', 3],
];
const DESTINATION_CUMULATIVE = cumulative(NORWEGIAN_DESTINATIONS.map(([, w]) => w));

export function norwegianDestination(random: Random): string {
  return NORWEGIAN_DESTINATIONS[random.weightedIndex(DESTINATION_CUMULATIVE)]![0];
}

export const NORDIC = new Set(['NOR', 'SWE', 'DNK', 'FIN', 'ISL']);

const BY_ALPHA3 = new Map(FOREIGN_COUNTRIES.map((country) => [country.alpha3, country]));

/** The ISO alpha-2 code foreign addresses use; undefined for a country without one here (e.g. stateless, XXX). */
export function alpha2(alpha3: string): string | undefined {
  return BY_ALPHA3.get(alpha3)?.landkode;
}

/** A city in the country (the first of the address tables'), for places of birth and former residence. */
export function cityIn(alpha3: string): string | undefined {
  return BY_ALPHA3.get(alpha3)?.cities[0]?.[0];
}
