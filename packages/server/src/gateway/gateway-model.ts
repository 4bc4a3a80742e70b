/**
 * The gateway's configuration model, after KS Fiks folkeregister's configuration API v3: organisations,
 * roles (what a fagsystem may see), integrations (id + password bound to a vendor's organisation number)
 * and grants (integration or person ↔ role). Shapes: ../shared/reference/fiks-folkeregister.md §4.2;
 * explained in docs/gateway.md.
 *
 * This file is the contract between the configuration side (store, configuration API, CLI) and the
 * proxy: both import these types; only gateway-store.ts knows SQL.
 */

/** The 20 tjenesteområder of the v3 API (reference §4.3). */
export const TJENESTEOMRADER = [
  'BARNEVERN',
  'HELSE',
  'GRAVFERDSMYNDIGHET',
  'OMSORG',
  'OPPVEKST',
  'SKATTEOPPKREVER',
  'SOSIAL',
  'TEKNISK',
  'BARNEHAGE',
  'STOTTE',
  'INNBYGGERTJENESTER',
  'NAERINGSLIV',
  'VALG',
  'INNFORDRING_INNKREVING',
  'INNVANDRING_OG_INTEGRERING',
  'SAMFUNNSSIKKERHET',
  'DEMOKRATI_AAPENHET',
  'TRAFIKK_TRANSPORT',
  'FORELDREBETALING_SFO_BARNEHAGE',
  'HELSE_PRAKTISK_BISTAND',
] as const;
export type Tjenesteomrade = (typeof TJENESTEOMRADER)[number];

/** v3 bruksområder. SOK gates `personer/*`, HENDELSER `hendelser/*`, INNBYGGERLISTER `uttrekk/*` (reference §4.4). */
export const BRUKSOMRADER = ['SOK', 'INNBYGGERLISTER', 'HENDELSER'] as const;
export type Bruksomrade = (typeof BRUKSOMRADER)[number];

/**
 * Graded addresses (fortrolig, strengt fortrolig, klientadresse): `vis` delivers what the upstream package
 * delivers; `skjul` removes them from every response unless the request explicitly asks to see them (and the
 * role may fetch confidential data).
 */
export type GradertAdressePolicy = 'vis' | 'skjul';

/** The FREG rettighetspakke the gateway calls upstream for a role (@folkeport/model PackageId). */
export type UpstreamPackage = 'offentligMedHjemmel' | 'offentligUtenHjemmel';

export interface Gyldighet {
  /** Usable through the m2m proxy API. The proxy refuses roles without it. */
  api: boolean;
  soekWeb: boolean;
  uttrekkWeb: boolean;
  asynkron: boolean;
}

export interface Dataminimering {
  /** Part aliases (`person-basis`, `historikk`, `identitetsgrunnlag-utvidet`, `relasjon-utvidet`). */
  parts: string[];
  /** Single elements (`navn`, `bostedsadresse`, …), in @folkeport/model's spelling. */
  opplysninger: string[];
}

export interface Organisation {
  /** Fiks organisation id (UUID). */
  fiksOrgId: string;
  /** Organisasjonsnummer (9 digits, mod 11). */
  orgnr: string;
  navn: string;
  /** The municipality's kommunenummer (4 digits). */
  kommunenummer: string;
}

export interface Role {
  /** The rolleId (UUID) fagsystemer put in proxy URLs. */
  id: string;
  fiksOrgId: string;
  navn: string;
  beskrivelse?: string;
  tjenesteOmrade: Tjenesteomrade;
  bruksomrader: Bruksomrade[];
  dataminimering: Dataminimering;
  kanHenteTaushetsbelagtInfo: boolean;
  kanBrukesPaSokeside: boolean;
  gyldighet: Gyldighet;
  gradertAdresse: GradertAdressePolicy;
  aktiv: boolean;
  tagger: string[];
  /** Decided by kanHenteTaushetsbelagtInfo: med hjemmel when true. */
  pakke: UpstreamPackage;
  datoOpprettet: Date;
}

