/**
 * The authorisation server's store (schema `maskinporten`): the only code of the service that knows SQL.
 * Times come in as arguments (the service's injected clock), never from the database's `now()`, so tests
 * and several server instances agree on them.
 */
import type { Kysely } from 'kysely';
import type { JWK } from 'jose';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { query, sqlState, type Executor } from '../store/query.js';
import type { CertificateAuthority } from './certificates.js';
import { MASKINPORTEN_SCHEMA } from './maskinporten-schema.js';

export interface ClientRecord {
  clientId: string;
  organisasjonsnummer: string;
  clientName: string;
  description: string;
  integrationType: string;
  scopes: string[];
  created: Date;
  lastUpdated: Date;
}

export interface ClientKey {
  kid: string;
  clientId: string;
  publicJwk: JWK;
  created: Date;
  expires: Date;
}

export interface ScopeRecord {
  name: string;
  ownerOrg: string;
  description: string;
  /** The delegation register's issuer; a scope without one cannot be delegated. */
  delegationSource: string | undefined;
  /** Longest access-token lifetime in seconds for this scope (`at_max_age`). */
  atMaxAge: number | undefined;
  allowedIntegrationTypes: string[];
  created: Date;
}

export interface DelegationRecord {
  id: number;
  consumerOrg: string;
  supplierOrg: string;
  scope: string;
  delegated: Date;
  revoked: Date | undefined;
}

export interface SigningKeyRecord {
  kid: string;
  privateJwk: JWK;
  publicJwk: JWK;
  created: Date;
  retired: Date | undefined;
  publishedUntil: Date | undefined;
}

/** What a grant names: its client (`iss`), key (`kid`), scopes, the consumer when delegated, and its id (`jti`). */
export interface GrantLookup {
  clientId: string;
  kid: string | undefined;
  scopes: readonly string[];
  consumerOrg: string | undefined;
  /** Recorded as used until `usedUntil` (when the client exists); undefined records nothing. */
  jti: string | undefined;
  usedUntil: Date;
  /** Used ids recorded to last until before now are forgotten on the way. */
  now: Date;
}

/** What the token endpoint needs of a client, its key and its scopes. */
export type GrantClient = Pick<ClientRecord, 'clientId' | 'organisasjonsnummer' | 'integrationType' | 'scopes'>;
export type GrantKey = Pick<ClientKey, 'clientId' | 'publicJwk' | 'expires'>;
export type GrantScope = Pick<ScopeRecord, 'name' | 'delegationSource' | 'atMaxAge' | 'allowedIntegrationTypes'>;

/** Everything the token endpoint reads from the database about a grant, in one round trip. */
export interface GrantContext {
  client: GrantClient;
  /** The key registered under the grant's kid, whichever client it belongs to. */
  key: GrantKey | undefined;
  /** The requested scopes that exist. */
  scopes: GrantScope[];
  /** Requested scopes granted to the consumer (`consumerOrg`, else the client's organisation). */
  granted: Set<string>;
  /** Requested scopes `consumerOrg` has currently delegated to the client's organisation. */
  delegated: Set<string>;
  /** This lookup recorded the jti: the client had not used it before. */
  jtiRecorded: boolean;
}

export class DuplicateError extends Error {}

export interface MaskinportenStore {
  createClient(client: Omit<ClientRecord, 'lastUpdated'>): Promise<ClientRecord>;
  getClient(clientId: string): Promise<ClientRecord | undefined>;
  listClients(): Promise<ClientRecord[]>;
  updateClient(clientId: string, change: Partial<Pick<ClientRecord, 'clientName' | 'description' | 'scopes'>>, now: Date): Promise<ClientRecord | undefined>;
  deleteClient(clientId: string): Promise<boolean>;
  /** Replaces the client's keys (Maskinporten's `POST /clients/{id}/jwks` semantics). A kid another client uses → DuplicateError. */
  replaceClientKeys(clientId: string, keys: readonly Omit<ClientKey, 'clientId'>[]): Promise<void>;
  clientKeys(clientId: string): Promise<ClientKey[]>;

  createScope(scope: ScopeRecord): Promise<ScopeRecord>;
  getScope(name: string): Promise<ScopeRecord | undefined>;
  listScopes(): Promise<ScopeRecord[]>;
  /** Grants the scope to a consumer; false when it already was granted. */
  grantScope(scope: string, consumerOrg: string, now: Date): Promise<boolean>;
  /** Withdraws the grant; false when there was none. */
  revokeScope(scope: string, consumerOrg: string): Promise<boolean>;
  scopeAccess(scope: string): Promise<{ consumerOrg: string; created: Date }[]>;

