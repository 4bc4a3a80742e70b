/**
 * The gateway's configuration store (schema `gateway`): the only gateway code that knows SQL. It validates what
 * it stores and throws GatewayConfigError (Norwegian message + a machine-readable code) for invalid input; unknown
 * or malformed ids give `undefined` / `false`. The proxy's per-request read, `proxyAccess`, is one named statement.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { analyseIdNumber, isValidOrganisasjonsnummer } from '@folkeport/identity';
import {
  PART_ALIASES,
  isPersonElement,
  packageById,
  resolvePart,
  type PartAlias,
} from '@folkeport/model';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { query, sqlState } from '../store/query.js';
import { tjenesteomrade } from './catalogues.js';
import { announceConfigurationChange } from './configuration-changes.js';
import { GATEWAY_SCHEMA } from './gateway-schema.js';
import {
  BRUKSOMRADER,
  TJENESTEOMRADER,
  type Aktor,
  type Bruksomrade,
  type Dataminimering,
  type GatewayStore,
  type Gyldighet,
  type Integration,
  type NewIntegration,
  type NewOrganisation,
  type NewRole,
  type Organisation,
  type ProxyAccess,
  type Role,
  type RoleChange,
  type UpstreamPackage,
} from './gateway-model.js';
import { generatePassword, hashPassword, verifyPassword } from './passwords.js';

/** Why input was refused; `code` doubles as the Fiks `errorCode` in the configuration API. */
export type GatewayConfigErrorCode =
  | 'UGYLDIG_ID'
  | 'UGYLDIG_ORGNR'
  | 'UGYLDIG_KOMMUNENUMMER'
  | 'UGYLDIG_NAVN'
  | 'UGYLDIG_BESKRIVELSE'
  | 'UGYLDIG_TJENESTEOMRADE'
  | 'UGYLDIG_BRUKSOMRADE'
  | 'UGYLDIG_DATAMINIMERING'
  | 'UGYLDIG_GYLDIGHET'
  | 'UGYLDIG_GRADERT_ADRESSE'
  | 'UGYLDIG_TAGG'
  | 'UGYLDIG_VERDI'
  | 'TAUSHETSBELAGT_IKKE_TILLATT'
  | 'UGYLDIG_AKTOR'
  | 'UKJENT_ORGANISASJON'
  | 'FINNES_ALLEREDE';

/** Invalid configuration input. Messages are Norwegian (bokmål), like the Fiks API's own. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
  constructor(
    readonly code: GatewayConfigErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The configuration side's additions to the contract: each organisation's own admin credential. */
export interface GatewayConfigStore extends GatewayStore {
  /** Issues a new admin credential for the organisation (replacing any earlier one); `undefined` if unknown. */
  newAdminCredential(fiksOrgId: string): Promise<string | undefined>;
  /** Whether the credential is the organisation's current one (slow hash, constant-time compare). */
  adminCredentialMatches(fiksOrgId: string, credential: string): Promise<boolean>;
}

export interface GatewayStoreOptions {
  /** The clock for creation times; default the system clock. */
  now?: () => Date;
}

export async function openGatewayStore(db: Database, options: GatewayStoreOptions = {}): Promise<GatewayConfigStore> {
  await migrate(db, GATEWAY_SCHEMA);
  const store = new PostgresGatewayStore(db.kysely, options.now ?? (() => new Date()));
  for (const name of CHANGES) {
    const change = store[name] as (...args: unknown[]) => Promise<unknown>;
    Object.defineProperty(store, name, {
      value: (...args: unknown[]) => change.apply(store, args).finally(() => announceConfigurationChange(db)),
    });
  }
  return store;
}

/** The methods that change what the proxy reads; each call, settled, is announced (configuration-changes.ts). */
const CHANGES = [
  'createOrganisation',
  'createRole',
  'updateRole',
  'setRoleActive',
  'deleteRole',
  'createIntegration',
  'newPassword',
  'deleteIntegration',
  'grant',
  'revoke',
] as const satisfies readonly (keyof GatewayConfigStore)[];

