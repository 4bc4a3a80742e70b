/** Extracts (uttrekk, consumer-api §7): the tilpasset job request, the job response and batch responses. */
import { Type, type Static } from '@sinclair/typebox';
import { KJOENN, SIVILSTANDSTYPER, UTTREKK_PERSONSTATUSTYPER } from '../codelists.js';
import { body } from './objects.js';
import { Aarstall, Foedselsnummer, Kommunenummer, LandkodeAlfa3, Tekst, code } from './primitives.js';

/** Municipality filter: residence (bosted) **or** stay (opphold) municipality, not both. */
export const UttrekkKommunenummer = Type.Object(
  {
    bostedskommunenummer: Type.Optional(Kommunenummer),
    oppholdskommunenummer: Type.Optional(Kommunenummer),
  },
  { title: 'Kommunenummer', additionalProperties: false, minProperties: 1, maxProperties: 1 },
);
export type UttrekkKommunenummer = Static<typeof UttrekkKommunenummer>;

/** Body of `POST /v1/uttrekk/tilpasset`. */
export const TilpassetUttrekkJobbRequest = body(
  'folkeregisteret.tilgjengeliggjoering.uttrekk.v1.request.TilpassetUttrekkJobbRequest',
  'TilpassetUttrekkJobbRequest',
  {
    personstatustyper: Type.Array(code('Personstatustyper', UTTREKK_PERSONSTATUSTYPER)),
    kommunenummer: Type.Optional(UttrekkKommunenummer),
    foedselsaarFraOgMed: Type.Optional(Aarstall),
    foedselsaarTilOgMed: Type.Optional(Aarstall),
    doedsaarFraOgMed: Type.Optional(Aarstall),
    doedsaarTilOgMed: Type.Optional(Aarstall),
    kjoenn: Type.Optional(code('Kjoenn', KJOENN)),
    statsborgerskap: Type.Optional(LandkodeAlfa3),
    sivilstandstype: Type.Optional(code('Sivilstandstype', SIVILSTANDSTYPER)),
  },
);
export type TilpassetUttrekkJobbRequest = Static<typeof TilpassetUttrekkJobbRequest>;

/** Answer to ordering a job (komplett or tilpasset): the job id, returned immediately. */
export const UttrekkJobbResponse = body(
  'folkeregisteret.tilgjengeliggjoering.uttrekk.v1.response.UttrekkJobbResponse',
  'UttrekkJobbResponse',
  { jobbId: Type.Optional(Tekst), feilmelding: Type.Optional(Tekst) },
);
export type UttrekkJobbResponse = Static<typeof UttrekkJobbResponse>;

/**
 * One batch (≤ 100 000 identifiers): person-document ids for komplett, fnr/dnr for tilpasset. The batch
 * after the last one is `{}`.
 */
export const UttrekkDataResponse = body(
  'folkeregisteret.tilgjengeliggjoering.uttrekk.v1.response.UttrekkDataResponse',
  'UttrekkDataResponse',
  {
    dokumentidentifikator: Type.Optional(Type.Array(Tekst, { maxItems: 100_000 })),
    foedselsEllerDNummer: Type.Optional(Type.Array(Foedselsnummer, { maxItems: 100_000 })),
    feilmelding: Type.Optional(Tekst),
  },
);
export type UttrekkDataResponse = Static<typeof UttrekkDataResponse>;
