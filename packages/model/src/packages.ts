/**
 * The FREG rettighetspakker (rights packages) as one policy table: URL prefix, Maskinporten scope, services,
 * visible elements, `part` aliases, history, masking and event rules per package.
 * Sources: freg-consumer-api.md §2, §2.1, §5.2, §6.7, §8, §9; freg-information-model.md §1.1, §5.1.
 * Cells the reference marks "?" take the most restrictive reading; the open-question number is noted beside them.
 * Vendor-facing explanation: docs/packages.md.
 */
import { KONFIDENSIELLE_PERSONSTATUSER, MASKERT_PERSONSTATUS } from './codelists.js';
import type { Adressegradering, Personstatus } from './codelists.js';
import { PERSON_ELEMENTS } from './elements.js';
import type { PersonElement } from './elements.js';

export const PACKAGE_IDS = [
  'offentligMedHjemmel',
  'offentligUtenHjemmel',
  'privatUtenHjemmel',
  'privat',
  'privatUtenFolkeregisteridentifikator',
  'finans',
  'presse',
  'presseUtenFolkeregisteridentifikator',
  'utstederEid',
  'svalbardregister',
] as const;

export type PackageId = (typeof PACKAGE_IDS)[number];

export type PackageAbbreviation =
  | 'OMH'
  | 'OUH'
  | 'PUH'
  | 'PRI'
  | 'PRI-uF'
  | 'FIN'
  | 'PRE'
  | 'PRE-uF'
  | 'EID'
  | 'BRSV';

/** The consumer services; each maps to its HTTP routes in {@link SERVICE_ROUTES}. */
export const SERVICE_IDS = [
  'personoppslag',
  'bulkoppslag',
  'soek',
  'entydigsoek',
  'personXsd',
  'uttrekkKomplett',
  'uttrekkTilpasset',
  'hendelsesliste',
  'arkiv',
  'hendelsesdokument',
] as const;

export type ServiceId = (typeof SERVICE_IDS)[number];

/** A route relative to a package's `pathPrefix`; path parameters are written `{name}` as in the OpenAPI spec. */
export interface ServiceRoute {
  readonly method: 'GET' | 'POST';
  readonly path: string;
}

const UTTREKK_BATCH: ServiceRoute = { method: 'GET', path: '/uttrekk/{jobbid}/batch/{batchnr}' };

export const SERVICE_ROUTES: Readonly<Record<ServiceId, readonly ServiceRoute[]>> = {
  personoppslag: [{ method: 'GET', path: '/personer/{personidentifikator}' }],
  bulkoppslag: [{ method: 'POST', path: '/personer/bulkoppslag' }],
  soek: [{ method: 'GET', path: '/personer/soek' }],
  entydigsoek: [{ method: 'GET', path: '/personer/entydigsoek' }],
  personXsd: [{ method: 'GET', path: '/personer/xsd' }],
  uttrekkKomplett: [{ method: 'GET', path: '/uttrekk/komplett' }, UTTREKK_BATCH],
  uttrekkTilpasset: [{ method: 'POST', path: '/uttrekk/tilpasset' }, UTTREKK_BATCH],
  hendelsesliste: [
    { method: 'GET', path: '/hendelser/feed' },
    { method: 'GET', path: '/hendelser/siste/sekvensnummer' },
    { method: 'GET', path: '/hendelser/xsd' },
    { method: 'GET', path: '/hendelser/feedxsd' },
  ],
  arkiv: [
    { method: 'GET', path: '/personer/arkiv/{dokumentidentifikator}' },
    { method: 'POST', path: '/personer/bulkoppslag/arkiv' },
  ],
  hendelsesdokument: [
    { method: 'GET', path: '/hendelser/{hendelsesidentifikator}' },
    { method: 'POST', path: '/hendelser/bulkoppslag' },
  ],
};

/**
 * Search criteria of `entydigsoek`, named after the matching element (OAS spells the long query parameters in lower
 * case, e.g. `utenlandskpersonidentifikasjon`; open question Q13).
 */