// ── validation ───────────────────────────────────────────────────────────────────────────────────────────────

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** The v3 `navn` and `Tagg` pattern (SPEC-konfig-v3): letters, digits and punctuation, no space at either end. */
const V3_CHARS = "A-ZÆØÅa-zæøå0-9ÁáÀàÂâÉéÈèÊêÍíÌìÎîÓóÒòÔôÚúÙùÛûÝýÄäËëÏïÖöÜü,.!?\\-:;/\\\\'()&+*=%§";
export const V3_NAME_PATTERN = `^[${V3_CHARS}]+[${V3_CHARS} ]*[${V3_CHARS}]+$`;
const V3_NAME = new RegExp(V3_NAME_PATTERN);
const MAX_NAME = 400;
const MAX_TEXT = 1000;
const MAX_TAGS = 50;

function fail(code: GatewayConfigErrorCode, message: string): never {
  throw new GatewayConfigError(code, message);
}

function checkId(id: string | undefined, what: string): string {
  if (id === undefined) return randomUUID();
  if (!isUuid(id)) fail('UGYLDIG_ID', `Ugyldig id for ${what}: må være en UUID.`);
  return id.toLowerCase();
}

function checkOrgnr(orgnr: unknown, what: string): string {
  if (typeof orgnr !== 'string' || !isValidOrganisasjonsnummer(orgnr)) {
    fail('UGYLDIG_ORGNR', `Ugyldig ${what}: må være et gyldig organisasjonsnummer (9 siffer med kontrollsiffer).`);
  }
  return orgnr;
}

/** Free-text names: trimmed, 1–400 characters, no control characters (PostgreSQL text cannot hold NUL). */
function checkText(value: unknown, what: string, max: number, code: GatewayConfigErrorCode): string {
  if (typeof value !== 'string' || value.trim() === '' || value.length > max || /\p{Cc}/u.test(value)) {
    fail(code, `Ugyldig ${what}: må være 1–${max} tegn uten kontrolltegn.`);
  }
  return value.trim();
}

function checkBeskrivelse(value: unknown): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_TEXT || /\p{Cc}/u.test(value.replace(/[\n\t]/g, ''))) {
    fail('UGYLDIG_BESKRIVELSE', `Ugyldig beskrivelse: høyst ${MAX_TEXT} tegn uten kontrolltegn.`);
  }
  return value;
}

function checkRoleNavn(navn: unknown): string {
  if (typeof navn !== 'string' || navn.length > MAX_NAME || !V3_NAME.test(navn)) {
    fail(
      'UGYLDIG_NAVN',
      `Ugyldig rollenavn: 2–${MAX_NAME} tegn (bokstaver, siffer, mellomrom og tegnsetting), uten mellomrom først eller sist.`,
    );
  }
  return navn;
}

function checkTagger(tagger: unknown): string[] {
  if (!Array.isArray(tagger) || tagger.length > MAX_TAGS) fail('UGYLDIG_TAGG', `Tagger må være en liste med høyst ${MAX_TAGS} tagger.`);
  for (const tagg of tagger) {
    if (typeof tagg !== 'string' || tagg.length > 100 || !V3_NAME.test(tagg)) {
      fail('UGYLDIG_TAGG', `Ugyldig tagg «${String(tagg)}»: 2–100 tegn (bokstaver, siffer, mellomrom og tegnsetting).`);
    }
  }
  return [...new Set(tagger as string[])];
}

function checkBruksomrader(bruksomrader: unknown): Bruksomrade[] {
  if (!Array.isArray(bruksomrader) || bruksomrader.length === 0) {
    fail('UGYLDIG_BRUKSOMRADE', `En rolle må ha minst ett bruksområde (${BRUKSOMRADER.join(', ')}).`);
  }
  for (const b of bruksomrader) {
    if (!(BRUKSOMRADER as readonly unknown[]).includes(b)) {
      fail('UGYLDIG_BRUKSOMRADE', `Ukjent bruksområde «${String(b)}». Gyldige verdier: ${BRUKSOMRADER.join(', ')}.`);
    }
  }
  return BRUKSOMRADER.filter((b) => bruksomrader.includes(b));
}

export function upstreamPackage(kanHenteTaushetsbelagtInfo: boolean): UpstreamPackage {
  return kanHenteTaushetsbelagtInfo ? 'offentligMedHjemmel' : 'offentligUtenHjemmel';
}