  /** Records a delegation; a current identical one → DuplicateError. */
  delegate(consumerOrg: string, supplierOrg: string, scope: string, now: Date): Promise<DelegationRecord>;
  /** Ends the current delegation; undefined when there was none. */
  revokeDelegation(consumerOrg: string, supplierOrg: string, scope: string, now: Date): Promise<DelegationRecord | undefined>;
  delegations(filter: { consumerOrg?: string; supplierOrg?: string; scope?: string; includeRevoked?: boolean }): Promise<DelegationRecord[]>;

  /**
   * The client, key, scopes, scope grants and delegations a grant names, and the recording of its jti (the replay
   * store), in one round trip; undefined when the client does not exist.
   */
  grantContext(lookup: GrantLookup): Promise<GrantContext | undefined>;
  /** Forgets a recorded grant id again (the grant was refused after all). */
  forgetGrant(clientId: string, jti: string): Promise<void>;

  signingKeys(): Promise<SigningKeyRecord[]>;
  addSigningKey(key: Omit<SigningKeyRecord, 'retired' | 'publishedUntil'>): Promise<void>;
  /** Retires every active key except `kid`, keeping them published until `publishedUntil`; drops keys past that. */
  retireSigningKeys(exceptKid: string, now: Date, publishedUntil: Date): Promise<void>;

  /** The development CA, created with `create` the first time it is asked for. */
  devCertificateAuthority(create: () => CertificateAuthority): Promise<CertificateAuthority>;
}

export async function openMaskinportenStore(db: Database): Promise<MaskinportenStore> {
  await migrate(db, MASKINPORTEN_SCHEMA);
  return new PostgresMaskinportenStore(db.kysely);
}

interface ClientRow {
  client_id: string;
  organisasjonsnummer: string;
  client_name: string;
  description: string;
  integration_type: string;
  scopes: string[];
  created: Date;
  last_updated: Date;
}

interface KeyRow {
  kid: string;
  client_id: string;
  public_jwk: string;
  created: Date;
  expires: Date;
}

interface ScopeRow {
  name: string;
  owner_org: string;
  description: string;
  delegation_source: string | null;
  at_max_age: number | null;
  allowed_integration_types: string[];
  created: Date;
}

interface DelegationRow {
  id: number;
  consumer_org: string;
  supplier_org: string;
  scope: string;
  delegated: Date;
  revoked: Date | null;
}

/**
 * A client joined with the grant's key and one requested scope. Without a key `key_client_id` is null, without
 * a scope `scope_name` is null; the other `key_` / `scope_` columns are null exactly then.
 */
interface GrantContextRow {
  client_id: string;
  organisasjonsnummer: string;
  integration_type: string;
  scopes: string[];
  jti_recorded: boolean;
  key_client_id: string | null;
  key_public_jwk: string;
  key_expires: Date;
  scope_name: string | null;
  scope_delegation_source: string | null;
  scope_at_max_age: number | null;
  scope_allowed_integration_types: string[];
  granted: boolean;
  delegated: boolean;
}

interface SigningKeyRow {
  kid: string;
  private_jwk: string;
  public_jwk: string;
  created: Date;
  retired: Date | null;
  published_until: Date | null;
}

const toClient = (row: ClientRow): ClientRecord => ({
  clientId: row.client_id,
  organisasjonsnummer: row.organisasjonsnummer,
  clientName: row.client_name,
  description: row.description,
  integrationType: row.integration_type,
  scopes: row.scopes,
  created: row.created,
  lastUpdated: row.last_updated,
});

const toKey = (row: KeyRow): ClientKey => ({
  kid: row.kid,
  clientId: row.client_id,
  publicJwk: JSON.parse(row.public_jwk) as JWK,
  created: row.created,
  expires: row.expires,
});

const toScope = (row: ScopeRow): ScopeRecord => ({
  name: row.name,
  ownerOrg: row.owner_org,
  description: row.description,
  delegationSource: row.delegation_source ?? undefined,
  atMaxAge: row.at_max_age ?? undefined,
  allowedIntegrationTypes: row.allowed_integration_types,
  created: row.created,
});

