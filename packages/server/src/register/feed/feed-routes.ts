/**
 * The event endpoints (reference freg-consumer-api.md §6): `GET hendelser/feed`, `GET hendelser/siste/
 * sekvensnummer`, `GET hendelser/xsd` and `hendelser/feedxsd` under every package with the hendelsesliste, and
 * `GET hendelser/{hendelsesidentifikator}` and `POST hendelser/bulkoppslag` under the packages with event
 * documents. Feed pages and event documents are audited. docs/register-feeds.md describes the behaviour.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  PERSON_ELEMENTS,
  RIGHTS_PACKAGES,
  packageOffers,
  type DokumentForHendelse,
  type HendelseMedDokumentIdentifikatorer,
  type LagretHendelseMedDokumentIdentifikatorer,
  type RightsPackage,
} from '@folkeport/model';
import { FregError } from '../api/freg-error.js';
import { preferredMediaType, respond, type MediaType } from '../api/negotiate.js';
import type { RegisterRoutes } from '../api/register-api.js';
import type { RegisterAccess, RegisterApiContext } from '../api/register-context.js';
import { eventDocumentXml } from '../api/xml.js';
import { XML_DECLARATION } from '../api/xml-writer.js';
import { atomFeed } from './atom.js';
import { eventDocument, normaliseHendelsesidentifikator } from './event-document.js';
import { openFeedStore, type FeedItem, type FeedStore } from './feed-store.js';

/** Event documents per bulk request, as for person bulk lookups. */
export const MAX_BULK_EVENTS = 1000;

const INT64_MAX = 9_223_372_036_854_775_807n;
const FEED_TYPES: readonly MediaType[] = ['application/json', 'application/atom+xml', 'application/xml'];
const EVENT_DOCUMENT_TYPES: readonly MediaType[] = ['application/json', 'application/xml'];
const UNKNOWN_EVENT = 'Ukjent hendelsesidentifikator.';

export const registerFeedRoutes: RegisterRoutes = (app, context) => {
  let store: FeedStore | undefined;
  app.addHook('onReady', async () => {
    store = await openFeedStore(context.db);
  });
  const feed = () => {
    if (!store) throw new Error('the feed store is not open');
    return store;
  };

  for (const pkg of RIGHTS_PACKAGES) {
    const at = (path: string) => `${pkg.pathPrefix}${path}`;
    if (packageOffers(pkg, 'hendelsesliste')) {
      // FREG's own curl examples write `hendelser/feed/?seq=1`.
      for (const path of ['/hendelser/feed', '/hendelser/feed/']) {
        app.get(at(path), (request, reply) => readFeed(context, feed(), pkg, request, reply));
      }
      app.get(at('/hendelser/siste/sekvensnummer'), async (request, reply) => {
        const last = await feed().lastSequence(pkg.id);
        return respond(request, reply, {
          'application/json': () => String(last),
          'application/xml': () => `${XML_DECLARATION}<Sekvensnummer><sekvensnummer>${last}</sekvensnummer></Sekvensnummer>`,
          'text/plain': () => String(last),
        });
      });
      app.get(at('/hendelser/xsd'), (_request, reply) => xsdNotShipped(reply, 'hendelsesdokumentet'));
      app.get(at('/hendelser/feedxsd'), (_request, reply) => xsdNotShipped(reply, 'hendelseslisten'));
    }
    if (packageOffers(pkg, 'hendelsesdokument')) {
      app.get<{ Params: { hendelsesidentifikator: string } }>(at('/hendelser/:hendelsesidentifikator'), (request, reply) =>
        readEventDocument(context, feed(), pkg, request, reply),
      );
      app.post(at('/hendelser/bulkoppslag'), (request, reply) => readEventDocuments(context, feed(), pkg, request, reply));
    }
  }
};

