/**
 * The Fiks-compatible gateway as one service (docs/gateway-proxy.md, docs/gateway.md): the proxy under
 * `/folkeregister/api/v1/{rolleId}/…`, the organisation's log under `/folkeregister/api/v1/logg/…`, the
 * configuration API, and `/health`, in one Fastify app whose errors all use Fiks' ErrorMessage body. The proxy
 * calls the FREG API at `upstream.baseUrl` (Folkeport's register or the real FREG) with tokens the gateway gets
 * from Maskinporten for each role's municipality.
 */
import type { FastifyInstance } from 'fastify';
import { MaskinportenClient, type MaskinportenClientOptions } from '@folkeport/client';
import { openAuditLog } from '../audit/audit-log.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { createHttpApp } from '../http/http-app.js';
import type { Database } from '../store/database.js';
import { registerConfigRoutes } from './config-api.js';
import { createFailedLogins } from './failed-logins.js';
import { fiksErrorFormat, fiksErrorHandler } from './fiks-error.js';
import { openGatewayStore, type GatewayConfigStore } from './gateway-store.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { openAccessCache } from './proxy/access-cache.js';
import { registerLogRoutes } from './proxy/audit-routes.js';
import { createGatewayAuth } from './proxy/gateway-auth.js';
import { registerProxyRoutes } from './proxy/proxy-routes.js';
import { createUpstream, type UpstreamTimeouts } from './proxy/upstream.js';

export interface GatewayServiceOptions {
  db: Database;
  /** Trusts the Maskinporten issuer(s) whose `ks:fiks` tokens callers present. */
  verifier: TokenVerifier;
  upstream: {
    /** The FREG API's base URL, without the package prefix: e.g. the local register's `http://127.0.0.1:8080/`. */
    baseUrl: string;
    /**
     * The gateway operator's Maskinporten client (holding the FREG package scopes, with the municipalities'
     * delegations), or the options to make one (then: one retry, 5 s per token request, unless set).
     */
    maskinporten: MaskinportenClient | MaskinportenClientOptions;
  };
  /** The operator's admin credential (configuration API, every organisation's log). */
  adminToken: string;
  /** Upstream connect and response time-outs. */
  timeouts?: Partial<UpstreamTimeouts>;
  logger?: boolean;
  clock?: () => number;
  /** Largest request body (bulk lookups of 1 000 ids); default 1 MiB. */
  bodyLimit?: number;
  /**
   * Failed password checks per caller per minute (a Maskinporten client for integration passwords, an address for
   * organisation admin credentials) before the gateway answers 429 without checking; default 60 (failed-logins.ts).
   */
  failedLoginsPerMinute?: number;
}

export interface GatewayService {
  app: FastifyInstance;
  store: GatewayConfigStore;
  /** Resolves when the service can answer (nothing runs in the background). */
  ready(): Promise<void>;
  /** Stops answering and closes the upstream connections (not the database). */
  close(): Promise<void>;
}

export async function startGatewayService(options: GatewayServiceOptions): Promise<GatewayService> {
  const store = await openGatewayStore(options.db);
  const access = await openAccessCache(options.db, store);
  const log = await openAuditLog(options.db);
  const maskinporten =
    options.upstream.maskinporten instanceof MaskinportenClient
      ? options.upstream.maskinporten
      : new MaskinportenClient({ retries: 1, timeoutMs: 5_000, ...options.upstream.maskinporten });
  const upstream = createUpstream({
    baseUrl: options.upstream.baseUrl,
    maskinporten,
    ...(options.timeouts !== undefined && { timeouts: options.timeouts }),
  });

  const app = createHttpApp({ errorBody: fiksErrorFormat, logger: options.logger, bodyLimit: options.bodyLimit });
  app.get('/health', async () => ({ status: 'ok' }));
  // One budget for both kinds of caller: their keys (byClient, byAddress) never collide.
  const failedLogins = createFailedLogins(options.failedLoginsPerMinute, options.clock);
  registerConfigRoutes(app, {
    store,
    adminToken: options.adminToken,
    failedLogins,
    audit: (entry) => log.append(entry),
    ...(options.clock !== undefined && { clock: options.clock }),
  });
  registerProxyRoutes(app, {
    auth: createGatewayAuth({
      verifier: options.verifier,
      store: access,
      passwords: { verify: verifyPassword, hash: hashPassword },
      failedLogins,
    }),
    upstream,
    audit: (entry) => log.append(entry),
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.bodyLimit !== undefined && { bodyLimit: options.bodyLimit }),
  });
  await app.register(async (scope) => {
    scope.setErrorHandler(fiksErrorHandler);
    registerLogRoutes(scope, { log, store, adminToken: options.adminToken, failedLogins });
  });
  await app.ready();
  return {
    app,
    store,
    ready: async () => {},
    close: async () => {
      await app.close();
      upstream.close();
      await access.close();
    },
  };
}
