/** Bulk lookups of persons, archived person documents and event documents (consumer-api §4.2, §4.4, §6.4). */
import { Type, type Static } from '@sinclair/typebox';
import { DokumentForHendelse } from './event-document.js';
import { body, closed, embedded } from './objects.js';
import { Folkeregisterperson } from './person-document.js';
import { Foedselsnummer, Tekst } from './primitives.js';

export const PersonBulkoppslagRequest = body(
  'folkeregisteret.tilgjengeliggjoering.person.v1.bulk.request.PersonBulkoppslagRequest',
  'PersonBulkoppslagRequest',
  { foedselsEllerDNummer: Type.Array(Foedselsnummer, { maxItems: 1000 }) },
);
export type PersonBulkoppslagRequest = Static<typeof PersonBulkoppslagRequest>;

/** Per-item error in a bulk response (not the error body of a failed request). */
export const Feilmelding = closed('Feilmelding', { feilmelding: Tekst });
export type Feilmelding = Static<typeof Feilmelding>;

/** One result: the person, or (with `somBestilt=true`) an error for an unknown identifier. */
export const Oppslag = closed('Oppslag', {
  foedselsEllerDNummer: Foedselsnummer,
  folkeregisterperson: Type.Optional(embedded(Folkeregisterperson)),
  feilmelding: Type.Optional(Feilmelding),
});
export type Oppslag = Static<typeof Oppslag>;

export const PersonBulkoppslagResponse = body(
  'folkeregisteret.tilgjengeliggjoering.person.v1.bulk.response.PersonBulkoppslagResponse',
  'PersonBulkoppslagResponse',
  { oppslag: Type.Optional(Type.Array(Oppslag)) },
);
export type PersonBulkoppslagResponse = Static<typeof PersonBulkoppslagResponse>;

export const ArkivDokumentBulkoppslagRequest = body(
  'folkeregisteret.tilgjengeliggjoering.person.v1.bulk.arkiv.request.ArkivDokumentBulkoppslagRequest',
  'ArkivDokumentBulkoppslagRequest',
  { dokumentidentifikator: Type.Array(Tekst) },
);
export type ArkivDokumentBulkoppslagRequest = Static<typeof ArkivDokumentBulkoppslagRequest>;

/** One archived person document, keyed by its document id (mirrors {@link Oppslag}). */
export const ArkivOppslag = closed('ArkivOppslag', {
  dokumentidentifikator: Tekst,
  folkeregisterperson: Type.Optional(embedded(Folkeregisterperson)),
  feilmelding: Type.Optional(Feilmelding),
});
export type ArkivOppslag = Static<typeof ArkivOppslag>;

/**
 * Response of `POST /v1/personer/bulkoppslag/arkiv`. OAS declares a single `Folkeregisterperson`, most
 * likely a generator artefact (consumer-api Q3); Folkeport answers with a list like the person bulk lookup.
 */
export const ArkivDokumentBulkoppslagResponse = body(
  'folkeport.model.ArkivDokumentBulkoppslagResponse',
  'ArkivDokumentBulkoppslagResponse',
  { oppslag: Type.Optional(Type.Array(ArkivOppslag)) },
);
export type ArkivDokumentBulkoppslagResponse = Static<typeof ArkivDokumentBulkoppslagResponse>;

export const HendelseBulkoppslagRequest = body(
  'folkeregisteret.tilgjengeliggjoering.hendelse.v1.bulk.request.HendelseBulkoppslagRequest',
  'HendelseBulkoppslagRequest',
  { dokumentidentifikator: Type.Array(Tekst) },
);
export type HendelseBulkoppslagRequest = Static<typeof HendelseBulkoppslagRequest>;

/**
 * Response of `POST /v1/hendelser/bulkoppslag`: an array of event documents. OAS declares a single
 * `DokumentForHendelse` (the same suspected artefact, consumer-api Q3).
 */
export const HendelseBulkoppslagResponse = Type.Array(embedded(DokumentForHendelse), {
  $id: 'folkeport.model.HendelseBulkoppslagResponse',
  title: 'HendelseBulkoppslagResponse',
});
export type HendelseBulkoppslagResponse = Static<typeof HendelseBulkoppslagResponse>;
