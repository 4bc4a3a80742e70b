/**
 * Plausible Norwegian street names, built from the project's own word lists by the patterns Norwegian
 * street names follow («Bjørkelia», «Skolevegen», «Nedre Kirkegata», «Kari Hansens vei»). They are generated,
 * not real matrikkel addresses (open question T1 in the reference notes; see docs/reference-data.md).
 */
import type { Random } from './random.js';

/** Trees, plants and animals, in compound form: they combine with road words and with place words. */
const NATURE_STEMS = [
  'Bjørke', 'Furu', 'Gran', 'Eike', 'Ospe', 'Rogne', 'Selje', 'Hegge', 'Older', 'Linde', 'Alme', 'Aske',
  'Hassel', 'Lønne', 'Kastanje', 'Syrin', 'Einer', 'Lyng', 'Mose', 'Bregne', 'Kløver', 'Blåbær', 'Tyttebær',
  'Multe', 'Bringebær', 'Rips', 'Rose', 'Lilje', 'Fiol', 'Hestehov', 'Prestekrage', 'Solsikke', 'Blåveis',
  'Hvitveis', 'Løvetann', 'Marikåpe', 'Vier', 'Siv', 'Ugle', 'Trost', 'Spurve', 'Ekorn', 'Reve', 'Hjorte', 'Elg',
  'Hare', 'Måke', 'Terne', 'Svane', 'Lerke', 'Meise', 'Finke', 'Ørne', 'Falke', 'Rype', 'Orre', 'Tiur', 'Bever',
  'Oter', 'Gauke', 'Due', 'Skjære', 'Kråke', 'Hegre', 'Gaupe', 'Ulve', 'Bjørne', 'Humle', 'Sommerfugl',
];

/** Landscape words: they combine with road words and with other place words («Solhaugen», «Steinvika»). */
const PLACE_STEMS = [
  'Haug', 'Ås', 'Li', 'Dal', 'Berg', 'Fjell', 'Stein', 'Myr', 'Mo', 'Nes', 'Vik', 'Strand', 'Sjø', 'Fjord',
  'Elve', 'Bekke', 'Foss', 'Holme', 'Tange', 'Sand', 'Kolle', 'Enge', 'Jorde', 'Løkke', 'Vang', 'Voll', 'Tun',
  'Hage', 'Skog', 'Lunde', 'Bråten', 'Slette', 'Sol', 'Havne', 'Midt', 'Lang', 'Stor', 'Ny', 'Tverr', 'Kjerr',
  'Grus', 'Leir', 'Kleiv', 'Rud', 'Aker', 'Myrull', 'Sæter',
];

/** Buildings and institutions found everywhere: they combine with road words only. */
const VILLAGE_STEMS = [
  'Kirke', 'Skole', 'Stasjons', 'Mølle', 'Sag', 'Smie', 'Prestegårds', 'Meieri', 'Post', 'Bedehus', 'Idretts',
  'Kapell', 'Sjøbu', 'Naust', 'Grendehus', 'Butikk',
];

/** Buildings and institutions of towns, used more the more urban the kommune. */
const TOWN_STEMS = [
  'Torg', 'Brygge', 'Kai', 'Fabrikk', 'Kongs', 'Dronning', 'Sykehus', 'Ting', 'Verksted', 'Park', 'Tollbod',
  'Rådhus', 'Teater', 'Skysstasjon', 'Bibliotek', 'Museums',
];

/** Place words in the definite form («-lia»): after a nature stem, or alone as a farm name. */
const PLACE_WORDS = [
  'lia', 'åsen', 'haugen', 'tunet', 'løkka', 'jordet', 'myra', 'tangen', 'kollen', 'toppen', 'hagen', 'lunden',
  'moen', 'vika', 'neset', 'holmen', 'dalen', 'grenda', 'bråten', 'enga',
];

const STEM_GROUPS = [NATURE_STEMS, PLACE_STEMS, VILLAGE_STEMS];

const DIRECTIONS = ['Nedre', 'Øvre', 'Søndre', 'Nordre', 'Vestre', 'Østre', 'Store', 'Lille', 'Gamle'];

/** Road words with weights for house streets and for streets of blocks of flats (gata grows with urbanity). */
const ROAD_WORDS: readonly { word: string; house: number; block: number; urban: number }[] = [
  { word: 'veg', house: 50, block: 40, urban: 0 },
  { word: 'gata', house: 4, block: 15, urban: 25 },
  { word: 'sti', house: 7, block: 3, urban: 0 },
  { word: 'bakken', house: 10, block: 5, urban: 0 },
  { word: 'svingen', house: 5, block: 3, urban: 0 },
  { word: 'kroken', house: 4, block: 1, urban: 0 },
  { word: 'ringen', house: 3, block: 4, urban: 0 },
  { word: 'plassen', house: 1, block: 3, urban: 2 },
  { word: 'terrassen', house: 2, block: 4, urban: 0 },
];

