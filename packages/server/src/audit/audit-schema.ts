/**
 * The audit log's tables (schema `audit`). `audit.entry` is the hash chain: one row per access, numbered
 * 1, 2, 3, … without gaps, each holding the canonical JSON of the entry, the previous entry's hash and its own
 * hash = SHA-256(prev_hash || UTF-8 entry text); the first entry's prev_hash is 32 zero bytes.
 * `audit.entry_persons` indexes the entries by person for the insight view (innsyn): per entry that names persons,
 * its package and the distinct persons, under a GIN index (migration 0003; `audit.entry_person`, one row per
 * person, before). It is derived from the entries (computed by `audit.append` from the entry text), and `verify`
 * checks that it still matches them.
 *
 * `audit.append(entries)` appends a batch in one statement: it takes a transaction-scoped advisory lock, so
 * appends from every connection and process form one linear chain, reads the head, and inserts the rows.
 * Triggers refuse UPDATE, DELETE and TRUNCATE on both tables; whoever can drop them (the owner, a superuser)
 * can still tamper, and `verify` then finds it.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceSchema } from '../store/migrate.js';

const createTables = sql`
  CREATE TABLE audit.entry (
    seq bigint PRIMARY KEY CHECK (seq > 0),
    entry text NOT NULL,
    prev_hash bytea NOT NULL CHECK (octet_length(prev_hash) = 32),
    hash bytea NOT NULL CHECK (octet_length(hash) = 32)
  );

  -- Keyed in entry order for verify; the second index serves the insight view.
  CREATE TABLE audit.entry_person (
    entry_seq bigint NOT NULL,
    person text COLLATE "C" NOT NULL,
    -- The entry's rettighetspakke, so the insight view can leave out lookups with hjemmel without reading them.
    package text COLLATE "C" NOT NULL,
    PRIMARY KEY (entry_seq, person)
  );
  CREATE INDEX entry_person_person ON audit.entry_person (person, entry_seq);

  CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the audit log is append-only: % on %.% refused', TG_OP, TG_TABLE_SCHEMA, TG_TABLE_NAME
      USING ERRCODE = 'insufficient_privilege';
  END $$;

  CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.entry
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
  CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit.entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
  CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.entry_person
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
  CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit.entry_person
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

  CREATE FUNCTION audit.append(entries text[]) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    head_seq bigint;
    head_hash bytea;
    seqs bigint[] := '{}';
    prevs bytea[] := '{}';
    hashes bytea[] := '{}';
    item text;
  BEGIN
    PERFORM pg_advisory_xact_lock(418581817716); -- 0x6175646974, "audit" in ASCII
    -- A new snapshot after the lock: the previous holder's rows are visible.
    SELECT seq, hash INTO head_seq, head_hash FROM audit.entry ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
      head_seq := 0;
      head_hash := decode(repeat('00', 32), 'hex');
    END IF;
    FOREACH item IN ARRAY entries LOOP
      head_seq := head_seq + 1;
      seqs := seqs || head_seq;
      prevs := prevs || head_hash;
      head_hash := sha256(head_hash || convert_to(item, 'UTF8'));
      hashes := hashes || head_hash;
    END LOOP;
    INSERT INTO audit.entry (seq, entry, prev_hash, hash) SELECT * FROM unnest(seqs, entries, prevs, hashes);
    -- MATERIALIZED: each entry is parsed once, not once per person it lists.
    WITH parsed AS MATERIALIZED (SELECT s AS seq, e::jsonb AS doc FROM unnest(seqs, entries) AS u(s, e))
    INSERT INTO audit.entry_person (entry_seq, person, package)
      SELECT DISTINCT parsed.seq, person, parsed.doc ->> 'package'
      FROM parsed, jsonb_array_elements_text(parsed.doc -> 'persons') AS person;
  END $$;
`;

/**
 * The gateway's entries by Fiks organisation (`extra.fiksOrgId`), for the organisation's log and its CSV export.
 * An index on the entry text itself, so it is derived from what the chain commits to and cannot disagree with it.
 */
