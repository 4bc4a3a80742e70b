/**
 * Plausible addresses for the synthetic population: home addresses (vegadresse or matrikkeladresse with their
 * matrikkel id and kretser), postboks addresses and foreign addresses.
 *
 * Each kommune gets, on first use, a deterministic table of streets (and of farms for matrikkel addresses)
 * built from the address book's seed: names, adressekode, postnummer and kretser per street, and a number
 * range per street. The table's capacity is about 1.6 times the kommune's dwellings, and `home()` hands out
 * each dwelling (a house, a flat in a block, a farm unit) once; only when a kommune is nearly full do
 * households start to share one. Street names are generated, not real matrikkel addresses
 * (docs/reference-data.md).
 */
import type { InternasjonalAdresse, Matrikkeladresse, Postboksadresse, Vegadresse } from '@folkeport/model';
import { foreignAddress } from './foreign-addresses.js';
import { surnameWeights } from './names.js';
import { Random, cumulative } from './random.js';
import {
  FORNAVN,
  KOMMUNER,
  POSTNUMRE_BY_KOMMUNE,
  kommune,
  type Kommune,
  type KommunePostnumre,
  type Postnummer,
} from './reference.js';
import { StreetNamer, type StreetNaming } from './street-names.js';

/** The FREG Bostedsadresse fields of a home, without metadata, `adressegradering` and `flyttedato`. */
export interface HomeAddress {
  vegadresse?: Vegadresse;
  matrikkeladresse?: Matrikkeladresse;
  adresseIdentifikatorFraMatrikkelen: string;
  grunnkrets: number;
  stemmekrets: number;
  skolekrets: number;
  kirkekrets: number;
}

export interface HomeOptions {
  /** A flat in a block (true) or a house (false); by default drawn by the kommune's share of flats. */
  flat?: boolean;
  /** A matrikkeladresse (gårdsnummer/bruksnummer) instead of a vegadresse; by default drawn by the kommune's
   * (small, rural) share. A matrikkel address is a farm unit, so `flat` does not apply to it. */
  matrikkel?: boolean;
}

export interface AddressBook {
  /** A new dwelling in the kommune: call once per household and share the result within it. */
  home(random: Random, kommunenummer: string, options?: HomeOptions): HomeAddress;
  /** A foreign address in the country (ISO 3166-1 alpha-2), or in a country drawn by weight. */
  foreign(random: Random, landkode?: string): InternasjonalAdresse;
  /** A postboks address in one of the kommune's postboks postnummer. */
  postboks(random: Random, kommunenummer: string): Postboksadresse;
}

/** Same seed + same sequence of calls → same addresses. */
export function createAddressBook(seed: number): AddressBook {
  const tables = new Map<string, KommuneAddresses>();
  const table = (kommunenummer: string) => {
    let found = tables.get(kommunenummer);
    if (!found) {
      found = new KommuneAddresses(seed, kommune(kommunenummer));
      tables.set(kommunenummer, found);
    }
    return found;
  };
  return {
    home(random, kommunenummer, options = {}) {
      const addresses = table(kommunenummer);
      if (options.matrikkel ?? random.chance(addresses.matrikkelShare)) return addresses.take(random, FARM);
      return addresses.take(random, (options.flat ?? random.chance(addresses.flatShare)) ? BLOCK : HOUSE);
    },
    foreign: (random, landkode) => foreignAddress(random, landkode),
    postboks(random, kommunenummer) {
      const { folketall } = kommune(kommunenummer);
      const { postboks, bolig } = POSTNUMRE_BY_KOMMUNE.get(kommunenummer) as KommunePostnumre;
      // Sør-Fron has no P or B code of its own: its box addresses use its street postnummer.
      const { postnummer, poststed } = random.pick(postboks.length > 0 ? postboks : bolig);
      const highest = Math.min(9999, 50 + Math.floor(folketall / 50));
      return { postboks: String(random.between(1, highest)), poststed: { poststedsnavn: poststed, postnummer } };
    },
  };
}

const HOUSE = 0;
const BLOCK = 1;
const FARM = 2;
type Kind = typeof HOUSE | typeof BLOCK | typeof FARM;

/** Residents per dwelling (about 2.2 in Norway), and how many dwellings a kommune's table holds per real one. */
const PERSONS_PER_DWELLING = 2.2;
const CAPACITY = 1.6;
/** Tries to find a free dwelling before sharing one. */
const MAX_PROBES = 16;
/** adresseIdentifikatorFraMatrikkelen: each kommune owns a block of ids (a prime, < 1e9 / 357 kommuner). */
const ID_BLOCK = 2_699_999;
const ID_START = 10_000_000;

