/**
 * What a role lets a request do (reference fiks-folkeregister.md §2.4, §4.2, §4.4, §4.6): the rettighetspakke
 * the gateway calls upstream, the person elements the role covers (its `parts` and `opplysninger` expanded in
 * that package), whether it covers history, and the checks made before anything goes upstream: the role is
 * active and valid for the API, the resource's bruksområde is in the role, the package offers the service,
 * every `part` is inside the role, and a request without `part` only where the role covers all of person-basis.
 */
import { packageById, packageOffers, partElements, type PersonElement, type RightsPackage } from '@folkeport/model';
import type { Role } from '../gateway-model.js';
import type { ProxyTarget } from './proxy-path.js';
import { ProxyError } from './proxy-error.js';

export interface RolePolicy {
  pkg: RightsPackage;
  /** The person elements the role covers, within its package. */
  elements: ReadonlySet<PersonElement>;
  /** The role holds the `historikk` part: historic values may be delivered. */
  history: boolean;
  /** The role covers every element of the package's person-basis (then a request may omit `part`). */
  coversPersonBasis: boolean;
  /** Graded addresses are removed unless a request asks for them and the role may see them. */
  hideGraded: boolean;
  /** The role may ask to see graded addresses (kanHenteTaushetsbelagtInfo). */
  mayReveal: boolean;
}

const isHistorikk = (name: string) => name.toLowerCase() === 'historikk';

const policies = new Map<string, RolePolicy>();
const MAX_CACHED_POLICIES = 10_000;

/** The role's policy; computed once per distinct package, minimisation and address settings. */
export function rolePolicy(role: Role): RolePolicy {
  const key = JSON.stringify([role.pakke, role.dataminimering.parts, role.dataminimering.opplysninger, role.gradertAdresse, role.kanHenteTaushetsbelagtInfo]);
  const cached = policies.get(key);
  if (cached) return cached;
  const pkg = packageById(role.pakke);
  const elements = new Set<PersonElement>();
  let history = false;
  for (const name of [...role.dataminimering.parts, ...role.dataminimering.opplysninger]) {
    if (isHistorikk(name)) history = true;
    // Names the package does not have grant nothing.
    for (const element of partElements(pkg, name) ?? []) elements.add(element);
  }
  const policy: RolePolicy = {
    pkg,
    elements,
    history,
    coversPersonBasis: pkg.personBasis.every((element) => elements.has(element)),
    hideGraded: role.gradertAdresse === 'skjul',
    mayReveal: role.kanHenteTaushetsbelagtInfo,
  };
  if (policies.size >= MAX_CACHED_POLICIES) policies.clear();
  policies.set(key, policy);
  return policy;
}

/** Answers that name persons without a person document: they need the identity number in the role. */
const IDENTIFYING = new Set<ProxyTarget['kind']>(['identifiers', 'eventDocument', 'eventDocuments']);

export interface Authorised {
  policy: RolePolicy;
  /** Graded addresses are shown in this answer: asked for, allowed, and the role would otherwise hide them. */
  reveal: boolean;
}

/**
 * Everything the role decides before the request goes upstream; throws ProxyError (403, or 400 for a missing
 * `part`). `revealRequested`: the request asked to see graded addresses (parameter or header).
 */
export function authorise(role: Role, target: ProxyTarget, revealRequested = false): Authorised {
  if (!role.aktiv) throw new ProxyError(403, 'ROLLE_IKKE_AKTIV', 'Rollen er deaktivert.');
  if (!role.gyldighet.api) {
    throw new ProxyError(403, 'ROLLE_IKKE_GYLDIG_FOR_API', 'Rollen er ikke gyldig for bruk gjennom API-et.');
  }
  if (!role.bruksomrader.includes(target.bruksomrade)) {
    throw new ProxyError(
      403,
      'BRUKSOMRADE_IKKE_I_ROLLE',
      `Rollen har ikke bruksområdet ${target.bruksomrade}, som kreves for ${target.route.split('/')[0]}/*.`,
    );
  }
  const policy = rolePolicy(role);
  if (!packageOffers(policy.pkg, target.service)) {
    throw new ProxyError(
      403,
      'TJENESTE_IKKE_I_RETTIGHETSPAKKE',
      `Rollens rettighetspakke («${policy.pkg.name}») tilbyr ikke ${target.route}.`,
    );
  }
  if (IDENTIFYING.has(target.kind) && !policy.elements.has('identifikasjonsnummer')) {
    throw new ProxyError(
      403,
      'PART_IKKE_I_ROLLE',
      `Rollen omfatter ikke identifikasjonsnummer, som ${target.route} leverer.`,
    );
  }
  if (target.takesPart) checkParts(policy, target.parts);
  if (revealRequested && !policy.mayReveal) {
    throw new ProxyError(
      403,
      'VIS_HEMMELIGE_ADRESSER_IKKE_TILLATT',
      'Rollen kan ikke hente taushetsbelagte opplysninger, og kan derfor ikke vise graderte adresser.',
    );
  }
  return { policy, reveal: revealRequested && policy.hideGraded };
}

/**
 * Every `part` must be inside the role; no content part (none at all, or only `historikk`) means person-basis,
 * which the role must then cover. Values the package does not know are left for the upstream to refuse (400).
 */
export function checkParts(policy: RolePolicy, parts: readonly string[]): void {
  let contentAsked = false;
  for (const part of parts) {
    if (isHistorikk(part)) {
      if (!policy.history) throw outsideRole(part, 'historikk');
      continue;
    }
    const elements = partElements(policy.pkg, part);
    if (elements === undefined) continue;
    contentAsked = true;
    const missing = elements.find((element) => !policy.elements.has(element));
    if (missing !== undefined) throw outsideRole(part, missing);
  }
  if (!contentAsked && !policy.coversPersonBasis) {
    throw new ProxyError(
      400,
      'PART_PAAKREVD',
      'Rollen omfatter ikke hele person-basis: oppgi part med opplysningene rollen gir tilgang til.',
    );
  }
}

function outsideRole(part: string, element: string): ProxyError {
  const why = part === element ? '' : ` (${element} er ikke med)`;
  return new ProxyError(403, 'PART_IKKE_I_ROLLE', `Verdien «${part}» for part er utenfor rollen${why}.`);
}
