/**
 * The registry operations behind the admin API and the CLI: clients and their keys, scopes and access,
 * Altinn delegations and signing-key rotation, with the checks Maskinporten makes (a kid unique across all
 * clients, keys living at most one year, public RSA keys only, delegable scopes only). Results are the admin
 * API's JSON shapes; failures are `HttpError`s the API returns as they are and the CLI prints.
 */
import { createPublicKey, randomUUID, type JsonWebKey } from 'node:crypto';
import type { JWK } from 'jose';
import { isValidOrganisasjonsnummer } from '@folkeport/identity';
import { HttpError } from '../http/http-app.js';
import { DuplicateError, type ClientKey, type ClientRecord, type DelegationRecord, type MaskinportenStore, type ScopeRecord } from './maskinporten-store.js';
import type { SigningKeys } from './signing-keys.js';
import { JWT_BEARER } from './token-service.js';

const KEY_MAX_AGE_SECONDS = 365 * 24 * 3600;
const MIN_MODULUS_BITS = 2048;
const PRIVATE_JWK_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];
/** What a client id may look like (at most 100 characters); also what the admin API's paths accept. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9._:-]{1,100}$/;

export interface NewClientInput {
  client_id?: string;
  client_name: string;
  description?: string;
  client_orgno: string;
  scopes?: string[];
}

export interface NewScopeInput {
  name: string;
  owner_orgno: string;
  description?: string;
  delegation_source?: string;
  at_max_age?: number;
  allowed_integration_types?: string[];
}

export interface DelegationInput {
  consumer_org: string;
  supplier_org: string;
  scope: string;
}

export type Registry = ReturnType<typeof createRegistry>;

export function createRegistry(store: MaskinportenStore, keys: SigningKeys, clock: () => number, accessTokenLifetime: number) {
  const now = () => new Date(clock());

  const existingClient = async (clientId: string) => {
    const client = await store.getClient(clientId);
    if (!client) throw new HttpError(404, `No client ${clientId}`);
    return client;
  };
  const existingScopes = async (scopes: readonly string[]) => {
    const known = new Set((await store.listScopes()).map((scope) => scope.name));
    const unknown = scopes.filter((scope) => !known.has(scope));
    if (unknown.length > 0) throw new HttpError(400, `Unknown scopes: ${unknown.join(' ')}`);
  };
  const conflict = async <T>(work: Promise<T>): Promise<T> => {
    try {
      return await work;
    } catch (error) {
      if (error instanceof DuplicateError) throw new HttpError(409, error.message);
      throw error;
    }
  };

  return {
    async createClient(input: NewClientInput) {
      requireOrgNo(input.client_orgno, 'client_orgno');
      if (input.client_id !== undefined && !CLIENT_ID_PATTERN.test(input.client_id)) {
        throw new HttpError(400, 'A client_id is 1–100 letters, digits, dots, underscores, colons and hyphens');
      }
      const scopes = [...new Set(input.scopes ?? [])];
      await existingScopes(scopes);
      const created = now();
      const client = await conflict(
        store.createClient({
          clientId: input.client_id ?? randomUUID(),
          organisasjonsnummer: input.client_orgno,
          clientName: input.client_name,
          description: input.description ?? '',
          integrationType: 'maskinporten',
          scopes,
          created,
        }),
      );
      return clientJson(client);
    },
    async getClient(clientId: string) {
      return clientJson(await existingClient(clientId));
    },
    async listClients() {
      return (await store.listClients()).map(clientJson);
    },
    async updateClient(clientId: string, change: { client_name?: string; description?: string; scopes?: string[] }) {
      await existingClient(clientId);
      const scopes = change.scopes && [...new Set(change.scopes)];
      if (scopes) await existingScopes(scopes);
      const client = await store.updateClient(clientId, { clientName: change.client_name, description: change.description, scopes }, now());
      return clientJson(client ?? (await existingClient(clientId)));
    },
    async deleteClient(clientId: string) {
      if (!(await store.deleteClient(clientId))) throw new HttpError(404, `No client ${clientId}`);
    },
    async clientJwks(clientId: string) {
      await existingClient(clientId);
      return { keys: (await store.clientKeys(clientId)).map(keyJson) };
    },
    /** Replaces the client's key set; each key expires at its `exp` (seconds) or one year from now, never later. */
    async replaceClientJwks(clientId: string, jwks: readonly Record<string, unknown>[]) {
      await existingClient(clientId);
      const registered = now();
      const latest = registered.getTime() + KEY_MAX_AGE_SECONDS * 1000;
      const kids = new Set<string>();
      const keys = jwks.map((jwk, index) => {
        const { exp, ...publicJwk } = checkPublicJwk(jwk, index);
        if (kids.has(publicJwk.kid)) throw new HttpError(400, `keys[${index}]: kid ${publicJwk.kid} occurs twice`);
        kids.add(publicJwk.kid);
        const expires = exp === undefined ? latest : exp * 1000;
        if (expires > latest) throw new HttpError(400, `keys[${index}]: exp is more than one year from now`);
        if (expires <= registered.getTime()) throw new HttpError(400, `keys[${index}]: exp has passed`);
        return { kid: publicJwk.kid, publicJwk, created: registered, expires: new Date(expires) };
      });
      await conflict(store.replaceClientKeys(clientId, keys));
      return { keys: (await store.clientKeys(clientId)).map(keyJson) };
    },

    async createScope(input: NewScopeInput) {
      requireOrgNo(input.owner_orgno, 'owner_orgno');
      if (!/^[a-z0-9_.-]+:[^\s]+$/i.test(input.name)) {
        throw new HttpError(400, 'A scope name is <prefix>:<subscope>, e.g. folkeregister:deling/offentligmedhjemmel');
      }
      const scope = await conflict(
        store.createScope({
          name: input.name,
          ownerOrg: input.owner_orgno,
          description: input.description ?? '',
          delegationSource: input.delegation_source,
          atMaxAge: input.at_max_age,
          allowedIntegrationTypes: input.allowed_integration_types ?? ['maskinporten'],
          created: now(),
        }),
      );
      return scopeJson(scope);
    },
    /** Creates those of `scopes` that do not exist yet; returns the names created. */
    async ensureScopes(scopes: readonly NewScopeInput[]) {
      const existing = new Set((await store.listScopes()).map((scope) => scope.name));
      const created: string[] = [];
      for (const scope of scopes.filter((candidate) => !existing.has(candidate.name))) {
        try {
          await this.createScope(scope);
          created.push(scope.name);
        } catch (error) {
          // Another instance created it meanwhile.
          if (!(error instanceof HttpError && error.status === 409)) throw error;
        }
      }
      return created;
    },
    async listScopes() {
      return (await store.listScopes()).map(scopeJson);
    },
    async scopeAccess(scope: string) {
      await existingScopes([scope]);
      return (await store.scopeAccess(scope)).map((access) => ({
        scope,
        consumer_orgno: access.consumerOrg,
        created: access.created.toISOString(),
      }));
    },
    async grantScope(scope: string, consumerOrg: string) {
      requireOrgNo(consumerOrg, 'consumer_orgno');
      await existingScopes([scope]);
      const granted = await store.grantScope(scope, consumerOrg, now());
      return { scope, consumer_orgno: consumerOrg, state: granted ? 'granted' : 'already granted' };
    },
    async revokeScope(scope: string, consumerOrg: string) {
      if (!(await store.revokeScope(scope, consumerOrg))) {
        throw new HttpError(404, `${consumerOrg} has no access to ${scope}`);
      }
      return { scope, consumer_orgno: consumerOrg, state: 'revoked' };
    },

    async delegate(input: DelegationInput) {
      requireOrgNo(input.consumer_org, 'consumer_org');
      requireOrgNo(input.supplier_org, 'supplier_org');
      if (input.consumer_org === input.supplier_org) throw new HttpError(400, 'An organisation cannot delegate to itself');
      const scope = await store.getScope(input.scope);
      if (!scope) throw new HttpError(400, `Unknown scope ${input.scope}`);
      if (!scope.delegationSource) throw new HttpError(400, `Scope ${input.scope} has no delegation_source and cannot be delegated`);
      return delegationJson(await conflict(store.delegate(input.consumer_org, input.supplier_org, input.scope, now())));
    },
    async revokeDelegation(input: DelegationInput) {
      const revoked = await store.revokeDelegation(input.consumer_org, input.supplier_org, input.scope, now());
      if (!revoked) {
        throw new HttpError(404, `${input.consumer_org} has no current delegation of ${input.scope} to ${input.supplier_org}`);
      }
      return delegationJson(revoked);
    },
    async delegations(filter: { consumer_org?: string; supplier_org?: string; scope?: string; history?: boolean }) {
      const rows = await store.delegations({
        consumerOrg: filter.consumer_org,
        supplierOrg: filter.supplier_org,
        scope: filter.scope,
        includeRevoked: filter.history,
      });
      return rows.map(delegationJson);
    },

    /** Old keys stay published for the longest token lifetime plus a minute of clock skew. */
    async rotateSigningKeys() {
      const kid = await keys.rotate(accessTokenLifetime + 60);
      return { kid, keys: (await keys.published()).keys.map((key) => key.kid) };
    },
  };
}

