/**
 * The search read model (schema `search`): what `personer/soek` and `personer/entydigsoek` match on, current
 * and historic, kept apart from the register's tables so that their indexes never slow down a bulk load.
 * Filled from the register's documents by search-index.ts; docs/register-search.md describes the tables.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceSchema } from '../../store/migrate.js';

const createTables = sql`
  -- How far the index has read the register's event log; the event's id detects a log that was reset.
  CREATE TABLE search.state (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    sekvensnummer bigint NOT NULL,
    hendelsesidentifikator text
  );
  INSERT INTO search.state (sekvensnummer) VALUES (0);

  -- One row per person: the criteria that only ever match current values.
  CREATE TABLE search.person (
    person_key bigint PRIMARY KEY,
    folkeregisteridentifikator text COLLATE "C" NOT NULL,
    status text,
    kjoenn text,
    foedselsdato date,
    foedselsaar integer,
    doed boolean NOT NULL,
    svalbard boolean NOT NULL
  );
  CREATE INDEX person_foedselsdato ON search.person (foedselsdato);
  CREATE INDEX person_foedselsaar ON search.person (foedselsaar);

  -- One row per navn element, current and historic: upper-case whole words and their phonetic keys.
  CREATE TABLE search.name (
    person_key bigint NOT NULL,
    element smallint NOT NULL,
    gjeldende boolean NOT NULL,
    fornavn text[] NOT NULL,
    etternavn text[] NOT NULL,
    ord text[] NOT NULL,
    fornavn_fonetisk text[] NOT NULL,
    etternavn_fonetisk text[] NOT NULL,
    ord_fonetisk text[] NOT NULL,
    PRIMARY KEY (person_key, element)
  );
  CREATE INDEX name_ord ON search.name USING gin (ord);
  CREATE INDEX name_ord_fonetisk ON search.name USING gin (ord_fonetisk);

  -- One row per bostedsadresse and oppholdsadresse element, current and historic.
  CREATE TABLE search.address (
    person_key bigint NOT NULL,
    element smallint NOT NULL,
    kind text NOT NULL CHECK (kind IN ('bosted', 'opphold')),
    gjeldende boolean NOT NULL,
    gradering text NOT NULL,
    adressenavn text COLLATE "C",
    husnummer integer,
    husbokstav text,
    postnummer text,
    kommunenummer text COLLATE "C",
    PRIMARY KEY (person_key, element)
  );
  CREATE INDEX address_adressenavn ON search.address (adressenavn);
  CREATE INDEX address_postnummer ON search.address (postnummer);
  CREATE INDEX address_kommunenummer ON search.address (kommunenummer);

  -- Current foreign identifiers: utenlandsk personidentifikasjon, legitimasjonsdokument, DUF number.
  CREATE TABLE search.identity (
    kind text NOT NULL CHECK (kind IN ('utenlandsk', 'legitimasjon', 'duf')),
    verdi text COLLATE "C" NOT NULL,
    person_key bigint NOT NULL,
    PRIMARY KEY (kind, verdi, person_key)
  );
  CREATE INDEX identity_person_key ON search.identity (person_key);
`;

export const SEARCH_SCHEMA: ServiceSchema = {
  schema: 'search',
  migrations: [
    {
      name: '0001-search-read-model',
      async up(db: Kysely<unknown>) {
        await createTables.execute(db);
      },
    },
  ],
};
