/**
 * Element order of FREG's XML documents, per complex type. Facts taken from the `xsd:sequence`s of
 * PersondokumentMedHistorikk_v1BETA2.xsd (person document) and Hendelsedokument_v1.4.xsd (event document) in
 * the reference specs/freg/kontrakter; test/register-xml.test.ts reads both XSDs and fails when this table and
 * they disagree.
 *
 * Each type is one string: its elements in order, `name:Type` where the element has a complex type. Names
 * after `|` are in neither XSD (added to FREG later; in @folkeport/model): they follow every XSD-known element
 * of their parent, in model order (docs/register-xml.md, "Elements the XSDs lack"). Alternatives of an
 * `xsd:choice` stand in the person XSD's order; only one of them occurs.
 */

export type XmlField = readonly [element: string, type: string | undefined];
export type XmlTypes = Readonly<Record<string, readonly XmlField[]>>;

/** Register metadata (XSD `Registermetadata`) opening every element; the event XSD has no `erGjeldende`. */
const PERSON_METADATA = 'ajourholdstidspunkt erGjeldende kilde aarsak gyldighetstidspunkt opphoerstidspunkt';
const EVENT_METADATA = 'ajourholdstidspunkt kilde aarsak gyldighetstidspunkt opphoerstidspunkt';

/** Types extending `Registermetadata`: their own elements, after the metadata. */
const ELEMENT_TYPES = {
  FalskIdentitet:
    'rettIdentitetVedOpplysninger:IdentifiserendeInformasjon rettIdentitetErUkjent rettIdentitetVedIdentifikasjonsnummer erFalsk',
  Folkeregisteridentifikator: 'status foedselsEllerDNummer identifikatortype',
  Identitetsgrunnlag: 'identitetsgrunnlagstatus',
  KontaktinformasjonForDoedsbo:
    'person:PersonSomKontakt advokat:AdvokatSomKontakt organisasjon:OrganisasjonSomKontakt skifteform attestutstedelsesdato adresse:KontaktadresseForDoedsbo',
  Identifikasjonsdokument:
    'identifikasjonsdokumentnummer identifikasjonsdokumenttype utstederland utstedernavn gyldigFra gyldigTil dokumentkontroll:TekniskDokumentkontroll',
  Folkeregisterpersonstatus: 'status',
  Personidentifikasjon: 'identifikasjonsnummer identifikasjonsnummertype utstederland',
  Doedsfall: 'doedsdato',
  Sivilstand: 'sivilstand sivilstandsdato myndighet kommune sted utland relatertVedSivilstand',
  Familierelasjon:
    'relatertPerson relatertPersonUtenFolkeregisteridentifikator:RelatertBiPerson relatertPersonsRolle minRolleForPerson',
  Bostedsadresse:
    'ukjentBosted:UkjentBosted vegadresse:Vegadresse matrikkeladresse:Matrikkeladresse adresseIdentifikatorFraMatrikkelen naerAdresseIdentifikatorFraMatrikkelen adressegradering flyttedato grunnkrets stemmekrets skolekrets kirkekrets',
  DeltBosted:
    'vegadresse:Vegadresse matrikkeladresse:Matrikkeladresse ukjentBosted:UkjentBosted startdatoForKontrakt sluttdatoForKontrakt adresseIdentifikatorFraMatrikkelen naerAdresseIdentifikatorFraMatrikkelen adressegradering',
  Oppholdsadresse:
    'vegadresse:Vegadresse matrikkeladresse:Matrikkeladresse utenlandskAdresse:InternasjonalAdresse adressenErUkjent adresseIdentifikatorFraMatrikkelen adressegradering oppholdsadressedato oppholdAnnetSted',
  // adresseIdentifikatorFraMatrikkelen: event XSD only; last, so the person document has it after the rest too.
  Kontaktadresse:
    'adressegradering postboksadresse:Postboksadresse vegadresse:VegadresseForPost postadresseIFrittFormat:PostadresseIFrittFormat adresseIdentifikatorFraMatrikkelen',
  KontaktadresseIUtlandet:
    'adressegradering utenlandskAdresse:InternasjonalAdresse utenlandskAdresseIFrittFormat:InternasjonalAdresseIFrittFormat',
  GraderingAvAdresse: 'graderingsnivaa',
  PreferertKontaktadresse: 'valg adressegradering kontaktadresseIFrittFormat:AdresseIFrittFormat',
  InnflyttingTilNorge: 'fraflyttingsland fraflyttingsstedIUtlandet',
  UtflyttingFraNorge: 'tilflyttingsland tilflyttingsstedIUtlandet | utflyttingsdato',
  SametingetsValgmanntall: 'forhold | vedtaksdato',
  Personkjoenn: 'kjoenn',
  Statsborgerskap: 'statsborgerskap ervervsdato',
  Foreldreansvar:
    'ansvar ansvarssubjekt ansvarlig ansvarligOrganisasjon ansvarligUtenIdentifikator:RelatertBiPerson ansvarssubjektUtenIdentifikator:RelatertBiPerson',
  Foedsel: 'foedselsdato foedselsaar foedested foedekommuneINorge foedeland',
  Folkeregisterpersonnavn: 'fornavn mellomnavn etternavn forkortetNavn originaltNavn:Personnavn',
  FoedselINorge: 'foedselsinstitusjonsnavn rekkefoelgenummer',
  VergemaalRepresentasjonEllerFremtidsfullmakt: 'vergemaaltype embete verge:VergeRepresentantEllerFullmektig',
  Opphold: 'oppholdstillatelse oppholdFra oppholdTil',
  BibeholdAvNorskStatsborgerskap: 'bibeholdstatus datoForBibehold',
  SamiskSpraak: 'spraak',
  OppholdPaaSvalbard:
    '| antattOppholdsvarighet startdato sluttdato fraflyttingskommunenummer fraflyttingsland antallTidligereOpphold',
  RettsligHandleevne: '| rettsligHandleevneomfang',
};

