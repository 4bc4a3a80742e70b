/**
 * The proxy's URL: `/folkeregister/api/v1/{rolleId}/v1/{FREG resource}` (reference fiks-folkeregister.md §2.2).
 * The raw request target is parsed here, before anything else looks at it, and only the FREG consumer resources
 * (§2.3, freg-consumer-api.md §4–§7) are let through: every path segment is letters, digits and hyphens, so a
 * percent-encoded character (`%2F`), a dot segment (`..`) or an empty segment never reaches the upstream URL.
 * Each resource is tagged with the bruksområde that gates it (§4.4: SOK ⇒ personer/*, HENDELSER ⇒ hendelser/*,
 * INNBYGGERLISTER ⇒ uttrekk/*), the FREG service the package must offer, and how its response is minimised.
 */
import type { ServiceId } from '@folkeport/model';
import type { Bruksomrade } from '../gateway-model.js';
import { ProxyError } from './proxy-error.js';

export const PROXY_PREFIX = '/folkeregister/api/v1/';

/** The query parameter (and header) a request uses to ask for graded addresses; neither goes upstream. */
export const REVEAL_PARAMETER = 'visHemmeligeAdresser';
export const REVEAL_HEADER = 'vishemmeligeadresser';

/**
 * How the gateway treats a resource's answer:
 * - `person`: one person document (lookup, arkiv, entydigsoek), minimised;
 * - `personBulk`: `{oppslag: [{…, folkeregisterperson}]}`, each document minimised;
 * - `eventDocument` / `eventDocuments`: one event document, or an array of them, minimised;
 * - `identifiers`: a list of identity numbers (soek hits, feed pages, uttrekk batches), passed through unchanged;
 * - `plain`: no person data (XSDs, the last sequence number, an uttrekk job id), passed through unchanged.
 */
export type ResponseKind = 'person' | 'personBulk' | 'eventDocument' | 'eventDocuments' | 'identifiers' | 'plain';

/** The audit action, as the register names its own (register-context.ts). */
export type ProxyAction =
  | 'personoppslag'
  | 'bulkoppslag'
  | 'arkiv'
  | 'soek'
  | 'entydigsoek'
  | 'xsd'
  | 'hendelsesliste'
  | 'sekvensnummer'
  | 'hendelsesdokument'
  | 'uttrekk';

interface Resource {
  method: 'GET' | 'POST';
  /** Segments after `v1/`; `:name` matches one segment. */
  pattern: readonly string[];
  /** The FREG route it maps to, for messages and the audit detail. */
  route: string;
  service: ServiceId;
  bruksomrade: Bruksomrade;
  action: ProxyAction;
  kind: ResponseKind;
  /** Takes `part` (data minimisation). */
  part: boolean;
}

const resource = (method: Resource['method'], route: string, rest: Omit<Resource, 'method' | 'route' | 'pattern'>): Resource => ({
  method,
  route,
  pattern: route.split('/'),
  ...rest,
});

const SOK = 'SOK' as const;
const HENDELSER = 'HENDELSER' as const;
const INNBYGGERLISTER = 'INNBYGGERLISTER' as const;

