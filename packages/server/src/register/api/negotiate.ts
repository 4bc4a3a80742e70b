/**
 * Content negotiation as FREG does it (reference freg-consumer-api.md §3.1): JSON unless the client asks for
 * another representation the resource has; an Accept that allows none of them → 406. No Accept means JSON.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FregError } from './freg-error.js';

export type MediaType = 'application/json' | 'application/xml' | 'application/atom+xml' | 'text/plain';

/** The representations a resource offers, JSON first; each renders the body lazily, as text or UTF-8 bytes. */
type Render = () => string | Buffer;
export type Representations = Partial<Record<MediaType, Render>> & { 'application/json': Render };

/** The offered media type the Accept header prefers, or undefined when it accepts none of them. */
export function preferredMediaType(accept: string | undefined, offered: readonly MediaType[]): MediaType | undefined {
  if (accept === undefined || accept.trim() === '') return offered[0];
  const ranges = accept
    .split(',')
    .map((part, order) => {
      const [range = '', ...parameters] = part.split(';').map((s) => s.trim().toLowerCase());
      const q = parameters.find((p) => p.startsWith('q='));
      return { range, q: q === undefined ? 1 : Number(q.slice(2)), order };
    })
    .filter((entry) => entry.range !== '' && entry.q > 0 && !Number.isNaN(entry.q))
    .sort((a, b) => b.q - a.q || a.order - b.order);
  for (const { range } of ranges) {
    if (range === '*/*') return offered[0];
    const wildcard = range.endsWith('/*') ? range.slice(0, -1) : undefined;
    const match = offered.find((type) => (wildcard ? type.startsWith(wildcard) : type === range));
    if (match) return match;
  }
  return undefined;
}

/** Sends the representation the client prefers, or throws 406. */
export function respond(request: FastifyRequest, reply: FastifyReply, representations: Representations, status = 200) {
  const offered = Object.keys(representations) as MediaType[];
  const type = preferredMediaType(request.headers.accept, offered);
  if (!type) throw new FregError(406, `Ikke støttet Accept: ${request.headers.accept}. Støttet: ${offered.join(', ')}`);
  const render = representations[type] as Render;
  return reply.status(status).type(`${type}; charset=utf-8`).send(render());
}
