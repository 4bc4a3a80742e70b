/**
 * The rules on a grant's header and claims that need neither the database nor the signature (reference
 * maskinporten.md §3 and §8, rules 4, 5, 8–10, 13, 14, 16, 17). Pure: the caller passes the clock.
 */
import { isValidOrganisasjonsnummer } from '@folkeport/identity';
import { grantErrors } from './grant-errors.js';

export const GRANT_ALGORITHMS = ['RS256', 'RS384', 'RS512'] as const;

/** The claims Maskinporten documents for a grant; anything else is refused (2025 rule). */
const DOCUMENTED_CLAIMS = new Set([
  'aud',
  'iss',
  'iat',
  'exp',
  'jti',
  'scope',
  'resource',
  'pid',
  'consumer_org',
  'iss_onbehalfof',
  'authorization_details',
]);

/** `nbf` is sent by at least one real client; accepted and ignored unless the server is strict (Q5). */
const TOLERATED_CLAIMS = new Set(['nbf']);

const MAX_GRANT_LIFETIME_SECONDS = 120;
const IAT_TOLERANCE_SECONDS = 10;
/** The longest an accepted grant can stay unexpired after it was used: iat up to 10 s ahead, then 120 s. */
export const GRANT_MAX_VALIDITY_SECONDS = IAT_TOLERANCE_SECONDS + MAX_GRANT_LIFETIME_SECONDS;
/** Printable text of bounded length: ids looked up in or stored to the database (which cannot hold NUL). */
const IDENTIFIER = /^\P{Cc}{1,200}$/u;

export interface GrantHeader {
  alg: (typeof GRANT_ALGORITHMS)[number];
  kid?: string;
  x5c?: unknown;
}

export interface GrantClaims {
  clientId: string;
  scopes: string[];
  jti: string;
  iat: number;
  exp: number;
  consumerOrg?: string;
  resource?: string | string[];
  pid?: string;
  authorizationDetails?: AuthorizationDetail[];
}

export interface AuthorizationDetail {
  type: 'urn:altinn:systemuser';
  systemuser_org: { authority: string; ID: string };
  externalRef?: string;
}

/** A non-empty string without control characters, at most 200 long: what `iss`, `kid`, `jti` and scopes must be. */
export function isIdentifier(value: unknown): value is string {
  return typeof value === 'string' && IDENTIFIER.test(value);
}

/** The scope claim as a list: space-separated, each scope once. */
export function grantScopes(scope: string): string[] {
  return [...new Set(scope.split(' ').filter((name) => name !== ''))];
}

export function checkGrantHeader(header: Record<string, unknown>): GrantHeader {
  const { alg, kid, x5c } = header;
  if (typeof alg !== 'string' || !(GRANT_ALGORITHMS as readonly string[]).includes(alg)) {
    throw grantErrors.malformed(`alg must be one of ${GRANT_ALGORITHMS.join(', ')}`);
  }
  if ((kid === undefined) === (x5c === undefined)) throw grantErrors.malformed('the header must carry exactly one of x5c and kid');
  // RFC 7515 §4.1.11: extensions a recipient does not understand must be refused; none are understood here.
  if (header.crit !== undefined) throw grantErrors.malformed('crit (critical header extensions) is not supported');
  if (kid !== undefined && !isIdentifier(kid)) throw grantErrors.malformed('kid must be a string of printable characters');
  return { alg: alg as GrantHeader['alg'], ...(kid !== undefined ? { kid: kid as string } : { x5c }) };
}

export interface ClaimRules {
  issuer: string;
  /** Server time in seconds. */
  now: number;
  /** Refuse `nbf` too (Q5). */
  strict: boolean;
}