export type EntydigsoekCriterion =
  | 'identifikasjonsnummer'
  | 'navn'
  | 'foedselsdato'
  | 'postnummer'
  | 'adressenavn'
  | 'husnummer'
  | 'utenlandskPersonidentifikasjon'
  | 'legitimasjonsdokument'
  | 'utlendingsmyndighetenesIdentifikasjonsnummer';

/** Register metadata removed from every element when a package `stripsMetadata`; `erGjeldende` stays. */
export const STRIPPED_METADATA_FIELDS = [
  'ajourholdstidspunkt',
  'kilde',
  'aarsak',
  'gyldighetstidspunkt',
  'opphoerstidspunkt',
] as const;

export interface RightsPackage {
  readonly id: PackageId;
  readonly abbreviation: PackageAbbreviation;
  /** The package's Norwegian name. */
  readonly name: string;
  /** Absolute path up to and including the version, no trailing slash. */
  readonly pathPrefix: string;
  readonly scope: string;
  /** Scope for sector intermediaries that fetch on behalf of a whole sector (KS, Finans Norge, …). */
  readonly segmentansvarligScope: string | undefined;
  /** API name in the `skatteetaten` Swaggerhub organisation. */
  readonly swaggerhubName: string | undefined;
  readonly services: readonly ServiceId[];
  /** Behaviour reconstructed from weak evidence; may change. */
  readonly experimental: boolean;
  /** Which persons the package covers. */
  readonly population: 'alle' | 'svalbard';
  /** Every element the package may receive; `part` values outside it are rejected. */
  readonly elements: readonly PersonElement[];
  /** What `person-basis` (and no `part` at all) gives. */
  readonly personBasis: readonly PersonElement[];
  /** What `identitetsgrunnlag-utvidet` expands to; `undefined`: the alias is not offered. */
  readonly identitetsgrunnlagUtvidet: readonly PersonElement[] | undefined;
  readonly relasjonUtvidet: readonly PersonElement[];
  /** Elements whose historic values `historikk` adds. */
  readonly historyElements: readonly PersonElement[];
  /** `alltid`: in every answer; `paaForespoersel`: only with `part=identifikasjonsnummer`; `aldri`: not available. */
  readonly identifikasjonsnummer: 'alltid' | 'paaForespoersel' | 'aldri';
  /** Show the confidential statuses forsvunnet, foedselsregistrert, midlertidig and ikkeBosatt as `aktiv`. */
  readonly masksStatus: boolean;
  /**
   * Addresses graded `fortrolig` or `klientadresse` are delivered. `strengtFortrolig` address data is never
   * delivered in any package, and events for such persons carry no address data, not even kommune (HFF §4.1.1).
   */
  readonly gradedAddresses: boolean;
  /** Innflytting/utflytting country, place and date for persons with adressebeskyttelse (public packages only). */
  readonly protectedMigrationDetail: boolean;
  /** Elements carry only `erGjeldende` + value: {@link STRIPPED_METADATA_FIELDS} removed. */
  readonly stripsMetadata: boolean;
  /** `sivilstand.relatertVedSivilstand` (the spouse's fnr/dnr) is delivered. */
  readonly spouseReference: boolean;
  /** Vergemål scope detail: `tjenesteomraade` and the legacy `omfang`/`omfangetErInnenPersonligOmraade`. */
  readonly vergemaalTjenesteomraade: boolean;
  /** `verge.foedselsEllerDNummer` is delivered; otherwise the verge is given by name and birth date. */
  readonly vergeIdentifikasjonsnummer: boolean;
  /** `kontaktinformasjonForDoedsbo` contact persons keep their fnr/dnr; otherwise only `foedselsdato` + `personnavn`. */
  readonly doedsboContactIdentifikasjonsnummer: boolean;
  /** `spesifikke`: the real `hendelsetype`; `endringIPerson`: every element change is generalised to that type. */
  readonly events: 'spesifikke' | 'endringIPerson';
  /** Feed items carry `hendelsesdokument` and `persondokument` ids (Q10: only where the documents can be fetched). */
  readonly feedDocumentIds: boolean;
  readonly entydigsoekCriteria: readonly EntydigsoekCriterion[];
}

function inModelOrder(elements: readonly PersonElement[]): readonly PersonElement[] {
  return PERSON_ELEMENTS.filter((element) => elements.includes(element));
}

