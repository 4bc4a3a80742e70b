/**
 * The person endpoints (reference freg-consumer-api.md §4): `GET personer/{personidentifikator}`,
 * `POST personer/bulkoppslag`, `GET personer/arkiv/{dokumentidentifikator}`, `POST personer/bulkoppslag/arkiv`
 * and `GET personer/xsd`, under every package that offers them. Every document goes through the package's
 * projection (projection.ts) and every lookup is audited. docs/register-persons.md describes the behaviour.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isValidIdNumber } from '@folkeport/identity';
import {
  PERSON_ELEMENTS,
  RIGHTS_PACKAGES,
  packageOffers,
  type Folkeregisterperson,
  type Oppslag,
  type NavnFoedselsdato,
  type RightsPackage,
} from '@folkeport/model';
import { FregError } from './freg-error.js';
import { JsonListBytes } from './json-list-bytes.js';
import { respond } from './negotiate.js';
import {
  currentPersonsByIdentifier,
  namesByIdentifier,
  personVersionsByDokumentidentifikator,
  type ArchivedPerson,
} from './person-reads.js';
import { createProjectionThreads, type ProjectionThreads } from './projection-threads.js';
import { projectPerson, resolveProjection } from './projection.js';
import type { RegisterRoutes } from './register-api.js';
import type { RegisterApiContext } from './register-context.js';
import { coveredDocument, type ProjectedDocument } from './stored-documents.js';
import { needsVergeNames, unnamedVergeNumbers, withVergeNames } from './verge-names.js';
import { personDocumentXml } from './xml.js';

/** Identifiers (or document ids) per bulk request (DOC konsumenttjenester.md; the same limit for arkiv). */
const MAX_BULK_IDS = 1000;

/** Historic person documents are deleted three years after they were replaced (DOC nyheter/2024-10-28). */
const RETENTION_YEARS = 3;

const NOT_FOUND = 'Fant ingen person med denne identifikatoren.';
const CEASED = 'Identifikatoren er opphørt.';
const DOCUMENT_NOT_FOUND = 'Fant ikke persondokumentet.';
const DOCUMENT_DELETED = `Persondokumentet er slettet: historiske persondokumenter slettes ${RETENTION_YEARS} år etter at de ble erstattet.`;

export const registerPersonRoutes: RegisterRoutes = (app, context) => {
  const threads = createProjectionThreads();
  app.addHook('onListen', async () => threads.start());
  app.addHook('onClose', () => threads.close());
  for (const pkg of RIGHTS_PACKAGES) {
    const at = (path: string) => `${pkg.pathPrefix}${path}`;
    if (packageOffers(pkg, 'personoppslag')) {
      app.get<{ Params: { personidentifikator: string } }>(at('/personer/:personidentifikator'), (request, reply) =>
        lookUpPerson(context, pkg, request, reply),
      );
    }
    if (packageOffers(pkg, 'bulkoppslag')) {
      app.post(at('/personer/bulkoppslag'), (request, reply) => lookUpPersons(context, threads, pkg, request, reply));
    }
    if (packageOffers(pkg, 'arkiv')) {
      app.get<{ Params: { dokumentidentifikator: string } }>(at('/personer/arkiv/:dokumentidentifikator'), (request, reply) =>
        lookUpArchived(context, pkg, request, reply),
      );
      app.post(at('/personer/bulkoppslag/arkiv'), (request, reply) =>
        lookUpArchivedBulk(context, threads, pkg, request, reply),
      );
    }
    if (packageOffers(pkg, 'personXsd')) {
      // Folkeport does not ship Skatteetaten's XSDs (docs/register-persons.md). fregErrorBody hides every 5xx
      // message behind FREG-001, so this one body is written here.
      app.get(at('/personer/xsd'), (_request, reply) =>
        reply
          .status(501)
          .type('application/json; charset=utf-8')
          .send({
            kode: 'FREG-501',
            melding:
              'Folkeport leverer ikke XSD-ene for persondokumentet. Bruk OpenAPI-beskrivelsen (freg.yaml) ' +
              'eller XSD-ene i Skatteetatens dokumentasjon.',
          }),
      );
    }
  }
};

