/**
 * What every part of the register API (person lookups, search, feeds, uttrekk) gets from the server:
 * the database, the register store, the clock and the audit log. Each part exports
 * `registerXRoutes(app, context)` and registers its routes under every package that offers the service.
 */
import type { FastifyRequest } from 'fastify';
import type { RegisterStore } from '../register-store.js';
import type { Database } from '../../store/database.js';

export type RegisterAction =
  | 'personoppslag'
  | 'bulkoppslag'
  | 'arkiv'
  | 'soek'
  | 'entydigsoek'
  | 'hendelsesliste'
  | 'hendelsesdokument'
  | 'uttrekk';

/** One access for the audit log; the caller and package come from the request. */
export interface RegisterAccess {
  action: RegisterAction;
  /** Folkeregisteridentifikatorer of the persons whose data was delivered (or matched). */
  persons: readonly string[];
  /** The person elements delivered (after minimisation). */
  elements: readonly string[];
  /** Non-identifying detail, e.g. the search criteria names or the uttrekk job id. */
  detail?: string;
}

export interface RegisterApiContext {
  db: Database;
  register: RegisterStore;
  /** Milliseconds since the epoch. */
  clock: () => number;
  /** Appends the access by the request's caller, through the request's package, to the audit log. */
  audit(request: FastifyRequest, access: RegisterAccess): Promise<void>;
}