/**
 * Parts must be part aliases and opplysninger single elements, each available in the role's upstream package
 * (resolvePart decides); at least one must give content (`historikk` alone gives none). Duplicates are dropped.
 */
function checkDataminimering(dataminimering: unknown, pakke: UpstreamPackage): Dataminimering {
  const input = dataminimering as Partial<Dataminimering> | undefined;
  const parts = input?.parts ?? [];
  const opplysninger = input?.opplysninger;
  if (typeof input !== 'object' || input === null || !Array.isArray(parts) || !Array.isArray(opplysninger)) {
    fail('UGYLDIG_DATAMINIMERING', 'Dataminimering må ha listene parts og opplysninger.');
  }
  const pkg = packageById(pakke);
  const available = (name: string) => {
    const resolved = resolvePart(pkg, [name]);
    if (!resolved.ok) {
      const why = resolved.error.code === 'partNotInPackage' ? `er ikke tilgjengelig i rettighetspakken «${pkg.name}»` : 'er ikke gyldig';
      fail('UGYLDIG_DATAMINIMERING', `«${name}» ${why}.`);
    }
  };
  for (const part of parts) {
    if (!(PART_ALIASES as readonly unknown[]).includes(part)) {
      fail('UGYLDIG_DATAMINIMERING', `Ukjent part «${String(part)}». Gyldige parts: ${PART_ALIASES.join(', ')}.`);
    }
    available(part as string);
  }
  for (const element of opplysninger) {
    if (typeof element !== 'string' || !isPersonElement(element)) {
      fail('UGYLDIG_DATAMINIMERING', `Ukjent opplysning «${String(element)}»: må være et informasjonselement i persondokumentet.`);
    }
    available(element);
  }
  const content = parts.some((part) => part !== 'historikk') || opplysninger.length > 0;
  if (!content) fail('UGYLDIG_DATAMINIMERING', 'Dataminimeringen må gi minst én opplysning (historikk alene gir ingen).');
  return { parts: [...new Set(parts as PartAlias[])], opplysninger: [...new Set(opplysninger as string[])] };
}

function checkGyldighet(gyldighet: unknown, defaults: Gyldighet): Gyldighet {
  if (gyldighet === undefined) return defaults;
  const input = gyldighet as Record<string, unknown>;
  if (typeof input !== 'object' || input === null) fail('UGYLDIG_GYLDIGHET', 'Gyldighet må være et objekt.');
  const result = { ...defaults };
  for (const [key, value] of Object.entries(input)) {
    if (!(key in defaults) || typeof value !== 'boolean') {
      fail('UGYLDIG_GYLDIGHET', `Ugyldig gyldighet «${key}»: gyldige felt er api, soekWeb, uttrekkWeb og asynkron (true/false).`);
    }
    result[key as keyof Gyldighet] = value;
  }
  return result;
}

function checkGradertAdresse(value: unknown): 'vis' | 'skjul' {
  if (value !== 'vis' && value !== 'skjul') fail('UGYLDIG_GRADERT_ADRESSE', 'gradertAdresse må være «vis» eller «skjul».');
  return value;
}

function checkBoolean(value: unknown, what: string): boolean {
  if (typeof value !== 'boolean') fail('UGYLDIG_VERDI', `${what} må være true eller false.`);
  return value;
}

/** A person aktør: an 11-digit fødselsnummer or D-nummer with valid check digits (synthetic ones included). */
export function isPersonAktor(aktor: string): boolean {
  if (!/^[0-9]{11}$/.test(aktor)) return false;
  const analysis = analyseIdNumber(aktor);
  return analysis.valid && (analysis.kind === 'foedselsnummer' || analysis.kind === 'dNummer');
}

// ── rows ─────────────────────────────────────────────────────────────────────────────────────────────────────

interface OrganisationRow {
  fiks_org_id: string;
  orgnr: string;
  navn: string;
  kommunenummer: string;
}

interface RoleRow {
  id: string;
  fiks_org_id: string;
  navn: string;
  beskrivelse: string | null;
  tjenesteomrade: string;
  bruksomrader: string[];
  parts: string[];
  opplysninger: string[];
  kan_hente_taushetsbelagt_info: boolean;
  kan_brukes_pa_sokeside: boolean;
  gyldig_api: boolean;
  gyldig_soek_web: boolean;
  gyldig_uttrekk_web: boolean;
  gyldig_asynkron: boolean;
  gradert_adresse: string;
  aktiv: boolean;
  tagger: string[];
  dato_opprettet: Date;
}

