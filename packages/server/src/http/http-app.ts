/**
 * The HTTP plumbing every Folkeport service shares: a Fastify instance whose errors — malformed bodies,
 * bodies too large, unknown routes, unsupported media types, and anything unexpected — all come out in the
 * service's own error format with a 4xx (or a bare 500 without details), and whose request log never holds
 * an identity number.
 */
import { randomUUID } from 'node:crypto';
import { Ajv } from 'ajv';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { redactIdentityNumbers } from './redact.js';

/** A service's error body for a status and a message meant for the caller. */
export type ErrorBody = (problem: HttpProblem, request: FastifyRequest) => unknown;

export interface HttpProblem {
  status: number;
  message: string;
  /** Unique per occurrence; logged with the error so an operator can find it from what the caller saw. */
  reference: string;
}

/** An error a route throws to answer with a given status and message. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** Extra response headers, e.g. `Retry-After` or `WWW-Authenticate`. */
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export interface HttpAppOptions {
  errorBody: ErrorBody;
  /** Log requests (pino, JSON lines on stdout). Off by default (tests). */
  logger?: boolean;
  /** Largest accepted request body in bytes; default 1 MiB. */
  bodyLimit?: number;
}

/**
 * Request schemas. Unknown fields are refused, not silently dropped (Fastify's default removes them). A JSON body is
 * checked as sent, so `5` where text belongs is a 400, not `"5"`. The querystring, path and headers are text by
 * nature, so their values are converted to the schema's types (`?history=true` is a boolean).
 */
const BODY_SCHEMAS = new Ajv({ removeAdditional: false, coerceTypes: false, useDefaults: true });
const TEXT_SCHEMAS = new Ajv({ removeAdditional: false, coerceTypes: 'array', useDefaults: true });

export function createHttpApp(options: HttpAppOptions): FastifyInstance {
  const app = Fastify({
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => randomUUID(),
    logger: options.logger
      ? {
          serializers: {
            req: (request: FastifyRequest) => ({ method: request.method, url: redactIdentityNumbers(request.url) }),
            // An unexpected error's message can quote data, e.g. a parse error's snippet of a stored document.
            err: (error: Error) => ({
              type: error.name,
              message: redactIdentityNumbers(error.message),
              stack: redactIdentityNumbers(error.stack ?? ''),
            }),
          },
        }
      : false,
  });

  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === 'body' ? BODY_SCHEMAS : TEXT_SCHEMAS).compile(schema));

  const send = (reply: FastifyReply, request: FastifyRequest, status: number, message: string) => {
    const problem = { status, message, reference: randomUUID() };
    return reply.status(status).type('application/json; charset=utf-8').send(options.errorBody(problem, request));
  };

  app.setNotFoundHandler((request, reply) => send(reply, request, 404, `No resource at ${redactIdentityNumbers(request.url.split('?')[0] ?? '')}`));

  app.setErrorHandler((error: Error & { statusCode?: number; code?: string }, request, reply) => {
    if (error instanceof HttpError) return send(reply.headers(error.headers), request, error.status, error.message);
    const status = error.statusCode;
    if (status !== undefined && status >= 400 && status < 500) {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type, schema validation).
      return send(reply, request, status, clientErrorMessage(error));
    }
    request.log.error({ err: error }, 'unexpected error');
    return send(reply, request, 500, 'Internal error');
  });
  return app;
}

function clientErrorMessage(error: Error & { code?: string }): string {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return 'The request body is too large';
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return 'Unsupported Content-Type';
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return 'The request body is not valid JSON';
    default:
      return redactIdentityNumbers(error.message);
  }
}

/** Listens on loopback unless told otherwise; returns the base URL (with a trailing slash). */
export async function listen(app: FastifyInstance, port: number, host = '127.0.0.1'): Promise<string> {
  await app.listen({ port, host });
  const address = app.server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return `http://${shownHost}:${actualPort}/`;
}