const ADDRESSES = [
  'bostedsadresse',
  'oppholdsadresse',
  'deltBosted',
  'postadresse',
  'postadresseIUtlandet',
] as const satisfies readonly PersonElement[];

/** `person-basis` without identifikasjonsnummer (DOC konsumenttjenester/dataminimering.md). */
const BASIS_WITHOUT_ID = inModelOrder([
  'identitetsgrunnlag',
  'status',
  'doedsfall',
  'sivilstand',
  'foedsel',
  'statsborgerskap',
  'kjoenn',
  'navn',
  ...ADDRESSES,
  'adressebeskyttelse',
  'kontaktinformasjonForDoedsbo',
]);

/**
 * Elements every package has beyond the basis. `preferertKontaktadresse` was in every package's basis until it was
 * deprecated (always empty since 2021-10-16); it stays an accepted part so that old clients do not get 400.
 */
const COMMON_EXTRAS: readonly PersonElement[] = [
  'vergemaalEllerFremtidsfullmakt',
  'rettsligHandleevne',
  'preferertKontaktadresse',
];

const MIGRATION: readonly PersonElement[] = ['innflytting', 'utflytting'];
const IDENTITETSGRUNNLAG_UTVIDET: readonly PersonElement[] = [
  'falskIdentitet',
  'legitimasjonsdokument',
  'utenlandskPersonidentifikasjon',
];
const RELASJON_UTVIDET_FULL: readonly PersonElement[] = [
  'familierelasjon',
  'foreldreansvar',
  'vergemaalEllerFremtidsfullmakt',
];
const RELASJON_UTVIDET_VERGEMAAL: readonly PersonElement[] = ['vergemaalEllerFremtidsfullmakt'];

/** All but `forholdTilSametingetsValgmanntall` (not served since 2023-04-03) and `oppholdPaaSvalbard` (BRSV only). */
const OMH_ELEMENTS = PERSON_ELEMENTS.filter(
  (e) => e !== 'forholdTilSametingetsValgmanntall' && e !== 'oppholdPaaSvalbard',
);

/** Every package without hjemmel: the non-confidential elements only (§9.1). */
const NON_CONFIDENTIAL = inModelOrder(['identifikasjonsnummer', ...BASIS_WITHOUT_ID, ...COMMON_EXTRAS, ...MIGRATION]);

const BASIS = inModelOrder(['identifikasjonsnummer', ...BASIS_WITHOUT_ID]);
const HISTORY_SCOPE = inModelOrder(['identifikasjonsnummer', ...ADDRESSES, 'navn']);

const CRITERIA_BASE: readonly EntydigsoekCriterion[] = [
  'identifikasjonsnummer',
  'navn',
  'foedselsdato',
  'postnummer',
  'adressenavn',
  'husnummer',
];
const CRITERIA_FOREIGN_ID: readonly EntydigsoekCriterion[] = [
  ...CRITERIA_BASE,
  'utenlandskPersonidentifikasjon',
  'legitimasjonsdokument',
];
/** Packages that never see an fnr cannot search with one either (the reference is silent; restrictive reading). */
const CRITERIA_WITHOUT_ID = CRITERIA_BASE.filter((c) => c !== 'identifikasjonsnummer');

const LOOKUP_SERVICES: readonly ServiceId[] = [
  'personoppslag',
  'bulkoppslag',
  'soek',
  'entydigsoek',
  'personXsd',
  'uttrekkTilpasset',
  'hendelsesliste',
];
/** Privat and presse may only look up named, identifiable persons (§2.1). */
const NAMED_PERSON_SERVICES: readonly ServiceId[] = ['entydigsoek', 'personXsd', 'hendelsesliste'];

