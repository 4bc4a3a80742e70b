/**
 * The proxy: `GET|HEAD|POST /folkeregister/api/v1/{rolleId}/v1/{FREG resource}` (docs/gateway-proxy.md).
 * Per request: parse and whitelist the path (proxy-path.ts), authenticate as Fiks does (gateway-auth.ts; one store
 * read), let the role decide (role-policy.ts), call the FREG API under the role's package for the role's
 * municipality (upstream.ts), minimise the answer again (response-filter.ts), audit (gateway-audit.ts), answer.
 *
 * The gateway's own refusals use Fiks' ErrorMessage body; the upstream's answers — FREG error bodies, 304,
 * Retry-After, ETag — pass through unchanged. Request bodies are forwarded as received (JSON or XML), and an
 * answer the filters did not change is sent as the upstream's bytes.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AuditEntry } from '../../audit/audit-entry.js';
import { fregErrorBody } from '../../register/api/freg-error.js';
import { fiksErrorBody } from '../fiks-error.js';
import { preferredMediaType, type MediaType } from '../../register/api/negotiate.js';
import { eventDocumentXml, personDocumentXml } from '../../register/api/xml.js';
import type { DokumentForHendelse, Folkeregisterperson } from '@folkeport/model';
import type { Authenticated, GatewayAuth } from './gateway-auth.js';
import { gatewayAuditEntry } from './gateway-audit.js';
import { ProxyError } from './proxy-error.js';
import { PROXY_PREFIX, REVEAL_HEADER, parseProxyTarget, revealValue, type ProxyTarget } from './proxy-path.js';
import {
  FilterReport,
  filterEventDocument,
  filterEventDocuments,
  filterPersonBulk,
  filterPersonDocument,
  identifiersIn,
  type FilterRules,
} from './response-filter.js';
import { authorise } from './role-policy.js';
import type { Upstream, UpstreamAnswer } from './upstream.js';

export interface ProxyRoutesOptions {
  auth: GatewayAuth;
  upstream: Upstream;
  /** Appends to the audit log; resolves once stored. */
  audit: (entry: AuditEntry) => Promise<void>;
  clock?: () => number;
  /** Largest request body forwarded; default 1 MiB. */
  bodyLimit?: number;
}

/** The media types the gateway renders itself for the answers it minimises (JSON from upstream). */
const RENDERED: Partial<Record<ProxyTarget['kind'], readonly MediaType[]>> = {
  person: ['application/json', 'application/xml'],
  eventDocument: ['application/json', 'application/xml'],
  personBulk: ['application/json'],
  eventDocuments: ['application/json'],
};

interface Outcome {
  status: number;
  headers: Record<string, string>;
  body: Buffer | string;
  report: FilterReport;
}

