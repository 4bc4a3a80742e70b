/**
 * A refusal by the gateway itself (not by the upstream register): a FiksError that always carries a
 * machine-readable `errorCode` (Folkeport's codes: docs/gateway-proxy.md, "Errors").
 */
import { FiksError } from '../fiks-error.js';

export class ProxyError extends FiksError {
  declare readonly errorCode: string;

  constructor(status: number, errorCode: string, message: string, headers: Record<string, string> = {}) {
    super(status, message, errorCode, headers);
  }
}
