/**
 * The uttrekk (extract) endpoints (consumer API §7), under every package that offers them:
 * - `GET uttrekk/komplett?feedsekvensnr=N` (uttrekkKomplett) and `POST uttrekk/tilpasset` (uttrekkTilpasset)
 *   queue a job and answer `{"jobbId": …}` at once; an organisation may have 10 unfinished jobs (429 beyond);
 * - `GET uttrekk/{jobbId}/batch/{batchnr}` answers a finished job's batches from 0, then `{}` for the batch
 *   right after the last (the documented end marker, Q8); 404 while the job is not finished; 410 for an
 *   unknown job, another organisation's or package's job, a failed job, or a batch beyond the end marker.
 * The jobs run in the job runner (uttrekk-runner.ts), which the server starts beside the API.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RIGHTS_PACKAGES, packageOffers } from '@folkeport/model';
import { FregError } from '../api/freg-error.js';
import { preferredMediaType, respond } from '../api/negotiate.js';
import type { RegisterRoutes } from '../api/register-api.js';
import type { RegisterApiContext } from '../api/register-context.js';
import { openFeedSchema } from '../feed/feed-schema.js';
import { komplettPosition } from './komplett-position.js';
import { criteriaNames, parseFeedsekvensnr, parseTilpassetRequest } from './uttrekk-criteria.js';
import { jobOrdered } from './uttrekk-runner.js';
import type { UttrekkOrder } from './uttrekk-selection.js';
import { openUttrekkStore, type UttrekkStore } from './uttrekk-store.js';

/** Unfinished (queued or running) jobs one consumer organisation may have (consumer API §3.5). */
export const MAX_UNFINISHED_JOBS_PER_ORGANISATION = 10;
/** How long the 429 for too many jobs asks the client to wait, in milliseconds (FREG's unit). */
export const TOO_MANY_JOBS_RETRY_AFTER_MS = 10_000;

const JOBB_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNKNOWN_JOB = 'Uttrekksjobben finnes ikke';

export const registerUttrekkRoutes: RegisterRoutes = (app, context) => {
  let opened: UttrekkStore | undefined;
  app.addHook('onReady', async () => {
    opened = await openUttrekkStore(context.db);
    await openFeedSchema(context.db); // komplett reads the package feeds' positions
  });
  const store = () => {
    if (!opened) throw new Error('the uttrekk store is not open (the app is not ready)');
    return opened;
  };

  const order = async (request: FastifyRequest, reply: FastifyReply, job: UttrekkOrder, names: readonly string[]) => {
    const id = randomUUID();
    const queued = await store().order(
      { id, package: request.pkg.id, consumerOrg: request.caller.consumerOrg, order: job },
      MAX_UNFINISHED_JOBS_PER_ORGANISATION,
    );
    if (!queued) {
      throw new FregError(
        429,
        `Organisasjonen har allerede ${MAX_UNFINISHED_JOBS_PER_ORGANISATION} uttrekksjobber som ikke er ferdige. ` +
          'Vent minst antall millisekunder oppgitt i Retry-After.',
        { 'retry-after': String(TOO_MANY_JOBS_RETRY_AFTER_MS) },
      );
    }
    await context.audit(request, {
      action: 'uttrekk',
      persons: [],
      elements: [],
      detail: `bestilt jobb ${id} (${job.kind}): ${names.join(', ')}`,
    });
    jobOrdered(context.db);
    return respond(request, reply, { 'application/json': () => JSON.stringify({ jobbId: id }) });
  };

  for (const pkg of RIGHTS_PACKAGES) {
    const komplett = packageOffers(pkg, 'uttrekkKomplett');
    const tilpasset = packageOffers(pkg, 'uttrekkTilpasset');
    if (komplett) {
      // Ordering is not safe to repeat, so HEAD does not order a job.
      app.get(`${pkg.pathPrefix}/uttrekk/komplett`, { exposeHeadRoute: false }, async (request, reply) => {
        acceptJson(request);
        const requested = parseFeedsekvensnr((request.query as Record<string, unknown>).feedsekvensnr);
        const position = await komplettPosition(context.db, request.pkg.id, requested);
        return order(request, reply, { kind: 'komplett', criteria: position }, ['feedsekvensnr']);
      });
    }
    if (tilpasset) {
      app.post(`${pkg.pathPrefix}/uttrekk/tilpasset`, async (request, reply) => {
        acceptJson(request);
        const criteria = parseTilpassetRequest(request.body);
        return order(request, reply, { kind: 'tilpasset', criteria }, criteriaNames(criteria));
      });
    }
    if (komplett || tilpasset) {
      app.get(`${pkg.pathPrefix}/uttrekk/:jobbid/batch/:batchnr`, async (request, reply) =>
        batch(request, reply, store(), context),
      );
    }
  }
};

async function batch(request: FastifyRequest, reply: FastifyReply, store: UttrekkStore, context: RegisterApiContext) {
  const { jobbid, batchnr } = request.params as { jobbid: string; batchnr: string };
  if (!JOBB_ID.test(jobbid)) throw new FregError(400, 'jobbId må være en UUID, slik den ble returnert ved bestilling');
  if (!/^[0-9]+$/.test(batchnr)) throw new FregError(400, 'batchnr må være et heltall større enn eller lik 0');
  acceptJson(request);
  const nr = Number(batchnr);

  const job = await store.job(jobbid.toLowerCase());
  // Another organisation's (or another package's) job is answered as if it did not exist.
  if (!job || job.consumerOrg !== request.caller.consumerOrg || job.package !== request.pkg.id) {
    throw new FregError(410, UNKNOWN_JOB);
  }
  if (job.state === 'failed') throw new FregError(410, 'Uttrekksjobben feilet. Bestill en ny jobb.');
  if (job.state !== 'finished') throw new FregError(404, `Batch ${nr} er ikke klar ennå. Prøv igjen senere.`);

  const batches = job.batches ?? 0;
  if (nr === batches) return respond(request, reply, { 'application/json': () => '{}' });
  const found = nr < batches ? await store.batch(job.id, nr) : undefined;
  if (found === undefined) {
    const range = batches === 0 ? 'ingen batcher' : `batch 0–${batches - 1}, og ${batches} som sluttmarkør`;
    throw new FregError(410, `Batch ${nr} finnes ikke: jobben har ${range}`);
  }

  const field = job.kind === 'komplett' ? 'dokumentidentifikator' : 'foedselsEllerDNummer';
  if (request.method !== 'HEAD') {
    await context.audit(request, {
      action: 'uttrekk',
      persons: found.persons,
      elements: job.kind === 'komplett' ? [] : ['identifikasjonsnummer'],
      detail: `jobb ${job.id} batch ${nr}`,
    });
  }
  return respond(request, reply, { 'application/json': () => `{"${field}":${found.ids}}` });
}

/** The uttrekk answers are JSON only: refuse any other Accept before doing anything (406). */
function acceptJson(request: FastifyRequest): void {
  if (!preferredMediaType(request.headers.accept, ['application/json'])) {
    throw new FregError(406, `Ikke støttet Accept: ${request.headers.accept}. Støttet: application/json`);
  }
}