const RESOURCES: readonly Resource[] = [
  resource('POST', 'personer/bulkoppslag', { service: 'bulkoppslag', bruksomrade: SOK, action: 'bulkoppslag', kind: 'personBulk', part: true }),
  resource('POST', 'personer/bulkoppslag/arkiv', { service: 'arkiv', bruksomrade: SOK, action: 'arkiv', kind: 'personBulk', part: true }),
  resource('GET', 'personer/soek', { service: 'soek', bruksomrade: SOK, action: 'soek', kind: 'identifiers', part: false }),
  resource('GET', 'personer/entydigsoek', { service: 'entydigsoek', bruksomrade: SOK, action: 'entydigsoek', kind: 'person', part: true }),
  resource('GET', 'personer/xsd', { service: 'personXsd', bruksomrade: SOK, action: 'xsd', kind: 'plain', part: false }),
  resource('GET', 'personer/arkiv/:dokumentidentifikator', { service: 'arkiv', bruksomrade: SOK, action: 'arkiv', kind: 'person', part: true }),
  resource('GET', 'personer/:personidentifikator', { service: 'personoppslag', bruksomrade: SOK, action: 'personoppslag', kind: 'person', part: true }),
  resource('GET', 'hendelser/feed', { service: 'hendelsesliste', bruksomrade: HENDELSER, action: 'hendelsesliste', kind: 'identifiers', part: false }),
  resource('GET', 'hendelser/siste/sekvensnummer', { service: 'hendelsesliste', bruksomrade: HENDELSER, action: 'sekvensnummer', kind: 'plain', part: false }),
  resource('GET', 'hendelser/xsd', { service: 'hendelsesliste', bruksomrade: HENDELSER, action: 'xsd', kind: 'plain', part: false }),
  resource('GET', 'hendelser/feedxsd', { service: 'hendelsesliste', bruksomrade: HENDELSER, action: 'xsd', kind: 'plain', part: false }),
  resource('POST', 'hendelser/bulkoppslag', { service: 'hendelsesdokument', bruksomrade: HENDELSER, action: 'hendelsesdokument', kind: 'eventDocuments', part: false }),
  resource('GET', 'hendelser/:hendelsesidentifikator', { service: 'hendelsesdokument', bruksomrade: HENDELSER, action: 'hendelsesdokument', kind: 'eventDocument', part: false }),
  resource('GET', 'uttrekk/komplett', { service: 'uttrekkKomplett', bruksomrade: INNBYGGERLISTER, action: 'uttrekk', kind: 'plain', part: false }),
  resource('POST', 'uttrekk/tilpasset', { service: 'uttrekkTilpasset', bruksomrade: INNBYGGERLISTER, action: 'uttrekk', kind: 'plain', part: false }),
  resource('GET', 'uttrekk/:jobbid/batch/:batchnr', { service: 'uttrekkTilpasset', bruksomrade: INNBYGGERLISTER, action: 'uttrekk', kind: 'identifiers', part: false }),
];

/** The one resource whose path FREG's own examples write with a trailing slash (`hendelser/feed/?seq=1`). */
const TRAILING_SLASH_ALLOWED = 'hendelser/feed';

const ROLE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SEGMENT = /^[A-Za-z0-9-]{1,100}$/;

export interface ProxyTarget {
  /** Lower case. */
  roleId: string;
  /** `HEAD` is a `GET` that delivers no body. */
  method: 'GET' | 'HEAD' | 'POST';
  route: string;
  service: ServiceId;
  bruksomrade: Bruksomrade;
  action: ProxyAction;
  kind: ResponseKind;
  takesPart: boolean;
  /** The FREG path after the package prefix, from `/` on, e.g. `/personer/…` (the feed's trailing slash kept). */
  fregPath: string;
  /** The raw query string without `?` and without the reveal parameter; `''` for none. */
  query: string;
  /** The decoded `part` values, in request order. */
  parts: string[];
  /** The reveal parameter was `true`. */
  reveal: boolean;
  /** Path parameters (`personidentifikator`, `jobbid`, …). */
  params: Record<string, string>;
}

/** Whether a raw request target is under the proxy prefix at all (the proxy answers everything below it). */
export function isProxyPath(rawUrl: string): boolean {
  return rawUrl.startsWith(PROXY_PREFIX);
}

/**
 * Parses a raw request target (path and query, as received). Throws ProxyError 400 for a malformed path
 * (encoded characters, dot or empty segments), 404 for a role id that is not a UUID or a path that is no
 * FREG consumer resource, 405 for a known resource with another method.
 */
