/**
 * The reference tables of the population generator, typed: kommuner, fylker, postnummer and the SSB name
 * counts. The JSON files beside this module are derived from the shared reference data by
 * scripts/derive-reference-data.ts; docs/reference-data.md gives their sources and licences.
 */
import etternavnData from './data/etternavn.json' with { type: 'json' };
import fornavnData from './data/fornavn.json' with { type: 'json' };
import fylkerData from './data/fylker.json' with { type: 'json' };
import kommunerData from './data/kommuner.json' with { type: 'json' };
import postnummerData from './data/postnummer.json' with { type: 'json' };
import type { Random } from './random.js';
import { cumulative } from './random.js';

/** The kommune's official written standard (målform): bokmål, nynorsk or neutral. */
export type Maalform = 'bokmaal' | 'nynorsk' | 'noeytral';

export interface Kommune {
  kommunenummer: string;
  /** The Norwegian name (for the 12 kommuner with a Sami or Kven name too, the Norwegian one). */
  navn: string;
  fylkesnummer: string;
  /** Residents on 1 January 2024 (SSB). */
  folketall: number;
  maalform: Maalform;
}

export interface Fylke {
  fylkesnummer: string;
  navn: string;
}

/** Bring's categories kept here: G street addresses, B both street and box addresses, P box addresses. */
export type Postnummerkategori = 'G' | 'B' | 'P';

export interface Postnummer {
  postnummer: string;
  /** As Bring publishes it and FREG stores it: upper case, e.g. `SNILSTVEITØY`. */
  poststed: string;
  kommunenummer: string;
  kategori: Postnummerkategori;
}

export interface KommunePostnumre {
  /** G and B codes: the only ones home addresses use. Every kommune has at least one. */
  bolig: readonly Postnummer[];
  /** P and B codes, for postboks addresses (empty for a kommune without any). */
  postboks: readonly Postnummer[];
}

/** A name with the number of residents bearing it in 2020 (SSB). */
export type NameCount = readonly [name: string, count: number];

export const KOMMUNER: readonly Kommune[] = kommunerData as Kommune[];
export const FYLKER: readonly Fylke[] = fylkerData;
export const POSTNUMRE: readonly Postnummer[] = postnummerData.map(([postnummer, poststed, kommunenummer, kategori]) => ({
  postnummer: postnummer as string,
  poststed: poststed as string,
  kommunenummer: kommunenummer as string,
  kategori: kategori as Postnummerkategori,
}));

/** First names borne by at least 200 residents in 2020, by gender, most common first. */
export const FORNAVN: Readonly<Record<'kvinne' | 'mann', readonly NameCount[]>> = {
  kvinne: nameCounts(fornavnData.kvinne),
  mann: nameCounts(fornavnData.mann),
};
/** Surnames A–F borne by at least 200 residents in 2020, most common first (the only open SSB surname counts). */
export const ETTERNAVN_A_F: readonly NameCount[] = nameCounts(etternavnData);

function nameCounts(rows: (string | number)[][]): NameCount[] {
  return rows.map(([name, count]) => [String(name), Number(count)]);
}

export const KOMMUNE_BY_NUMMER: ReadonlyMap<string, Kommune> = new Map(KOMMUNER.map((k) => [k.kommunenummer, k]));

export const POSTNUMRE_BY_KOMMUNE: ReadonlyMap<string, KommunePostnumre> = new Map(
  KOMMUNER.map((k) => {
    const own = POSTNUMRE.filter((p) => p.kommunenummer === k.kommunenummer);
    return [
      k.kommunenummer,
      { bolig: own.filter((p) => p.kategori !== 'P'), postboks: own.filter((p) => p.kategori !== 'G') },
    ];
  }),
);

/** The kommune with this number; a clear error for one that does not exist (in the 2024 structure). */
export function kommune(kommunenummer: string): Kommune {
  const found = KOMMUNE_BY_NUMMER.get(kommunenummer);
  if (!found) throw new RangeError(`unknown kommunenummer "${kommunenummer}" (expected one of the 357 kommuner of 2024)`);
  return found;
}

const FOLKETALL_CUMULATIVE = cumulative(KOMMUNER.map((k) => k.folketall));

/** A kommune drawn in proportion to its population. */
export function randomKommune(random: Random): Kommune {
  return KOMMUNER[random.weightedIndex(FOLKETALL_CUMULATIVE)] as Kommune;
}
