import { MaskinportenError } from './errors.js';

export interface Http {
  fetch: typeof fetch;
  timeoutMs: number;
}

export interface HttpAnswer {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: unknown;
}

/**
 * One HTTP exchange, body included, within the timeout. Network failures and timeouts become retryable
 * MaskinportenErrors; HTTP error statuses are returned for the caller to interpret.
 */
export async function send(http: Http, url: string, init: RequestInit): Promise<HttpAnswer> {
  let status: number;
  let text: string;
  try {
    const response = await http.fetch(url, { ...init, signal: AbortSignal.timeout(http.timeoutMs) });
    status = response.status;
    text = await response.text();
  } catch (error) {
    const message =
      error instanceof Error && error.name === 'TimeoutError'
        ? `No answer from ${url} within ${http.timeoutMs} ms`
        : `Could not reach ${url}: ${networkDetail(error)}`;
    throw new MaskinportenError(message, { retryable: true, cause: error });
  }
  return { status, text, json: parseJson(text) };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** undici reports "fetch failed" and puts the reason (ECONNREFUSED, ENOTFOUND, …) in `cause`. */
function networkDetail(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  if (typeof cause?.code === 'string') return cause.code;
  if (typeof cause?.message === 'string') return cause.message;
  return error.message;
}