async function lookUpPerson(
  context: RegisterApiContext,
  pkg: RightsPackage,
  request: FastifyRequest<{ Params: { personidentifikator: string } }>,
  reply: FastifyReply,
) {
  const parts = partsOf(request);
  resolveProjection(pkg, parts);
  const identifier = request.params.personidentifikator;
  if (!/^\d{11}$/.test(identifier)) {
    throw new FregError(400, 'Ugyldig personidentifikator: et fødsels- eller D-nummer har 11 siffer.');
  }
  if (!isValidIdNumber(identifier)) {
    throw new FregError(400, 'Ugyldig personidentifikator: kontrollsifrene stemmer ikke.');
  }
  const found = (await currentPersonsByIdentifier(context.db.kysely, [identifier])).get(identifier);
  const document = found && coveredDocument(pkg, found.dokument);
  if (!found || !document) {
    await context.audit(request, { action: 'personoppslag', persons: [], elements: [] });
    throw new FregError(404, NOT_FOUND);
  }
  const named = await withVergeNamesFor(context, pkg, parts, new Map([[identifier, document]]));
  const projected = projectPerson(named.get(identifier) ?? document, pkg, parts);
  await context.audit(request, {
    action: 'personoppslag',
    persons: [found.folkeregisteridentifikator],
    elements: projected.elements,
  });
  return sendPerson(request, reply, projected.document);
}

/**
 * Bulk lookup. With `somBestilt=true`: one entry per requested identifier, in request order, duplicates
 * repeated, unknown and ceased identifiers as `feilmelding` entries (OAS `hentPersoner`). Without it: each
 * person found once, in the order first asked for, through historic identifiers too; unknown identifiers are
 * left out (Q15).
 */
async function lookUpPersons(
  context: RegisterApiContext,
  threads: ProjectionThreads,
  pkg: RightsPackage,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const parts = partsOf(request);
  resolveProjection(pkg, parts);
  const somBestilt = booleanParameter(request, 'somBestilt');
  const identifiers = idList(request.body, 'foedselsEllerDNummer', 'et fødsels- eller D-nummer (11 siffer)', (id) =>
    /^\d{11}$/.test(id),
  );
  const { found, projected } = await readAndProject(context, threads, { pkg, parts }, [...new Set(identifiers)], (chunk) =>
    currentPersonsByIdentifier(context.db.kysely, chunk),
  );

  // The answer is `JSON.stringify({ oppslag })`, assembled from the documents as the threads encoded them.
  const oppslag = new JsonListBytes('oppslag');
  const delivered = new Delivered();
  const seen = new Set<number>();
  for (const identifier of identifiers) {
    const person = found.get(identifier);
    const answer = projected.get(identifier);
    if (somBestilt) {
      if (!person || !answer || person.identifikatorstatus === 'opphoert') {
        const feilmelding: Oppslag = { foedselsEllerDNummer: identifier, feilmelding: { feilmelding: answer ? CEASED : NOT_FOUND } };
        oppslag.add(JSON.stringify(feilmelding));
        continue;
      }
    } else if (!person || !answer || seen.has(person.personKey)) {
      continue;
    }
    seen.add(person.personKey);
    delivered.add(person.folkeregisteridentifikator, answer.elements);
    oppslag.add(`{"foedselsEllerDNummer":${JSON.stringify(identifier)},"folkeregisterperson":`, answer.json, '}');
  }
  // The audit entry is written while the answer is joined; nothing is sent before it is committed.
  const audited = context.audit(request, { action: 'bulkoppslag', ...delivered.access() });
  const json = oppslag.finish();
  await audited;
  return respond(request, reply, { 'application/json': () => json });
}

/**
 * Identifiers per query of a bulk lookup. The chunks are queried at once on the pool's connections, so
 * PostgreSQL reads and decompresses the documents on more than one core, and each chunk's documents are
 * projected in worker threads while later chunks are still being read (bench/RESULTS.md, "Register API").
 */
const IDENTIFIERS_PER_QUERY = 250;

/**
 * The stored rows for `keys` (unique), read `IDENTIFIERS_PER_QUERY` at a time, and — where the package covers the
 * person — each row's document projected for the package, as UTF-8 JSON with the elements it holds; both by key.
 */