/** Rules shared by the packages without hjemmel; each package overrides what differs. */
const WITHOUT_HJEMMEL = {
  segmentansvarligScope: undefined,
  experimental: false,
  population: 'alle',
  elements: NON_CONFIDENTIAL,
  personBasis: BASIS,
  identitetsgrunnlagUtvidet: undefined,
  relasjonUtvidet: RELASJON_UTVIDET_VERGEMAAL,
  historyElements: HISTORY_SCOPE,
  identifikasjonsnummer: 'alltid',
  masksStatus: true,
  gradedAddresses: false,
  protectedMigrationDetail: false,
  // The DAN sample of the uten-hjemmel variant shows only erGjeldende + value (§9.4).
  stripsMetadata: true,
  spouseReference: false,
  vergemaalTjenesteomraade: false,
  vergeIdentifikasjonsnummer: false,
  doedsboContactIdentifikasjonsnummer: true,
  events: 'spesifikke',
  feedDocumentIds: false,
  entydigsoekCriteria: CRITERIA_BASE,
} as const satisfies Partial<RightsPackage>;

/** Privat and presse: fnr only on request, generalised events, dødsbo contact without fnr (§8, §6.7, §9.4). */
const PRIVAT_OG_PRESSE = {
  ...WITHOUT_HJEMMEL,
  services: NAMED_PERSON_SERVICES,
  personBasis: BASIS_WITHOUT_ID,
  identifikasjonsnummer: 'paaForespoersel',
  doedsboContactIdentifikasjonsnummer: false,
  events: 'endringIPerson',
} as const satisfies Partial<RightsPackage>;

/** The "uten folkeregisteridentifikator" variants never get the fnr, so it is not among their elements. */
const UTEN_FOLKEREGISTERIDENTIFIKATOR = {
  ...PRIVAT_OG_PRESSE,
  elements: NON_CONFIDENTIAL.filter((e) => e !== 'identifikasjonsnummer'),
  historyElements: HISTORY_SCOPE.filter((e) => e !== 'identifikasjonsnummer'),
  identifikasjonsnummer: 'aldri',
  entydigsoekCriteria: CRITERIA_WITHOUT_ID,
} as const satisfies Partial<RightsPackage>;

const OFFENTLIG_MED_HJEMMEL: RightsPackage = {
  id: 'offentligMedHjemmel',
  abbreviation: 'OMH',
  name: 'Offentlig og privat virksomhet med hjemmel',
  pathPrefix: '/folkeregisteret/offentlig-med-hjemmel/api/v1',
  scope: 'folkeregister:deling/offentligmedhjemmel',
  segmentansvarligScope: 'folkeregister:deling/offentligmedhjemmel.segmentansvarlig',
  swaggerhubName: 'Folkeregisteret_Offentlig_med_hjemmel',
  services: SERVICE_IDS,
  experimental: false,
  population: 'alle',
  elements: OMH_ELEMENTS,
  personBasis: BASIS,
  identitetsgrunnlagUtvidet: IDENTITETSGRUNNLAG_UTVIDET,
  relasjonUtvidet: RELASJON_UTVIDET_FULL,
  historyElements: OMH_ELEMENTS,
  identifikasjonsnummer: 'alltid',
  masksStatus: false,
  gradedAddresses: true,
  protectedMigrationDetail: true,
  stripsMetadata: false,
  spouseReference: true,
  vergemaalTjenesteomraade: true,
  vergeIdentifikasjonsnummer: true,
  doedsboContactIdentifikasjonsnummer: true,
  events: 'spesifikke',
  feedDocumentIds: true,
  entydigsoekCriteria: [...CRITERIA_FOREIGN_ID, 'utlendingsmyndighetenesIdentifikasjonsnummer'],
};