const indexGatewayEntries = sql`
  CREATE INDEX entry_gateway_organisation ON audit.entry ((entry::jsonb #>> '{extra,fiksOrgId}'), seq)
    WHERE (entry::jsonb ->> 'service') = 'gateway';
`;

/**
 * The insight index as one row per entry (its package and the distinct persons it names) under a GIN index with
 * fast update, instead of one row per person under a B-tree on the person: an entry's persons are appended to the
 * GIN's pending list in one go and merged into the index in bulk later, where the B-tree took a random page per
 * person (≈ 15 µs each once large; a feed page or bulk lookup names 1 000). bench/RESULTS.md, "Register API".
 */
const indexPersonsByEntry = sql`
  CREATE TABLE audit.entry_persons (
    entry_seq bigint PRIMARY KEY,
    package text COLLATE "C" NOT NULL,
    persons text[] COLLATE "C" NOT NULL CHECK (cardinality(persons) > 0)
  );
  CREATE INDEX entry_persons_person ON audit.entry_persons USING gin (persons) WITH (fastupdate = on);
  INSERT INTO audit.entry_persons (entry_seq, package, persons)
    SELECT entry_seq, min(package), array_agg(person ORDER BY person) FROM audit.entry_person GROUP BY entry_seq;
  DROP TABLE audit.entry_person;

  CREATE TRIGGER append_only BEFORE UPDATE OR DELETE ON audit.entry_persons
    FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
  CREATE TRIGGER append_only_truncate BEFORE TRUNCATE ON audit.entry_persons
    FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();

  CREATE OR REPLACE FUNCTION audit.append(entries text[]) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    head_seq bigint;
    head_hash bytea;
    seqs bigint[] := '{}';
    prevs bytea[] := '{}';
    hashes bytea[] := '{}';
    item text;
  BEGIN
    PERFORM pg_advisory_xact_lock(418581817716); -- 0x6175646974, "audit" in ASCII
    -- A new snapshot after the lock: the previous holder's rows are visible.
    SELECT seq, hash INTO head_seq, head_hash FROM audit.entry ORDER BY seq DESC LIMIT 1;
    IF NOT FOUND THEN
      head_seq := 0;
      head_hash := decode(repeat('00', 32), 'hex');
    END IF;
    FOREACH item IN ARRAY entries LOOP
      head_seq := head_seq + 1;
      seqs := seqs || head_seq;
      prevs := prevs || head_hash;
      head_hash := sha256(head_hash || convert_to(item, 'UTF8'));
      hashes := hashes || head_hash;
    END LOOP;
    INSERT INTO audit.entry (seq, entry, prev_hash, hash) SELECT * FROM unnest(seqs, entries, prevs, hashes);
    -- MATERIALIZED: each entry is parsed once; entries that name nobody get no index row.
    WITH parsed AS MATERIALIZED (SELECT s AS seq, e::jsonb AS doc FROM unnest(seqs, entries) AS u(s, e))
    INSERT INTO audit.entry_persons (entry_seq, package, persons)
      SELECT parsed.seq, parsed.doc ->> 'package', named.persons
      FROM parsed,
        LATERAL (SELECT array_agg(DISTINCT person) AS persons FROM jsonb_array_elements_text(parsed.doc -> 'persons') AS person) AS named
      WHERE named.persons IS NOT NULL;
  END $$;
`;

export const AUDIT_SCHEMA: ServiceSchema = {
  schema: 'audit',
  migrations: [
    {
      name: '0001-hash-chained-entries',
      async up(db: Kysely<unknown>) {
        await createTables.execute(db);
      },
    },
    {
      name: '0002-gateway-entries-by-organisation',
      async up(db: Kysely<unknown>) {
        await indexGatewayEntries.execute(db);
      },
    },
    {
      name: '0003-insight-index-per-entry',
      async up(db: Kysely<unknown>) {
        await indexPersonsByEntry.execute(db);
      },
    },
  ],
};
