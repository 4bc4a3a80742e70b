/**
 * Address sub-structures (model §4), shared by the person and the event documents. Field order follows
 * XSD-P, which matches the key order of real responses.
 */
import { Type, type Static } from '@sinclair/typebox';
import { BRUKSENHETSTYPER } from '../codelists.js';
import { closed } from './objects.js';
import { Kommunenummer, LandkodeAlfa2, LandkodeAlfa3, Postnummer, Tekst, code } from './primitives.js';

const bruksenhetstype = Type.Optional(code('Bruksenhetstype', BRUKSENHETSTYPER));

export const Poststed = closed('Poststed', {
  poststedsnavn: Type.Optional(Tekst),
  postnummer: Type.Optional(Postnummer),
});
export type Poststed = Static<typeof Poststed>;

export const Adressenummer = closed('Adressenummer', {
  husnummer: Type.String({ pattern: '^[0-9]{1,4}$' }),
  husbokstav: Type.Optional(Type.String({ pattern: '^[A-Za-zæøåÆØÅ]$' })),
});
export type Adressenummer = Static<typeof Adressenummer>;

export const Vegadresse = closed('Vegadresse', {
  kommunenummer: Kommunenummer,
  bruksenhetsnummer: Type.Optional(Tekst),
  bruksenhetstype,
  adressenavn: Tekst,
  adressenummer: Type.Optional(Adressenummer),
  adressekode: Type.Optional(Tekst),
  adressetilleggsnavn: Type.Optional(Tekst),
  poststed: Type.Optional(Poststed),
  coAdressenavn: Type.Optional(Tekst),
});
export type Vegadresse = Static<typeof Vegadresse>;

/** Vegadresse in a postal address: no kommunenummer or bruksenhetstype, every field optional. */
export const VegadresseForPost = closed('VegadresseForPost', {
  coAdressenavn: Type.Optional(Tekst),
  adressenavn: Type.Optional(Tekst),
  adressenummer: Type.Optional(Adressenummer),
  poststed: Type.Optional(Poststed),
  adressekode: Type.Optional(Tekst),
  adressetilleggsnavn: Type.Optional(Tekst),
  bruksenhetsnummer: Type.Optional(Tekst),
});
export type VegadresseForPost = Static<typeof VegadresseForPost>;

export const Matrikkelnummer = closed('Matrikkelnummer', {
  kommunenummer: Kommunenummer,
  gaardsnummer: Type.Optional(Type.Integer()),
  bruksnummer: Type.Optional(Type.Integer()),
  festenummer: Type.Optional(Type.Integer()),
});
export type Matrikkelnummer = Static<typeof Matrikkelnummer>;

export const Matrikkeladresse = closed('Matrikkeladresse', {
  bruksenhetsnummer: Type.Optional(Tekst),
  bruksenhetstype,
  matrikkelnummer: Matrikkelnummer,
  undernummer: Type.Optional(Type.Integer()),
  adressetilleggsnavn: Type.Optional(Tekst),
  poststed: Type.Optional(Poststed),
  coAdressenavn: Type.Optional(Tekst),
});
export type Matrikkeladresse = Static<typeof Matrikkeladresse>;

/** Unknown residence; `bostedskommune` may be absent. */
export const UkjentBosted = closed('UkjentBosted', {
  bostedskommune: Type.Optional(Kommunenummer),
});
export type UkjentBosted = Static<typeof UkjentBosted>;

export const Postboksadresse = closed('Postboksadresse', {
  postbokseier: Type.Optional(Tekst),
  postboks: Tekst,
  poststed: Type.Optional(Poststed),
});
export type Postboksadresse = Static<typeof Postboksadresse>;

export const PostadresseIFrittFormat = closed('PostadresseIFrittFormat', {
  adresselinje: Type.Optional(Type.Array(Tekst, { maxItems: 4 })),
  poststed: Type.Optional(Poststed),
});
export type PostadresseIFrittFormat = Static<typeof PostadresseIFrittFormat>;

/** Foreign address; `landkode` is ISO 3166-1 alpha-2 (unlike every other country field). */
export const InternasjonalAdresse = closed('InternasjonalAdresse', {
  coAdressenavn: Type.Optional(Tekst),
  adressenavn: Type.Optional(Tekst),
  bygning: Type.Optional(Tekst),
  etasjenummer: Type.Optional(Tekst),
  boenhet: Type.Optional(Tekst),
  postboks: Type.Optional(Tekst),
  postkode: Type.Optional(Tekst),
  byEllerStedsnavn: Type.Optional(Tekst),
  distriktsnavn: Type.Optional(Tekst),
  region: Type.Optional(Tekst),
  landkode: LandkodeAlfa2,
});
export type InternasjonalAdresse = Static<typeof InternasjonalAdresse>;

export const InternasjonalAdresseIFrittFormat = closed('InternasjonalAdresseIFrittFormat', {
  adresselinje: Type.Optional(Type.Array(Tekst)),
  postkode: Type.Optional(Tekst),
  byEllerStedsnavn: Type.Optional(Tekst),
  landkode: LandkodeAlfa2,
});
export type InternasjonalAdresseIFrittFormat = Static<typeof InternasjonalAdresseIFrittFormat>;

/** Only in the deprecated `preferertKontaktadresse`. */
export const AdresseIFrittFormat = closed('AdresseIFrittFormat', {
  adresselinje: Type.Optional(Type.Array(Tekst)),
  landkode: Type.Optional(LandkodeAlfa2),
});
export type AdresseIFrittFormat = Static<typeof AdresseIFrittFormat>;

/** Address of the estate's contact (`Tekst` postnummer, alpha-3 landkode, as in XSD-P). */
export const KontaktadresseForDoedsbo = closed('KontaktadresseForDoedsbo', {
  adresselinje: Type.Array(Tekst, { minItems: 1, maxItems: 2 }),
  poststedsnavn: Tekst,
  postnummer: Tekst,
  landkode: Type.Optional(LandkodeAlfa3),
});
export type KontaktadresseForDoedsbo = Static<typeof KontaktadresseForDoedsbo>;