/** The one table, in the order of the reference's §2. */
export const RIGHTS_PACKAGES: readonly RightsPackage[] = [
  OFFENTLIG_MED_HJEMMEL,
  {
    ...WITHOUT_HJEMMEL,
    id: 'offentligUtenHjemmel',
    abbreviation: 'OUH',
    name: 'Offentlig virksomhet uten hjemmel',
    pathPrefix: '/folkeregisteret/api/offentligutenhjemmel/v1',
    scope: 'folkeregister:deling/offentligutenhjemmel',
    segmentansvarligScope: 'folkeregister:deling/offentligutenhjemmel.segmentansvarlig',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt-off',
    services: LOOKUP_SERVICES,
    // falskIdentitet since 2021-11-04; the identitetsgrunnlag-utvidet alias is documented for OMH and EID only.
    elements: inModelOrder([...NON_CONFIDENTIAL, 'falskIdentitet']),
    protectedMigrationDetail: true,
  },
  {
    ...WITHOUT_HJEMMEL,
    id: 'privatUtenHjemmel',
    abbreviation: 'PUH',
    name: 'Privat virksomhet uten hjemmel',
    pathPrefix: '/folkeregisteret/api/privatutenhjemmel/v1',
    scope: 'folkeregister:deling/privatutenhjemmel',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt',
    services: LOOKUP_SERVICES,
  },
  {
    ...PRIVAT_OG_PRESSE,
    id: 'privat',
    abbreviation: 'PRI',
    name: 'Privat virksomhet',
    pathPrefix: '/folkeregisteret/api/privat/v1',
    scope: 'folkeregister:deling/privat',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt',
  },
  {
    ...UTEN_FOLKEREGISTERIDENTIFIKATOR,
    id: 'privatUtenFolkeregisteridentifikator',
    abbreviation: 'PRI-uF',
    name: 'Privat virksomhet uten folkeregisteridentifikator',
    pathPrefix: '/folkeregisteret/api/privatutenfolkeregisteridentifikator/v1',
    scope: 'folkeregister:deling/privatutenfolkeregisteridentifikator',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt',
  },
  {
    ...WITHOUT_HJEMMEL,
    id: 'finans',
    abbreviation: 'FIN',
    name: 'Finans',
    pathPrefix: '/folkeregisteret/api/finans/v1',
    scope: 'folkeregister:deling/finans',
    segmentansvarligScope: 'folkeregister:deling/finans.segmentansvarlig',
    swaggerhubName: 'Folkeregisteret_lesemodell_begrenset_taushetsbelagt',
    services: LOOKUP_SERVICES,
    // Q1: opphold, bibehold, brukAvSamiskSpraak and foedselINorge are "?" for Finans → not delivered.
    // legitimasjonsdokument and utenlandskPersonidentifikasjon were removed in 2023-06.
    elements: inModelOrder([...NON_CONFIDENTIAL, 'falskIdentitet', 'familierelasjon', 'foreldreansvar']),
    relasjonUtvidet: RELASJON_UTVIDET_FULL,
    historyElements: inModelOrder([...HISTORY_SCOPE, 'sivilstand']),
    // Q1: status masking and metadata stripping are unclear for Finans → masked and stripped (WITHOUT_HJEMMEL).
    vergeIdentifikasjonsnummer: true,
  },
  {
    ...PRIVAT_OG_PRESSE,
    id: 'presse',
    abbreviation: 'PRE',
    name: 'Presse',
    pathPrefix: '/folkeregisteret/api/presse/v1',
    scope: 'folkeregister:deling/presse',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt',
  },
  {
    ...UTEN_FOLKEREGISTERIDENTIFIKATOR,
    id: 'presseUtenFolkeregisteridentifikator',
    abbreviation: 'PRE-uF',
    name: 'Presse uten folkeregisteridentifikator',
    pathPrefix: '/folkeregisteret/api/presseutenfolkeregisteridentifikator/v1',
    scope: 'folkeregister:deling/presseutenfolkeregisteridentifikator',
    swaggerhubName: 'Folkeregisteret_lesemodell_uten_taushetsbelagt',
  },
  {
    ...WITHOUT_HJEMMEL,
    id: 'utstederEid',
    abbreviation: 'EID',
    name: 'Utsteder av eID',
    pathPrefix: '/folkeregisteret/api/eid/v1',
    scope: 'folkeregister:deling/utstedereid',
    swaggerhubName: 'Folkeregisteret-utsteder-eID',
    services: LOOKUP_SERVICES,
    // Q1: innflytting/utflytting are "?" for EID → not delivered; status masking "?" → masked (WITHOUT_HJEMMEL).
    elements: inModelOrder([...NON_CONFIDENTIAL.filter((e) => !MIGRATION.includes(e)), ...IDENTITETSGRUNNLAG_UTVIDET]),
    personBasis: inModelOrder([...BASIS, 'utenlandskPersonidentifikasjon', 'legitimasjonsdokument']),
    identitetsgrunnlagUtvidet: IDENTITETSGRUNNLAG_UTVIDET,
    entydigsoekCriteria: CRITERIA_FOREIGN_ID,
  },
  {
    // Q16: OMH's services and data rules, restricted to Svalbard persons, plus oppholdPaaSvalbard; experimental.
    ...OFFENTLIG_MED_HJEMMEL,
    id: 'svalbardregister',
    abbreviation: 'BRSV',
    name: 'Befolkningsregisteret for Svalbard',
    pathPrefix: '/folkeregisteret/api/brsv/v1',
    scope: 'folkeregister:deling/svalbardregister',
    segmentansvarligScope: undefined,
    swaggerhubName: undefined,
    experimental: true,
    population: 'svalbard',
    elements: inModelOrder([...OMH_ELEMENTS, 'oppholdPaaSvalbard']),
    historyElements: inModelOrder([...OMH_ELEMENTS, 'oppholdPaaSvalbard']),
    // Graded addresses are documented for OMH only; restrictive reading.
    gradedAddresses: false,
  },
];

