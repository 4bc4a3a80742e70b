/** The event feed (`ske.folkeregister.rettighetspakke.hendelser.*`, consumer-api §6.1–§6.2). */
import { Type, type Static } from '@sinclair/typebox';
import { HENDELSETYPER } from '../codelists.js';
import { body, closed } from './objects.js';
import { Foedselsnummer, Tekst, Tidspunkt, code } from './primitives.js';

/**
 * One event in the feed. Note the spelling `hendelsetype` (the event document says `hendelsestype`).
 * Every field is optional: some packages receive only the identifier (and the document ids are OMH-only).
 */
export const HendelseMedDokumentIdentifikatorer = closed('HendelseMedDokumentIdentifikatorer', {
  folkeregisteridentifikator: Type.Optional(Foedselsnummer),
  hendelsetype: Type.Optional(code('Hendelsestype', HENDELSETYPER)),
  /** Id of the event document (32 hex characters). */
  hendelsesdokument: Type.Optional(Tekst),
  /** Id of the person-document version after the event (32 hex characters). */
  persondokument: Type.Optional(Tekst),
  ajourholdstidspunkt: Type.Optional(Tidspunkt),
});
export type HendelseMedDokumentIdentifikatorer = Static<typeof HendelseMedDokumentIdentifikatorer>;

export const LagretHendelseMedDokumentIdentifikatorer = closed('LagretHendelseMedDokumentIdentifikatorer', {
  sekvensnummer: Type.Integer(),
  hendelse: HendelseMedDokumentIdentifikatorer,
});
export type LagretHendelseMedDokumentIdentifikatorer = Static<typeof LagretHendelseMedDokumentIdentifikatorer>;

/** `GET /v1/hendelser/feed` JSON body: up to 1 000 events in ascending sequence order; `[]` when caught up. */
export const Hendelsesliste = Type.Array(LagretHendelseMedDokumentIdentifikatorer, {
  $id: 'folkeport.model.Hendelsesliste',
  title: 'Hendelsesliste',
  maxItems: 1000,
});
export type Hendelsesliste = Static<typeof Hendelsesliste>;

/** XML body of `GET /v1/hendelser/siste/sekvensnummer` (the JSON body is a bare number). */
export const Sekvensnummer = body('ske.folkeregister.rettighetspakke.hendelser.Sekvensnummer', 'Sekvensnummer', {
  sekvensnummer: Type.Integer(),
});
export type Sekvensnummer = Static<typeof Sekvensnummer>;