/** Folkeport does not ship Skatteetaten's XSDs; fregErrorBody hides every 5xx message, so the body is written here. */
function xsdNotShipped(reply: FastifyReply, what: string) {
  return reply
    .status(501)
    .type('application/json; charset=utf-8')
    .send({
      kode: 'FREG-501',
      melding: `Folkeport leverer ikke XSD-en for ${what}. Bruk OpenAPI-beskrivelsen (freg.yaml) eller XSD-ene i Skatteetatens dokumentasjon.`,
    });
}

/** The media type the request accepts among `offered`, or 406 before anything is read or audited. */
function acceptedType(request: FastifyRequest, offered: readonly MediaType[]): MediaType {
  const type = preferredMediaType(request.headers.accept, offered);
  if (!type) throw new FregError(406, `Ikke støttet Accept: ${request.headers.accept}. Støttet: ${offered.join(', ')}`);
  return type;
}

/** Audits a delivery; a HEAD request delivers nothing. */
async function audit(context: RegisterApiContext, request: FastifyRequest, access: RegisterAccess) {
  if (request.method !== 'HEAD') await context.audit(request, access);
}

/** `seq`: required, a whole number 0 … 2^63 − 1 (OAS int64), given once. */
function sequenceParameter(request: FastifyRequest): bigint {
  const value = (request.query as Record<string, unknown>).seq;
  if (value === undefined) throw new FregError(400, 'Parameteren seq mangler: sekvensnummeret det skal leses fra (inklusivt).');
  if (typeof value !== 'string' || !/^\d{1,19}$/.test(value) || BigInt(value) > INT64_MAX) {
    throw new FregError(400, 'Ugyldig seq: må være ett heltall fra 0 til 9223372036854775807.');
  }
  return BigInt(value);
}

/** A feed item as the package sees it: no fnr where it never gets one, document ids only where it can fetch them. */
function lagretHendelse(pkg: RightsPackage, item: FeedItem): LagretHendelseMedDokumentIdentifikatorer {
  // Assigned field by field, in the example's order: a page maps 1 000 of these per request.
  const hendelse: HendelseMedDokumentIdentifikatorer = {};
  if (pkg.identifikasjonsnummer !== 'aldri') hendelse.folkeregisteridentifikator = item.folkeregisteridentifikator;
  hendelse.hendelsetype = item.hendelsetype;
  if (pkg.feedDocumentIds) {
    // personErOppdatert has no event document; personErOpphoertSomDublett no person document (§6.5).
    if (item.registerHendelsetype !== 'personErOppdatert') hendelse.hendelsesdokument = item.hendelsesidentifikator;
    if (item.registerHendelsetype !== 'personErOpphoertSomDublett') hendelse.persondokument = item.dokumentidentifikator;
  }
  hendelse.ajourholdstidspunkt = item.ajourholdstidspunkt;
  return { sekvensnummer: item.sekvensnummer, hendelse };
}

/** Whether `If-None-Match` names this ETag (weak comparison, as for GET). */
function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  if (ifNoneMatch === undefined) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || opaque(tag) === opaque(etag));
}

async function readFeed(
  context: RegisterApiContext,
  feed: FeedStore,
  pkg: RightsPackage,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const seq = sequenceParameter(request);
  const type = acceptedType(request, FEED_TYPES);
  const page = await feed.page(pkg.id, seq);
  const items = page.map((item) => lagretHendelse(pkg, item));
  const json = JSON.stringify(items);
  // The same items give the same tag; Atom and JSON differ. Weak: an empty Atom page's <updated> is the request time.
  const hash = createHash('sha1').update(json).digest('base64url');
  const etag = `W/"${hash}${type === 'application/json' ? '' : '-atom'}"`;
  reply.header('etag', etag).header('vary', 'Accept');
  if (notModified(request.headers['if-none-match'], etag)) return reply.status(304).send();

  // The persons the page is about, also where it does not show who they are (for the citizen's insight).
  await audit(context, request, {
    action: 'hendelsesliste',
    persons: [...new Set(page.map((item) => item.folkeregisteridentifikator))],
    elements: pkg.identifikasjonsnummer !== 'aldri' && page.length > 0 ? ['identifikasjonsnummer'] : [],
    detail: `seq=${seq}`,
  });
  if (type === 'application/json') return reply.type('application/json; charset=utf-8').send(json);
  const body = atomFeed({
    feedUrl: `${request.protocol}://${request.host}${pkg.pathPrefix}/hendelser/feed`,
    seq,
    items,
    updated: items.at(-1)?.hendelse.ajourholdstidspunkt ?? new Date(context.clock()).toISOString(),
  });
  return reply.type(`${type}; charset=utf-8`).send(body);
}