export function registerProxyRoutes(app: FastifyInstance, options: ProxyRoutesOptions): void {
  const clock = options.clock ?? Date.now;
  // Own encapsulated context: request bodies arrive as raw bytes, whatever their content type.
  void app.register(async (proxy) => {
    proxy.removeAllContentTypeParsers();
    proxy.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: options.bodyLimit ?? 1024 * 1024 }, (_request, body, done) =>
      done(null, body),
    );
    proxy.route({
      method: ['GET', 'POST'],
      url: `${PROXY_PREFIX}*`,
      handler: (request, reply) => handle(request, reply),
    });
  });

  async function handle(request: FastifyRequest, reply: FastifyReply) {
    let target: ProxyTarget;
    let caller: Authenticated;
    try {
      target = parseProxyTarget(request.method, request.url);
      caller = await options.auth.authenticate(request.headers, target.roleId);
    } catch (error) {
      return refuse(request, reply, error);
    }

    const time = new Date(clock());
    let revealed = false;
    try {
      const revealRequested = target.reveal || revealHeader(request.headers[REVEAL_HEADER]);
      const { policy, reveal } = authorise(caller.role, target, revealRequested);
      revealed = reveal;
      const rules: FilterRules = { elements: policy.elements, history: policy.history, hideGraded: policy.hideGraded && !reveal };
      const outcome = await forward(request, target, caller, policy.pkg, rules);
      await options.audit(
        gatewayAuditEntry({
          time,
          caller,
          target,
          status: outcome.status,
          persons: outcome.report.persons,
          elements: outcome.report.elements,
          revealed,
          gradedRemoved: outcome.report.gradedRemoved,
          gradedDelivered: outcome.report.gradedDelivered,
        }),
      );
      return reply.status(outcome.status).headers(outcome.headers).send(outcome.body);
    } catch (error) {
      const errorId = randomUUID();
      const status = error instanceof ProxyError ? error.status : 500;
      try {
        await options.audit(
          gatewayAuditEntry({
            time,
            caller,
            target,
            status,
            persons: [],
            elements: [],
            revealed,
            gradedRemoved: 0,
            gradedDelivered: 0,
            errorId,
            ...(error instanceof ProxyError && { errorCode: error.errorCode }),
          }),
        );
      } catch (auditError) {
        request.log.error({ err: auditError }, 'gateway: a refusal could not be audited');
      }
      return refuse(request, reply, error, errorId);
    }
  }

  async function forward(
    request: FastifyRequest,
    target: ProxyTarget,
    caller: Authenticated,
    pkg: Parameters<Upstream['call']>[0]['pkg'],
    rules: FilterRules,
  ): Promise<Outcome> {
    const rendered = RENDERED[target.kind];
    const accept = request.headers.accept;
    let type: MediaType | undefined;
    if (rendered !== undefined) {
      type = preferredMediaType(accept, rendered);
      if (type === undefined) {
        // What FREG answers for an Accept the resource does not offer, without asking it.
        const message = `Ikke støttet Accept: ${accept}. Støttet: ${rendered.join(', ')}`;
        return { status: 406, headers: jsonType(), body: JSON.stringify(fregErrorBody(406, message)), report: new FilterReport() };
      }
    }
    const answer = await options.upstream.call({
      method: target.method,
      pkg,
      consumerOrg: caller.organisation.orgnr,
      fregPath: target.fregPath,
      query: target.query,
      // The answers the gateway minimises are read as JSON and rendered in the type the caller asked for.
      accept: rendered !== undefined ? 'application/json' : accept,
      contentType: request.headers['content-type'],
      ifNoneMatch: header(request.headers['if-none-match']),
      body: Buffer.isBuffer(request.body) ? request.body : undefined,
      repeatable: target.action !== 'uttrekk' || target.kind === 'identifiers',
    });
    const report = new FilterReport();
    const passThrough = (): Outcome => ({ status: answer.status, headers: answer.headers, body: answer.body, report });
    if (answer.status < 200 || answer.status >= 300 || target.method === 'HEAD') {
      if (rendered !== undefined && answer.status >= 200 && answer.status < 300 && type !== undefined) {
        return { ...passThrough(), headers: { ...answer.headers, 'content-type': `${type}; charset=utf-8` } };
      }
      return passThrough();
    }
    switch (target.kind) {
      case 'plain':
        return passThrough();
      case 'identifiers': {
        for (const id of identifiersIn(answer.body.toString('utf8'))) report.persons.add(id);
        if (report.persons.size > 0) report.elements.add('identifikasjonsnummer');
        return passThrough();
      }
      default:
        return minimised(answer, target, rules, report, type as MediaType);
    }
  }

  function refuse(request: FastifyRequest, reply: FastifyReply, error: unknown, errorId: string = randomUUID()) {
    if (!(error instanceof ProxyError)) {
      request.log.error({ err: error, errorId }, 'gateway: unexpected error');
    }
    const status = error instanceof ProxyError ? error.status : 500;
    const message = error instanceof ProxyError ? error.message : 'Intern feil i gatewayen';
    const errorCode = error instanceof ProxyError ? error.errorCode : undefined;
    if (error instanceof ProxyError) reply.headers(error.headers);
    return reply
      .status(status)
      .type('application/json; charset=utf-8')
      .send(fiksErrorBody(status, message, request.url, errorCode, errorId, clock()));
  }
}

/** The answer minimised, as the upstream's bytes when nothing changed, otherwise serialised again. */
function minimised(answer: UpstreamAnswer, target: ProxyTarget, rules: FilterRules, report: FilterReport, type: MediaType): Outcome {
  let body: unknown;
  try {
    body = JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw invalidAnswer(target);
  }
  let ok: boolean;
  switch (target.kind) {
    case 'person':
      ok = typeof body === 'object' && body !== null && !Array.isArray(body);
      if (ok) filterPersonDocument(body as Record<string, unknown>, rules, report, target.params.personidentifikator);
      break;
    case 'personBulk':
      ok = filterPersonBulk(body, rules, report);
      break;
    case 'eventDocument':
      ok = filterEventDocument(body, rules, report);
      break;
    default:
      ok = filterEventDocuments(body, rules, report);
  }
  if (!ok) throw invalidAnswer(target);
  const headers = { ...answer.headers, 'content-type': `${type}; charset=utf-8` };
  if (type === 'application/xml') {
    const xml =
      target.kind === 'person' ? personDocumentXml(body as Folkeregisterperson) : eventDocumentXml(body as DokumentForHendelse);
    return { status: answer.status, headers, body: xml, report };
  }
  return { status: answer.status, headers, body: report.changed ? JSON.stringify(body) : answer.body, report };
}

function invalidAnswer(target: ProxyTarget): ProxyError {
  return new ProxyError(
    502,
    'UGYLDIG_SVAR_FRA_FOLKEREGISTERET',
    `Svaret fra folkeregisteret på ${target.route} hadde ikke forventet form, og ble ikke levert.`,
  );
}

function revealHeader(value: string | string[] | undefined): boolean {
  if (value === undefined) return false;
  if (Array.isArray(value)) throw new ProxyError(400, 'UGYLDIG_PARAMETER', 'Headeren VisHemmeligeAdresser er oppgitt flere ganger.');
  return revealValue(value);
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value.join(', ') : value;
}

const jsonType = () => ({ 'content-type': 'application/json; charset=utf-8' });