/** Types without register metadata. */
const PLAIN_TYPES = {
  AdresseIFrittFormat: 'adresselinje landkode',
  IdentifiserendeInformasjon: 'personnavn:Personnavn foedselsdato statsborgerskap kjoenn',
  PersonSomKontakt: 'foedselsdato personnavn:Personnavn foedselsEllerDNummer',
  AdvokatSomKontakt: 'personnavn:Personnavn organisasjonsnavn organisasjonsnummer',
  OrganisasjonSomKontakt: 'organisasjonsnavn organisasjonsnummer kontaktpersonnavn:Personnavn',
  KontaktadresseForDoedsbo: 'adresselinje poststedsnavn postnummer landkode',
  TekniskDokumentkontroll: 'dokumentkontrollstatus dokumentkontrolltidspunkt',
  RelatertBiPerson: 'navn:Personnavn foedselsdato statsborgerskap kjoenn',
  UkjentBosted: 'bostedskommune',
  Vegadresse:
    'kommunenummer bruksenhetsnummer bruksenhetstype adressenavn adressenummer:Adressenummer adressekode adressetilleggsnavn poststed:Poststed coAdressenavn',
  Matrikkeladresse:
    'bruksenhetsnummer bruksenhetstype matrikkelnummer:Matrikkelnummer undernummer adressetilleggsnavn poststed:Poststed coAdressenavn',
  InternasjonalAdresse:
    'coAdressenavn adressenavn bygning etasjenummer boenhet postboks postkode byEllerStedsnavn distriktsnavn region landkode',
  Postboksadresse: 'postbokseier postboks poststed:Poststed',
  VegadresseForPost:
    'coAdressenavn adressenavn adressenummer:Adressenummer poststed:Poststed adressekode adressetilleggsnavn bruksenhetsnummer',
  PostadresseIFrittFormat: 'adresselinje poststed:Poststed',
  InternasjonalAdresseIFrittFormat: 'adresselinje postkode byEllerStedsnavn landkode',
  Personnavn: 'fornavn mellomnavn etternavn',
  // omfangetErInnenPersonligOmraade: event XSD only (after the person XSD's elements).
  VergeRepresentantEllerFullmektig:
    'navn:Personnavn foedselsEllerDNummer omfang omfangetErInnenPersonligOmraade | navnFoedselsdato:NavnFoedselsdato tjenesteomraade:Tjenesteomraade',
  NavnFoedselsdato: '| personnavn:Personnavn foedselsdato kjoenn statsborgerskap',
  Tjenesteomraade: '| vergeTjenestevirksomhet vergeTjenesteoppgave',
  Adressenummer: 'husnummer husbokstav',
  Poststed: 'poststedsnavn postnummer',
  Matrikkelnummer: 'kommunenummer gaardsnummer bruksnummer festenummer',
};

/** The person document's root type (XSD `Folkeregisterperson`). */
const PERSON_ROOT = {
  Folkeregisterperson:
    'falskIdentitet:FalskIdentitet identifikasjonsnummer:Folkeregisteridentifikator identitetsgrunnlag:Identitetsgrunnlag kontaktinformasjonForDoedsbo:KontaktinformasjonForDoedsbo legitimasjonsdokument:Identifikasjonsdokument status:Folkeregisterpersonstatus utlendingsmyndighetenesIdentifikasjonsnummer:Personidentifikasjon utenlandskPersonidentifikasjon:Personidentifikasjon doedsfall:Doedsfall sivilstand:Sivilstand familierelasjon:Familierelasjon bostedsadresse:Bostedsadresse deltBosted:DeltBosted oppholdsadresse:Oppholdsadresse postadresse:Kontaktadresse postadresseIUtlandet:KontaktadresseIUtlandet adressebeskyttelse:GraderingAvAdresse preferertKontaktadresse:PreferertKontaktadresse innflytting:InnflyttingTilNorge utflytting:UtflyttingFraNorge forholdTilSametingetsValgmanntall:SametingetsValgmanntall kjoenn:Personkjoenn statsborgerskap:Statsborgerskap foreldreansvar:Foreldreansvar foedsel:Foedsel navn:Folkeregisterpersonnavn foedselINorge:FoedselINorge vergemaalEllerFremtidsfullmakt:VergemaalRepresentasjonEllerFremtidsfullmakt opphold:Opphold bibehold:BibeholdAvNorskStatsborgerskap brukAvSamiskSpraak:SamiskSpraak | oppholdPaaSvalbard:OppholdPaaSvalbard rettsligHandleevne:RettsligHandleevne',
};

