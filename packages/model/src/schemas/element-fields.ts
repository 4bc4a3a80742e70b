/**
 * The own fields of every element type (model §3), keyed by the OAS schema title. The person document and
 * the event document wrap the same fields with different metadata (see metadata.ts). Field order follows
 * XSD-P, which matches real responses; fields XSD-P lacks come last.
 */
import { Type } from '@sinclair/typebox';
import {
  ADRESSEGRADERINGER,
  ADRESSETYPER,
  BIBEHOLD,
  FAMILIERELASJONTYPER,
  FOLKEREGISTERIDENTIFIKATORTYPER,
  FORELDREANSVARSTYPER,
  IDENTIFIKATORSTATUSER,
  IDENTITETSGRUNNLAGSTATUSER,
  KJOENN,
  OPPHOLD_ANNET_STED,
  OPPHOLDSTILLATELSER,
  OPPHOLDSVARIGHETER,
  PERSONSTATUSER,
  SAMETINGETS_VALGMANNTALL_FORHOLD,
  SAMISKE_SPRAAK,
  SIVILSTANDSTYPER,
  SKIFTEFORMER,
  VERGEMAALTYPER,
} from '../codelists.js';
import {
  AdresseIFrittFormat,
  InternasjonalAdresse,
  InternasjonalAdresseIFrittFormat,
  KontaktadresseForDoedsbo,
  Matrikkeladresse,
  PostadresseIFrittFormat,
  Postboksadresse,
  UkjentBosted,
  Vegadresse,
  VegadresseForPost,
} from './addresses.js';
import {
  Aarstall,
  Dato,
  Foedselsnummer,
  Kommunenummer,
  LandkodeAlfa3,
  Navnedel,
  Organisasjonsnummer,
  Tekst,
  code,
} from './primitives.js';
import {
  AdvokatSomKontakt,
  IdentifiserendeInformasjon,
  OrganisasjonSomKontakt,
  PersonSomKontakt,
  Personnavn,
  RelatertBiPerson,
  TekniskDokumentkontroll,
  VergeRepresentantEllerFullmektig,
} from './shared.js';

const adressegradering = code('Adressegradering', ADRESSEGRADERINGER);
const familierelasjontype = code('Familierelasjontype', FAMILIERELASJONTYPER);
const matrikkelId = Type.Optional(Tekst);
const krets = Type.Optional(Type.Integer());

/** Identitetsgrunnlag's status code; the event schema names the field `legitimasjonskontroll`. */
export const identitetsgrunnlagstatus = code('Identitetsgrunnlagstatus', IDENTITETSGRUNNLAGSTATUSER);

