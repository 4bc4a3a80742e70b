/**
 * The register service: the FREG consumer API with every part plugged in (person lookups, search, feeds,
 * uttrekk, innsyn) and the background work those parts need — the feed writer, the search index, the
 * uttrekk job runner and the audit log — started and stopped together.
 */
import type { FastifyInstance } from 'fastify';
import { openAuditLog } from '../audit/audit-log.js';
import { registerInnsynRoutes } from '../audit/innsyn-routes.js';
import type { TokenVerifier } from '../auth/token-verifier.js';
import { redactIdentityNumbers } from '../http/redact.js';
import type { Database } from '../store/database.js';
import { registerPersonRoutes } from './api/person-routes.js';
import { createRegisterApi } from './api/register-api.js';
import { registerFeedRoutes } from './feed/feed-routes.js';
import { openFeedWriter, startFeedWriter } from './feed/feed-writer.js';
import { openRegisterStore } from './register-store.js';
import { openSearchIndex } from './search/search-index.js';
import { registerSearchRoutes } from './search/search-routes.js';
import { registerUttrekkRoutes } from './uttrekk/uttrekk-routes.js';
import { createUttrekkService } from './uttrekk/uttrekk-runner.js';

export interface RegisterServiceOptions {
  db: Database;
  verifier: TokenVerifier;
  /** The admin credential (innsyn). */
  adminToken: string;
  requestsPerMinute?: number;
  clock?: () => number;
  logger?: boolean;
  /** How often the feed writer looks for new register events; default 1 000 ms. */
  feedIntervalMs?: number;
}

export interface RegisterService {
  app: FastifyInstance;
  /** Resolves when the feeds and the search index have caught up with the register as it was at start. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export async function startRegisterService(options: RegisterServiceOptions): Promise<RegisterService> {
  const { db } = options;
  const register = await openRegisterStore(db);
  const audit = await openAuditLog(db);
  const failed = (what: string) => (error: unknown) =>
    process.stderr.write(`register: ${what} failed: ${redactIdentityNumbers(error instanceof Error ? error.message : String(error))}\n`);
  const feedWriter = await startFeedWriter(db, { intervalMs: options.feedIntervalMs ?? 1_000, onError: failed('the feed writer') });
  const search = await openSearchIndex(db);
  const searchCaughtUp = search.catchUp();
  searchCaughtUp.catch(failed('building the search index'));
  const uttrekk = await createUttrekkService(db);

  const app = createRegisterApi({
    db,
    register,
    verifier: options.verifier,
    routes: [registerPersonRoutes, registerSearchRoutes, registerFeedRoutes, registerUttrekkRoutes, registerInnsynRoutes(audit, options.adminToken)],
    audit: (entry) => audit.append(entry),
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.requestsPerMinute !== undefined && { requestsPerMinute: options.requestsPerMinute }),
    ...(options.logger !== undefined && { logger: options.logger }),
  });
  await app.ready();
  return {
    app,
    ready: async () => {
      // A catch-up of our own waits for the running one (the writers take turns) and then finds nothing left.
      await (await openFeedWriter(db)).catchUp();
      await searchCaughtUp;
    },
    close: async () => {
      await app.close();
      await feedWriter.stop();
      await uttrekk.close();
    },
  };
}
