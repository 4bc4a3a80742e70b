/**
 * The FREG-compatible consumer API (konsumenttjenester): every rettighetspakke under its own path prefix.
 * Before any package route runs, this module authenticates the bearer token (trusted Maskinporten issuers),
 * requires the package's scope (403 otherwise), applies the per-organisation rate limit (429 with
 * `Retry-After` in milliseconds, as FREG documents) and sets `request.caller` and `request.pkg`. The
 * services themselves register their routes through `RegisterRoutes` functions.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { packageForPath, packageScopes, type RightsPackage } from '@folkeport/model';
import { TokenRejectedError, type TokenVerifier } from '../../auth/token-verifier.js';
import { createHttpApp } from '../../http/http-app.js';
import { createRateLimiter } from '../../http/rate-limit.js';
import type { Database } from '../../store/database.js';
import type { RegisterStore } from '../register-store.js';
import type { Caller } from './caller.js';
import { FregError, fregErrorBody } from './freg-error.js';
import type { RegisterAccess, RegisterApiContext } from './register-context.js';

export type RegisterRoutes = (app: FastifyInstance, context: RegisterApiContext) => void;

/** One audit record as the register hands it to the audit log. */
export interface RegisterAuditEntry extends RegisterAccess {
  time: Date;
  consumerOrg: string;
  supplierOrg: string | undefined;
  clientId: string;
  package: RightsPackage['id'];
}

export interface RegisterApiOptions {
  db: Database;
  register: RegisterStore;
  verifier: TokenVerifier;
  /** The services to serve (person lookups, search, feeds, uttrekk …). */
  routes: readonly RegisterRoutes[];
  /** Appends one access to the audit log. */
  audit: (entry: RegisterAuditEntry) => Promise<void>;
  clock?: () => number;
  /** Requests per consumer organisation per minute; default 60 000 (FREG production; test: 1 200). */
  requestsPerMinute?: number;
  logger?: boolean;
  /** Largest request body (bulk lookups of 1 000 ids, uttrekk criteria); default 1 MiB. */
  bodyLimit?: number;
}

export const PRODUCTION_REQUESTS_PER_MINUTE = 60_000;
export const TEST_REQUESTS_PER_MINUTE = 1_200;

export function createRegisterApi(options: RegisterApiOptions): FastifyInstance {
  const clock = options.clock ?? Date.now;
  const limiter = createRateLimiter(options.requestsPerMinute ?? PRODUCTION_REQUESTS_PER_MINUTE, clock);
  const app = createHttpApp({
    errorBody: (problem) => fregErrorBody(problem.status, problem.message),
    logger: options.logger,
    bodyLimit: options.bodyLimit,
  });
  app.decorateRequest('caller', null as unknown as Caller);
  app.decorateRequest('pkg', null as unknown as RightsPackage);

  app.addHook('onRequest', async (request) => {
    const match = packageForPath(request.url);
    if (!match) return;
    request.pkg = match.package;
    request.caller = await authenticate(request, match.package, options.verifier);
    const wait = limiter.take(request.caller.consumerOrg);
    if (wait !== undefined) {
      throw new FregError(429, 'For mange forespørsler. Vent minst antall millisekunder oppgitt i Retry-After.', {
        'retry-after': String(Math.max(1, Math.ceil(wait))),
      });
    }
  });

  app.get('/health', async () => ({ status: 'ok' }));

  const context: RegisterApiContext = {
    db: options.db,
    register: options.register,
    clock,
    audit: (request, access) =>
      options.audit({
        ...access,
        time: new Date(clock()),
        consumerOrg: request.caller.consumerOrg,
        supplierOrg: request.caller.supplierOrg,
        clientId: request.caller.clientId,
        package: request.pkg.id,
      }),
  };
  for (const routes of options.routes) routes(app, context);
  return app;
}

async function authenticate(request: FastifyRequest, pkg: RightsPackage, verifier: TokenVerifier): Promise<Caller> {
  try {
    const token = await verifier.verify(request.headers.authorization);
    if (!packageScopes(pkg).some((scope) => token.scopes.includes(scope))) {
      throw new FregError(403, `Tokenet gir ikke tilgang til rettighetspakken ${pkg.name} (krever scope ${pkg.scope})`);
    }
    return { consumerOrg: token.consumerOrg, supplierOrg: token.supplierOrg, clientId: token.clientId };
  } catch (error) {
    if (error instanceof TokenRejectedError) {
      throw new FregError(401, 'Mangler eller ugyldig Maskinporten-token', { 'www-authenticate': error.wwwAuthenticate });
    }
    throw error;
  }
}