interface IntegrationRow {
  id: string;
  fiks_org_id: string;
  navn: string;
  beskrivelse: string | null;
  autorisert_orgnr: string;
  opprettet: Date;
}

const ORGANISATION_COLUMNS = 'fiks_org_id, orgnr, navn, kommunenummer';
const INTEGRATION_COLUMNS = 'id, fiks_org_id, navn, beskrivelse, autorisert_orgnr, opprettet';

const toOrganisation = (row: OrganisationRow): Organisation => ({
  fiksOrgId: row.fiks_org_id,
  orgnr: row.orgnr,
  navn: row.navn,
  kommunenummer: row.kommunenummer,
});

function toRole(row: RoleRow): Role {
  return {
    id: row.id,
    fiksOrgId: row.fiks_org_id,
    navn: row.navn,
    ...(row.beskrivelse === null ? {} : { beskrivelse: row.beskrivelse }),
    tjenesteOmrade: row.tjenesteomrade as Role['tjenesteOmrade'],
    bruksomrader: row.bruksomrader as Bruksomrade[],
    dataminimering: { parts: row.parts, opplysninger: row.opplysninger },
    kanHenteTaushetsbelagtInfo: row.kan_hente_taushetsbelagt_info,
    kanBrukesPaSokeside: row.kan_brukes_pa_sokeside,
    gyldighet: {
      api: row.gyldig_api,
      soekWeb: row.gyldig_soek_web,
      uttrekkWeb: row.gyldig_uttrekk_web,
      asynkron: row.gyldig_asynkron,
    },
    gradertAdresse: row.gradert_adresse as Role['gradertAdresse'],
    aktiv: row.aktiv,
    tagger: row.tagger,
    pakke: upstreamPackage(row.kan_hente_taushetsbelagt_info),
    datoOpprettet: row.dato_opprettet,
  };
}

const toIntegration = (row: IntegrationRow): Integration => ({
  id: row.id,
  fiksOrgId: row.fiks_org_id,
  navn: row.navn,
  ...(row.beskrivelse === null ? {} : { beskrivelse: row.beskrivelse }),
  autorisertOrgnr: row.autorisert_orgnr,
  opprettet: row.opprettet,
});

/** The proxy's row: the integration, and the role and organisation prefixed `r_` / `o_` (null without a grant). */
type ProxyAccessRow = IntegrationRow & { password_hash: string } & {
  [K in keyof RoleRow as `r_${K}`]: RoleRow[K] | null;
} & { [K in keyof OrganisationRow as `o_${K}`]: OrganisationRow[K] | null };

const ROLE_COLUMN_NAMES = [
  'id',
  'fiks_org_id',
  'navn',
  'beskrivelse',
  'tjenesteomrade',
  'bruksomrader',
  'parts',
  'opplysninger',
  'kan_hente_taushetsbelagt_info',
  'kan_brukes_pa_sokeside',
  'gyldig_api',
  'gyldig_soek_web',
  'gyldig_uttrekk_web',
  'gyldig_asynkron',
  'gradert_adresse',
  'aktiv',
  'tagger',
  'dato_opprettet',
] as const satisfies readonly (keyof RoleRow)[];

/**
 * Every proxied request's one statement: the integration by id, joined with its grant on the role, the role and
 * the role's organisation. Named, so each connection parses and plans it once (as maskinporten-store's
 * grantContext). `$2` is null when the role id is malformed: the integration is still returned, without a role.
 */
const PROXY_ACCESS_SQL = `
  SELECT i.id, i.fiks_org_id, i.navn, i.beskrivelse, i.autorisert_orgnr, i.opprettet, i.password_hash,
    ${ROLE_COLUMN_NAMES.map((column) => `r.${column} AS r_${column}`).join(', ')},
    o.fiks_org_id AS o_fiks_org_id, o.orgnr AS o_orgnr, o.navn AS o_navn, o.kommunenummer AS o_kommunenummer
  FROM gateway.integration i
  LEFT JOIN gateway.integration_grant g ON g.integration_id = i.id AND g.role_id = $2::uuid
  LEFT JOIN gateway.role r ON r.id = g.role_id
  LEFT JOIN gateway.organisation o ON o.fiks_org_id = r.fiks_org_id
  WHERE i.id = $1::uuid`;
