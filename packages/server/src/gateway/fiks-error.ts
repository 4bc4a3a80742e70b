/**
 * Fiks' error body, `ErrorMessage` (specs/fiks/fiks-common.json; reference fiks-folkeregister.md §2.5):
 * `{timestamp, status, error, errorId, path, message, errorCode?}`. `errorId` is what support asks for; `errorCode`
 * is present only when there is a machine-readable code. The path never carries an identity number.
 *
 * Use `fiksErrorFormat` as createHttpApp's errorBody; routes that answer with an errorCode throw FiksError inside
 * a scope whose error handler is `fiksErrorHandler` (createHttpApp's ErrorBody does not see the thrown error).
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { HttpError, type ErrorBody } from '../http/http-app.js';
import { redactIdentityNumbers } from '../http/redact.js';

export interface FiksErrorMessage {
  /** Milliseconds since the epoch. */
  timestamp: number;
  status: number;
  /** The HTTP reason phrase, e.g. `Bad Request`. */
  error: string;
  errorId: string;
  path: string;
  message: string;
  errorCode?: string;
}

export function fiksErrorBody(
  status: number,
  message: string,
  path: string,
  errorCode?: string,
  errorId: string = randomUUID(),
  timestamp: number = Date.now(),
): FiksErrorMessage {
  return {
    timestamp,
    status,
    error: STATUS_CODES[status] ?? 'Error',
    errorId,
    path: redactIdentityNumbers(path.split('?')[0] ?? ''),
    message,
    ...(errorCode === undefined ? {} : { errorCode }),
  };
}

/** An error a route throws to answer in Fiks' format, optionally with a machine-readable `errorCode`. */
export class FiksError extends HttpError {
  constructor(
    status: number,
    message: string,
    readonly errorCode?: string,
    headers: Record<string, string> = {},
  ) {
    super(status, message, headers);
  }
}

/** createHttpApp's `errorBody` for a Fiks-style app: the problem's reference becomes the errorId. */
export const fiksErrorFormat: ErrorBody = (problem, request) =>
  fiksErrorBody(problem.status, problem.message, request.url, undefined, problem.reference);

/**
 * An encapsulated scope's error handler: a FiksError is answered here, with its errorCode; anything else goes on
 * to the app's handler (Fastify passes what a child handler throws to its parent's).
 */
export function fiksErrorHandler(error: Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (!(error instanceof FiksError)) throw error;
  return reply
    .status(error.status)
    .headers(error.headers)
    .type('application/json; charset=utf-8')
    .send(fiksErrorBody(error.status, error.message, request.url, error.errorCode));
}
