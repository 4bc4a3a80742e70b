/**
 * The authorisation server's tables (schema `maskinporten`), as migrations: clients and their keys, scopes
 * and who may use them, Altinn-style delegations with history, the grant replay store, the server's own
 * signing keys and the development CA. docs/maskinporten.md describes every table.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceSchema } from '../store/migrate.js';

const createTables = sql`
  CREATE TABLE maskinporten.client (
    client_id text COLLATE "C" PRIMARY KEY,
    organisasjonsnummer text NOT NULL CHECK (organisasjonsnummer ~ '^[0-9]{9}$'),
    client_name text NOT NULL,
    description text NOT NULL DEFAULT '',
    integration_type text NOT NULL DEFAULT 'maskinporten',
    scopes text[] NOT NULL DEFAULT '{}',
    created timestamptz NOT NULL,
    last_updated timestamptz NOT NULL
  );

  -- Public keys registered on clients; a kid is unique across all clients (as in Maskinporten).
  CREATE TABLE maskinporten.client_key (
    kid text COLLATE "C" PRIMARY KEY,
    client_id text COLLATE "C" NOT NULL REFERENCES maskinporten.client ON DELETE CASCADE,
    public_jwk text NOT NULL,
    created timestamptz NOT NULL,
    expires timestamptz NOT NULL
  );
  CREATE INDEX client_key_client ON maskinporten.client_key (client_id);

  CREATE TABLE maskinporten.scope (
    name text COLLATE "C" PRIMARY KEY,
    owner_org text NOT NULL CHECK (owner_org ~ '^[0-9]{9}$'),
    description text NOT NULL DEFAULT '',
    delegation_source text,
    at_max_age integer CHECK (at_max_age > 0),
    allowed_integration_types text[] NOT NULL DEFAULT '{maskinporten}',
    created timestamptz NOT NULL
  );

  -- The API provider's grants of a scope to consumer organisations.
  CREATE TABLE maskinporten.scope_access (
    scope text COLLATE "C" NOT NULL REFERENCES maskinporten.scope ON DELETE CASCADE,
    consumer_org text NOT NULL,
    created timestamptz NOT NULL,
    PRIMARY KEY (scope, consumer_org)
  );

  -- Altinn's role: consumer delegates scope to supplier. Revoking sets revoked; rows are never deleted.
  CREATE TABLE maskinporten.delegation (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    consumer_org text NOT NULL,
    supplier_org text NOT NULL,
    scope text COLLATE "C" NOT NULL,
    delegated timestamptz NOT NULL,
    revoked timestamptz
  );
  CREATE UNIQUE INDEX delegation_current ON maskinporten.delegation (consumer_org, supplier_org, scope)
    WHERE revoked IS NULL;

  -- Grant ids seen, until the grant could no longer be valid anyway; shared by every server instance.
  CREATE TABLE maskinporten.used_grant (
    client_id text COLLATE "C" NOT NULL,
    jti text COLLATE "C" NOT NULL,
    expires timestamptz NOT NULL,
    PRIMARY KEY (client_id, jti)
  );
  CREATE INDEX used_grant_expires ON maskinporten.used_grant (expires);

  -- The server's token signing keys. The newest active key signs; retired keys stay published until
  -- every token they signed has expired.
  CREATE TABLE maskinporten.signing_key (
    kid text COLLATE "C" PRIMARY KEY,
    private_jwk text NOT NULL,
    public_jwk text NOT NULL,
    created timestamptz NOT NULL,
    retired timestamptz,
    published_until timestamptz
  );

  CREATE TABLE maskinporten.dev_ca (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    certificate_pem text NOT NULL,
    private_key_pem text NOT NULL
  );
`;

export const MASKINPORTEN_SCHEMA: ServiceSchema = {
  schema: 'maskinporten',
  migrations: [
    {
      name: '0001-clients-scopes-delegations-keys',
      async up(db: Kysely<unknown>) {
        await createTables.execute(db);
      },
    },
    {
      // The replay store only has to remember a grant id for the grant's lifetime (≤ 130 s). Unlogged, a
      // token request no longer waits for a WAL flush (≈ 4× the tokens/s on PostgreSQL); the price is that
      // a PostgreSQL crash (not a clean restart) empties it.
      name: '0002-unlogged-replay-store',
      async up(db: Kysely<unknown>) {
        await sql`ALTER TABLE maskinporten.used_grant SET UNLOGGED`.execute(db);
      },
    },
  ],
};