/** A street or a farm as laid out, before it gets its name and place. */
interface Plan {
  kind: Kind;
  /** Seeds the per-number hash (letters, block sizes, basement flats). */
  key: number;
  /** Addresses on the street (bruksnummer on the farm). */
  slots: number;
  /** 0 for house numbers 1, 2, 3 …; otherwise the spacing of distance-based numbers on a rural road. */
  step: number;
}

/** A street, or a farm (gårdsnummer) for matrikkel addresses. */
interface Entry extends Plan {
  /** Street name, or the farm's adressetilleggsnavn ('' for none). */
  name: string;
  adressekode: string;
  gaardsnummer: number;
  /** Index of the street's first address in the kommune's occupancy table. */
  offset: number;
  postnummer: Postnummer;
  grunnkrets: number;
  stemmekrets: number;
  skolekrets: number;
  kirkekrets: number;
}

class KommuneAddresses {
  readonly flatShare: number;
  readonly matrikkelShare: number;
  private readonly kommunenummer: string;
  private readonly maxFloors: number;
  private readonly hashSeed: number;
  private readonly byKind: [Entry[], Entry[], Entry[]] = [[], [], []];
  private readonly weights: [number[], number[], number[]];
  private readonly used: Uint8Array;
  private readonly idBase: number;
  private readonly idMultiplier: number;
  private readonly idShift: number;

  constructor(seed: number, kommune: Kommune) {
    const index = KOMMUNER.indexOf(kommune);
    const random = Random.derive(seed, index);
    const population = kommune.folketall;
    // 0 for kommuner of up to 2 000 residents, 1 for Oslo.
    const urbanity = Math.min(1, Math.max(0, (Math.log10(population) - 3.3) / 2.56));
    this.kommunenummer = kommune.kommunenummer;
    this.flatShare = 0.03 + 0.67 * urbanity;
    this.matrikkelShare = 0.08 * (1 - urbanity) ** 2;
    this.maxFloors = 3 + Math.round(5 * urbanity);
    this.hashSeed = random.int(0x100000000);

    const plans = this.layOut(random, population, urbanity);
    const bolig = (POSTNUMRE_BY_KOMMUNE.get(kommune.kommunenummer) as KommunePostnumre).bolig;
    const kretser = kretsTable(random, population);
    const namer = new StreetNamer(streetNaming(random, kommune, urbanity));
    let offset = 0;
    let gaardsnummer = 0;
    plans.forEach((plan, position) => {
      // Postnummer and kretser come in runs along the kommune, so neighbouring streets share them.
      const postnummer = bolig[Math.floor((position * bolig.length) / plans.length)] as Postnummer;
      const krets = kretser[Math.floor((position * kretser.length) / plans.length)] as Kretser;
      let name: string;
      if (plan.kind === FARM) {
        gaardsnummer += 1 + (random.chance(0.2) ? random.int(3) : 0);
        name = random.chance(0.6) ? namer.farm(random) : '';
      } else {
        name = namer.street(random, plan.kind === BLOCK ? 'block' : 'house', postnummer.poststed);
      }
      // Field by field, not by spreading plan and krets: entries built by spreading made home() 3–4 times slower.
      const { kind, key, slots, step } = plan;
      const { grunnkrets, stemmekrets, skolekrets, kirkekrets } = krets;
      this.byKind[kind].push({
        kind, key, slots, step, name, adressekode: '', gaardsnummer, offset, postnummer,
        grunnkrets, stemmekrets, skolekrets, kirkekrets,
      });
      offset += plan.slots;
    });
    if (offset >= ID_BLOCK) throw new Error(`kommune ${kommune.kommunenummer}: too many addresses for its id block`);
    assignAdressekoder([...this.byKind[HOUSE], ...this.byKind[BLOCK]]);

    this.used = new Uint8Array(offset);
    this.weights = this.byKind.map((list) => cumulative(list.map((entry) => this.planCapacity(entry)))) as [
      number[],
      number[],
      number[],
    ];
    this.idBase = ID_START + index * ID_BLOCK;
    this.idMultiplier = 1 + random.int(ID_BLOCK - 1);
    this.idShift = random.int(ID_BLOCK);
  }

  take(random: Random, kind: Kind): HomeAddress {
    const entries = this.byKind[kind];
    const weights = this.weights[kind];
    for (let probe = 1; ; probe++) {
      const entry = entries[random.weightedIndex(weights)] as Entry;
      const slot = random.int(entry.slots);
      const hash = this.hash(entry, slot);
      const capacity = this.capacity(entry.kind, hash);
      const used = this.used[entry.offset + slot] as number;
      if (used < capacity) {
        this.used[entry.offset + slot] = used + 1;
        return this.address(entry, slot, hash, used);
      }
      if (probe === MAX_PROBES) return this.address(entry, slot, hash, random.int(capacity));
    }
  }

