/**
 * Which century an individnummer places a birth year in, and which individnummer series the
 * register allocates for a birth year. Sources: skatteetaten.no "Oppbygging av fødselsnummeret",
 * ehelse.no "Identifikatorer for personer" (fødselsnummer); Skatteetaten's 2021 notice on the
 * D-number series expansion (D-nummer). See docs/identity.md.
 *
 * Centuries are bit sets so that decoding allocates nothing.
 */

export const C1800 = 1;
export const C1900 = 2;
export const C2000 = 4;
export const CENTURIES = [
  { bit: C1800, base: 1800 },
  { bit: C1900, base: 1900 },
  { bit: C2000, base: 2000 },
] as const;

/** The century bit of a year from 1800 to 2099. */
export function centuryBit(year: number): number {
  return year < 1900 ? C1800 : year < 2000 ? C1900 : C2000;
}

/** Fødselsnummer and H-nummer: 0 when the individnummer is outside every series for `yy`. */
export function fnrCenturies(individnummer: number, yy: number): number {
  if (individnummer < 500) return C1900;
  if (individnummer < 750 && yy >= 54) return C1800;
  if (individnummer >= 900 && yy >= 40) return C1900;
  if (yy <= 39) return C2000;
  return 0;
}

/** D-numbers issued from 16 November 2021. */
function dNummer2021Centuries(individnummer: number, yy: number): number {
  if (yy <= 39) return individnummer < 200 ? C1900 : C2000;
  if (individnummer < 500 || individnummer >= 600) return C1900;
  return yy >= 58 ? C1800 : 0;
}

/**
 * D-nummer: older D-numbers follow the fødselsnummer table, newer ones the 2021 table, and the
 * number does not say which, so every century either table allows is possible.
 */
export function dNummerCenturies(individnummer: number, yy: number): number {
  return fnrCenturies(individnummer, yy) | dNummer2021Centuries(individnummer, yy);
}

/** Under the 2032 rule the individnummer no longer encodes the century. */
export const CENTURIES_2032 = C1900 | C2000;

/** Individnummer ranges in allocation order, each `[from, to]` with from ≥ to (allocated downward). */
export type Series = readonly (readonly [number, number])[];

/** Fødselsnummer and H-nummer series for a birth year; the 900 series is the 1940–99 reserve, used last. */
export function fnrSeries(year: number): Series | null {
  if (year >= 1854 && year <= 1899) return [[749, 500]];
  if (year >= 1900 && year <= 1939) return [[499, 0]];
  if (year >= 1940 && year <= 1999) return [[499, 0], [999, 900]];
  if (year >= 2000 && year <= 2039) return [[999, 500]];
  return null;
}

/** D-number series since the 2021 expansion. */
export function dNummerSeries(year: number): Series | null {
  if (year >= 1858 && year <= 1899) return [[599, 500]];
  if (year >= 1900 && year <= 1939) return [[199, 0]];
  if (year >= 1940 && year <= 1999) return [[999, 600], [499, 0]];
  if (year >= 2000 && year <= 2039) return [[999, 200]];
  return null;
}

/** 2032 rule: from 999 downward, for anyone the decoder can place (born 1900–2099). */
export function series2032(year: number): Series | null {
  return year >= 1900 && year <= 2099 ? [[999, 0]] : null;
}
