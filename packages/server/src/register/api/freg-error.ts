/**
 * FREG's documented error body `{kode, melding}` (reference freg-consumer-api.md §3.4; Q2). FREG documents only
 * `FREG-001` (internal error); every other status gets `FREG-<status>` (docs/register.md, "Errors").
 */
import { HttpError } from '../../http/http-app.js';

/** An error answered with its status, headers and the FREG error body (through the shared HTTP error handler). */
export class FregError extends HttpError {}

export const INTERNAL_ERROR_MESSAGE = 'Feil i tjenesten. Vennligst prøv igjen seinere.';

export function fregErrorBody(status: number, message: string): { kode: string; melding: string } {
  if (status >= 500) return { kode: 'FREG-001', melding: INTERNAL_ERROR_MESSAGE };
  return { kode: `FREG-${status}`, melding: message };
}