const toDelegation = (row: DelegationRow): DelegationRecord => ({
  id: row.id,
  consumerOrg: row.consumer_org,
  supplierOrg: row.supplier_org,
  scope: row.scope,
  delegated: row.delegated,
  revoked: row.revoked ?? undefined,
});

const toSigningKey = (row: SigningKeyRow): SigningKeyRecord => ({
  kid: row.kid,
  privateJwk: JSON.parse(row.private_jwk) as JWK,
  publicJwk: JSON.parse(row.public_jwk) as JWK,
  created: row.created,
  retired: row.retired ?? undefined,
  publishedUntil: row.published_until ?? undefined,
});

/**
 * The token endpoint's one statement (`grantContext`): one row per requested scope that exists (or one row without
 * a scope), each carrying the client, the key, and whether the jti was recorded. Up to 20 expired grant ids are
 * forgotten per lookup, skipping any another lookup is forgetting, so the replay store stays small without lookups
 * waiting on each other. (ORDER BY keeps that an index range scan and the ctids a TID scan, never a scan of the
 * whole store.) Named, so each connection parses it once rather than per token (pg prepares a query config with a
 * name; Kysely hands the object through, as register-store's insertPersonsStatement does).
 */
const GRANT_CONTEXT_SQL = `
  WITH forget AS (
    DELETE FROM maskinporten.used_grant WHERE ctid = ANY (ARRAY(
      SELECT ctid FROM maskinporten.used_grant WHERE expires < $7 ORDER BY expires LIMIT 20 FOR UPDATE SKIP LOCKED))
  ), used AS (
    INSERT INTO maskinporten.used_grant (client_id, jti, expires)
    SELECT client_id, $5, $6 FROM maskinporten.client WHERE client_id = $1 AND $5::text IS NOT NULL
    ON CONFLICT DO NOTHING RETURNING jti
  )
  SELECT c.client_id, c.organisasjonsnummer, c.integration_type, c.scopes, EXISTS (SELECT 1 FROM used) AS jti_recorded,
    k.client_id AS key_client_id, k.public_jwk AS key_public_jwk, k.expires AS key_expires,
    s.name AS scope_name, s.delegation_source AS scope_delegation_source, s.at_max_age AS scope_at_max_age,
    s.allowed_integration_types AS scope_allowed_integration_types,
    EXISTS (SELECT 1 FROM maskinporten.scope_access a
      WHERE a.scope = s.name AND a.consumer_org = coalesce($4, c.organisasjonsnummer)) AS granted,
    $4::text IS NOT NULL AND EXISTS (SELECT 1 FROM maskinporten.delegation d
      WHERE d.scope = s.name AND d.consumer_org = $4 AND d.supplier_org = c.organisasjonsnummer AND d.revoked IS NULL) AS delegated
  FROM maskinporten.client c
  LEFT JOIN maskinporten.client_key k ON k.kid = $2
  LEFT JOIN maskinporten.scope s ON s.name = ANY ($3::text[])
  WHERE c.client_id = $1`;
const GRANT_CONTEXT = { name: 'maskinporten_grant_context', text: GRANT_CONTEXT_SQL, toString: () => GRANT_CONTEXT_SQL } as unknown as string;

const UNIQUE_VIOLATION = '23505';

async function unique<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) throw new DuplicateError(message);
    throw error;
  }
}

class PostgresMaskinportenStore implements MaskinportenStore {
  constructor(private readonly db: Kysely<unknown>) {}

  async createClient(client: Omit<ClientRecord, 'lastUpdated'>): Promise<ClientRecord> {
    const [row] = await unique(
      query<ClientRow>(
        this.db,
        `INSERT INTO maskinporten.client (client_id, organisasjonsnummer, client_name, description, integration_type, scopes, created, last_updated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING *`,
        [client.clientId, client.organisasjonsnummer, client.clientName, client.description, client.integrationType, client.scopes, client.created],
      ),
      `client ${client.clientId} already exists`,
    );
    return toClient(row as ClientRow);
  }

  async getClient(clientId: string) {
    const [row] = await query<ClientRow>(this.db, 'SELECT * FROM maskinporten.client WHERE client_id = $1', [clientId]);
    return row && toClient(row);
  }

  async listClients() {
    return (await query<ClientRow>(this.db, 'SELECT * FROM maskinporten.client ORDER BY created, client_id')).map(toClient);
  }