export interface Integration {
  id: string;
  fiksOrgId: string;
  navn: string;
  beskrivelse?: string;
  /** The organisation number whose Maskinporten tokens may use this integration (usually the vendor's). */
  autorisertOrgnr: string;
  opprettet: Date;
}

/** Who holds a grant on a role: an integration (UUID) or a person (11-digit fødselsnummer). */
export type Aktor = string;

/**
 * What the proxy needs for one request, read in one query: the integration with its stored password hash,
 * and — when the integration holds a grant on the role — the role and the role's organisation.
 */
export interface ProxyAccess {
  integration: Integration;
  /** The slow hash as stored (scheme prefix included); the proxy verifies the presented password against it. */
  passwordHash: string;
  /** Absent when the role does not exist or the integration holds no grant on it. */
  role?: Role;
  organisation?: Organisation;
}

export interface NewOrganisation extends Omit<Organisation, 'fiksOrgId'> {
  /** Default: a fresh UUID. */
  fiksOrgId?: string;
}

/** A role as created; omitted optional fields take the defaults documented in docs/gateway.md. */
export interface NewRole {
  navn: string;
  beskrivelse?: string;
  tjenesteOmrade: Tjenesteomrade;
  bruksomrader: Bruksomrade[];
  dataminimering: Dataminimering;
  kanHenteTaushetsbelagtInfo: boolean;
  kanBrukesPaSokeside: boolean;
  gyldighet?: Partial<Gyldighet>;
  gradertAdresse?: GradertAdressePolicy;
  tagger?: string[];
  /** Default: a fresh UUID. */
  id?: string;
}

export type RoleChange = Partial<
  Pick<NewRole, 'navn' | 'beskrivelse' | 'bruksomrader' | 'dataminimering' | 'kanBrukesPaSokeside' | 'gyldighet' | 'gradertAdresse' | 'tagger'>
>;

export interface NewIntegration {
  fiksOrgId: string;
  navn: string;
  beskrivelse?: string;
  autorisertOrgnr: string;
  /** Default: a fresh UUID. */
  id?: string;
}

/** The gateway's configuration store (gateway-store.ts). Unknown ids give `undefined` / `false`, never throw. */
export interface GatewayStore {
  createOrganisation(input: NewOrganisation): Promise<Organisation>;
  getOrganisation(fiksOrgId: string): Promise<Organisation | undefined>;
  listOrganisations(): Promise<Organisation[]>;

  createRole(fiksOrgId: string, input: NewRole): Promise<Role>;
  getRole(fiksOrgId: string, roleId: string): Promise<Role | undefined>;
  listRoles(fiksOrgId: string): Promise<Role[]>;
  updateRole(fiksOrgId: string, roleId: string, change: RoleChange): Promise<Role | undefined>;
  setRoleActive(fiksOrgId: string, roleId: string, aktiv: boolean): Promise<Role | undefined>;
  deleteRole(fiksOrgId: string, roleId: string): Promise<boolean>;

  /** The password is returned once and stored only as a slow hash. */
  createIntegration(input: NewIntegration): Promise<{ integration: Integration; password: string }>;
  getIntegration(fiksOrgId: string, integrationId: string): Promise<Integration | undefined>;
  listIntegrations(fiksOrgId: string): Promise<Integration[]>;
  /** A new password replaces the old at once; `undefined` for an unknown integration. */
  newPassword(fiksOrgId: string, integrationId: string): Promise<string | undefined>;
  deleteIntegration(fiksOrgId: string, integrationId: string): Promise<boolean>;

  /** Grants (idempotent) and revokes a role to an integration UUID or a person's fødselsnummer. */
  grant(fiksOrgId: string, roleId: string, aktor: Aktor): Promise<boolean>;
  revoke(fiksOrgId: string, roleId: string, aktor: Aktor): Promise<boolean>;
  grantsForRole(fiksOrgId: string, roleId: string): Promise<{ integrasjoner: string[]; personer: string[] } | undefined>;

  /** The proxy's single read per request; `undefined` when the integration does not exist. */
  proxyAccess(integrationId: string, roleId: string): Promise<ProxyAccess | undefined>;
}