const PROXY_ACCESS = { name: 'gateway_proxy_access', text: PROXY_ACCESS_SQL, toString: () => PROXY_ACCESS_SQL } as unknown as string;

function unprefixed<T>(row: object, prefix: string): T {
  return Object.fromEntries(
    Object.entries(row)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  ) as T;
}

const UNIQUE_VIOLATION = '23505';

async function unique<T>(work: Promise<T>, message: string): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) fail('FINNES_ALLEREDE', message);
    throw error;
  }
}

// ── the store ────────────────────────────────────────────────────────────────────────────────────────────────

class PostgresGatewayStore implements GatewayConfigStore {
  constructor(
    private readonly db: Kysely<unknown>,
    private readonly now: () => Date,
  ) {}

  async createOrganisation(input: NewOrganisation): Promise<Organisation> {
    const fiksOrgId = checkId(input.fiksOrgId, 'organisasjonen');
    const orgnr = checkOrgnr(input.orgnr, 'organisasjonsnummer');
    const navn = checkText(input.navn, 'navn', MAX_NAME, 'UGYLDIG_NAVN');
    if (typeof input.kommunenummer !== 'string' || !/^[0-9]{4}$/.test(input.kommunenummer)) {
      fail('UGYLDIG_KOMMUNENUMMER', 'Ugyldig kommunenummer: må være 4 siffer.');
    }
    const [row] = await unique(
      query<OrganisationRow>(
        this.db,
        `INSERT INTO gateway.organisation (fiks_org_id, orgnr, navn, kommunenummer, opprettet) VALUES ($1, $2, $3, $4, $5)
         RETURNING ${ORGANISATION_COLUMNS}`,
        [fiksOrgId, orgnr, navn, input.kommunenummer, this.now()],
      ),
      `Det finnes allerede en organisasjon med id ${fiksOrgId} eller organisasjonsnummer ${orgnr}.`,
    );
    return toOrganisation(row as OrganisationRow);
  }

  async getOrganisation(fiksOrgId: string) {
    if (!isUuid(fiksOrgId)) return undefined;
    const [row] = await query<OrganisationRow>(
      this.db,
      `SELECT ${ORGANISATION_COLUMNS} FROM gateway.organisation WHERE fiks_org_id = $1`,
      [fiksOrgId],
    );
    return row && toOrganisation(row);
  }

  async listOrganisations() {
    const rows = await query<OrganisationRow>(this.db, `SELECT ${ORGANISATION_COLUMNS} FROM gateway.organisation ORDER BY navn, fiks_org_id`);
    return rows.map(toOrganisation);
  }

  /** `<fiksOrgId>.<secret>`: the credential names its organisation, so a request needs no other hint. */
  async newAdminCredential(fiksOrgId: string) {
    if (!isUuid(fiksOrgId)) return undefined;
    const credential = `${fiksOrgId.toLowerCase()}.${generatePassword()}`;
    const rows = await query(
      this.db,
      'UPDATE gateway.organisation SET admin_credential_hash = $2 WHERE fiks_org_id = $1 RETURNING fiks_org_id',
      [fiksOrgId, await hashPassword(credential)],
    );
    return rows.length > 0 ? credential : undefined;
  }

  async adminCredentialMatches(fiksOrgId: string, credential: string) {
    if (!isUuid(fiksOrgId)) return false;
    const [row] = await query<{ admin_credential_hash: string | null }>(
      this.db,
      'SELECT admin_credential_hash FROM gateway.organisation WHERE fiks_org_id = $1',
      [fiksOrgId],
    );
    if (!row?.admin_credential_hash) return false;
    return verifyPassword(credential, row.admin_credential_hash);
  }