export function checkGrantClaims(claims: Record<string, unknown>, rules: ClaimRules): GrantClaims {
  const unknown = Object.keys(claims).filter(
    (name) => !DOCUMENTED_CLAIMS.has(name) && (rules.strict || !TOLERATED_CLAIMS.has(name)),
  );
  if (unknown.length > 0) throw grantErrors.unknownClaims(unknown);

  const { iss, aud, iat, exp, jti, scope } = claims;
  if (!isIdentifier(iss)) throw grantErrors.clientNotFound();
  const audiences = typeof aud === 'string' ? [aud] : Array.isArray(aud) ? aud : [];
  if (audiences.length !== 1 || audiences[0] !== rules.issuer) throw grantErrors.audience();

  if (!isSeconds(iat)) throw grantErrors.malformed('iat must be a number of seconds');
  if (!isSeconds(exp)) throw grantErrors.malformed('exp must be a number of seconds');
  if (iat > rules.now + IAT_TOLERANCE_SECONDS) throw grantErrors.issuedInFuture();
  if (exp <= rules.now) throw grantErrors.expired();
  if (iat < rules.now - IAT_TOLERANCE_SECONDS) throw grantErrors.issuedTooLongAgo();
  if (exp - iat > MAX_GRANT_LIFETIME_SECONDS) throw grantErrors.lifetimeTooLong();

  if (!isIdentifier(jti)) throw grantErrors.malformed('jti must be a non-empty string of printable characters');
  if (typeof scope !== 'string' || scope.trim() === '') throw grantErrors.malformed('scope is required');
  const scopes = grantScopes(scope);
  if (!scopes.every(isIdentifier)) throw grantErrors.malformed('scope must be scope names separated by spaces');

  const checked: GrantClaims = { clientId: iss, scopes, jti, iat, exp };
  if (claims.consumer_org !== undefined) {
    if (claims.iss_onbehalfof !== undefined) throw grantErrors.malformed('consumer_org and iss_onbehalfof cannot be combined');
    const org = claims.consumer_org;
    if (typeof org !== 'string' || !/^\d{9}$/.test(org) || !isValidOrganisasjonsnummer(org)) {
      throw grantErrors.malformed('consumer_org must be a valid organisation number');
    }
    checked.consumerOrg = org;
  }
  if (claims.iss_onbehalfof !== undefined) {
    throw grantErrors.malformed('iss_onbehalfof (ID-porten sub-clients) is not supported by this server');
  }
  if (claims.resource !== undefined) checked.resource = checkResource(claims.resource);
  if (claims.pid !== undefined) {
    if (typeof claims.pid !== 'string' || !/^\d{11}$/.test(claims.pid)) throw grantErrors.malformed('pid must be 11 digits');
    checked.pid = claims.pid;
  }
  if (claims.authorization_details !== undefined) {
    checked.authorizationDetails = checkAuthorizationDetails(claims.authorization_details);
  }
  return checked;
}

function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** A string or a non-empty array of strings (the sources disagree, Q2); one value comes back as a string. */
function checkResource(resource: unknown): string | string[] {
  const values = typeof resource === 'string' ? [resource] : resource;
  if (!Array.isArray(values) || values.length === 0 || !values.every((v) => typeof v === 'string' && v !== '')) {
    throw grantErrors.malformed('resource must be a string or an array of strings');
  }
  return values.length === 1 ? (values[0] as string) : (values as string[]);
}

const SYSTEMUSER_FIELDS = new Set(['type', 'systemuser_org', 'externalRef']);

/** Only Altinn system users are known; one party per request (maskinporten_func_systembruker). */
function checkAuthorizationDetails(details: unknown): AuthorizationDetail[] {
  if (!Array.isArray(details) || details.length === 0) {
    throw grantErrors.invalidDetailValue('authorization_details must be a non-empty array');
  }
  if (details.length > 1) throw grantErrors.invalidDetailValue('only one party per request');
  return details.map((detail: unknown) => {
    if (typeof detail !== 'object' || detail === null || Array.isArray(detail)) {
      throw grantErrors.invalidDetailValue('each entry must be an object');
    }
    const entry = detail as Record<string, unknown>;
    if (entry.type !== 'urn:altinn:systemuser') throw grantErrors.unknownDetailType(String(entry.type));
    const unknown = Object.keys(entry).filter((field) => !SYSTEMUSER_FIELDS.has(field));
    if (unknown.length > 0) throw grantErrors.unknownDetailFields(unknown);
    const org = entry.systemuser_org as { authority?: unknown; ID?: unknown } | undefined;
    if (
      typeof org !== 'object' ||
      org === null ||
      org.authority !== 'iso6523-actorid-upis' ||
      typeof org.ID !== 'string' ||
      !/^0192:\d{9}$/.test(org.ID) ||
      !isValidOrganisasjonsnummer(org.ID.slice(5))
    ) {
      throw grantErrors.invalidDetailValue('systemuser_org must be {authority: "iso6523-actorid-upis", ID: "0192:<orgno>"}');
    }
    if (entry.externalRef !== undefined && typeof entry.externalRef !== 'string') {
      throw grantErrors.invalidDetailValue('externalRef must be a string');
    }
    return entry as unknown as AuthorizationDetail;
  });
}
