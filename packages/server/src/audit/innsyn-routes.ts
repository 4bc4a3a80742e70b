/**
 * The insight view (innsyn): `GET /innsyn/{folkeregisteridentifikator}` lists who received the person's data,
 * newest first, for the operator answering a citizen's request (reference freg-consumer-api.md §3.6
 * "Logging"). It needs the admin credential as a bearer token. Lookups through the package with hjemmel are
 * outside the citizen's right of insight and left out unless `?alle=true` (docs/audit.md).
 *
 * Paging: `?antall=` records per page (1–1000, default 100) and `?fra=` the sequence number to start at; a
 * page that is not the last carries `neste`, the `fra` of the next page.
 */
import type { FastifyRequest } from 'fastify';
import { credentialMatches } from '../maskinporten/admin-credential.js';
import { FregError } from '../register/api/freg-error.js';
import { respond } from '../register/api/negotiate.js';
import type { RegisterRoutes } from '../register/api/register-api.js';
import type { AccessRecord, AuditLog } from './audit-log.js';

const DEFAULT_PAGE = 100;
const MAX_PAGE = 1_000;

interface InnsynRequest {
  Params: { folkeregisteridentifikator: string };
  Querystring: { fra?: string; antall?: string; alle?: string };
}

export function registerInnsynRoutes(log: AuditLog, adminToken: string): RegisterRoutes {
  return (app) => {
    app.get<InnsynRequest>('/innsyn/:folkeregisteridentifikator', async (request, reply) => {
      requireAdmin(request, adminToken);
      const identifier = request.params.folkeregisteridentifikator;
      if (!/^\d{11}$/.test(identifier)) throw new FregError(400, 'Folkeregisteridentifikator må være 11 siffer');
      const { fra, antall, alle } = request.query;
      const limit = antall === undefined ? DEFAULT_PAGE : whole(antall, MAX_PAGE, `antall må være et heltall fra 1 til ${MAX_PAGE}`);
      const records = await log.forPerson(identifier, {
        includeExempt: flag(alle),
        ...(fra !== undefined && { fromSequence: whole(fra, Number.MAX_SAFE_INTEGER, 'fra må være et sekvensnummer (et positivt heltall)') }),
        limit: limit + 1,
      });
      const page = records.slice(0, limit);
      const last = page.at(-1);
      const body = {
        oppslag: page.map(shown),
        ...(records.length > limit && last !== undefined && { neste: last.sequence - 1 }),
      };
      return respond(request, reply, { 'application/json': () => JSON.stringify(body) });
    });
  };
}

function requireAdmin(request: FastifyRequest, adminToken: string): void {
  const match = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '');
  if (match && credentialMatches(match[1] as string, adminToken)) return;
  throw new FregError(401, 'Innsyn krever administratornøkkelen som bearer-token', {
    'www-authenticate': 'Bearer realm="folkeport-admin"',
  });
}

/** One access as the view shows it: who, when, through which package, what was done and which elements. */
function shown(record: AccessRecord) {
  return {
    sekvensnummer: record.sequence,
    tidspunkt: record.time.toISOString(),
    tjeneste: record.service,
    konsument: record.consumerOrg,
    ...(record.supplierOrg !== undefined && { leverandoer: record.supplierOrg }),
    rettighetspakke: record.package,
    handling: record.action,
    opplysninger: record.elements,
    ...(record.exempt && { unntattInnsyn: true }),
  };
}

function whole(value: string, max: number, message: string): number {
  const number = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= 1 && number <= max)) throw new FregError(400, message);
  return number;
}

function flag(value: string | undefined): boolean {
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new FregError(400, 'alle må være true eller false');
}