export type StreetKind = 'house' | 'block';

export interface StreetNaming {
  /** 0 for the smallest kommuner … 1 for Oslo; more «gata», person-named streets and flats in cities. */
  urbanity: number;
  /** Share of streets spelt «-vegen» rather than «-veien» (nynorsk, and part of the neutral kommuner). */
  vegenShare: number;
  /** Decides, per stem, which spelling the kommune uses, so that no kommune has both «Furuveien» and «Furuvegen». */
  spellingSeed: number;
  /** Given names and surnames for person-named streets, in title case. */
  givenNames: readonly string[];
  surnames: readonly string[];
}

/** Street names of one kommune: every name it gives is new in that kommune. */
export class StreetNamer {
  private readonly used = new Set<string>();
  private readonly roadWeights: Record<StreetKind, number[]>;

  constructor(private readonly naming: StreetNaming) {
    let house = 0;
    let block = 0;
    this.roadWeights = { house: [], block: [] };
    for (const road of ROAD_WORDS) {
      this.roadWeights.house.push((house += road.house + road.urban * naming.urbanity));
      this.roadWeights.block.push((block += road.block + road.urban * naming.urbanity));
    }
  }

  /** A street name not used before in this kommune; `poststed` (upper case) may lend the street its name. */
  street(random: Random, kind: StreetKind, poststed: string): string {
    for (let attempt = 0; ; attempt++) {
      // After clashes, «Nedre …», «Øvre …» variants of the common patterns; then person-named streets,
      // which never run out.
      const name = attempt < 30 ? this.candidate(random, kind, poststed, attempt >= 10) : this.personStreet(random);
      if (!this.used.has(name)) {
        this.used.add(name);
        return name;
      }
    }
  }

  /** A farm or place name for `adressetilleggsnavn` of a matrikkel address («Nordre Haugen», «Bjørkelia»). */
  farm(random: Random): string {
    const word = random.pick(PLACE_WORDS);
    const base = random.chance(0.4) ? random.pick(NATURE_STEMS) + word : capitalise(word);
    return random.chance(0.3) ? `${random.pick(DIRECTIONS)} ${base}` : base;
  }

  private candidate(random: Random, kind: StreetKind, poststed: string, withDirection: boolean): string {
    const { urbanity } = this.naming;
    const pattern = random.next();
    let base: string;
    if (pattern < 0.02 + 0.08 * urbanity) return this.personStreet(random);
    if (pattern < 0.12 + 0.08 * urbanity && /^[A-ZÆØÅ]{3,12}$/.test(poststed)) {
      const stem = capitalise(poststed.toLowerCase());
      base = stem + this.roadWord(random, kind, stem);
    } else if (pattern < 0.4 && kind === 'house') {
      const stem = random.pick(random.chance(0.7) ? NATURE_STEMS : PLACE_STEMS);
      const word = random.pick(PLACE_WORDS);
      // No «Haughaugen» or «Lilia».
      if (word.startsWith(stem.toLowerCase().slice(0, 3))) return this.candidate(random, kind, poststed, withDirection);
      base = stem + word;
    } else {
      let stems = random.pick(STEM_GROUPS);
      if (stems === VILLAGE_STEMS && random.chance(urbanity)) stems = TOWN_STEMS;
      const stem = random.pick(stems);
      base = stem + this.roadWord(random, kind, stem);
    }
    return withDirection || random.chance(0.08) ? `${random.pick(DIRECTIONS)} ${base}` : base;
  }

  /** «Kari Hansens vei», «Ole Nilsens gate», «Olav Kjus' veg» (a surname ending in s takes an apostrophe). */
  private personStreet(random: Random): string {
    const { givenNames, surnames, urbanity, vegenShare } = this.naming;
    const surname = random.pick(surnames);
    const genitive = /[sxz]$/.test(surname) ? `${surname}'` : `${surname}s`;
    const road = random.chance(0.2 + 0.4 * urbanity) ? 'gate' : random.chance(vegenShare) ? 'veg' : 'vei';
    return `${random.pick(givenNames)} ${genitive} ${road}`;
  }

  private roadWord(random: Random, kind: StreetKind, stem: string): string {
    const word = (ROAD_WORDS[random.weightedIndex(this.roadWeights[kind])] as (typeof ROAD_WORDS)[number]).word;
    if (word !== 'veg' && word !== 'sti') return word;
    const vegen = stemHash(stem, this.naming.spellingSeed) / 4294967296 < this.naming.vegenShare;
    if (word === 'veg') return vegen ? 'vegen' : 'veien';
    return vegen ? 'stigen' : 'stien';
  }
}

function stemHash(stem: string, seed: number): number {
  let h = seed >>> 0;
  for (let i = 0; i < stem.length; i++) h = Math.imul(h ^ stem.charCodeAt(i), 0x01000193);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  return (h ^ (h >>> 13)) >>> 0;
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}
