/** Error bodies (consumer-api §3.4): the documented shape and the two shapes OAS declares. */
import { Type, type Static } from '@sinclair/typebox';
import { body } from './objects.js';
import { Tekst } from './primitives.js';

/**
 * The error body documented on Skatteetaten's docs site, e.g.
 * `{"kode": "FREG-001", "melding": "Feil i tjenesten. Vennligst prøv igjen seinere."}`. OAS has no name for it.
 */
export const Feilrespons = body('folkeport.model.Feilrespons', 'Feilrespons', {
  kode: Tekst,
  melding: Tekst,
});
export type Feilrespons = Static<typeof Feilrespons>;

/** OAS error body declared for 401/403. */
export const FolkeregisterFeilmelding = body(
  'ske.folkeregister.exception.javaxrs.FolkeregisterFeilmelding',
  'FolkeregisterFeilmelding',
  {
    feilkode: Type.Optional(Tekst),
    feilmelding: Type.Optional(Tekst),
    alvorlighetsgrad: Type.Optional(Tekst),
    httpStatus: Type.Optional(Type.Integer()),
    tilleggsinformasjon: Type.Optional(Type.Record(Type.String(), Tekst)),
  },
);
export type FolkeregisterFeilmelding = Static<typeof FolkeregisterFeilmelding>;

/** OAS error body declared for the feed's 404 (XML root `error`). */
export const ErrorMessageForExternalUsers = body(
  'ske.folkeregister.lesemodell.universal.feil.ErrorMessageForExternalUsers',
  'ErrorMessageForExternalUsers',
  {
    code: Type.Optional(Tekst),
    message: Type.Optional(Tekst),
    feilreferanse: Type.Optional(Tekst),
    httpStatus: Type.Optional(Type.Integer()),
  },
);
export type ErrorMessageForExternalUsers = Static<typeof ErrorMessageForExternalUsers>;
