/**
 * The event document `DokumentForHendelse` (`folkeregisteret.tilgjengeliggjoering.hendelse.v1.*`,
 * consumer-api §6.6, model §6). Its elements are the person-document element types without `erGjeldende`.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { ENTITETSENDRINGER, ENTITETSNAVN, HENDELSETYPER, type RegisterdataEgenskap } from '../codelists.js';
import { ELEMENT_FELTER, identitetsgrunnlagstatus } from './element-fields.js';
import { HendelseRegistermetadata, elementSchemas } from './metadata.js';
import { body, closed } from './objects.js';
import { Foedselsnummer, Tekst, Tidspunkt, code } from './primitives.js';

const { PreferertKontaktadresse: _notInEvents, Identitetsgrunnlag: _special, ...felter } = ELEMENT_FELTER;

/**
 * Identitetsgrunnlag in events: OAS and XSD-H name the status `legitimasjonskontroll`, the docs' event
 * example names it `identitetsgrunnlagstatus` as in the person document. Exactly one of the two is accepted
 * (consumer-api Q4; Folkeport emits `identitetsgrunnlagstatus`).
 */
const HendelseIdentitetsgrunnlag = Type.Union(
  [
    closed('Identitetsgrunnlag', { ...HendelseRegistermetadata, identitetsgrunnlagstatus }),
    closed('Identitetsgrunnlag', { ...HendelseRegistermetadata, legitimasjonskontroll: identitetsgrunnlagstatus }),
  ],
  { title: 'Identitetsgrunnlag' },
);

/** Event-document element types, keyed by OAS title. */
export const HendelseElementer = {
  ...elementSchemas(HendelseRegistermetadata, {
    ...felter,
    // The event schema does not require `startdato` (OAS hendelse.v1).
    OppholdPaaSvalbard: { ...felter.OppholdPaaSvalbard, startdato: Type.Optional(felter.OppholdPaaSvalbard.startdato) },
  }),
  Identitetsgrunnlag: HendelseIdentitetsgrunnlag,
};
export type HendelseElement<K extends keyof typeof HendelseElementer> = Static<(typeof HendelseElementer)[K]>;

const H = HendelseElementer;
const one = <T extends TSchema>(element: T) => Type.Optional(element);

/**
 * One changed element: the new value under the element's property name (absent for `annullere`), then
 * `entitet` and `entitetsendring`. Quirk kept: entitet `kontaktadresse`/`kontaktadresseIUtlandet` carry
 * the properties `postadresse`/`postadresseIUtlandet`.
 */
export const Registerdata = closed('Registerdata', {
  falskIdentitet: one(H.FalskIdentitet),
  identifikasjonsnummer: one(H.Folkeregisteridentifikator),
  identitetsgrunnlag: one(H.Identitetsgrunnlag),
  kontaktinformasjonForDoedsbo: one(H.KontaktinformasjonForDoedsbo),
  legitimasjonsdokument: one(H.Identifikasjonsdokument),
  utlendingsmyndighetenesIdentifikasjonsnummer: one(H.Personidentifikasjon),
  utenlandskPersonidentifikasjon: one(H.Personidentifikasjon),
  status: one(H.Folkeregisterpersonstatus),
  deltBosted: one(H.DeltBosted),
  kjoenn: one(H.Personkjoenn),
  foedsel: one(H.Foedsel),
  foedselINorge: one(H.FoedselINorge),
  familierelasjon: one(H.Familierelasjon),
  sivilstand: one(H.Sivilstand),
  doedsfall: one(H.Doedsfall),
  navn: one(H.Folkeregisterpersonnavn),
  adressebeskyttelse: one(H.GraderingAvAdresse),
  bostedsadresse: one(H.Bostedsadresse),
  oppholdsadresse: one(H.Oppholdsadresse),
  innflytting: one(H.InnflyttingTilNorge),
  utflytting: one(H.UtflyttingFraNorge),
  brukAvSamiskSpraak: one(H.SamiskSpraak),
  postadresse: one(H.Kontaktadresse),
  postadresseIUtlandet: one(H.KontaktadresseIUtlandet),
  foreldreansvar: one(H.Foreldreansvar),
  statsborgerskap: one(H.Statsborgerskap),
  bibehold: one(H.BibeholdAvNorskStatsborgerskap),
  opphold: one(H.Opphold),
  vergemaalEllerFremtidsfullmakt: one(H.VergemaalRepresentasjonEllerFremtidsfullmakt),
  forholdTilSametingetsValgmanntall: one(H.SametingetsValgmanntall),
  oppholdPaaSvalbard: one(H.OppholdPaaSvalbard),
  rettsligHandleevne: one(H.RettsligHandleevne),
  entitet: code('Entitetsnavn', ENTITETSNAVN),
  entitetsendring: code('Entitetsendring', ENTITETSENDRINGER),
} satisfies Record<RegisterdataEgenskap | 'oppholdPaaSvalbard' | 'entitet' | 'entitetsendring', TSchema>);
export type Registerdata = Static<typeof Registerdata>;

/** The event itself. Note the spelling `hendelsestype` (the feed says `hendelsetype`). */
export const Hendelse = closed('Hendelse', {
  folkeregisteridentifikator: Foedselsnummer,
  hendelsestype: code('Hendelsestype', HENDELSETYPER),
  ajourholdstidspunkt: Tidspunkt,
  egenskapshendelse: Type.Optional(Type.Array(Registerdata)),
  /** Legacy cause code from the old register DSF. */
  hendelsesaarsakIDsf: Type.Optional(Tekst),
});
export type Hendelse = Static<typeof Hendelse>;

export const DokumentForHendelse = body(
  'folkeregisteret.tilgjengeliggjoering.hendelse.v1.DokumentForHendelse',
  'DokumentForHendelse',
  { dokumentidentifikator: Tekst, skjemaversjon: Tekst, hendelse: Hendelse },
);
export type DokumentForHendelse = Static<typeof DokumentForHendelse>;
