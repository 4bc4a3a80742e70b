/** The person document `Folkeregisterperson` (model §1). */
import { Type, type Static, type TSchema } from '@sinclair/typebox';
import type { PersonElement } from '../elements.js';
import { body } from './objects.js';
import * as E from './person-elements.js';

/** The element type behind each top-level property of the person document. */
export const PERSON_ELEMENT_SCHEMAS = {
  identifikasjonsnummer: E.Folkeregisteridentifikator,
  status: E.Folkeregisterpersonstatus,
  utenlandskPersonidentifikasjon: E.Personidentifikasjon,
  kjoenn: E.Personkjoenn,
  foedsel: E.Foedsel,
  foedselINorge: E.FoedselINorge,
  familierelasjon: E.Familierelasjon,
  sivilstand: E.Sivilstand,
  doedsfall: E.Doedsfall,
  navn: E.Folkeregisterpersonnavn,
  adressebeskyttelse: E.GraderingAvAdresse,
  bostedsadresse: E.Bostedsadresse,
  innflytting: E.InnflyttingTilNorge,
  oppholdsadresse: E.Oppholdsadresse,
  postadresse: E.Kontaktadresse,
  utflytting: E.UtflyttingFraNorge,
  postadresseIUtlandet: E.KontaktadresseIUtlandet,
  foreldreansvar: E.Foreldreansvar,
  statsborgerskap: E.Statsborgerskap,
  opphold: E.Opphold,
  vergemaalEllerFremtidsfullmakt: E.VergemaalRepresentasjonEllerFremtidsfullmakt,
  falskIdentitet: E.FalskIdentitet,
  identitetsgrunnlag: E.Identitetsgrunnlag,
  kontaktinformasjonForDoedsbo: E.KontaktinformasjonForDoedsbo,
  legitimasjonsdokument: E.Identifikasjonsdokument,
  utlendingsmyndighetenesIdentifikasjonsnummer: E.Personidentifikasjon,
  deltBosted: E.DeltBosted,
  preferertKontaktadresse: E.PreferertKontaktadresse,
  forholdTilSametingetsValgmanntall: E.SametingetsValgmanntall,
  bibehold: E.BibeholdAvNorskStatsborgerskap,
  brukAvSamiskSpraak: E.SamiskSpraak,
  oppholdPaaSvalbard: E.OppholdPaaSvalbard,
  rettsligHandleevne: E.RettsligHandleevne,
} as const satisfies Record<PersonElement, TSchema>;

const many = <T extends TSchema>(element: T) => Type.Optional(Type.Array(element));
const S = PERSON_ELEMENT_SCHEMAS;

/**
 * Every property is an array of current and historic elements except `doedsfall` and `falskIdentitet`
 * (single objects). Property order = key order of real JSON responses (model §1.2), then the properties
 * never seen in them, in XSD order; a serialiser that follows the schema reproduces that order.
 */
export const Folkeregisterperson = body(
  'folkeregisteret.tilgjengeliggjoering.person.v1.Folkeregisterperson',
  'Folkeregisterperson',
  {
    identifikasjonsnummer: many(S.identifikasjonsnummer),
    status: many(S.status),
    utenlandskPersonidentifikasjon: many(S.utenlandskPersonidentifikasjon),
    kjoenn: many(S.kjoenn),
    foedsel: many(S.foedsel),
    foedselINorge: many(S.foedselINorge),
    familierelasjon: many(S.familierelasjon),
    sivilstand: many(S.sivilstand),
    doedsfall: Type.Optional(S.doedsfall),
    navn: many(S.navn),
    adressebeskyttelse: many(S.adressebeskyttelse),
    bostedsadresse: many(S.bostedsadresse),
    innflytting: many(S.innflytting),
    oppholdsadresse: many(S.oppholdsadresse),
    postadresse: many(S.postadresse),
    utflytting: many(S.utflytting),
    postadresseIUtlandet: many(S.postadresseIUtlandet),
    foreldreansvar: many(S.foreldreansvar),
    statsborgerskap: many(S.statsborgerskap),
    opphold: many(S.opphold),
    vergemaalEllerFremtidsfullmakt: many(S.vergemaalEllerFremtidsfullmakt),
    falskIdentitet: Type.Optional(S.falskIdentitet),
    identitetsgrunnlag: many(S.identitetsgrunnlag),
    kontaktinformasjonForDoedsbo: many(S.kontaktinformasjonForDoedsbo),
    legitimasjonsdokument: many(S.legitimasjonsdokument),
    utlendingsmyndighetenesIdentifikasjonsnummer: many(S.utlendingsmyndighetenesIdentifikasjonsnummer),
    deltBosted: many(S.deltBosted),
    preferertKontaktadresse: many(S.preferertKontaktadresse),
    forholdTilSametingetsValgmanntall: many(S.forholdTilSametingetsValgmanntall),
    bibehold: many(S.bibehold),
    brukAvSamiskSpraak: many(S.brukAvSamiskSpraak),
    oppholdPaaSvalbard: many(S.oppholdPaaSvalbard),
    rettsligHandleevne: many(S.rettsligHandleevne),
  } satisfies Record<PersonElement, TSchema>,
);
export type Folkeregisterperson = Static<typeof Folkeregisterperson>;