  /** Streets and farms with their lengths, in a mixed order that stands for their place in the kommune. */
  private layOut(random: Random, population: number, urbanity: number): Plan[] {
    const dwellings = (population / PERSONS_PER_DWELLING) * CAPACITY;
    const distanceRoads = urbanity < 0.5 ? 0.3 * (1 - 2 * urbanity) : 0;
    const lists: [Plan[], Plan[], Plan[]] = [[], [], []];
    const fill = (kind: Kind, target: number, median: number, spread: number, longest: number) => {
      const list = lists[kind];
      for (let total = 0; total < target; ) {
        const slots = Math.min(longest, Math.max(1, Math.round(median * Math.exp(random.normal(0, spread)))));
        const step = kind === HOUSE && random.chance(distanceRoads) ? random.between(4, 40) : 0;
        const plan: Plan = { kind, key: kind * 1_000_000 + list.length, slots, step };
        list.push(plan);
        total += this.planCapacity(plan);
      }
    };
    const houses = dwellings * (1 - this.flatShare) * (1 - this.matrikkelShare);
    fill(HOUSE, Math.max(20, houses), 8 + 22 * urbanity, 0.7, 150);
    fill(BLOCK, Math.max(8, dwellings * this.flatShare), 2 + 8 * urbanity, 0.6, 60);
    fill(FARM, Math.max(10, dwellings * this.matrikkelShare), 5, 0.6, 40);

    // Interleave the three lists at random, keeping each list's order.
    const mixed: Plan[] = [];
    const taken = [0, 0, 0];
    for (let left = lists[0].length + lists[1].length + lists[2].length; left > 0; left--) {
      let pick = random.int(left);
      let kind: Kind = HOUSE;
      while (pick >= lists[kind].length - (taken[kind] as number)) {
        pick -= lists[kind].length - (taken[kind] as number);
        kind = (kind + 1) as Kind;
      }
      mixed.push(lists[kind][(taken[kind] as number)++] as Plan);
    }
    return mixed;
  }

  private address(entry: Entry, slot: number, hash: number, unit: number): HomeAddress {
    const poststed = { poststedsnavn: entry.postnummer.poststed, postnummer: entry.postnummer.postnummer };
    const adresseIdentifikatorFraMatrikkelen = String(
      this.idBase + (((entry.offset + slot) * this.idMultiplier + this.idShift) % ID_BLOCK),
    );
    const { grunnkrets, stemmekrets, skolekrets, kirkekrets } = entry;
    if (entry.kind === FARM) {
      const matrikkelnummer = {
        kommunenummer: this.kommunenummer,
        gaardsnummer: entry.gaardsnummer,
        bruksnummer: slot + 1,
        festenummer: 0,
      };
      // Key order as in the schema and in real responses: adressetilleggsnavn before poststed.
      const matrikkeladresse: Matrikkeladresse = entry.name
        ? {
            bruksenhetsnummer: 'H0101',
            bruksenhetstype: 'bolig',
            matrikkelnummer,
            undernummer: 0,
            adressetilleggsnavn: entry.name,
            poststed,
          }
        : { bruksenhetsnummer: 'H0101', bruksenhetstype: 'bolig', matrikkelnummer, undernummer: 0, poststed };
      return { matrikkeladresse, adresseIdentifikatorFraMatrikkelen, grunnkrets, stemmekrets, skolekrets, kirkekrets };
    }
    const husnummer = String(entry.step > 0 ? 1 + entry.step * slot + ((hash >>> 20) % entry.step) : slot + 1);
    const lettered = entry.step === 0 && (hash >>> 24) % 100 < (entry.kind === HOUSE ? 5 : 3);
    const vegadresse: Vegadresse = {
      kommunenummer: this.kommunenummer,
      bruksenhetsnummer: entry.kind === HOUSE ? (unit === 0 ? 'H0101' : 'U0101') : this.flat(hash, unit),
      bruksenhetstype: 'bolig',
      adressenavn: entry.name,
      adressenummer: lettered ? { husnummer, husbokstav: hash & 0x80 ? 'B' : 'A' } : { husnummer },
      adressekode: entry.adressekode,
      poststed,
    };
    return { vegadresse, adresseIdentifikatorFraMatrikkelen, grunnkrets, stemmekrets, skolekrets, kirkekrets };
  }

  /**
   * Bruksenhetsnummer («H0302»: floor 3, flat 2) of the unit-th dwelling taken in a block. Flats are handed out
   * in a scrambled order, so that a small population does not live on the first floor only.
   */
  private flat(hash: number, unit: number): string {
    const flatsPerFloor = perFloor(hash);
    const capacity = this.capacity(BLOCK, hash);
    // 37 is prime and larger than any block, so this is a permutation of the block's flats.
    const index = (unit * 37 + (hash >>> 4)) % capacity;
    return (FLAT_NUMBERS[1 + Math.floor(index / flatsPerFloor)] as string[])[1 + (index % flatsPerFloor)] as string;
  }

