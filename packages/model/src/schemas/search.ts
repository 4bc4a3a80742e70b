/**
 * Search responses (consumer-api §5). `GET /v1/personer/entydigsoek` answers with one
 * {@link Folkeregisterperson}; `GET /v1/personer/soek` with identifiers only.
 */
import { Type, type Static } from '@sinclair/typebox';
import { body } from './objects.js';
import { Foedselsnummer } from './primitives.js';

/** Hit list of `GET /v1/personer/soek` (at most `maksTreff` ≤ 10 000 identifiers; may be empty). */
export const PersonsoekResponse = body(
  'folkeregisteret.tilgjengeliggjoering.person.v1.soek.response.PersonsoekResponse',
  'PersonsoekResponse',
  { foedselsEllerDNummer: Type.Optional(Type.Array(Foedselsnummer, { maxItems: 10_000 })) },
);
export type PersonsoekResponse = Static<typeof PersonsoekResponse>;
