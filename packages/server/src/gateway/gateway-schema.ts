/**
 * The gateway's configuration tables (schema `gateway`): organisations, their roles and integrations, and the
 * grants that join them. A grant names its organisation, and composite foreign keys make both ends belong to
 * that organisation; deleting a role or an integration deletes its grants. docs/gateway.md describes the model.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceSchema } from '../store/migrate.js';

const createTables = sql`
  CREATE TABLE gateway.organisation (
    fiks_org_id uuid PRIMARY KEY,
    orgnr text NOT NULL UNIQUE CHECK (orgnr ~ '^[0-9]{9}$'),
    navn text NOT NULL,
    kommunenummer text NOT NULL CHECK (kommunenummer ~ '^[0-9]{4}$'),
    -- The organisation's own configuration-API credential (slow hash); null until one is issued.
    admin_credential_hash text,
    opprettet timestamptz NOT NULL
  );

  CREATE TABLE gateway.role (
    id uuid PRIMARY KEY,
    fiks_org_id uuid NOT NULL REFERENCES gateway.organisation ON DELETE CASCADE,
    navn text NOT NULL,
    beskrivelse text,
    tjenesteomrade text NOT NULL,
    bruksomrader text[] NOT NULL,
    parts text[] NOT NULL,
    opplysninger text[] NOT NULL,
    kan_hente_taushetsbelagt_info boolean NOT NULL,
    kan_brukes_pa_sokeside boolean NOT NULL,
    gyldig_api boolean NOT NULL,
    gyldig_soek_web boolean NOT NULL,
    gyldig_uttrekk_web boolean NOT NULL,
    gyldig_asynkron boolean NOT NULL,
    gradert_adresse text NOT NULL CHECK (gradert_adresse IN ('vis', 'skjul')),
    aktiv boolean NOT NULL,
    tagger text[] NOT NULL,
    dato_opprettet timestamptz NOT NULL,
    UNIQUE (fiks_org_id, navn),
    UNIQUE (fiks_org_id, id)
  );

  CREATE TABLE gateway.integration (
    id uuid PRIMARY KEY,
    fiks_org_id uuid NOT NULL REFERENCES gateway.organisation ON DELETE CASCADE,
    navn text NOT NULL,
    beskrivelse text,
    autorisert_orgnr text NOT NULL CHECK (autorisert_orgnr ~ '^[0-9]{9}$'),
    password_hash text NOT NULL,
    opprettet timestamptz NOT NULL,
    UNIQUE (fiks_org_id, id)
  );

  -- Grants of a role to an integration of the same organisation.
  CREATE TABLE gateway.integration_grant (
    fiks_org_id uuid NOT NULL,
    role_id uuid NOT NULL,
    integration_id uuid NOT NULL,
    opprettet timestamptz NOT NULL,
    PRIMARY KEY (integration_id, role_id),
    FOREIGN KEY (fiks_org_id, role_id) REFERENCES gateway.role (fiks_org_id, id) ON DELETE CASCADE,
    FOREIGN KEY (fiks_org_id, integration_id) REFERENCES gateway.integration (fiks_org_id, id) ON DELETE CASCADE
  );
  CREATE INDEX integration_grant_role ON gateway.integration_grant (role_id);

  -- Grants of a role to a person (fødselsnummer or D-nummer), for the web search page.
  CREATE TABLE gateway.person_grant (
    fiks_org_id uuid NOT NULL,
    role_id uuid NOT NULL,
    person text NOT NULL CHECK (person ~ '^[0-9]{11}$'),
    opprettet timestamptz NOT NULL,
    PRIMARY KEY (role_id, person),
    FOREIGN KEY (fiks_org_id, role_id) REFERENCES gateway.role (fiks_org_id, id) ON DELETE CASCADE
  );
`;

/** The NOTIFY channel every configuration change is announced on (see proxy/access-cache.ts). */
export const CONFIGURATION_CHANNEL = 'folkeport_gateway_configuration';

/**
 * Every committed change to the configuration notifies CONFIGURATION_CHANNEL (NOTIFY is sent at commit), so
 * gateway processes that cache what the proxy reads learn of changes made by any other process at once.
 */
const notifyChanges = sql`
  CREATE FUNCTION gateway.notify_configuration_change() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    PERFORM pg_notify(${sql.lit(CONFIGURATION_CHANNEL)}, TG_TABLE_NAME);
    RETURN NULL;
  END $$;
  CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway.organisation
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.notify_configuration_change();
  CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway.role
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.notify_configuration_change();
  CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway.integration
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.notify_configuration_change();
  CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway.integration_grant
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.notify_configuration_change();
  CREATE TRIGGER notify_change AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON gateway.person_grant
    FOR EACH STATEMENT EXECUTE FUNCTION gateway.notify_configuration_change();
`;

export const GATEWAY_SCHEMA: ServiceSchema = {
  schema: 'gateway',
  migrations: [
    {
      name: '0001-organisations-roles-integrations-grants',
      async up(db: Kysely<unknown>) {
        await createTables.execute(db);
      },
    },
    {
      name: '0002-notify-configuration-changes',
      async up(db: Kysely<unknown>) {
        await notifyChanges.execute(db);
      },
    },
  ],
};
