import { isValidOrganisasjonsnummer } from '@folkeport/identity';
import { MaskinportenError } from './errors.js';

/** What to ask Maskinporten for. Each optional field becomes the grant claim of the same meaning. */
export interface TokenRequest {
  /** At least one; sent space-separated in the grant's `scope` claim. */
  scopes: string[];
  /** Audience restriction (RFC 8707): the access token's `aud`. FREG clients must not send it. */
  resource?: string | string[];
  /** Organisation number of the customer the token is for (delegation through Altinn), sent as `consumer_org`. */
  consumerOrg?: string;
  /** Restricts the token to one person's fødselsnummer or d-nummer. */
  pid?: string;
  /** RFC 9396 rich authorization requests, e.g. an Altinn system user. */
  authorizationDetails?: unknown[];
}

/** Rejects a malformed request before anything is signed or sent. */
export function checkTokenRequest(request: TokenRequest): void {
  const { scopes, resource, consumerOrg, pid, authorizationDetails } = request;
  if (!Array.isArray(scopes) || scopes.length === 0) throw invalid('scopes must be a non-empty array');
  for (const scope of scopes) {
    if (typeof scope !== 'string' || !/^\S+$/.test(scope)) {
      throw invalid(`scope ${JSON.stringify(scope)} must be a non-empty string without spaces`);
    }
  }
  if (resource !== undefined) {
    const resources = Array.isArray(resource) ? resource : [resource];
    if (resources.length === 0 || resources.some((entry) => typeof entry !== 'string' || entry === '')) {
      throw invalid('resource must be a non-empty string or a non-empty array of them');
    }
  }
  if (consumerOrg !== undefined && (typeof consumerOrg !== 'string' || !isValidOrganisasjonsnummer(consumerOrg))) {
    throw invalid(`consumerOrg ${JSON.stringify(consumerOrg)} is not a valid organisasjonsnummer (9 digits, mod 11)`);
  }
  // The value itself stays out of the message: it identifies a person.
  if (pid !== undefined && (typeof pid !== 'string' || !/^\d{11}$/.test(pid))) {
    throw invalid('pid must be an 11-digit identity number');
  }
  if (
    authorizationDetails !== undefined &&
    (!Array.isArray(authorizationDetails) ||
      authorizationDetails.some((detail) => typeof detail !== 'object' || detail === null || Array.isArray(detail)))
  ) {
    throw invalid('authorizationDetails must be an array of objects');
  }
}

/** Every input that changes who or what the token is for; scope order does not. */
export function tokenCacheKey(issuer: string, clientId: string, request: TokenRequest): string {
  return JSON.stringify([
    issuer,
    clientId,
    [...request.scopes].sort(),
    request.resource ?? null,
    request.consumerOrg ?? null,
    request.pid ?? null,
    request.authorizationDetails ?? null,
  ]);
}

function invalid(message: string): MaskinportenError {
  return new MaskinportenError(`Invalid token request: ${message}`);
}
