/**
 * Who is calling and through which package: set on every request to a package path by the register API's
 * authentication hook (register-api.ts) before any route handler runs.
 */
import type { RightsPackage } from '@folkeport/model';

export interface Caller {
  /** The legal consumer (the token's `consumer`). */
  consumerOrg: string;
  /** The vendor acting for the consumer under a delegation (the token's `supplier`). */
  supplierOrg: string | undefined;
  clientId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated caller; set for every package route. */
    caller: Caller;
    /** The rettighetspakke of the request path; set for every package route. */
    pkg: RightsPackage;
  }
}
