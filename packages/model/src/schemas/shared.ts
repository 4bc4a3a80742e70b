/** Non-address sub-structures shared by several elements (model §3–§4). */
import { Type, type Static } from '@sinclair/typebox';
import {
  KJOENN,
  VERGE_TJENESTEOPPGAVER,
  VERGE_TJENESTEVIRKSOMHETER,
  VERGEMAALSOMFANG,
  type VergeTjenesteoppgave,
  type VergeTjenestevirksomhet,
} from '../codelists.js';
import { closed } from './objects.js';
import {
  Dato,
  Foedselsnummer,
  LandkodeAlfa3,
  Navnedel,
  Organisasjonsnavn,
  Organisasjonsnummer,
  Tekst,
  Tidspunkt,
  code,
} from './primitives.js';

const kjoenn = Type.Optional(code('Kjoenn', KJOENN));

export const Personnavn = closed('Personnavn', {
  fornavn: Navnedel,
  mellomnavn: Type.Optional(Navnedel),
  etternavn: Navnedel,
});
export type Personnavn = Static<typeof Personnavn>;

/** A related person without an identity number. Note the key `navn` and the single `statsborgerskap`. */
export const RelatertBiPerson = closed('RelatertBiPerson', {
  navn: Personnavn,
  foedselsdato: Type.Optional(Dato),
  statsborgerskap: Type.Optional(LandkodeAlfa3),
  kjoenn,
});
export type RelatertBiPerson = Static<typeof RelatertBiPerson>;

/** The right identity of a false identity. Note the key `personnavn` and the `statsborgerskap` array. */
export const IdentifiserendeInformasjon = closed('IdentifiserendeInformasjon', {
  personnavn: Personnavn,
  foedselsdato: Type.Optional(Dato),
  statsborgerskap: Type.Array(LandkodeAlfa3, { minItems: 1 }),
  kjoenn,
});
export type IdentifiserendeInformasjon = Static<typeof IdentifiserendeInformasjon>;

export const TekniskDokumentkontroll = closed('TekniskDokumentkontroll', {
  dokumentkontrollstatus: Tekst,
  dokumentkontrolltidspunkt: Type.Optional(Tidspunkt),
});
export type TekniskDokumentkontroll = Static<typeof TekniskDokumentkontroll>;

/** Estate contact person: an fnr/dnr, or (privat and presse packages) only birth date and name. */
export const PersonSomKontakt = closed('PersonSomKontakt', {
  foedselsdato: Type.Optional(Dato),
  personnavn: Type.Optional(Personnavn),
  foedselsEllerDNummer: Type.Optional(Foedselsnummer),
});
export type PersonSomKontakt = Static<typeof PersonSomKontakt>;

export const AdvokatSomKontakt = closed('AdvokatSomKontakt', {
  personnavn: Personnavn,
  organisasjonsnavn: Type.Optional(Organisasjonsnavn),
  organisasjonsnummer: Type.Optional(Organisasjonsnummer),
});
export type AdvokatSomKontakt = Static<typeof AdvokatSomKontakt>;

export const OrganisasjonSomKontakt = closed('OrganisasjonSomKontakt', {
  organisasjonsnavn: Organisasjonsnavn,
  organisasjonsnummer: Type.Optional(Organisasjonsnummer),
  kontaktpersonnavn: Type.Optional(Personnavn),
});
export type OrganisasjonSomKontakt = Static<typeof OrganisasjonSomKontakt>;

/** [post-1.5] Guardian given by name and birth date instead of an identity number; replaces `navn`. */
export const NavnFoedselsdato = closed('NavnFoedselsdato', {
  personnavn: Personnavn,
  foedselsdato: Type.Optional(Dato),
  kjoenn,
  statsborgerskap: Type.Optional(Type.Array(LandkodeAlfa3)),
});
export type NavnFoedselsdato = Static<typeof NavnFoedselsdato>;

/**
 * [post-1.5] One guardianship service area. Each code is checked against its own list; whether the pair
 * exists is answered by `vergeTjenesteomraade()` (real data also repeats pairs).
 */
export const Tjenesteomraade = closed('Tjenesteomraade', {
  vergeTjenestevirksomhet: code<readonly VergeTjenestevirksomhet[]>('VergeTjenestevirksomhet', VERGE_TJENESTEVIRKSOMHETER),
  vergeTjenesteoppgave: code<readonly VergeTjenesteoppgave[]>('VergeTjenesteoppgave', VERGE_TJENESTEOPPGAVER),
});
export type Tjenesteomraade = Static<typeof Tjenesteomraade>;

/**
 * The guardian. Current guardianships (since 2023-11-01) use `foedselsEllerDNummer` or `navnFoedselsdato`
 * plus `tjenesteomraade`; historic ones keep the legacy `navn`, `omfang` and `omfangetErInnenPersonligOmraade`.
 */
export const VergeRepresentantEllerFullmektig = closed('VergeRepresentantEllerFullmektig', {
  navn: Type.Optional(Personnavn),
  navnFoedselsdato: Type.Optional(NavnFoedselsdato),
  foedselsEllerDNummer: Type.Optional(Foedselsnummer),
  omfang: Type.Optional(code('Vergemaalsomfang', VERGEMAALSOMFANG)),
  omfangetErInnenPersonligOmraade: Type.Optional(Type.Boolean()),
  tjenesteomraade: Type.Optional(Type.Array(Tjenesteomraade)),
});
export type VergeRepresentantEllerFullmektig = Static<typeof VergeRepresentantEllerFullmektig>;
