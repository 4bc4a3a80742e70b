// The one error a token verification can end in: a 401 with an RFC 6750 Bearer challenge.

const REALM = 'folkeport';

/** RFC 6750 §3.1 `error_description`: printable ASCII without `"` and `\`. */
const DESCRIPTION_CHARS = /^[\x20\x21\x23-\x5B\x5D-\x7E]+$/;

export type TokenErrorCode = 'invalid_token' | 'invalid_request';

/**
 * A rejected request. `wwwAuthenticate` is the header value to send with the 401.
 * `error` is the RFC 6750 code: 'invalid_request' when no bearer credentials were sent
 * (missing header or another scheme); the challenge then carries no error attribute,
 * as RFC 6750 §3.1 asks. The description is a fixed text chosen here: it never echoes
 * the token. The underlying failure, when there is one, is kept as `cause` for server logs.
 */
export class TokenRejectedError extends Error {
  override readonly name = 'TokenRejectedError';
  readonly status = 401 as const;
  readonly error: TokenErrorCode;
  readonly wwwAuthenticate: string;

  private constructor(error: TokenErrorCode, description: string, wwwAuthenticate: string, cause?: unknown) {
    super(description, cause === undefined ? undefined : { cause });
    this.error = error;
    this.wwwAuthenticate = wwwAuthenticate;
  }

  /** No bearer token was presented at all. */
  static missing(): TokenRejectedError {
    return new TokenRejectedError('invalid_request', 'bearer token required', `Bearer realm="${REALM}"`);
  }

  /** A bearer token was presented and is not accepted. */
  static invalid(description: string, cause?: unknown): TokenRejectedError {
    if (!DESCRIPTION_CHARS.test(description)) throw new RangeError(`unsafe error_description: ${description}`);
    return new TokenRejectedError(
      'invalid_token',
      description,
      `Bearer realm="${REALM}", error="invalid_token", error_description="${description}"`,
      cause,
    );
  }
}
