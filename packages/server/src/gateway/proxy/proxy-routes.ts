/**
 * The proxy: `GET|HEAD|POST /folkeregister/api/v1/{rolleId}/v1/{FREG resource}` (docs/gateway-proxy.md).
 * Per request: parse and whitelist the path (proxy-path.ts), authenticate as Fiks does (gateway-auth.ts; one store
 * read), let the role decide (role-policy.ts), call the FREG API under the role's package for the role's
 * municipality (upstream.ts), minimise the answer again (response-filter.ts; address searches screened by
 * search-screen.ts), audit (gateway-audit.ts), answer.
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
import { XML_DECLARATION, escapeXml } from '../../register/api/xml-writer.js';
import type { DokumentForHendelse, Folkeregisterperson, RightsPackage } from '@folkeport/model';
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
import { addressSearch, gradedAmong } from './search-screen.js';
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

/** The media types the gateway renders itself for the answers it minimises (JSON from upstream); also soek's, when screened. */
const SOEK_TYPES: readonly MediaType[] = ['application/json', 'application/xml'];

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
    let revealRequested = false;
    try {
      revealRequested = target.reveal || revealHeader(request.headers[REVEAL_HEADER]);
      const { policy, reveal } = authorise(caller.role, target, revealRequested);
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
          revealRequested,
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
            revealRequested,
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
    pkg: RightsPackage,
    rules: FilterRules,
  ): Promise<Outcome> {
    const search = rules.hideGraded && (target.action === 'soek' || target.action === 'entydigsoek') ? addressSearch(target.query) : undefined;
    const screen = search?.addresses === true;
    const rendered = screen && target.action === 'soek' ? SOEK_TYPES : RENDERED[target.kind];
    const accept = request.headers.accept;
    let type: MediaType | undefined;
    if (rendered !== undefined) {
      type = preferredMediaType(accept, rendered);
      if (type === undefined) {
        // What FREG answers for an Accept the resource does not offer, without asking it.
        const message = `Ikke støttet Accept: ${accept}. Støttet: ${rendered.join(', ')}`;
        return fregAnswer(406, message);
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
      ...(target.method === 'POST' && {
        contentType: request.headers['content-type'],
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
      }),
      ifNoneMatch: header(request.headers['if-none-match']),
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
    const graded = (ids: readonly string[]) =>
      gradedAmong(ids, search?.historic === true, (chunk, parts) => screeningLookup(pkg, caller.organisation.orgnr, chunk, parts));
    switch (target.kind) {
      case 'plain':
        return passThrough();
      case 'identifiers': {
        if (screen) return screenedHits(answer, target, report, type as MediaType, graded);
        for (const id of identifiersIn(answer.body.toString('utf8'))) report.persons.add(id);
        if (report.persons.size > 0) report.elements.add('identifikasjonsnummer');
        return passThrough();
      }
      default:
        if (screen) {
          const found = currentIdentifier(parse(answer, target));
          if (found !== undefined && (await graded([found])).has(found)) {
            return fregAnswer(404, 'Fant ingen person som oppfyller søkekriteriene.');
          }
        }
        return minimised(answer, target, rules, report, type as MediaType);
    }
  }

  /** The gateway's own lookup for screening search hits; its answer is never delivered. */
  async function screeningLookup(pkg: RightsPackage, consumerOrg: string, ids: readonly string[], parts: readonly string[]) {
    const answer = await options.upstream.call({
      method: 'POST',
      pkg,
      consumerOrg,
      fregPath: '/personer/bulkoppslag',
      query: parts.map((part) => `part=${part}`).join('&'),
      accept: 'application/json',
      contentType: 'application/json',
      body: Buffer.from(JSON.stringify({ foedselsEllerDNummer: ids })),
      repeatable: true,
    });
    if (answer.status !== 200) {
      throw new ProxyError(
        502,
        'FOLKEREGISTERET_UTILGJENGELIG',
        `Søketreffene kunne ikke kontrolleres mot graderte adresser (folkeregisteret svarte ${answer.status}).`,
      );
    }
    return JSON.parse(answer.body.toString('utf8')) as unknown;
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

/** The upstream's JSON answer, or 502 when it is not JSON. */
function parse(answer: UpstreamAnswer, target: ProxyTarget): unknown {
  try {
    return JSON.parse(answer.body.toString('utf8'));
  } catch {
    throw invalidAnswer(target);
  }
}

/** The answer minimised, as the upstream's bytes when nothing changed, otherwise serialised again. */
function minimised(answer: UpstreamAnswer, target: ProxyTarget, rules: FilterRules, report: FilterReport, type: MediaType): Outcome {
  const body = parse(answer, target);
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

/** A search hit list without the persons the screening found graded (search-screen.ts), as JSON or XML. */
async function screenedHits(
  answer: UpstreamAnswer,
  target: ProxyTarget,
  report: FilterReport,
  type: MediaType,
  graded: (ids: readonly string[]) => Promise<Set<string>>,
): Promise<Outcome> {
  const body = parse(answer, target) as { foedselsEllerDNummer?: unknown };
  const hits = body?.foedselsEllerDNummer;
  if (!Array.isArray(hits) || !hits.every((hit) => typeof hit === 'string')) throw invalidAnswer(target);
  const removed = await graded(hits);
  const kept = hits.filter((hit) => !removed.has(hit));
  for (const id of kept) report.persons.add(id);
  if (kept.length > 0) report.elements.add('identifikasjonsnummer');
  report.gradedRemoved += removed.size;
  const headers = { ...answer.headers, 'content-type': `${type}; charset=utf-8` };
  if (type === 'application/xml') {
    const items = kept.map((id) => `<foedselsEllerDNummer>${escapeXml(id)}</foedselsEllerDNummer>`).join('');
    return { status: answer.status, headers, body: `${XML_DECLARATION}<personsoekResponse>${items}</personsoekResponse>`, report };
  }
  return { status: answer.status, headers, body: removed.size === 0 ? answer.body : JSON.stringify({ foedselsEllerDNummer: kept }), report };
}

/** The current identifier of a person document, when it has one. */
function currentIdentifier(document: unknown): string | undefined {
  const numbers = (document as { identifikasjonsnummer?: { erGjeldende?: boolean; foedselsEllerDNummer?: string }[] } | null)?.identifikasjonsnummer;
  return Array.isArray(numbers) ? numbers.find((entry) => entry.erGjeldende !== false)?.foedselsEllerDNummer : undefined;
}

/** An answer in FREG's error format, as the upstream would give it. */
function fregAnswer(status: number, message: string): Outcome {
  return { status, headers: jsonType(), body: JSON.stringify(fregErrorBody(status, message)), report: new FilterReport() };
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