export function parseProxyTarget(method: string, rawUrl: string): ProxyTarget {
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const rawQuery = queryStart < 0 ? '' : rawUrl.slice(queryStart + 1);
  if (!path.startsWith(PROXY_PREFIX)) throw notFound();
  const segments = path.slice(PROXY_PREFIX.length).split('/');
  const [roleId = '', version = '', ...rest] = segments;
  if (!ROLE_ID.test(roleId)) {
    throw new ProxyError(404, 'UKJENT_RESSURS', 'Fant ingen ressurs på denne stien: rolleId må være en UUID.');
  }
  const trailingSlash = rest.length > 1 && rest.at(-1) === '';
  const fregSegments = trailingSlash ? rest.slice(0, -1) : rest;
  if (![version, ...fregSegments].every((segment) => SEGMENT.test(segment))) {
    throw new ProxyError(
      400,
      'UGYLDIG_STI',
      'Ugyldig sti: hvert ledd i Folkeregister-stien består av bokstaver, sifre og bindestrek (ingen kodede tegn, tomme ledd eller punktum).',
    );
  }
  if (version !== 'v1') throw notFound();

  const effectiveMethod = method === 'HEAD' ? 'GET' : method;
  const matching = RESOURCES.flatMap((candidate) => {
    const params = match(candidate.pattern, fregSegments);
    return params && (!trailingSlash || candidate.route === TRAILING_SLASH_ALLOWED) ? [{ candidate, params }] : [];
  });
  // A literal route (`personer/bulkoppslag`) owns its path for every method: GET on it is no lookup of «bulkoppslag».
  const literal = matching.filter(({ params }) => Object.keys(params).length === 0);
  const candidates = literal.length > 0 ? literal : matching;
  const found = candidates.find(({ candidate }) => candidate.method === effectiveMethod);
  if (!found) {
    if (candidates.length > 0) throw new ProxyError(405, 'METODE_IKKE_TILLATT', `Metoden ${method} er ikke tillatt for denne ressursen.`);
    throw notFound();
  }
  const { candidate, params } = found;
  const query = parseQuery(rawQuery);
  return {
    roleId: roleId.toLowerCase(),
    method: method as ProxyTarget['method'],
    route: candidate.route,
    service: candidate.service,
    bruksomrade: candidate.bruksomrade,
    action: candidate.action,
    kind: candidate.kind,
    takesPart: candidate.part,
    fregPath: `/${fregSegments.join('/')}${trailingSlash ? '/' : ''}`,
    query: query.upstream,
    parts: query.parts,
    reveal: query.reveal,
    params,
  };
}

function notFound(): ProxyError {
  return new ProxyError(404, 'UKJENT_RESSURS', 'Fant ingen Folkeregister-ressurs på denne stien.');
}

function match(pattern: readonly string[], segments: readonly string[]): Record<string, string> | undefined {
  if (pattern.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i] as string;
    const actual = segments[i] as string;
    if (expected.startsWith(':')) params[expected.slice(1)] = actual;
    else if (expected !== actual) return undefined;
  }
  return params;
}

/**
 * The raw query split into what goes upstream (every pair but the reveal parameter, byte for byte) and what
 * the gateway reads: the `part` values and the reveal flag.
 */
function parseQuery(raw: string): { upstream: string; parts: string[]; reveal: boolean } {
  if (raw === '') return { upstream: '', parts: [], reveal: false };
  const kept: string[] = [];
  const parts: string[] = [];
  let reveal = false;
  for (const pair of raw.split('&')) {
    const equals = pair.indexOf('=');
    const key = decode(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decode(pair.slice(equals + 1));
    if (key === REVEAL_PARAMETER) {
      reveal = revealValue(value) || reveal;
      continue;
    }
    if (key === 'part') parts.push(value);
    kept.push(pair);
  }
  return { upstream: kept.join('&'), parts, reveal };
}

/** `true` or `false`; anything else is refused rather than guessed. */
export function revealValue(value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ProxyError(400, 'UGYLDIG_PARAMETER', `${REVEAL_PARAMETER} må være true eller false.`);
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    throw new ProxyError(400, 'UGYLDIG_PARAMETER', 'Spørrestrengen har ugyldig prosentkoding.');
  }
}