  async createRole(fiksOrgId: string, input: NewRole): Promise<Role> {
    const id = checkId(input.id, 'rollen');
    const navn = checkRoleNavn(input.navn);
    const beskrivelse = checkBeskrivelse(input.beskrivelse);
    if (!(TJENESTEOMRADER as readonly unknown[]).includes(input.tjenesteOmrade)) {
      fail('UGYLDIG_TJENESTEOMRADE', `Ukjent tjenesteområde «${String(input.tjenesteOmrade)}».`);
    }
    const kanHente = checkBoolean(input.kanHenteTaushetsbelagtInfo, 'kanHenteTaushetsbelagtInfo');
    const kanBrukesPaSokeside = checkBoolean(input.kanBrukesPaSokeside, 'kanBrukesPaSokeside');
    if (kanHente && !tjenesteomrade(input.tjenesteOmrade).kanHenteTaushetsbelagtInfo) {
      fail(
        'TAUSHETSBELAGT_IKKE_TILLATT',
        `Tjenesteområdet ${input.tjenesteOmrade} kan ikke hente taushetsbelagte opplysninger.`,
      );
    }
    const bruksomrader = checkBruksomrader(input.bruksomrader);
    const dataminimering = checkDataminimering(input.dataminimering, upstreamPackage(kanHente));
    const gyldighet = checkGyldighet(input.gyldighet, { api: true, soekWeb: kanBrukesPaSokeside, uttrekkWeb: false, asynkron: false });
    const gradertAdresse = checkGradertAdresse(input.gradertAdresse ?? 'skjul');
    const tagger = checkTagger(input.tagger ?? []);
    if (!(await this.getOrganisation(fiksOrgId))) fail('UKJENT_ORGANISASJON', 'Organisasjonen finnes ikke.');
    const [row] = await unique(
      query<RoleRow>(
        this.db,
        `INSERT INTO gateway.role (id, fiks_org_id, navn, beskrivelse, tjenesteomrade, bruksomrader, parts, opplysninger,
           kan_hente_taushetsbelagt_info, kan_brukes_pa_sokeside, gyldig_api, gyldig_soek_web, gyldig_uttrekk_web,
           gyldig_asynkron, gradert_adresse, aktiv, tagger, dato_opprettet)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, true, $16, $17) RETURNING *`,
        [
          id,
          fiksOrgId,
          navn,
          beskrivelse ?? null,
          input.tjenesteOmrade,
          bruksomrader,
          dataminimering.parts,
          dataminimering.opplysninger,
          kanHente,
          kanBrukesPaSokeside,
          gyldighet.api,
          gyldighet.soekWeb,
          gyldighet.uttrekkWeb,
          gyldighet.asynkron,
          gradertAdresse,
          tagger,
          this.now(),
        ],
      ),
      `Det finnes allerede en rolle med id ${id} eller navnet «${navn}».`,
    );
    return toRole(row as RoleRow);
  }

  async getRole(fiksOrgId: string, roleId: string) {
    if (!isUuid(fiksOrgId) || !isUuid(roleId)) return undefined;
    const [row] = await query<RoleRow>(this.db, 'SELECT * FROM gateway.role WHERE fiks_org_id = $1 AND id = $2', [fiksOrgId, roleId]);
    return row && toRole(row);
  }

  async listRoles(fiksOrgId: string) {
    if (!isUuid(fiksOrgId)) return [];
    const rows = await query<RoleRow>(
      this.db,
      'SELECT * FROM gateway.role WHERE fiks_org_id = $1 ORDER BY dato_opprettet, navn, id',
      [fiksOrgId],
    );
    return rows.map(toRole);
  }

