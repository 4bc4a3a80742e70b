/**
 * Element types of the person document (`folkeregisteret.tilgjengeliggjoering.person.v1.*`): register
 * metadata including `erGjeldende`, then the element's own fields (element-fields.ts).
 */
import type { Static } from '@sinclair/typebox';
import { ELEMENT_FELTER } from './element-fields.js';
import { PersonRegistermetadata, elementSchemas } from './metadata.js';

const person = elementSchemas(PersonRegistermetadata, ELEMENT_FELTER);

export const Folkeregisteridentifikator = person.Folkeregisteridentifikator;
export type Folkeregisteridentifikator = Static<typeof Folkeregisteridentifikator>;

export const Identitetsgrunnlag = person.Identitetsgrunnlag;
export type Identitetsgrunnlag = Static<typeof Identitetsgrunnlag>;

export const KontaktinformasjonForDoedsbo = person.KontaktinformasjonForDoedsbo;
export type KontaktinformasjonForDoedsbo = Static<typeof KontaktinformasjonForDoedsbo>;

export const Identifikasjonsdokument = person.Identifikasjonsdokument;
export type Identifikasjonsdokument = Static<typeof Identifikasjonsdokument>;

export const Folkeregisterpersonstatus = person.Folkeregisterpersonstatus;
export type Folkeregisterpersonstatus = Static<typeof Folkeregisterpersonstatus>;

export const Personidentifikasjon = person.Personidentifikasjon;
export type Personidentifikasjon = Static<typeof Personidentifikasjon>;

export const FalskIdentitet = person.FalskIdentitet;
export type FalskIdentitet = Static<typeof FalskIdentitet>;

export const Doedsfall = person.Doedsfall;
export type Doedsfall = Static<typeof Doedsfall>;

export const Sivilstand = person.Sivilstand;
export type Sivilstand = Static<typeof Sivilstand>;

export const Familierelasjon = person.Familierelasjon;
export type Familierelasjon = Static<typeof Familierelasjon>;

export const Bostedsadresse = person.Bostedsadresse;
export type Bostedsadresse = Static<typeof Bostedsadresse>;

export const DeltBosted = person.DeltBosted;
export type DeltBosted = Static<typeof DeltBosted>;

export const Oppholdsadresse = person.Oppholdsadresse;
export type Oppholdsadresse = Static<typeof Oppholdsadresse>;

export const Kontaktadresse = person.Kontaktadresse;
export type Kontaktadresse = Static<typeof Kontaktadresse>;

export const KontaktadresseIUtlandet = person.KontaktadresseIUtlandet;
export type KontaktadresseIUtlandet = Static<typeof KontaktadresseIUtlandet>;

export const GraderingAvAdresse = person.GraderingAvAdresse;
export type GraderingAvAdresse = Static<typeof GraderingAvAdresse>;

export const PreferertKontaktadresse = person.PreferertKontaktadresse;
export type PreferertKontaktadresse = Static<typeof PreferertKontaktadresse>;

export const InnflyttingTilNorge = person.InnflyttingTilNorge;
export type InnflyttingTilNorge = Static<typeof InnflyttingTilNorge>;

export const UtflyttingFraNorge = person.UtflyttingFraNorge;
export type UtflyttingFraNorge = Static<typeof UtflyttingFraNorge>;

export const SametingetsValgmanntall = person.SametingetsValgmanntall;
export type SametingetsValgmanntall = Static<typeof SametingetsValgmanntall>;

export const Personkjoenn = person.Personkjoenn;
export type Personkjoenn = Static<typeof Personkjoenn>;

export const Statsborgerskap = person.Statsborgerskap;
export type Statsborgerskap = Static<typeof Statsborgerskap>;

export const Foreldreansvar = person.Foreldreansvar;
export type Foreldreansvar = Static<typeof Foreldreansvar>;

export const Foedsel = person.Foedsel;
export type Foedsel = Static<typeof Foedsel>;

export const Folkeregisterpersonnavn = person.Folkeregisterpersonnavn;
export type Folkeregisterpersonnavn = Static<typeof Folkeregisterpersonnavn>;

export const FoedselINorge = person.FoedselINorge;
export type FoedselINorge = Static<typeof FoedselINorge>;

export const VergemaalRepresentasjonEllerFremtidsfullmakt = person.VergemaalRepresentasjonEllerFremtidsfullmakt;
export type VergemaalRepresentasjonEllerFremtidsfullmakt = Static<typeof VergemaalRepresentasjonEllerFremtidsfullmakt>;

export const Opphold = person.Opphold;
export type Opphold = Static<typeof Opphold>;

export const BibeholdAvNorskStatsborgerskap = person.BibeholdAvNorskStatsborgerskap;
export type BibeholdAvNorskStatsborgerskap = Static<typeof BibeholdAvNorskStatsborgerskap>;

export const SamiskSpraak = person.SamiskSpraak;
export type SamiskSpraak = Static<typeof SamiskSpraak>;

export const OppholdPaaSvalbard = person.OppholdPaaSvalbard;
export type OppholdPaaSvalbard = Static<typeof OppholdPaaSvalbard>;

export const RettsligHandleevne = person.RettsligHandleevne;
export type RettsligHandleevne = Static<typeof RettsligHandleevne>;