async function readAndProject<Row extends { dokument: string }>(
  context: RegisterApiContext,
  threads: ProjectionThreads,
  request: { pkg: RightsPackage; parts: readonly string[] },
  keys: readonly string[],
  read: (chunk: readonly string[]) => Promise<ReadonlyMap<string, Row>>,
) {
  const { pkg, parts } = request;
  const found = new Map<string, Row>();
  const projected = new Map<string, ProjectedDocument>();
  const naming = needsVergeNames(pkg, parts);
  const chunks = Array.from({ length: Math.ceil(keys.length / IDENTIFIERS_PER_QUERY) }, (_, index) =>
    keys.slice(index * IDENTIFIERS_PER_QUERY, (index + 1) * IDENTIFIERS_PER_QUERY),
  );
  await Promise.all(
    chunks.map(async (chunk) => {
      const rows = [...(await read(chunk))];
      for (const [key, row] of rows) found.set(key, row);
      const documents = rows.map(([, row]) => row.dokument);
      const vergeNames = naming ? [...(await vergeNamesIn(context, documents))] : [];
      const results = await threads.project({ packageId: pkg.id, parts, documents, vergeNames });
      rows.forEach(([key], index) => {
        const result = results[index];
        if (result) projected.set(key, result);
      });
    }),
  );
  return { found, projected };
}

/**
 * The names of the verges given by number only in these stored documents. Few documents hold a vergemål, so
 * only those that mention one are parsed.
 */
async function vergeNamesIn(context: RegisterApiContext, documents: readonly string[]) {
  const numbers = documents
    .filter((text) => text.includes('"vergemaalEllerFremtidsfullmakt"'))
    .flatMap((text) => unnamedVergeNumbers(JSON.parse(text) as Folkeregisterperson));
  return numbers.length === 0 ? new Map<string, NavnFoedselsdato>() : namesByIdentifier(context.db.kysely, numbers);
}

async function lookUpArchived(
  context: RegisterApiContext,
  pkg: RightsPackage,
  request: FastifyRequest<{ Params: { dokumentidentifikator: string } }>,
  reply: FastifyReply,
) {
  const parts = partsOf(request);
  resolveProjection(pkg, parts);
  const id = normaliseDokumentidentifikator(request.params.dokumentidentifikator);
  if (id === undefined) {
    throw new FregError(400, 'Ugyldig dokumentidentifikator: den består av 32 heksadesimale tegn.');
  }
  const found = archived(pkg, (await personVersionsByDokumentidentifikator(context.db.kysely, [id])).get(id), context.clock());
  if (!found.ok) {
    await context.audit(request, { action: 'arkiv', persons: [], elements: [] });
    throw new FregError(found.status, found.melding);
  }
  const named = await withVergeNamesFor(context, pkg, parts, new Map([[id, found.document]]));
  const projected = projectPerson(named.get(id) ?? found.document, pkg, parts);
  await context.audit(request, {
    action: 'arkiv',
    persons: [found.version.folkeregisteridentifikator],
    elements: projected.elements,
  });
  return sendPerson(request, reply, projected.document);
}

/**
 * Bulk lookup of archived versions. OAS declares a single Folkeregisterperson as the answer, most likely an
 * artefact (Q3); Folkeport answers like the person bulk lookup, keyed by dokumentidentifikator: one entry per
 * requested id in request order, unknown or deleted documents as `feilmelding` entries.
 */
async function lookUpArchivedBulk(
  context: RegisterApiContext,
  threads: ProjectionThreads,
  pkg: RightsPackage,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  const parts = partsOf(request);
  resolveProjection(pkg, parts);
  const requested = idList(request.body, 'dokumentidentifikator', 'en dokumentidentifikator (32 heksadesimale tegn)', (id) =>
    normaliseDokumentidentifikator(id) !== undefined,
  );
  const ids = requested.map((id) => normaliseDokumentidentifikator(id) as string);
  const { found, projected } = await readAndProject(context, threads, { pkg, parts }, [...new Set(ids)], (chunk) =>
    personVersionsByDokumentidentifikator(context.db.kysely, chunk),
  );
  const now = context.clock();
  const delivered = new Delivered();
  // The answer is `JSON.stringify({ oppslag })` (ArkivDokumentBulkoppslagResponse), assembled from projected documents.
  const oppslag = new JsonListBytes('oppslag');
  ids.forEach((id, index) => {
    const dokumentidentifikator = JSON.stringify(requested[index]);
    const version = found.get(id);
    const answer = projected.get(id);
    const refused = (melding: string) =>
      oppslag.add(`{"dokumentidentifikator":${dokumentidentifikator},"feilmelding":{"feilmelding":${JSON.stringify(melding)}}}`);
    if (!version || !answer) return refused(DOCUMENT_NOT_FOUND);
    if (deleted(version, now)) return refused(DOCUMENT_DELETED);
    delivered.add(version.folkeregisteridentifikator, answer.elements);
    oppslag.add(`{"dokumentidentifikator":${dokumentidentifikator},"folkeregisterperson":`, answer.json, '}');
  });
  const audited = context.audit(request, { action: 'arkiv', ...delivered.access() });
  const json = oppslag.finish();
  await audited;
  return respond(request, reply, { 'application/json': () => json });
}