  async updateClient(
    clientId: string,
    change: Partial<Pick<ClientRecord, 'clientName' | 'description' | 'scopes'>>,
    now: Date,
  ) {
    const [row] = await query<ClientRow>(
      this.db,
      `UPDATE maskinporten.client SET client_name = coalesce($2, client_name), description = coalesce($3, description),
         scopes = coalesce($4, scopes), last_updated = $5
       WHERE client_id = $1 RETURNING *`,
      [clientId, change.clientName ?? null, change.description ?? null, change.scopes ?? null, now],
    );
    return row && toClient(row);
  }

  async deleteClient(clientId: string) {
    const rows = await query(this.db, 'DELETE FROM maskinporten.client WHERE client_id = $1 RETURNING client_id', [clientId]);
    return rows.length > 0;
  }

  async replaceClientKeys(clientId: string, keys: readonly Omit<ClientKey, 'clientId'>[]) {
    await this.db.transaction().execute(async (trx) => {
      await query(trx, 'DELETE FROM maskinporten.client_key WHERE client_id = $1', [clientId]);
      for (const key of keys) {
        await unique(
          query(
            trx,
            `INSERT INTO maskinporten.client_key (kid, client_id, public_jwk, created, expires) VALUES ($1, $2, $3, $4, $5)`,
            [key.kid, clientId, JSON.stringify(key.publicJwk), key.created, key.expires],
          ),
          `kid ${key.kid} is already registered`,
        );
      }
    });
  }

  async clientKeys(clientId: string) {
    const rows = await query<KeyRow>(this.db, 'SELECT * FROM maskinporten.client_key WHERE client_id = $1 ORDER BY created, kid', [clientId]);
    return rows.map(toKey);
  }

