/**
 * The self-service admin API, in the spirit of Maskinporten's (`/clients`, `/clients/{id}/jwks`,
 * `/scopes/access/{consumer_orgno}?scope=`) plus the Altinn delegation register (`/delegations`), key
 * rotation and fault injection. Every route needs the admin credential as a bearer token. The operations
 * themselves live in ./registry.ts, which the CLI uses too.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { HttpError } from '../http/http-app.js';
import { credentialMatches } from './admin-credential.js';
import { CLIENT_ID_PATTERN, type Registry } from './registry.js';

const OrgNo = Type.String({ pattern: '^[0-9]{9}$' });
const ScopeName = Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\s\\x00]+$' });
const ClientId = Type.String({ minLength: 1, maxLength: 100, pattern: CLIENT_ID_PATTERN.source });
/** Free text; PostgreSQL text cannot hold NUL, so it is refused here rather than failing in the database. */
const Text = (limits: { minLength?: number; maxLength: number }) => Type.String({ ...limits, pattern: '^[^\\x00]*$' });

const NewClient = Type.Object(
  {
    client_id: Type.Optional(ClientId),
    client_name: Text({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Text({ maxLength: 1000 })),
    client_orgno: OrgNo,
    integration_type: Type.Optional(Type.Literal('maskinporten')),
    token_endpoint_auth_method: Type.Optional(Type.Literal('private_key_jwt')),
    grant_types: Type.Optional(Type.Array(Type.Literal('urn:ietf:params:oauth:grant-type:jwt-bearer'))),
    scopes: Type.Optional(Type.Array(ScopeName, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

const ClientChange = Type.Object(
  {
    client_name: Type.Optional(Text({ minLength: 1, maxLength: 200 })),
    description: Type.Optional(Text({ maxLength: 1000 })),
    scopes: Type.Optional(Type.Array(ScopeName, { maxItems: 100 })),
  },
  { additionalProperties: false },
);

const Jwks = Type.Object({ keys: Type.Array(Type.Record(Type.String(), Type.Unknown()), { maxItems: 10 }) }, { additionalProperties: false });

const NewScope = Type.Object(
  {
    name: ScopeName,
    owner_orgno: OrgNo,
    description: Type.Optional(Text({ maxLength: 1000 })),
    delegation_source: Type.Optional(Text({ minLength: 1, maxLength: 500 })),
    at_max_age: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400 })),
    allowed_integration_types: Type.Optional(Type.Array(Text({ minLength: 1, maxLength: 50 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);

const ScopeQuery = Type.Object({ scope: ScopeName }, { additionalProperties: false });

const Delegation = Type.Object({ consumer_org: OrgNo, supplier_org: OrgNo, scope: ScopeName }, { additionalProperties: false });

const DelegationQuery = Type.Object(
  {
    consumer_org: Type.Optional(OrgNo),
    supplier_org: Type.Optional(OrgNo),
    scope: Type.Optional(ScopeName),
    history: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

const Faults = Type.Object({ token_unavailable: Type.Integer({ minimum: 0, maximum: 1000 }) }, { additionalProperties: false });

const ClientParams = Type.Object({ clientId: ClientId });
const OrgParams = Type.Object({ consumerOrg: OrgNo });

export interface AdminApiOptions {
  registry: Registry;
  /** The admin credential; undefined disables the admin API (every call → 401). */
  adminToken: string | undefined;
  /** Sets how many of the next token requests answer 503 (fault injection). */
  setTokenFaults(count: number): void;
}

export function registerAdminApi(app: FastifyInstance, options: AdminApiOptions): void {
  const { registry } = options;
  const admin = { onRequest: async (request: FastifyRequest, reply: FastifyReply) => requireAdmin(request, reply, options.adminToken) };

  app.get('/clients', admin, async () => registry.listClients());
  app.post<{ Body: Static<typeof NewClient> }>('/clients', { ...admin, schema: { body: NewClient } }, async (request, reply) =>
    reply.status(201).send(await registry.createClient(request.body)),
  );
  app.get<{ Params: Static<typeof ClientParams> }>('/clients/:clientId', { ...admin, schema: { params: ClientParams } }, async (request) =>
    registry.getClient(request.params.clientId),
  );
  app.put<{ Params: Static<typeof ClientParams>; Body: Static<typeof ClientChange> }>(
    '/clients/:clientId',
    { ...admin, schema: { params: ClientParams, body: ClientChange } },
    async (request) => registry.updateClient(request.params.clientId, request.body),
  );
  app.delete<{ Params: Static<typeof ClientParams> }>('/clients/:clientId', { ...admin, schema: { params: ClientParams } }, async (request, reply) => {
    await registry.deleteClient(request.params.clientId);
    return reply.status(204).send();
  });
  app.get<{ Params: Static<typeof ClientParams> }>('/clients/:clientId/jwks', { ...admin, schema: { params: ClientParams } }, async (request) =>
    registry.clientJwks(request.params.clientId),
  );
  app.post<{ Params: Static<typeof ClientParams>; Body: Static<typeof Jwks> }>(
    '/clients/:clientId/jwks',
    { ...admin, schema: { params: ClientParams, body: Jwks } },
    async (request, reply) => reply.status(201).send(await registry.replaceClientJwks(request.params.clientId, request.body.keys)),
  );

  app.get('/scopes', admin, async () => registry.listScopes());
  app.post<{ Body: Static<typeof NewScope> }>('/scopes', { ...admin, schema: { body: NewScope } }, async (request, reply) =>
    reply.status(201).send(await registry.createScope(request.body)),
  );
  app.get<{ Querystring: Static<typeof ScopeQuery> }>('/scopes/access', { ...admin, schema: { querystring: ScopeQuery } }, async (request) =>
    registry.scopeAccess(request.query.scope),
  );
  app.put<{ Params: Static<typeof OrgParams>; Querystring: Static<typeof ScopeQuery> }>(
    '/scopes/access/:consumerOrg',
    { ...admin, schema: { params: OrgParams, querystring: ScopeQuery } },
    async (request) => registry.grantScope(request.query.scope, request.params.consumerOrg),
  );
  app.delete<{ Params: Static<typeof OrgParams>; Querystring: Static<typeof ScopeQuery> }>(
    '/scopes/access/:consumerOrg',
    { ...admin, schema: { params: OrgParams, querystring: ScopeQuery } },
    async (request) => registry.revokeScope(request.query.scope, request.params.consumerOrg),
  );

  app.get<{ Querystring: Static<typeof DelegationQuery> }>('/delegations', { ...admin, schema: { querystring: DelegationQuery } }, async (request) =>
    registry.delegations(request.query),
  );
  app.post<{ Body: Static<typeof Delegation> }>('/delegations', { ...admin, schema: { body: Delegation } }, async (request, reply) =>
    reply.status(201).send(await registry.delegate(request.body)),
  );
  app.delete<{ Querystring: Static<typeof Delegation> }>('/delegations', { ...admin, schema: { querystring: Delegation } }, async (request) =>
    registry.revokeDelegation(request.query),
  );

  app.post('/keys/rotate', admin, async () => registry.rotateSigningKeys());
  app.put<{ Body: Static<typeof Faults> }>('/faults', { ...admin, schema: { body: Faults } }, async (request) => {
    options.setTokenFaults(request.body.token_unavailable);
    return { token_unavailable: request.body.token_unavailable };
  });
}

/** A 401 carries `WWW-Authenticate` (RFC 7235 §3.1); a server without a credential says the API is off. */
async function requireAdmin(request: FastifyRequest, reply: FastifyReply, adminToken: string | undefined): Promise<void> {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  if (adminToken && match && credentialMatches(match[1] as string, adminToken)) return;
  reply.header('www-authenticate', 'Bearer realm="folkeport-admin"');
  throw new HttpError(
    401,
    adminToken
      ? 'The admin API needs the admin credential as a bearer token'
      : 'The admin API is disabled: the server was started without an admin credential',
  );
}