export const ELEMENT_FELTER = {
  Folkeregisteridentifikator: {
    status: code('Identifikatorstatuskode', IDENTIFIKATORSTATUSER),
    foedselsEllerDNummer: Foedselsnummer,
    identifikatortype: code('Folkeregisteridentifikatortype', FOLKEREGISTERIDENTIFIKATORTYPER),
  },
  Identitetsgrunnlag: {
    identitetsgrunnlagstatus,
  },
  KontaktinformasjonForDoedsbo: {
    person: Type.Optional(PersonSomKontakt),
    advokat: Type.Optional(AdvokatSomKontakt),
    organisasjon: Type.Optional(OrganisasjonSomKontakt),
    skifteform: code('Skifteform', SKIFTEFORMER),
    attestutstedelsesdato: Dato,
    adresse: KontaktadresseForDoedsbo,
  },
  Identifikasjonsdokument: {
    identifikasjonsdokumentnummer: Type.Optional(Tekst),
    identifikasjonsdokumenttype: Tekst,
    utstederland: LandkodeAlfa3,
    utstedernavn: Type.Optional(Tekst),
    gyldigFra: Type.Optional(Dato),
    gyldigTil: Type.Optional(Dato),
    dokumentkontroll: Type.Optional(TekniskDokumentkontroll),
  },
  Folkeregisterpersonstatus: {
    status: code('Personstatus', PERSONSTATUSER),
  },
  Personidentifikasjon: {
    identifikasjonsnummer: Tekst,
    identifikasjonsnummertype: Tekst,
    utstederland: LandkodeAlfa3,
  },
  FalskIdentitet: {
    rettIdentitetVedOpplysninger: Type.Optional(IdentifiserendeInformasjon),
    rettIdentitetErUkjent: Type.Optional(Type.Boolean()),
    rettIdentitetVedIdentifikasjonsnummer: Type.Optional(Foedselsnummer),
    erFalsk: Type.Optional(Type.Boolean()),
  },
  Doedsfall: {
    doedsdato: Type.Optional(Dato),
  },
  Sivilstand: {
    sivilstand: code('Sivilstandstype', SIVILSTANDSTYPER),
    sivilstandsdato: Type.Optional(Dato),
    myndighet: Type.Optional(Tekst),
    kommune: Type.Optional(Kommunenummer),
    sted: Type.Optional(Tekst),
    utland: Type.Optional(LandkodeAlfa3),
    relatertVedSivilstand: Type.Optional(Foedselsnummer),
  },
  Familierelasjon: {
    relatertPerson: Type.Optional(Foedselsnummer),
    relatertPersonUtenFolkeregisteridentifikator: Type.Optional(RelatertBiPerson),
    relatertPersonsRolle: familierelasjontype,
    minRolleForPerson: Type.Optional(familierelasjontype),
  },
  Bostedsadresse: {
    ukjentBosted: Type.Optional(UkjentBosted),
    vegadresse: Type.Optional(Vegadresse),
    matrikkeladresse: Type.Optional(Matrikkeladresse),
    adresseIdentifikatorFraMatrikkelen: matrikkelId,
    naerAdresseIdentifikatorFraMatrikkelen: matrikkelId,
    adressegradering,
    flyttedato: Type.Optional(Dato),
    grunnkrets: krets,
    stemmekrets: krets,
    skolekrets: krets,
    kirkekrets: krets,
  },
  DeltBosted: {
    vegadresse: Type.Optional(Vegadresse),
    matrikkeladresse: Type.Optional(Matrikkeladresse),
    ukjentBosted: Type.Optional(UkjentBosted),
    startdatoForKontrakt: Dato,
    sluttdatoForKontrakt: Type.Optional(Dato),
    adresseIdentifikatorFraMatrikkelen: matrikkelId,
    naerAdresseIdentifikatorFraMatrikkelen: matrikkelId,
    adressegradering,
  },
  Oppholdsadresse: {
    vegadresse: Type.Optional(Vegadresse),
    matrikkeladresse: Type.Optional(Matrikkeladresse),
    utenlandskAdresse: Type.Optional(InternasjonalAdresse),
    adressenErUkjent: Type.Optional(Type.Boolean()),
    adresseIdentifikatorFraMatrikkelen: matrikkelId,
    adressegradering,
    oppholdsadressedato: Type.Optional(Dato),
    oppholdAnnetSted: Type.Optional(code('OppholdAnnetSted', OPPHOLD_ANNET_STED)),
  },
  Kontaktadresse: {
    adressegradering,
    postboksadresse: Type.Optional(Postboksadresse),
    vegadresse: Type.Optional(VegadresseForPost),
    postadresseIFrittFormat: Type.Optional(PostadresseIFrittFormat),
    adresseIdentifikatorFraMatrikkelen: matrikkelId,
  },
  KontaktadresseIUtlandet: {
    adressegradering,
    utenlandskAdresse: Type.Optional(InternasjonalAdresse),
    utenlandskAdresseIFrittFormat: Type.Optional(InternasjonalAdresseIFrittFormat),
  },
  GraderingAvAdresse: {
    graderingsnivaa: adressegradering,
  },
  /** Deprecated; empty for current documents since 2021-10-16. */
  PreferertKontaktadresse: {
    valg: code('Adressetype', ADRESSETYPER),
    adressegradering: Type.Optional(adressegradering),
    kontaktadresseIFrittFormat: Type.Optional(AdresseIFrittFormat),
  },
  InnflyttingTilNorge: {
    fraflyttingsland: Type.Optional(LandkodeAlfa3),
    fraflyttingsstedIUtlandet: Type.Optional(Tekst),
  },
  UtflyttingFraNorge: {
    tilflyttingsland: Type.Optional(LandkodeAlfa3),
    tilflyttingsstedIUtlandet: Type.Optional(Tekst),
    utflyttingsdato: Type.Optional(Dato),
  },
  SametingetsValgmanntall: {
    forhold: code('ForholdTilSametingetsValgmanntall', SAMETINGETS_VALGMANNTALL_FORHOLD),
    vedtaksdato: Dato,
  },
  Personkjoenn: {
    kjoenn: code('Kjoenn', KJOENN),
  },
  Statsborgerskap: {
    statsborgerskap: LandkodeAlfa3,
    ervervsdato: Type.Optional(Dato),
  },
  Foreldreansvar: {
    ansvar: code('Foreldreansvarstype', FORELDREANSVARSTYPER),
    ansvarssubjekt: Type.Optional(Foedselsnummer),
    ansvarlig: Type.Optional(Foedselsnummer),
    ansvarligOrganisasjon: Type.Optional(Organisasjonsnummer),
    ansvarligUtenIdentifikator: Type.Optional(RelatertBiPerson),
    ansvarssubjektUtenIdentifikator: Type.Optional(RelatertBiPerson),
  },
  Foedsel: {
    foedselsdato: Type.Optional(Dato),
    foedselsaar: Aarstall,
    foedested: Type.Optional(Tekst),
    foedekommuneINorge: Type.Optional(Kommunenummer),
    foedeland: Type.Optional(LandkodeAlfa3),
  },
  Folkeregisterpersonnavn: {
    fornavn: Navnedel,
    mellomnavn: Type.Optional(Navnedel),
    etternavn: Navnedel,
    forkortetNavn: Type.Optional(Type.String({ maxLength: 40 })),
    originaltNavn: Type.Optional(Personnavn),
  },
  FoedselINorge: {
    foedselsinstitusjonsnavn: Type.Optional(Tekst),
    rekkefoelgenummer: Type.Optional(Type.Integer()),
  },
  VergemaalRepresentasjonEllerFremtidsfullmakt: {
    vergemaaltype: Type.Optional(code('Vergemaaltype', VERGEMAALTYPER)),
    embete: Type.Optional(Tekst),
    verge: VergeRepresentantEllerFullmektig,
  },
  Opphold: {
    oppholdstillatelse: code('Oppholdstillatelse', OPPHOLDSTILLATELSER),
    oppholdFra: Type.Optional(Dato),
    oppholdTil: Type.Optional(Dato),
  },
  BibeholdAvNorskStatsborgerskap: {
    bibeholdstatus: code('Bibehold', BIBEHOLD),
    datoForBibehold: Type.Optional(Dato),
  },
  SamiskSpraak: {
    spraak: Type.Array(code('SamiskSpraakType', SAMISKE_SPRAAK), { maxItems: 3 }),
  },
  OppholdPaaSvalbard: {
    antattOppholdsvarighet: code('OppholdsvarighetType', OPPHOLDSVARIGHETER),
    startdato: Dato,
    sluttdato: Type.Optional(Dato),
    fraflyttingskommunenummer: Type.Optional(Kommunenummer),
    fraflyttingsland: Type.Optional(LandkodeAlfa3),
    /** Deprecated; never set on current documents. */
    antallTidligereOpphold: Type.Optional(Type.Integer()),
  },
  /** [post-1.5] Restricted legal capacity; the value list of `rettsligHandleevneomfang` is not public. */
  RettsligHandleevne: {
    rettsligHandleevneomfang: Type.Optional(Tekst),
  },
};
