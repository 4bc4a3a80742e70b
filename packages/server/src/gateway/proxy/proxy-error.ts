/**
 * A refusal by the gateway itself (not by the upstream register): answered in Fiks' ErrorMessage format with
 * a machine-readable `errorCode` (Folkeport's codes: docs/gateway-proxy.md, "Errors").
 */
import { HttpError } from '../../http/http-app.js';

export class ProxyError extends HttpError {
  constructor(
    status: number,
    readonly errorCode: string,
    message: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message, headers);
  }
}