const BY_ID = new Map<string, RightsPackage>(RIGHTS_PACKAGES.map((p) => [p.id, p]));
const BY_SCOPE = new Map<string, RightsPackage>(
  RIGHTS_PACKAGES.flatMap((p) => packageScopes(p).map((scope) => [scope, p] as const)),
);

export function packageById(id: PackageId): RightsPackage;
export function packageById(id: string): RightsPackage | undefined;
export function packageById(id: string): RightsPackage | undefined {
  return BY_ID.get(id);
}

/** The package's scope and, where it exists, its `.segmentansvarlig` variant. */
export function packageScopes(pkg: RightsPackage): readonly string[] {
  return pkg.segmentansvarligScope === undefined ? [pkg.scope] : [pkg.scope, pkg.segmentansvarligScope];
}

/** The package a Maskinporten scope grants (the `.segmentansvarlig` variants included). */
export function packageByScope(scope: string): RightsPackage | undefined {
  return BY_SCOPE.get(scope);
}

export interface PathMatch {
  readonly package: RightsPackage;
  /** The rest of the path after the prefix: `''` or `/…`, without query string and trailing slashes. */
  readonly rest: string;
}

/**
 * Routes an incoming request path (query string allowed) to its package. Paths are case-sensitive, as in FREG;
 * `…/privat/v1` does not match `…/privat/v10` or `…/privatutenhjemmel/v1`.
 */
export function packageForPath(path: string): PathMatch | undefined {
  const pathOnly = path.replace(/[?#].*$/s, '');
  for (const pkg of RIGHTS_PACKAGES) {
    if (!pathOnly.startsWith(pkg.pathPrefix)) continue;
    const rest = pathOnly.slice(pkg.pathPrefix.length);
    if (rest === '' || rest.startsWith('/')) return { package: pkg, rest: rest.replace(/\/+$/, '') };
  }
  return undefined;
}

export function packageOffers(pkg: RightsPackage, service: ServiceId): boolean {
  return pkg.services.includes(service);
}

/** The routes the package serves, each once (the uttrekk batch route belongs to both uttrekk services). */
export function packageRoutes(pkg: RightsPackage): readonly ServiceRoute[] {
  const routes = new Map<string, ServiceRoute>();
  for (const service of pkg.services) {
    for (const route of SERVICE_ROUTES[service]) routes.set(`${route.method} ${route.path}`, route);
  }
  return [...routes.values()];
}

/** The personstatus the package is shown. */
export function visibleStatus(pkg: RightsPackage, status: Personstatus): Personstatus {
  const confidential = (KONFIDENSIELLE_PERSONSTATUSER as readonly Personstatus[]).includes(status);
  return pkg.masksStatus && confidential ? MASKERT_PERSONSTATUS : status;
}

/** Whether an address with this `adressegradering` (absent = ugradert) may be delivered to the package. */
export function addressVisible(
  pkg: RightsPackage,
  gradering: Adressegradering | undefined,
): boolean {
  if (gradering === undefined || gradering === 'ugradert') return true;
  return gradering !== 'strengtFortrolig' && pkg.gradedAddresses;
}
