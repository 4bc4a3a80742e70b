/**
 * The organisation's gateway log: `GET /folkeregister/api/v1/logg/{fiksOrgId}` (JSON) and
 * `GET /folkeregister/api/v1/logg/{fiksOrgId}.csv` (a spreadsheet-friendly export: UTF-8, `;`-separated,
 * reference fiks-folkeregister.md §10 F3, F5) — every proxy request made on the organisation's behalf, newest
 * first: who, through which role, which persons and elements, graded addresses, status and errorId.
 *
 * Access: the operator's admin credential, or the organisation's own admin credential (issued by the
 * configuration side), as a bearer token. Paging as the insight view: `antall` (1–10 000, default 1 000) and `fra`
 * (a sequence number); a page that is not the last carries `neste`. `fraTid` / `tilTid` (ISO 8601) bound the time.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuditLog, GatewayAccessRecord } from '../../audit/audit-log.js';
import { credentialMatches } from '../../maskinporten/admin-credential.js';
import { byAddress, type FailedLogins } from '../failed-logins.js';
import type { GatewayConfigStore } from '../gateway-store.js';
import { ProxyError } from './proxy-error.js';

const DEFAULT_PAGE = 1_000;
const MAX_PAGE = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LogRoutesOptions {
  log: AuditLog;
  store: Pick<GatewayConfigStore, 'adminCredentialMatches'>;
  adminToken: string;
  /** Counts organisation credentials that fail their (slow) check, per client address. */
  failedLogins: FailedLogins;
}

interface LogRequest {
  Params: { organisation: string };
  Querystring: { fra?: string; antall?: string; fraTid?: string; tilTid?: string };
}

const CSV_COLUMNS = [
  'sekvensnummer',
  'tidspunkt',
  'integrasjonId',
  'rolleId',
  'handling',
  'ressurs',
  'status',
  'personer',
  'opplysninger',
  'visHemmeligeAdresser',
  'gradertAdresseFjernet',
  'gradertAdresseVist',
  'errorId',
  'errorCode',
  'organisasjonsnummer',
  'leverandor',
  'klientId',
  'rettighetspakke',
] as const;

type Row = Record<(typeof CSV_COLUMNS)[number], string | number | boolean | string[] | undefined>;

export function registerLogRoutes(app: FastifyInstance, options: LogRoutesOptions): void {
  app.get<LogRequest>('/folkeregister/api/v1/logg/:organisation', async (request, reply) => {
    const csv = request.params.organisation.endsWith('.csv');
    const fiksOrgId = csv ? request.params.organisation.slice(0, -'.csv'.length) : request.params.organisation;
    if (!UUID.test(fiksOrgId)) throw new ProxyError(404, 'UKJENT_ORGANISASJON', 'fiksOrgId må være en UUID.');
    await requireAdmin(request, fiksOrgId.toLowerCase(), options);

    const { fra, antall, fraTid, tilTid } = request.query;
    const limit = antall === undefined ? DEFAULT_PAGE : whole(antall, MAX_PAGE, `antall må være et heltall fra 1 til ${MAX_PAGE}.`);
    const records = await options.log.forGatewayOrganisation(fiksOrgId.toLowerCase(), {
      limit: limit + 1,
      ...(fra !== undefined && { fromSequence: whole(fra, Number.MAX_SAFE_INTEGER, 'fra må være et sekvensnummer (et positivt heltall).') }),
      ...(fraTid !== undefined && { from: time(fraTid, 'fraTid') }),
      ...(tilTid !== undefined && { to: time(tilTid, 'tilTid') }),
    });
    const page = records.slice(0, limit).map(row);
    const next = records.length > limit ? (records[limit - 1] as GatewayAccessRecord).sequence - 1 : undefined;
    if (next !== undefined) reply.header('link', `<?fra=${next}&antall=${limit}>; rel="next"`);
    if (csv) {
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="folkeregister-logg-${fiksOrgId.toLowerCase()}.csv"`)
        .send(toCsv(page));
    }
    return { logg: page, ...(next !== undefined && { neste: next }) };
  });
}

async function requireAdmin(request: FastifyRequest, fiksOrgId: string, options: LogRoutesOptions): Promise<void> {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  const presented = match?.[1];
  if (presented !== undefined) {
    if (credentialMatches(presented, options.adminToken)) return;
    const matches = () => options.store.adminCredentialMatches(fiksOrgId, presented);
    if (await options.failedLogins.check(byAddress(request), matches)) return;
  }
  throw new ProxyError(401, 'AUTENTISERING_FEILET', 'Loggen krever administratornøkkelen (operatørens eller organisasjonens) som bearer-token.', {
    'www-authenticate': 'Bearer realm="folkeport-admin"',
  });
}

function row(record: GatewayAccessRecord): Row {
  const extra = record.extra;
  const text = (value: unknown) => (typeof value === 'string' ? value : undefined);
  const count = (value: unknown) => (typeof value === 'number' ? value : 0);
  return {
    sekvensnummer: record.sequence,
    tidspunkt: record.time.toISOString(),
    integrasjonId: text(extra.integrasjonId),
    rolleId: text(extra.rolleId),
    handling: record.action,
    ressurs: record.detail,
    status: typeof extra.status === 'number' ? extra.status : undefined,
    personer: record.persons,
    opplysninger: record.elements,
    visHemmeligeAdresser: extra.visHemmeligeAdresser === true,
    gradertAdresseFjernet: count(extra.gradertAdresseFjernet),
    gradertAdresseVist: count(extra.gradertAdresseVist),
    errorId: text(extra.errorId),
    errorCode: text(extra.errorCode),
    organisasjonsnummer: record.consumerOrg,
    leverandor: record.supplierOrg,
    klientId: record.clientId,
    rettighetspakke: record.package,
  };
}

/** RFC 4180 with `;` as separator (what Norwegian spreadsheets open directly); lists joined by spaces. */
function toCsv(rows: readonly Row[]): string {
  const cell = (value: Row[keyof Row]) => {
    const text = value === undefined ? '' : Array.isArray(value) ? value.join(' ') : String(value);
    return /[";\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [CSV_COLUMNS.join(';'), ...rows.map((r) => CSV_COLUMNS.map((column) => cell(r[column])).join(';'))];
  return `${lines.join('\r\n')}\r\n`;
}

function whole(value: string, max: number, message: string): number {
  const number = /^\d{1,16}$/.test(value) ? Number(value) : Number.NaN;
  if (!(number >= 1 && number <= max)) throw new ProxyError(400, 'UGYLDIG_PARAMETER', message);
  return number;
}

function time(value: string, name: string): Date {
  const parsed = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ? new Date(value) : undefined;
  if (parsed === undefined || Number.isNaN(parsed.getTime())) {
    throw new ProxyError(400, 'UGYLDIG_PARAMETER', `${name} må være en dato eller et tidspunkt i ISO 8601-format.`);
  }
  return parsed;
}
