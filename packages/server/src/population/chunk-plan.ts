/**
 * The plan of one chunk of the population: persons grouped in households, with every decision
 * that must be consistent across persons or steered towards the SSB targets already taken
 * (ages, sex, identity numbers, statuses, relations and their dates). Plain data, so it can be
 * posted to a worker thread; rendering (render.ts) turns it into person documents.
 *
 * Dates are day numbers (calendar.ts). Person references are indexes into `persons`.
 */
import type { SamiskSpraakType, Sivilstandstype } from '@folkeport/model';
import type { HomeAddress } from './addresses.js';
import type { GenerationRates } from './demography.js';
import type { HouseholdType } from './targets.js';

export type Kjoenn = 'kvinne' | 'mann';

/** What kind of register entry the person is. Residents are `bosatt`; the rest are added beyond N. */
export type PersonCategory =
  | 'bosatt'
  | 'doed'
  | 'utflyttet'
  | 'dNummer'
  | 'forsvunnet'
  | 'foedselsregistrert'
  | 'ikkeBosatt'
  | 'opphoert';

export interface PlannedPerson {
  /** The identity number in use: a fødselsnummer, or a D-nummer for `dNummer` persons. */
  id: string;
  /** A D-nummer the person held before getting a fødselsnummer (ceased at `arrived`). */
  formerDNummer?: string;
  /** When the D-nummer (current or former) was issued. */
  dNummerFrom?: number;
  kjoenn: Kjoenn;
  born: number;
  category: PersonCategory;
  /** Index into `households` for residents; -1 for everybody else. */
  household: number;
  /** Last (or registered) kommune in Norway for non-residents; residents use their household's. */
  kommune?: string;
  /** Current sivilstand. */
  sivilstand: Sivilstandstype;
  /** Country of birth, ISO alpha-3 (`NOR` = born in Norway). */
  foedeland: string;
  /** Citizenship from birth, ISO alpha-3. */
  citizenship: string;
  /** Day the person became a Norwegian citizen by naturalisation. */
  naturalised?: number;
  /** Whether the original citizenship was kept at naturalisation (allowed from 2020). */
  keepsCitizenship?: boolean;
  /** Immigration (innflytting) day and country, also for returning Norwegians. */
  arrived?: number;
  arrivedFrom?: string;
  emigrated?: number;
  emigratedTo?: string;
  died?: number;
  /** When the current status began, for statuses without another date (forsvunnet, inaktiv, ikkeBosatt, opphoert). */
  statusFrom?: number;
  protection?: 'fortrolig' | 'strengtFortrolig';
  /** Index into `households`: the other parent's home for a child with shared residence. */
  deltBosted?: number;
  /** Sami language use. */
  samisk?: SamiskSpraakType[];
}

export interface PlannedHousehold {
  kommunenummer: string;
  type: HouseholdType;
  /** Indexes into `persons`, the head first. */
  members: number[];
  /** Day the household moved into its current home. */
  movedIn: number;
  /** The dwelling (unique within the kommune while the address book has room); absent = ukjentBosted. */
  home?: HomeAddress;
}

/** A couple, current or past. `a` is the woman in opposite-sex couples. */
export interface PlannedUnion {
  a: number;
  b: number;
  kind: 'gift' | 'registrertPartner' | 'samboer';
  /** Day they moved in together. */
  start: number;
  /** Day of the wedding or partnership registration. */
  registered?: number;
  /** Day they split up (separation for married couples). */
  separated?: number;
  /** Day of the divorce (after a separation). */
  divorced?: number;
}

export interface PlannedParenthood {
  parent: number;
  child: number;
  role: 'mor' | 'far' | 'medmor';
  /** The parent has (or had until death) parental responsibility for a child under 18. */
  custody: boolean;
}

export interface ChunkPlan {
  /** Position in the sequence; keys the chunk's random streams. */
  index: number;
  /** Reference date, `YYYY-MM-DD`. */
  asOf: string;
  names: 'realistic' | 'tenor';
  rates: GenerationRates;
  persons: PlannedPerson[];
  households: PlannedHousehold[];
  unions: PlannedUnion[];
  parents: PlannedParenthood[];
}
