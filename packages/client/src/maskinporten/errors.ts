/** Every failure of the Maskinporten client: bad configuration, a refused request, an unreachable server. */
export interface MaskinportenErrorDetails {
  status?: number;
  error?: string;
  errorDescription?: string;
  retryable?: boolean;
  cause?: unknown;
}

export class MaskinportenError extends Error {
  override readonly name = 'MaskinportenError';
  /** HTTP status of Maskinporten's answer, when there was one. */
  readonly status?: number;
  /** OAuth 2.0 error code from the answer, e.g. `invalid_grant`. */
  readonly error?: string;
  readonly errorDescription?: string;
  /** Maskinporten's own error id (e.g. `MP-124`), found in `error_description`. */
  readonly code?: string;
  /** True when the same request may succeed later (5xx, network failure, timeout). */
  readonly retryable: boolean;

  constructor(message: string, details: MaskinportenErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    if (details.status !== undefined) this.status = details.status;
    if (details.error !== undefined) this.error = details.error;
    if (details.errorDescription !== undefined) {
      this.errorDescription = details.errorDescription;
      const code = /\bMP-\d+\b/.exec(details.errorDescription)?.[0];
      if (code !== undefined) this.code = code;
    }
    this.retryable = details.retryable ?? false;
  }
}