async function readEventDocument(
  context: RegisterApiContext,
  feed: FeedStore,
  pkg: RightsPackage,
  request: FastifyRequest<{ Params: { hendelsesidentifikator: string } }>,
  reply: FastifyReply,
) {
  const id = normaliseHendelsesidentifikator(request.params.hendelsesidentifikator);
  if (id === undefined) {
    throw new FregError(400, 'Ugyldig hendelsesidentifikator: den består av 32 heksadesimale tegn (eller er en UUID).');
  }
  acceptedType(request, EVENT_DOCUMENT_TYPES);
  const [event] = await feed.events(pkg.id, [id]);
  const built = event && eventDocument(event, pkg);
  if (!built) {
    await audit(context, request, { action: 'hendelsesdokument', persons: [], elements: [] });
    throw new FregError(404, UNKNOWN_EVENT);
  }
  await audit(context, request, {
    action: 'hendelsesdokument',
    persons: [built.document.hendelse.folkeregisteridentifikator],
    elements: built.elements,
  });
  return respond(request, reply, {
    'application/json': () => JSON.stringify(built.document),
    'application/xml': () => eventDocumentXml(built.document),
  });
}

/** `{"dokumentidentifikator": [...]}`: at most {@link MAX_BULK_EVENTS} ids, each 32 hex or a UUID. */
function requestedIds(body: unknown): string[] {
  const shape = 'Forespørselen må være et JSON-objekt med bare feltet dokumentidentifikator, en liste av tekster.';
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FregError(400, shape);
  const list = (body as Record<string, unknown>).dokumentidentifikator;
  if (Object.keys(body).length !== 1 || !Array.isArray(list)) throw new FregError(400, shape);
  if (list.length > MAX_BULK_EVENTS) {
    throw new FregError(400, `Høyst ${MAX_BULK_EVENTS} hendelser per forespørsel (fikk ${list.length}).`);
  }
  return list.map((value: unknown, index) => {
    const id = typeof value === 'string' ? normaliseHendelsesidentifikator(value) : undefined;
    if (id === undefined) {
      throw new FregError(400, `dokumentidentifikator nr. ${index + 1} er ikke en hendelsesidentifikator (32 heksadesimale tegn).`);
    }
    return id;
  });
}

/**
 * Bulk lookup: an array of event documents (OAS declares a single object, most likely an artefact; Q3), each
 * requested event once, in request order; ids not in the package's feed are left out.
 */
async function readEventDocuments(
  context: RegisterApiContext,
  feed: FeedStore,
  pkg: RightsPackage,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const ids = [...new Set(requestedIds(request.body))];
  acceptedType(request, ['application/json']);
  const events = new Map((await feed.events(pkg.id, ids)).map((event) => [event.hendelsesidentifikator, event]));
  const documents: DokumentForHendelse[] = [];
  const persons = new Set<string>();
  const elements = new Set<string>();
  for (const id of ids) {
    const event = events.get(id);
    const built = event && eventDocument(event, pkg);
    if (!built) continue;
    documents.push(built.document);
    persons.add(built.document.hendelse.folkeregisteridentifikator);
    for (const element of built.elements) elements.add(element);
  }
  await audit(context, request, {
    action: 'hendelsesdokument',
    persons: [...persons],
    elements: PERSON_ELEMENTS.filter((element) => elements.has(element)),
  });
  return respond(request, reply, { 'application/json': () => JSON.stringify(documents) });
}
