/**
 * The Maskinporten-compatible authorisation server: discovery metadata, `/token`, `/jwk`, and the admin API.
 * Errors of every route are Maskinporten's OAuth error JSON (`error`, `error_description` with a reference).
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { createHttpApp, type HttpProblem } from '../http/http-app.js';
import { registerAdminApi } from './admin-api.js';
import { createTestCa, x5cOf, type CertificateAuthority } from './certificates.js';
import { GrantError, grantErrorBody, grantErrors } from './grant-errors.js';
import { GRANT_ALGORITHMS } from './grant-claims.js';
import type { MaskinportenStore } from './maskinporten-store.js';
import { createRegistry, type Registry } from './registry.js';
import { signingKeys, type SigningKeys } from './signing-keys.js';
import { createTokenService, JWT_BEARER, type TokenServiceConfig } from './token-service.js';

export interface MaskinportenServerOptions {
  store: MaskinportenStore;
  /** With the trailing slash; can be set after listening with `setIssuer` when the port is chosen by the OS. */
  issuer?: string;
  clock?: () => number;
  /** Default access-token lifetime in seconds (default 120; a scope's `at_max_age` can lower it). */
  accessTokenLifetime?: number;
  strictClaims?: boolean;
  audienceUnspecified?: boolean;
  forbiddenStatus?: number;
  /** PEM files of CA certificates trusted for enterprise certificates. */
  trustedCaFiles?: readonly string[];
  /** Trust the development CA of `folkeport dev cert` (default true; switch off in front of real clients). */
  trustDevCa?: boolean;
  /** The admin credential; without one the admin API refuses every call. */
  adminToken?: string;
  logger?: boolean;
}

export interface MaskinportenServer {
  app: FastifyInstance;
  registry: Registry;
  keys: SigningKeys;
  issuer(): string;
  setIssuer(issuer: string): void;
}

const TOKEN_BODY_LIMIT = 64 * 1024;
const ADMIN_BODY_LIMIT = 256 * 1024;

export function createMaskinportenServer(options: MaskinportenServerOptions): MaskinportenServer {
  const clock = options.clock ?? Date.now;
  const lifetime = options.accessTokenLifetime ?? 120;
  const fileCas = (options.trustedCaFiles ?? []).map(readCaFile);
  let devCa: Promise<CertificateAuthority> | undefined;
  const config: TokenServiceConfig = {
    issuer: withTrailingSlash(options.issuer ?? 'http://127.0.0.1/'),
    clock,
    accessTokenLifetime: lifetime,
    strictClaims: options.strictClaims ?? false,
    audienceUnspecified: options.audienceUnspecified ?? true,
    forbiddenStatus: options.forbiddenStatus ?? 403,
    trustedCaPems: async () => {
      if (options.trustDevCa === false) return fileCas;
      devCa ??= options.store.devCertificateAuthority(() => createTestCa());
      return [...fileCas, (await devCa).certificatePem];
    },
  };
  const keys = signingKeys(options.store, clock);
  const tokens = createTokenService(options.store, keys, config);
  const registry = createRegistry(options.store, keys, clock, lifetime);
  let tokenFaults = 0;

  const app = createHttpApp({ errorBody: oauthErrorBody, logger: options.logger, bodyLimit: ADMIN_BODY_LIMIT });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: TOKEN_BODY_LIMIT }, (_request, body, done) => {
    const form = parseForm(body as string);
    if (typeof form === 'string') done(Object.assign(new Error(`Parameter ${form} is given more than once`), { statusCode: 400 }));
    else done(null, form);
  });

  app.get('/.well-known/oauth-authorization-server', async () => ({
    issuer: config.issuer,
    token_endpoint: `${config.issuer}token`,
    jwks_uri: `${config.issuer}jwk`,
    token_endpoint_auth_methods_supported: ['private_key_jwt'],
    grant_types_supported: [JWT_BEARER],
    token_endpoint_auth_signing_alg_values_supported: [...GRANT_ALGORITHMS],
    authorization_details_types_supported: ['urn:altinn:systemuser'],
  }));

  app.get('/health', async () => ({ status: 'ok' }));

  app.get('/jwk', async (_request, reply) => reply.header('cache-control', 'public, max-age=60').send(await keys.published()));

  app.post('/token', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    try {
      if (!request.headers['content-type']?.toLowerCase().startsWith('application/x-www-form-urlencoded')) {
        throw grantErrors.malformed('the body must be application/x-www-form-urlencoded');
      }
      if (tokenFaults > 0) {
        tokenFaults -= 1;
        throw grantErrors.unavailable();
      }
      return await tokens.issue(request.body as Record<string, unknown>);
    } catch (error) {
      if (!(error instanceof GrantError)) throw error;
      const reference = request.id;
      request.log.info({ mp: error.mpCode, error: error.error, reference }, 'token request refused');
      return reply.status(error.status).send(grantErrorBody(error, reference));
    }
  });

  registerAdminApi(app, {
    registry,
    adminToken: options.adminToken,
    setTokenFaults: (count) => {
      tokenFaults = count;
    },
  });

  return {
    app,
    registry,
    keys,
    issuer: () => config.issuer,
    setIssuer: (issuer) => {
      config.issuer = withTrailingSlash(issuer);
    },
  };
}

function withTrailingSlash(issuer: string): string {
  return issuer.endsWith('/') ? issuer : `${issuer}/`;
}

/** A trusted CA file, checked at start so a bad file is a startup error rather than a failure per request. */
function readCaFile(file: string): string {
  const pem = readFileSync(file, 'utf8');
  try {
    if (x5cOf(pem).length > 0) return pem;
  } catch {
    // reported below
  }
  throw new Error(`${file} holds no PEM certificate`);
}

/** A form body, or the name of a parameter given twice (ambiguous which one counts, so refused). */
function parseForm(body: string): Record<string, string> | string {
  const form: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(form, name)) return name;
    form[name] = value;
  }
  return form;
}

const STATUS_ERRORS: Record<number, string> = { 401: 'invalid_token', 404: 'not_found', 409: 'conflict' };

function oauthErrorBody(problem: HttpProblem) {
  const error = STATUS_ERRORS[problem.status] ?? (problem.status >= 500 ? 'server_error' : 'invalid_request');
  return { error, error_description: `${problem.message} (reference ${problem.reference})` };
}