  async updateRole(fiksOrgId: string, roleId: string, change: RoleChange) {
    const current = await this.getRole(fiksOrgId, roleId);
    if (!current) return undefined;
    const navn = change.navn === undefined ? current.navn : checkRoleNavn(change.navn);
    const beskrivelse = change.beskrivelse === undefined ? current.beskrivelse : checkBeskrivelse(change.beskrivelse);
    const bruksomrader = change.bruksomrader === undefined ? current.bruksomrader : checkBruksomrader(change.bruksomrader);
    const dataminimering =
      change.dataminimering === undefined ? current.dataminimering : checkDataminimering(change.dataminimering, current.pakke);
    const kanBrukesPaSokeside =
      change.kanBrukesPaSokeside === undefined ? current.kanBrukesPaSokeside : checkBoolean(change.kanBrukesPaSokeside, 'kanBrukesPaSokeside');
    const gyldighet = checkGyldighet(change.gyldighet, current.gyldighet);
    const gradertAdresse = change.gradertAdresse === undefined ? current.gradertAdresse : checkGradertAdresse(change.gradertAdresse);
    const tagger = change.tagger === undefined ? current.tagger : checkTagger(change.tagger);
    const [row] = await unique(
      query<RoleRow>(
        this.db,
        `UPDATE gateway.role SET navn = $3, beskrivelse = $4, bruksomrader = $5, parts = $6, opplysninger = $7,
           kan_brukes_pa_sokeside = $8, gyldig_api = $9, gyldig_soek_web = $10, gyldig_uttrekk_web = $11, gyldig_asynkron = $12,
           gradert_adresse = $13, tagger = $14
         WHERE fiks_org_id = $1 AND id = $2 RETURNING *`,
        [
          fiksOrgId,
          roleId,
          navn,
          beskrivelse ?? null,
          bruksomrader,
          dataminimering.parts,
          dataminimering.opplysninger,
          kanBrukesPaSokeside,
          gyldighet.api,
          gyldighet.soekWeb,
          gyldighet.uttrekkWeb,
          gyldighet.asynkron,
          gradertAdresse,
          tagger,
        ],
      ),
      `Det finnes allerede en rolle med navnet «${navn}».`,
    );
    return row && toRole(row);
  }

  async setRoleActive(fiksOrgId: string, roleId: string, aktiv: boolean) {
    if (!isUuid(fiksOrgId) || !isUuid(roleId)) return undefined;
    const [row] = await query<RoleRow>(
      this.db,
      'UPDATE gateway.role SET aktiv = $3 WHERE fiks_org_id = $1 AND id = $2 RETURNING *',
      [fiksOrgId, roleId, aktiv],
    );
    return row && toRole(row);
  }

  async deleteRole(fiksOrgId: string, roleId: string) {
    if (!isUuid(fiksOrgId) || !isUuid(roleId)) return false;
    const rows = await query(this.db, 'DELETE FROM gateway.role WHERE fiks_org_id = $1 AND id = $2 RETURNING id', [fiksOrgId, roleId]);
    return rows.length > 0;
  }

  async createIntegration(input: NewIntegration) {
    const id = checkId(input.id, 'integrasjonen');
    const navn = checkText(input.navn, 'navn', MAX_NAME, 'UGYLDIG_NAVN');
    const beskrivelse = checkBeskrivelse(input.beskrivelse);
    const autorisertOrgnr = checkOrgnr(input.autorisertOrgnr, 'autorisert organisasjonsnummer');
    if (!(await this.getOrganisation(input.fiksOrgId))) fail('UKJENT_ORGANISASJON', 'Organisasjonen finnes ikke.');
    const password = generatePassword();
    const [row] = await unique(
      query<IntegrationRow>(
        this.db,
        `INSERT INTO gateway.integration (id, fiks_org_id, navn, beskrivelse, autorisert_orgnr, password_hash, opprettet)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING ${INTEGRATION_COLUMNS}`,
        [id, input.fiksOrgId, navn, beskrivelse ?? null, autorisertOrgnr, await hashPassword(password), this.now()],
      ),
      `Det finnes allerede en integrasjon med id ${id}.`,
    );
    return { integration: toIntegration(row as IntegrationRow), password };
  }

  async getIntegration(fiksOrgId: string, integrationId: string) {
    if (!isUuid(fiksOrgId) || !isUuid(integrationId)) return undefined;
    const [row] = await query<IntegrationRow>(
      this.db,
      `SELECT ${INTEGRATION_COLUMNS} FROM gateway.integration WHERE fiks_org_id = $1 AND id = $2`,
      [fiksOrgId, integrationId],
    );
    return row && toIntegration(row);
  }

  async listIntegrations(fiksOrgId: string) {
    if (!isUuid(fiksOrgId)) return [];
    const rows = await query<IntegrationRow>(
      this.db,
      `SELECT ${INTEGRATION_COLUMNS} FROM gateway.integration WHERE fiks_org_id = $1 ORDER BY opprettet, navn, id`,
      [fiksOrgId],
    );
    return rows.map(toIntegration);
  }