function requireOrgNo(value: string, field: string): void {
  if (!isValidOrganisasjonsnummer(value)) throw new HttpError(400, `${field} ${value} is not a valid organisation number`);
}

type PublicJwk = JWK & { kid: string; exp?: number };

function checkPublicJwk(jwk: Record<string, unknown>, index: number): PublicJwk {
  const fail = (reason: string) => new HttpError(400, `keys[${index}]: ${reason}`);
  if (jwk.kty !== 'RSA') throw fail('only RSA keys (kty RSA) are accepted');
  if (typeof jwk.kid !== 'string' || !/^[\w.:-]{1,100}$/.test(jwk.kid)) throw fail('kid is required (letters, digits, . _ : -)');
  const privateMembers = PRIVATE_JWK_MEMBERS.filter((member) => member in jwk);
  if (privateMembers.length > 0) throw fail('this is a private key; register only the public key (n, e)');
  if (jwk.alg !== undefined && !['RS256', 'RS384', 'RS512'].includes(jwk.alg as string)) throw fail('alg must be RS256, RS384 or RS512');
  if (jwk.use !== undefined && jwk.use !== 'sig') throw fail('use must be sig');
  if (jwk.exp !== undefined && (typeof jwk.exp !== 'number' || !Number.isInteger(jwk.exp))) throw fail('exp must be seconds since 1970');
  const known = ['kty', 'kid', 'n', 'e', 'alg', 'use', 'exp', 'x5c', 'x5t', 'x5t#S256'];
  const unknown = Object.keys(jwk).filter((member) => !known.includes(member));
  if (unknown.length > 0) throw fail(`unknown members ${unknown.join(', ')}`);
  let bits: number | undefined;
  try {
    bits = createPublicKey({ key: { kty: 'RSA', n: jwk.n, e: jwk.e } as JsonWebKey, format: 'jwk' })
      .asymmetricKeyDetails?.modulusLength;
  } catch {
    throw fail('n and e do not form an RSA public key');
  }
  if (bits === undefined || bits < MIN_MODULUS_BITS) throw fail(`the key must have at least ${MIN_MODULUS_BITS} bits`);
  return jwk as PublicJwk;
}