  async createScope(scope: ScopeRecord) {
    const [row] = await unique(
      query<ScopeRow>(
        this.db,
        `INSERT INTO maskinporten.scope (name, owner_org, description, delegation_source, at_max_age, allowed_integration_types, created)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
        [scope.name, scope.ownerOrg, scope.description, scope.delegationSource ?? null, scope.atMaxAge ?? null, scope.allowedIntegrationTypes, scope.created],
      ),
      `scope ${scope.name} already exists`,
    );
    return toScope(row as ScopeRow);
  }

  async getScope(name: string) {
    const [row] = await query<ScopeRow>(this.db, 'SELECT * FROM maskinporten.scope WHERE name = $1', [name]);
    return row && toScope(row);
  }

  async listScopes() {
    return (await query<ScopeRow>(this.db, 'SELECT * FROM maskinporten.scope ORDER BY name')).map(toScope);
  }

  async grantScope(scope: string, consumerOrg: string, now: Date) {
    const rows = await query(
      this.db,
      `INSERT INTO maskinporten.scope_access (scope, consumer_org, created) VALUES ($1, $2, $3)
       ON CONFLICT DO NOTHING RETURNING scope`,
      [scope, consumerOrg, now],
    );
    return rows.length > 0;
  }

  async revokeScope(scope: string, consumerOrg: string) {
    const rows = await query(
      this.db,
      'DELETE FROM maskinporten.scope_access WHERE scope = $1 AND consumer_org = $2 RETURNING scope',
      [scope, consumerOrg],
    );
    return rows.length > 0;
  }

  async scopeAccess(scope: string) {
    const rows = await query<{ consumer_org: string; created: Date }>(
      this.db,
      'SELECT consumer_org, created FROM maskinporten.scope_access WHERE scope = $1 ORDER BY consumer_org',
      [scope],
    );
    return rows.map((row) => ({ consumerOrg: row.consumer_org, created: row.created }));
  }

  async delegate(consumerOrg: string, supplierOrg: string, scope: string, now: Date) {
    const [row] = await unique(
      query<DelegationRow>(
        this.db,
        `INSERT INTO maskinporten.delegation (consumer_org, supplier_org, scope, delegated) VALUES ($1, $2, $3, $4) RETURNING *`,
        [consumerOrg, supplierOrg, scope, now],
      ),
      `${consumerOrg} has already delegated ${scope} to ${supplierOrg}`,
    );
    return toDelegation(row as DelegationRow);
  }

  async revokeDelegation(consumerOrg: string, supplierOrg: string, scope: string, now: Date) {
    const [row] = await query<DelegationRow>(
      this.db,
      `UPDATE maskinporten.delegation SET revoked = $4
       WHERE consumer_org = $1 AND supplier_org = $2 AND scope = $3 AND revoked IS NULL RETURNING *`,
      [consumerOrg, supplierOrg, scope, now],
    );
    return row && toDelegation(row);
  }

  async delegations(filter: { consumerOrg?: string; supplierOrg?: string; scope?: string; includeRevoked?: boolean }) {
    const rows = await query<DelegationRow>(
      this.db,
      `SELECT * FROM maskinporten.delegation
       WHERE ($1::text IS NULL OR consumer_org = $1) AND ($2::text IS NULL OR supplier_org = $2)
         AND ($3::text IS NULL OR scope = $3) AND ($4 OR revoked IS NULL)
       ORDER BY id`,
      [filter.consumerOrg ?? null, filter.supplierOrg ?? null, filter.scope ?? null, filter.includeRevoked ?? false],
    );
    return rows.map(toDelegation);
  }

  async grantContext(lookup: GrantLookup) {
    const rows = await query<GrantContextRow>(
      this.db,
      GRANT_CONTEXT,
      [lookup.clientId, lookup.kid ?? null, lookup.scopes, lookup.consumerOrg ?? null, lookup.jti ?? null, lookup.usedUntil, lookup.now],
    );
    const [first] = rows;
    if (!first) return undefined;
    const scopeRows = rows.filter((row): row is GrantContextRow & { scope_name: string } => row.scope_name !== null);
    return {
      client: {
        clientId: first.client_id,
        organisasjonsnummer: first.organisasjonsnummer,
        integrationType: first.integration_type,
        scopes: first.scopes,
      },
      key:
        first.key_client_id === null
          ? undefined
          : { clientId: first.key_client_id, publicJwk: JSON.parse(first.key_public_jwk) as JWK, expires: first.key_expires },
      scopes: scopeRows.map((row) => ({
        name: row.scope_name,
        delegationSource: row.scope_delegation_source ?? undefined,
        atMaxAge: row.scope_at_max_age ?? undefined,
        allowedIntegrationTypes: row.scope_allowed_integration_types,
      })),
      granted: new Set(scopeRows.filter((row) => row.granted).map((row) => row.scope_name)),
      delegated: new Set(scopeRows.filter((row) => row.delegated).map((row) => row.scope_name)),
      jtiRecorded: first.jti_recorded,
    };
  }

  async forgetGrant(clientId: string, jti: string) {
    await query(this.db, 'DELETE FROM maskinporten.used_grant WHERE client_id = $1 AND jti = $2', [clientId, jti]);
  }

  async signingKeys() {
    return (await query<SigningKeyRow>(this.db, 'SELECT * FROM maskinporten.signing_key ORDER BY created, kid')).map(toSigningKey);
  }

  async addSigningKey(key: Omit<SigningKeyRecord, 'retired' | 'publishedUntil'>) {
    await query(
      this.db,
      'INSERT INTO maskinporten.signing_key (kid, private_jwk, public_jwk, created) VALUES ($1, $2, $3, $4)',
      [key.kid, JSON.stringify(key.privateJwk), JSON.stringify(key.publicJwk), key.created],
    );
  }

  async retireSigningKeys(exceptKid: string, now: Date, publishedUntil: Date) {
    await this.db.transaction().execute(async (trx: Executor) => {
      await query(trx, 'DELETE FROM maskinporten.signing_key WHERE published_until < $1', [now]);
      await query(
        trx,
        'UPDATE maskinporten.signing_key SET retired = $2, published_until = $3 WHERE kid <> $1 AND retired IS NULL',
        [exceptKid, now, publishedUntil],
      );
    });
  }

  async devCertificateAuthority(create: () => CertificateAuthority) {
    const read = async () =>
      (await query<{ certificate_pem: string; private_key_pem: string }>(this.db, 'SELECT * FROM maskinporten.dev_ca'))[0];
    let row = await read();
    if (!row) {
      const ca = create();
      // Two processes may race to create it: the first one wins and both use that one.
      await query(
        this.db,
        'INSERT INTO maskinporten.dev_ca (certificate_pem, private_key_pem) VALUES ($1, $2) ON CONFLICT DO NOTHING',
        [ca.certificatePem, ca.privateKeyPem],
      );
      row = await read();
    }
    if (!row) throw new Error('the development CA could not be stored');
    return { certificatePem: row.certificate_pem, privateKeyPem: row.private_key_pem };
  }
}
