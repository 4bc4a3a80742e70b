/**
 * Maskinporten's token-endpoint errors: an OAuth error code, the documented MP code where there is one, and
 * the documented message (reference maskinporten.md §7). The HTTP status is 400 for grant, request and scope
 * errors and 403 for the two "Forbidden" rows (MP-250, MP-251); docs/maskinporten.md lists every row.
 */
export type OAuthErrorCode =
  | 'invalid_request'
  | 'invalid_grant'
  | 'invalid_scope'
  | 'unsupported_grant_type'
  | 'access_denied'
  | 'temporarily_unavailable'
  | 'server_error';

export class GrantError extends Error {
  constructor(
    readonly error: OAuthErrorCode,
    /** The MP code (`MP-124`), when Maskinporten documents one for the case. */
    readonly mpCode: string | undefined,
    message: string,
    readonly status: number = 400,
  ) {
    super(message);
  }
}

/** Every way a token request can fail, by name, so each rule throws the same documented error. */
export const grantErrors = {
  malformed: (detail: string) => new GrantError('invalid_request', 'MP-011', `Invalid assertion. Invalid parameter value: ${detail}`),
  unsupportedGrantType: () =>
    new GrantError('unsupported_grant_type', undefined, 'grant_type must be urn:ietf:params:oauth:grant-type:jwt-bearer'),
  unknownClaims: (claims: string[]) =>
    new GrantError('invalid_request', undefined, `Invalid assertion. Claims not allowed in the grant: ${claims.join(', ')}`),
  clientNotFound: () => new GrantError('invalid_grant', 'MP-100', 'Invalid assertion. Client authentication failed. Client not found'),
  unknownKey: () => new GrantError('invalid_grant', 'MP-100', 'Invalid assertion. Client authentication failed. Unknown kid for client'),
  audience: () => new GrantError('invalid_grant', 'MP-110', 'Invalid assertion. Invalid JWT claim aud'),
  certificate: (reason: string) =>
    new GrantError('invalid_grant', 'MP-120', `Invalid assertion. The JWT is signed with an invalid certificate. ${reason}`),
  expiredKey: () => new GrantError('invalid_grant', 'MP-121', 'Invalid assertion. Expired key'),
  certificateOrg: () =>
    new GrantError('invalid_grant', 'MP-122', 'Invalid organization number for client. Does not match certificate orgno'),
  x5c: (reason: string) => new GrantError('invalid_grant', 'MP-123', `Invalid JWT header x5c. ${reason}`),
  signature: () => new GrantError('invalid_grant', 'MP-124', 'Invalid assertion. Invalid JWT signature'),
  expired: () => new GrantError('invalid_grant', 'MP-130', 'Invalid assertion. JWT is expired'),
  issuedInFuture: () => new GrantError('invalid_grant', undefined, 'Invalid assertion. Issue time is after now'),
  issuedTooLongAgo: () =>
    new GrantError('invalid_grant', undefined, "Invalid assertion. Issue time is more than 10 seconds before Maskinporten's clock"),
  lifetimeTooLong: () =>
    new GrantError('invalid_grant', undefined, 'Invalid assertion. Maximum 120 seconds allowed. (exp - iat <= 120)'),
  replay: () => new GrantError('invalid_grant', 'MP-012', 'Invalid assertion. Grant is used before'),
  invalidScopes: (scopes: string[]) =>
    new GrantError('invalid_scope', 'MP-200', `Token request contains invalid scopes for client: ${scopes.join(' ')}`),
  scopesNotForMaskinporten: (scopes: string[]) =>
    new GrantError('invalid_scope', 'MP-201', `Token request contains scopes not allowed for maskinporten: ${scopes.join(' ')}`),
  notGranted: (scope: string, status: number) =>
    new GrantError('access_denied', 'MP-250', `Consumer has not been granted access to the scope ${scope}`, status),
  notDelegated: (consumer: string, scope: string, supplier: string, status: number) =>
    new GrantError(
      'access_denied',
      'MP-251',
      `Consumer ${consumer} has not delegated access to the scope ${scope} to supplier ${supplier}`,
      status,
    ),
  ownConsumerOrg: () =>
    new GrantError('invalid_request', undefined, 'The combination consumer_org in claim and delegation scope on client is invalid'),
  unknownDetailType: (type: string) =>
    new GrantError('invalid_request', 'MP-301', `Unknown authorization_details type ${type}; see the oauth metadata for supported types`),
  unknownDetailFields: (fields: string[]) =>
    new GrantError('invalid_request', 'MP-302', `Unknown fields in authorization_details: ${fields.join(', ')}`),
  invalidDetailValue: (detail: string) => new GrantError('invalid_request', 'MP-303', `Invalid value in authorization_details: ${detail}`),
  unavailable: () => new GrantError('temporarily_unavailable', undefined, 'Maskinporten is temporarily unavailable', 503),
};

/** The OAuth error body; the description carries the MP code and a unique reference, as Maskinporten's do. */
export function grantErrorBody(error: GrantError, reference: string): { error: string; error_description: string } {
  const code = error.mpCode ? `${error.mpCode} ` : '';
  return { error: error.error, error_description: `${code}${error.message} (reference ${reference})` };
}