/**
 * The event document's own types (XSD `DokumentForHendelse`, `Hendelse`, `Registerdata`). The element-named
 * properties of `Registerdata` are one `xsd:choice`; the value elements the event XSD lacks follow
 * `entitetsendring`, like every later addition.
 */
const EVENT_ROOT = {
  DokumentForHendelse: 'dokumentidentifikator skjemaversjon hendelse:Hendelse',
  Hendelse: 'folkeregisteridentifikator hendelsestype ajourholdstidspunkt egenskapshendelse:Registerdata hendelsesaarsakIDsf',
  Registerdata:
    'falskIdentitet:FalskIdentitet identifikasjonsnummer:Folkeregisteridentifikator identitetsgrunnlag:Identitetsgrunnlag kontaktinformasjonForDoedsbo:KontaktinformasjonForDoedsbo legitimasjonsdokument:Identifikasjonsdokument utlendingsmyndighetenesIdentifikasjonsnummer:Personidentifikasjon utenlandskPersonidentifikasjon:Personidentifikasjon status:Folkeregisterpersonstatus deltBosted:DeltBosted kjoenn:Personkjoenn foedsel:Foedsel foedselINorge:FoedselINorge familierelasjon:Familierelasjon sivilstand:Sivilstand doedsfall:Doedsfall navn:Folkeregisterpersonnavn adressebeskyttelse:GraderingAvAdresse bostedsadresse:Bostedsadresse oppholdsadresse:Oppholdsadresse innflytting:InnflyttingTilNorge utflytting:UtflyttingFraNorge brukAvSamiskSpraak:SamiskSpraak postadresse:Kontaktadresse postadresseIUtlandet:KontaktadresseIUtlandet foreldreansvar:Foreldreansvar statsborgerskap:Statsborgerskap bibehold:BibeholdAvNorskStatsborgerskap opphold:Opphold vergemaalEllerFremtidsfullmakt:VergemaalRepresentasjonEllerFremtidsfullmakt entitet entitetsendring | forholdTilSametingetsValgmanntall:SametingetsValgmanntall oppholdPaaSvalbard:OppholdPaaSvalbard rettsligHandleevne:RettsligHandleevne',
};

/** Event element types that differ from the person document's. */
const EVENT_ELEMENT_TYPES = {
  // The event XSD names the status `legitimasjonskontroll` (xml.ts renames the model's identitetsgrunnlagstatus).
  Identitetsgrunnlag: 'legitimasjonskontroll',
};

/** Per type: an `xsd:choice` the model leaves open, as [winning element, elements of the other branch]. */
export type XmlChoices = Readonly<Record<string, readonly [string, readonly string[]]>>;

/**
 * The XSDs allow an estate contact person either an identity number or birth date and name; the generated
 * register holds both, for the packages that may not see the number. Where the number is delivered it wins.
 */
export const XML_CHOICES: XmlChoices = {
  PersonSomKontakt: ['foedselsEllerDNummer', ['foedselsdato', 'personnavn']],
};

/** One type's fields, and which of them come after the `|` (in neither XSD). */
export interface XmlTypeOrder {
  readonly fields: readonly XmlField[];
  readonly later: ReadonlySet<string>;
}

function parse(spec: string, metadata = ''): XmlTypeOrder {
  const [known = '', later = ''] = spec.split('|');
  const names = (text: string) => text.split(' ').filter((name) => name !== '');
  const field = (name: string): XmlField => {
    const [element = name, type] = name.split(':');
    return [element, type];
  };
  return {
    fields: [...names(metadata), ...names(known), ...names(later)].map(field),
    later: new Set(names(later).map((name) => field(name)[0])),
  };
}

function orders(root: Record<string, string>, elementTypes: Record<string, string>, metadata: string) {
  const elements = Object.entries({ ...ELEMENT_TYPES, ...elementTypes }).map(([name, spec]) => [name, parse(spec, metadata)] as const);
  const plain = Object.entries({ ...PLAIN_TYPES, ...root }).map(([name, spec]) => [name, parse(spec)] as const);
  return Object.fromEntries([...elements, ...plain]) as Record<string, XmlTypeOrder>;
}

/** Every type of the person document, by XSD type name. */
export const PERSON_XML_ORDER: Readonly<Record<string, XmlTypeOrder>> = orders(PERSON_ROOT, {}, PERSON_METADATA);

/** Every type of the event document, by XSD type name (event `Identitetsgrunnlag` replaces the person one). */
export const EVENT_XML_ORDER: Readonly<Record<string, XmlTypeOrder>> = orders(EVENT_ROOT, EVENT_ELEMENT_TYPES, EVENT_METADATA);

/** Field lists only, for the writer. */
export function xmlTypes(order: Readonly<Record<string, XmlTypeOrder>>): XmlTypes {
  return Object.fromEntries(Object.entries(order).map(([name, type]) => [name, type.fields]));
}
