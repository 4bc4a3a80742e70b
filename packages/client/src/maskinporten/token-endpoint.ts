import { MaskinportenError } from './errors.js';
import { send, type Http, type HttpAnswer } from './http.js';

export interface AccessToken {
  /** The token to send as `Authorization: Bearer …`; treat it as opaque. */
  accessToken: string;
  tokenType: string;
  /** Granted scopes, space-separated; informational only (maskinporten.md §4). */
  scope: string;
  /** Lifetime in seconds, as Maskinporten answered. */
  expiresIn: number;
  /** Milliseconds since the epoch, counted from when the request was sent. */
  expiresAt: number;
}

export interface TokenExchange {
  tokenEndpoint: string;
  assertion: string;
  /** Clock reading (ms) just before sending: the token cannot have been issued earlier. */
  sentAt: number;
  /** The requested scopes, space-separated: the granted scope when the answer omits it (RFC 6749 §5.1). */
  requestedScope: string;
}

/** Posts the grant (RFC 7523 §2.1) and reads the answer; one attempt, no retries. */
export async function exchangeGrant(http: Http, exchange: TokenExchange): Promise<AccessToken> {
  const answer = await send(http, exchange.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: exchange.assertion,
    }).toString(),
  });
  if (answer.status !== 200) throw failure(answer);
  return accessToken(answer, exchange);
}

function accessToken(answer: HttpAnswer, { sentAt, requestedScope }: TokenExchange): AccessToken {
  const body = answer.json;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MaskinportenError(`Maskinporten's token response is not a JSON object: ${excerpt(answer.text)}`, {
      status: answer.status,
    });
  }
  const { access_token, token_type, expires_in, scope } = body as Record<string, unknown>;
  const problems = [
    typeof access_token === 'string' && access_token !== '' ? null : 'access_token is not a non-empty string',
    typeof token_type === 'string' && token_type !== '' ? null : 'token_type is not a non-empty string',
    typeof expires_in === 'number' && Number.isFinite(expires_in) && expires_in > 0
      ? null
      : 'expires_in is not a positive number',
    scope === undefined || typeof scope === 'string' ? null : 'scope is not a string',
  ].filter((problem) => problem !== null);
  if (problems.length > 0) {
    throw new MaskinportenError(`Maskinporten's token response is malformed: ${problems.join('; ')}`, {
      status: answer.status,
    });
  }
  const expiresIn = expires_in as number;
  return Object.freeze({
    accessToken: access_token as string,
    tokenType: token_type as string,
    scope: (scope as string | undefined) ?? requestedScope,
    expiresIn,
    expiresAt: sentAt + expiresIn * 1000,
  });
}

/** An OAuth error answer (maskinporten.md §7) as a MaskinportenError; 5xx may succeed on a later attempt. */
function failure(answer: HttpAnswer): MaskinportenError {
  const body = typeof answer.json === 'object' && answer.json !== null ? (answer.json as Record<string, unknown>) : {};
  const error = typeof body.error === 'string' ? body.error : undefined;
  const errorDescription = typeof body.error_description === 'string' ? body.error_description : undefined;
  const retryable = answer.status >= 500;
  const detail = errorDescription ?? (error === undefined ? excerpt(answer.text) : '');
  const message =
    `Maskinporten ${retryable ? 'failed to answer' : 'refused'} the token request ` +
    `(${answer.status}${error === undefined ? '' : ` ${error}`})${detail === '' ? '' : `: ${detail}`}`;
  return new MaskinportenError(message, { status: answer.status, error, errorDescription, retryable });
}

/** The start of a body that is not the expected JSON, on one line. */
function excerpt(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (line === '') return '(empty body)';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