function sendPerson(request: FastifyRequest, reply: FastifyReply, document: Folkeregisterperson) {
  return respond(request, reply, {
    'application/json': () => JSON.stringify(document),
    'application/xml': () => personDocumentXml(document),
  });
}

type Archived =
  | { ok: true; version: ArchivedPerson; document: Folkeregisterperson }
  | { ok: false; status: 400 | 404; melding: string };

/**
 * The version, unless it is unknown or of a person the package does not cover (404), or was replaced longer
 * ago than the retention period (400).
 */
function archived(pkg: RightsPackage, version: ArchivedPerson | undefined, now: number): Archived {
  const document = version && coveredDocument(pkg, version.dokument);
  if (!version || !document) return { ok: false, status: 404, melding: DOCUMENT_NOT_FOUND };
  if (deleted(version, now)) return { ok: false, status: 400, melding: DOCUMENT_DELETED };
  return { ok: true, version, document };
}

/** Whether the version was replaced longer ago than the retention period, and so is deleted. */
function deleted(version: ArchivedPerson, now: number): boolean {
  if (version.erstattet === undefined) return false;
  const deletedAt = new Date(version.erstattet);
  deletedAt.setUTCFullYear(deletedAt.getUTCFullYear() + RETENTION_YEARS);
  return deletedAt.getTime() <= now;
}

/** 32 hex characters, also written as a UUID (Q7), as the lower-case 32 hex the register stores. */
function normaliseDokumentidentifikator(value: string): string | undefined {
  const hex = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(value)
    ? value.replaceAll('-', '')
    : value;
  return /^[0-9a-fA-F]{32}$/.test(hex) ? hex.toLowerCase() : undefined;
}

/** The repeatable `part` query parameter (`?part=a&part=b`). */
function partsOf(request: FastifyRequest): string[] {
  const value = (request.query as Record<string, string | string[] | undefined>).part;
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function booleanParameter(request: FastifyRequest, name: string): boolean {
  const value = (request.query as Record<string, string | string[] | undefined>)[name];
  if (value === undefined || value === 'false') return false;
  if (value === 'true') return true;
  throw new FregError(400, `Ugyldig verdi for ${name}: må være true eller false.`);
}

/** The one list a bulk body holds: `{"<field>": ["…", …]}`, at most {@link MAX_BULK_IDS} valid ids. */
function idList(body: unknown, field: string, what: string, valid: (id: string) => boolean): string[] {
  const shape = `Forespørselen må være et JSON-objekt med bare feltet ${field}, en liste av tekster.`;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new FregError(400, shape);
  const keys = Object.keys(body);
  const list = (body as Record<string, unknown>)[field];
  if (keys.length !== 1 || !Array.isArray(list)) throw new FregError(400, shape);
  if (list.length > MAX_BULK_IDS) {
    throw new FregError(400, `Høyst ${MAX_BULK_IDS} oppslag per forespørsel (fikk ${list.length}).`);
  }
  list.forEach((id: unknown, index) => {
    if (typeof id !== 'string' || !valid(id)) throw new FregError(400, `${field} nr. ${index + 1} er ikke ${what}.`);
  });
  return list as string[];
}

/** The documents with names for their verges where the package needs them (verge-names.ts). */
async function withVergeNamesFor<K>(
  context: RegisterApiContext,
  pkg: RightsPackage,
  parts: readonly string[],
  documents: ReadonlyMap<K, Folkeregisterperson>,
): Promise<ReadonlyMap<K, Folkeregisterperson>> {
  if (!needsVergeNames(pkg, parts)) return documents;
  const numbers = [...documents.values()].flatMap(unnamedVergeNumbers);
  if (numbers.length === 0) return documents;
  const names = await namesByIdentifier(context.db.kysely, numbers);
  return new Map([...documents].map(([key, document]) => [key, withVergeNames(document, names)]));
}

/** The persons and elements a response delivered, for the audit log. */
class Delivered {
  private readonly identifiers = new Set<string>();
  private readonly names = new Set<string>();

  add(identifier: string, elements: readonly string[]) {
    this.identifiers.add(identifier);
    for (const element of elements) this.names.add(element);
  }

  access(): { persons: string[]; elements: string[] } {
    return { persons: [...this.identifiers], elements: PERSON_ELEMENTS.filter((element) => this.names.has(element)) };
  }
}
