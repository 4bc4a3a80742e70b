/**
 * `GET personer/soek` and `GET personer/entydigsoek` (reference freg-consumer-api.md §5) under every package
 * that offers them. Both bring the search index up to date with the register first, so a search sees every
 * change committed before it. Every search that runs is audited with the criteria names, never their values.
 * docs/register-search.md describes the behaviour.
 */
import type { FastifyRequest } from 'fastify';
import { RIGHTS_PACKAGES, SERVICE_ROUTES, packageOffers, type RightsPackage } from '@folkeport/model';
import { FregError } from '../api/freg-error.js';
import { preferredMediaType, respond, type MediaType } from '../api/negotiate.js';
import { projectPerson } from '../api/projection.js';
import type { RegisterRoutes } from '../api/register-api.js';
import type { RegisterApiContext } from '../api/register-context.js';
import { personDocumentXml } from '../api/xml.js';
import { escapeXml, XML_DECLARATION } from '../api/xml-writer.js';
import { openSearchIndex, type SearchIndex } from './search-index.js';
import { parseEntydigsoek, parseSoek } from './search-parameters.js';

type RawQuery = Record<string, string | string[] | undefined>;

const OFFERED: readonly MediaType[] = ['application/json', 'application/xml'];

export const registerSearchRoutes: RegisterRoutes = (app, context) => {
  let opened: Promise<SearchIndex> | undefined;
  const currentIndex = async () => {
    opened ??= openSearchIndex(context.db).catch((error: unknown) => {
      opened = undefined;
      throw error;
    });
    const index = await opened;
    await index.catchUp();
    return index;
  };
  for (const pkg of RIGHTS_PACKAGES) {
    if (packageOffers(pkg, 'soek')) {
      for (const route of SERVICE_ROUTES.soek) {
        app.get(`${pkg.pathPrefix}${route.path}`, async (request, reply) => {
          requireAcceptable(request);
          const hits = await soek(context, pkg, request, await currentIndex());
          return respond(request, reply, {
            'application/json': () => JSON.stringify({ foedselsEllerDNummer: hits }),
            'application/xml': () => soekXml(hits),
          });
        });
      }
    }
    if (packageOffers(pkg, 'entydigsoek')) {
      for (const route of SERVICE_ROUTES.entydigsoek) {
        app.get(`${pkg.pathPrefix}${route.path}`, async (request, reply) => {
          requireAcceptable(request);
          const document = await entydigsoek(context, pkg, request, await currentIndex());
          return respond(request, reply, {
            'application/json': () => JSON.stringify(document),
            'application/xml': () => personDocumentXml(document),
          });
        });
      }
    }
  }
};

/** Refuses an unacceptable Accept before anything is searched (and audited); `respond` would only after. */
function requireAcceptable(request: FastifyRequest): void {
  if (!preferredMediaType(request.headers.accept, OFFERED)) {
    throw new FregError(406, `Ikke støttet Accept: ${request.headers.accept}. Støttet: ${OFFERED.join(', ')}`);
  }
}

async function soek(context: RegisterApiContext, pkg: RightsPackage, request: FastifyRequest, index: SearchIndex) {
  const { criteria, maksTreff, used } = parseSoek(request.query as RawQuery, pkg);
  const hits = await index.find(criteria, maksTreff + 1);
  const detail = `kriterier: ${used.join(', ')}`;
  if (hits.length > maksTreff) {
    await context.audit(request, { action: 'soek', persons: [], elements: [], detail: `${detail}; flere enn ${maksTreff} treff` });
    throw new FregError(400, `Søket gir flere enn ${maksTreff} treff. Avgrens søket med flere eller snevrere kriterier.`);
  }
  const identifiers = hits.map((hit) => hit.folkeregisteridentifikator).sort();
  await context.audit(request, {
    action: 'soek',
    persons: identifiers,
    elements: identifiers.length > 0 ? ['identifikasjonsnummer'] : [],
    detail,
  });
  return identifiers;
}

async function entydigsoek(context: RegisterApiContext, pkg: RightsPackage, request: FastifyRequest, index: SearchIndex) {
  const { criteria, parts, used } = parseEntydigsoek(request.query as RawQuery, pkg);
  const hits = await index.find(criteria, 2);
  const detail = `kriterier: ${used.join(', ')}`;
  const found = hits.length === 1 ? hits[0] : undefined;
  const version = found && (await context.register.currentByIdentifier(found.folkeregisteridentifikator));
  if (!found || !version) {
    const outcome = hits.length > 1 ? 'flere enn ett treff' : 'ingen treff';
    await context.audit(request, { action: 'entydigsoek', persons: [], elements: [], detail: `${detail}; ${outcome}` });
    throw new FregError(
      404,
      hits.length > 1
        ? 'Søkekriteriene treffer flere enn én person. Oppgi flere kriterier.'
        : 'Fant ingen person som oppfyller søkekriteriene.',
    );
  }
  const projected = projectPerson(version.document, pkg, parts);
  await context.audit(request, {
    action: 'entydigsoek',
    persons: [found.folkeregisteridentifikator],
    elements: projected.elements,
    detail,
  });
  return projected.document;
}

/**
 * The hit list as XML. FREG offers `application/xml` here (OAS; DOC nyheter/2020-08-08) without publishing its
 * shape: Folkeport writes the JAXB default for the response class, root `personsoekResponse` without a namespace.
 */
function soekXml(identifiers: readonly string[]): string {
  const items = identifiers.map((id) => `<foedselsEllerDNummer>${escapeXml(id)}</foedselsEllerDNummer>`).join('');
  return `${XML_DECLARATION}<personsoekResponse>${items}</personsoekResponse>`;
}
