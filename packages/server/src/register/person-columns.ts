/**
 * The search columns of `register.person` and how each is filled from {@link PersonSearchColumns}: one
 * list serves the bulk insert (one array parameter per column, unnested) and the single-row update.
 */
import type { PersonSearchColumns } from './search-columns.js';

export interface PersonColumn {
  name: string;
  /** PostgreSQL type of the column. */
  type: 'text' | 'date' | 'integer' | 'boolean' | 'text[]';
  value(columns: PersonSearchColumns): string | number | boolean | null | string[];
}

const column = (name: string, type: PersonColumn['type'], value: PersonColumn['value']): PersonColumn => ({
  name,
  type,
  value,
});

export const PERSON_COLUMNS: readonly PersonColumn[] = [
  column('folkeregisteridentifikator', 'text', (c) => c.folkeregisteridentifikator),
  column('status', 'text', (c) => c.status),
  column('kjoenn', 'text', (c) => c.kjoenn),
  column('foedselsdato', 'date', (c) => c.foedselsdato),
  column('foedselsaar', 'integer', (c) => c.foedselsaar),
  column('doedsaar', 'integer', (c) => c.doedsaar),
  column('foedeland', 'text', (c) => c.foedeland),
  column('har_innflytting', 'boolean', (c) => c.harInnflytting),
  column('sivilstand', 'text', (c) => c.sivilstand),
  column('statsborgerskap', 'text[]', (c) => c.statsborgerskap),
  column('fornavn', 'text', (c) => c.fornavn),
  column('mellomnavn', 'text', (c) => c.mellomnavn),
  column('etternavn', 'text', (c) => c.etternavn),
  column('navneord', 'text[]', (c) => c.navneord),
  column('adressebeskyttelse', 'text', (c) => c.adressebeskyttelse),
  column('har_klientadresse', 'boolean', (c) => c.harKlientadresse),
  column('bosted_kommunenummer', 'text', (c) => c.bosted.kommunenummer),
  column('bosted_adressenavn', 'text', (c) => c.bosted.adressenavn),
  column('bosted_husnummer', 'integer', (c) => c.bosted.husnummer),
  column('bosted_husbokstav', 'text', (c) => c.bosted.husbokstav),
  column('bosted_postnummer', 'text', (c) => c.bosted.postnummer),
  column('opphold_kommunenummer', 'text', (c) => c.opphold.kommunenummer),
  column('opphold_adressenavn', 'text', (c) => c.opphold.adressenavn),
  column('opphold_husnummer', 'integer', (c) => c.opphold.husnummer),
  column('opphold_husbokstav', 'text', (c) => c.opphold.husbokstav),
  column('opphold_postnummer', 'text', (c) => c.opphold.postnummer),
  column('adressenoekkel', 'text', (c) => c.adressenoekkel),
];

/**
 * Separator of list columns (name words, citizenships) in the bulk insert, where a list travels as one
 * text per person (PostgreSQL cannot unnest an array of arrays of different lengths). Neither a name word
 * nor a country code contains a space.
 */
export const LIST_SEPARATOR = ' ';