  private planCapacity(plan: Plan): number {
    let total = 0;
    for (let slot = 0; slot < plan.slots; slot++) total += this.capacity(plan.kind, this.hash(plan, slot));
    return total;
  }

  /** Dwellings at one address: a house (one in twelve with a basement flat), a block of flats, a farm unit. */
  private capacity(kind: Kind, hash: number): number {
    if (kind === HOUSE) return hash % 12 === 0 ? 2 : 1;
    if (kind === BLOCK) return (2 + ((hash >>> 8) % (this.maxFloors - 1))) * perFloor(hash);
    return 1;
  }

  private hash(plan: Plan, slot: number): number {
    let h = Math.imul(this.hashSeed ^ Math.imul(plan.key + 1, 0x9e3779b1), 0x85ebca6b);
    h ^= Math.imul(slot + 1, 0xc2b2ae35);
    h = Math.imul(h ^ (h >>> 16), 0x7feb352d);
    h = Math.imul(h ^ (h >>> 15), 0x846ca68b);
    return (h ^ (h >>> 16)) >>> 0;
  }
}

type Kretser = Pick<Entry, 'grunnkrets' | 'stemmekrets' | 'skolekrets' | 'kirkekrets'>;

/**
 * The kommune's grunnkretser in order, each with its stemme-, skole- and kirkekrets. A grunnkrets is numbered
 * as FREG stores it: delområde × 100 + krets within the delområde (102, 1004). The other kretser are runs of
 * grunnkretser, so they nest.
 */
function kretsTable(random: Random, population: number): Kretser[] {
  const grunnkretser = Math.max(2, Math.round(6 * (population / 1000) ** 0.75));
  const delomraader = Math.min(99, Math.max(1, Math.round(grunnkretser / 8)));
  const cuts = new Set<number>();
  while (cuts.size < delomraader - 1) cuts.add(1 + random.int(grunnkretser - 1));
  const root = Math.sqrt(population);
  const count = (value: number) => Math.min(grunnkretser, Math.max(1, Math.round(value)));
  const stemmekretser = count(root / 15);
  const skolekretser = count(population / (1200 + 6 * root));
  const kirkekretser = count(population / (3000 + 15 * root));
  const table: Kretser[] = [];
  let delomraade = 1;
  let krets = 0;
  for (let index = 0; index < grunnkretser; index++) {
    if (cuts.has(index)) {
      delomraade++;
      krets = 0;
    }
    table.push({
      grunnkrets: delomraade * 100 + ++krets,
      stemmekrets: 1 + Math.floor((index * stemmekretser) / grunnkretser),
      skolekrets: 1 + Math.floor((index * skolekretser) / grunnkretser),
      kirkekrets: 1 + Math.floor((index * kirkekretser) / grunnkretser),
    });
  }
  return table;
}

/** Adressekoder in alphabetical order of the street names, with gaps, as in many kommuner. */
function assignAdressekoder(streets: Entry[]): void {
  const keyed = streets.map((entry) => ({ entry, key: norwegianSortKey(entry.name) }));
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const span = Math.max(keyed.length, Math.min(8999, keyed.length * 7));
  keyed.forEach(({ entry }, rank) => (entry.adressekode = String(1000 + Math.floor((rank * span) / keyed.length))));
}

/** Flats per floor of a block: 2–4. */
function perFloor(hash: number): number {
  return 2 + ((hash >>> 16) % 3);
}

/** FLAT_NUMBERS[floor][flat] = «H0302». */
const FLAT_NUMBERS = Array.from({ length: 10 }, (_, floor) =>
  Array.from({ length: 5 }, (_, flat) => `H${String(floor).padStart(2, '0')}${String(flat).padStart(2, '0')}`),
);

let personNames: Pick<StreetNaming, 'givenNames' | 'surnames'> | undefined;

function streetNaming(random: Random, kommune: Kommune, urbanity: number): StreetNaming {
  personNames ??= {
    givenNames: [...FORNAVN.mann.slice(0, 100), ...FORNAVN.kvinne.slice(0, 100)].map(([name]) => name),
    surnames: surnameWeights()
      .sort((a, b) => b[1] - a[1])
      .slice(0, 300)
      .map(([name]) => name),
  };
  const { maalform } = kommune;
  const vegenShare = maalform === 'nynorsk' ? 0.95 : maalform === 'bokmaal' ? 0.1 : 0.2 + 0.6 * random.next();
  return { urbanity, vegenShare, spellingSeed: random.int(0x100000000), ...personNames };
}

/** Sorts Æ, Ø, Å after Z, as Norwegian does. */
function norwegianSortKey(name: string): string {
  return name.toLowerCase().replace(/æ/g, '{').replace(/ø/g, '|').replace(/å/g, '}');
}