function clientJson(client: ClientRecord) {
  return {
    client_id: client.clientId,
    client_name: client.clientName,
    description: client.description,
    client_orgno: client.organisasjonsnummer,
    integration_type: client.integrationType,
    token_endpoint_auth_method: 'private_key_jwt',
    grant_types: [JWT_BEARER],
    scopes: client.scopes,
    created: client.created.toISOString(),
    last_updated: client.lastUpdated.toISOString(),
  };
}

function keyJson(key: ClientKey) {
  return { ...key.publicJwk, exp: Math.floor(key.expires.getTime() / 1000) };
}

function scopeJson(scope: ScopeRecord) {
  return {
    name: scope.name,
    owner_orgno: scope.ownerOrg,
    description: scope.description,
    ...(scope.delegationSource !== undefined && { delegation_source: scope.delegationSource }),
    ...(scope.atMaxAge !== undefined && { at_max_age: scope.atMaxAge }),
    allowed_integration_types: scope.allowedIntegrationTypes,
    created: scope.created.toISOString(),
  };
}

function delegationJson(delegation: DelegationRecord) {
  return {
    id: delegation.id,
    consumer_org: delegation.consumerOrg,
    supplier_org: delegation.supplierOrg,
    scope: delegation.scope,
    delegated: delegation.delegated.toISOString(),
    ...(delegation.revoked !== undefined && { revoked: delegation.revoked.toISOString() }),
  };
}