  async newPassword(fiksOrgId: string, integrationId: string) {
    if (!isUuid(fiksOrgId) || !isUuid(integrationId)) return undefined;
    const password = generatePassword();
    const rows = await query(
      this.db,
      'UPDATE gateway.integration SET password_hash = $3 WHERE fiks_org_id = $1 AND id = $2 RETURNING id',
      [fiksOrgId, integrationId, await hashPassword(password)],
    );
    return rows.length > 0 ? password : undefined;
  }

  async deleteIntegration(fiksOrgId: string, integrationId: string) {
    if (!isUuid(fiksOrgId) || !isUuid(integrationId)) return false;
    const rows = await query(
      this.db,
      'DELETE FROM gateway.integration WHERE fiks_org_id = $1 AND id = $2 RETURNING id',
      [fiksOrgId, integrationId],
    );
    return rows.length > 0;
  }

  async grant(fiksOrgId: string, roleId: string, aktor: Aktor) {
    if (!(await this.getRole(fiksOrgId, roleId))) return false;
    if (isUuid(aktor)) {
      // The composite foreign key refuses an integration of another organisation; the insert adds nothing then.
      const rows = await query<{ id: string }>(
        this.db,
        `INSERT INTO gateway.integration_grant (fiks_org_id, role_id, integration_id, opprettet)
         SELECT fiks_org_id, $2::uuid, id, $4::timestamptz FROM gateway.integration WHERE fiks_org_id = $1 AND id = $3
         ON CONFLICT DO NOTHING RETURNING integration_id AS id`,
        [fiksOrgId, roleId, aktor, this.now()],
      );
      if (rows.length === 0 && !(await this.getIntegration(fiksOrgId, aktor))) {
        fail('UGYLDIG_AKTOR', 'Ugyldig aktør: organisasjonen har ingen integrasjon med denne id-en.');
      }
      return true;
    }
    if (!isPersonAktor(aktor)) {
      fail('UGYLDIG_AKTOR', 'Ugyldig aktør: må være id-en til en integrasjon (UUID) eller et gyldig fødselsnummer (11 siffer).');
    }
    await query(
      this.db,
      `INSERT INTO gateway.person_grant (fiks_org_id, role_id, person, opprettet) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [fiksOrgId, roleId, aktor, this.now()],
    );
    return true;
  }

  async revoke(fiksOrgId: string, roleId: string, aktor: Aktor) {
    if (!isUuid(fiksOrgId) || !isUuid(roleId)) return false;
    const rows = isUuid(aktor)
      ? await query(
          this.db,
          'DELETE FROM gateway.integration_grant WHERE fiks_org_id = $1 AND role_id = $2 AND integration_id = $3 RETURNING role_id',
          [fiksOrgId, roleId, aktor],
        )
      : /^[0-9]{11}$/.test(aktor)
        ? await query(
            this.db,
            'DELETE FROM gateway.person_grant WHERE fiks_org_id = $1 AND role_id = $2 AND person = $3 RETURNING role_id',
            [fiksOrgId, roleId, aktor],
          )
        : [];
    return rows.length > 0;
  }

  async grantsForRole(fiksOrgId: string, roleId: string) {
    if (!(await this.getRole(fiksOrgId, roleId))) return undefined;
    const [row] = await query<{ integrasjoner: string[]; personer: string[] }>(
      this.db,
      `SELECT
         ARRAY(SELECT integration_id::text FROM gateway.integration_grant WHERE role_id = $1 ORDER BY integration_id) AS integrasjoner,
         ARRAY(SELECT person FROM gateway.person_grant WHERE role_id = $1 ORDER BY person) AS personer`,
      [roleId],
    );
    return row ?? { integrasjoner: [], personer: [] };
  }

  async proxyAccess(integrationId: string, roleId: string): Promise<ProxyAccess | undefined> {
    if (!isUuid(integrationId)) return undefined;
    const [row] = await query<ProxyAccessRow>(this.db, PROXY_ACCESS, [integrationId, isUuid(roleId) ? roleId : null]);
    if (!row) return undefined;
    const access: ProxyAccess = { integration: toIntegration(row), passwordHash: row.password_hash };
    if (row.r_id !== null) {
      access.role = toRole(unprefixed<RoleRow>(row, 'r_'));
      access.organisation = toOrganisation(unprefixed<OrganisationRow>(row, 'o_'));
    }
    return access;
  }
}
