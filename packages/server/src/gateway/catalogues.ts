/**
 * The configuration API's catalogues in the v3 shapes (TjenesteomradeBeskrivelse, BruksomradeBeskrivelseV2, Part,
 * Opplysning, Lovhjemmel; SPEC-konfig-v3). KS publishes the shapes but not the values (reference
 * fiks-folkeregister.md §4.3–§4.5, open question F1): every value here that is not derived from @folkeport/model is
 * a Folkeport assumption, listed in docs/gateway.md. Edit this file to change them.
 */
import {
  ADDRESS_ELEMENTS,
  PART_ALIASES,
  packageById,
  type PartAlias,
  type PersonElement,
  type RightsPackage,
} from '@folkeport/model';
import { TJENESTEOMRADER, type Bruksomrade, type Tjenesteomrade, type UpstreamPackage } from './gateway-model.js';

export interface TjenesteomradeBeskrivelse {
  navn: Tjenesteomrade;
  beskrivelse: string;
  kanHenteTaushetsbelagtInfo: boolean;
  gyldig: boolean;
}

export interface BruksomradeBeskrivelse {
  navn: Bruksomrade;
  visningsnavn: string;
  beskrivelse: string;
  leverandor: 'SKATT' | 'KS';
}

export interface Opplysning {
  navn: PersonElement;
  visningsnavn: string;
  beskrivelse?: string;
  kanHenteTaushetsbelagtInfo: boolean;
  kanVaereGradertAdresse: boolean;
}

export interface Part {
  navn: PartAlias;
  visningsnavn: string;
  kanHenteTaushetsbelagtInfo: boolean;
  kanVaereGradertAdresse: boolean;
  opplysninger: Opplysning[];
}

export interface Lovhjemmel {
  beskrivelse: string;
  omrader: Tjenesteomrade[];
  urler: string[];
}

/**
 * Folkeport assumption: the areas whose special legislation plausibly gives a hjemmel for confidential FREG data
 * (children, health and care, social services, tax and debt collection, funerals, immigration). Only roles in these
 * areas may set kanHenteTaushetsbelagtInfo (and so use «offentlig med hjemmel» upstream).
 */
const TJENESTEOMRADER_MED_HJEMMEL: ReadonlySet<Tjenesteomrade> = new Set<Tjenesteomrade>([
  'BARNEVERN',
  'HELSE',
  'GRAVFERDSMYNDIGHET',
  'OMSORG',
  'OPPVEKST',
  'SKATTEOPPKREVER',
  'SOSIAL',
  'BARNEHAGE',
  'INNFORDRING_INNKREVING',
  'INNVANDRING_OG_INTEGRERING',
  'FORELDREBETALING_SFO_BARNEHAGE',
  'HELSE_PRAKTISK_BISTAND',
]);

const TJENESTEOMRADE_BESKRIVELSER: Readonly<Record<Tjenesteomrade, string>> = {
  BARNEVERN: 'Barnevern',
  HELSE: 'Helse',
  GRAVFERDSMYNDIGHET: 'Gravferdsmyndighet',
  OMSORG: 'Omsorg',
  OPPVEKST: 'Oppvekst (skole og SFO)',
  SKATTEOPPKREVER: 'Skatteoppkrever',
  SOSIAL: 'Sosiale tjenester',
  TEKNISK: 'Tekniske tjenester',
  BARNEHAGE: 'Barnehage',
  STOTTE: 'Støtteordninger',
  INNBYGGERTJENESTER: 'Innbyggertjenester',
  NAERINGSLIV: 'Næringsliv',
  VALG: 'Valg',
  INNFORDRING_INNKREVING: 'Innfordring og innkreving',
  INNVANDRING_OG_INTEGRERING: 'Innvandring og integrering',
  SAMFUNNSSIKKERHET: 'Samfunnssikkerhet og beredskap',
  DEMOKRATI_AAPENHET: 'Demokrati og åpenhet',
  TRAFIKK_TRANSPORT: 'Trafikk og transport',
  FORELDREBETALING_SFO_BARNEHAGE: 'Foreldrebetaling for SFO og barnehage',
  HELSE_PRAKTISK_BISTAND: 'Helse – praktisk bistand',
};

export const TJENESTEOMRADE_CATALOGUE: readonly TjenesteomradeBeskrivelse[] = TJENESTEOMRADER.map((navn) => ({
  navn,
  beskrivelse: TJENESTEOMRADE_BESKRIVELSER[navn],
  kanHenteTaushetsbelagtInfo: TJENESTEOMRADER_MED_HJEMMEL.has(navn),
  gyldig: true,
}));

export function tjenesteomrade(navn: Tjenesteomrade): TjenesteomradeBeskrivelse {
  // Every Tjenesteomrade is in the catalogue (it is built from the same list).
  return TJENESTEOMRADE_CATALOGUE.find((area) => area.navn === navn) as TjenesteomradeBeskrivelse;
}

/** Leverandør is an assumption: Skatteetaten serves lookups and events; innbyggerlister are KS' own product. */
export const BRUKSOMRADE_CATALOGUE: readonly BruksomradeBeskrivelse[] = [
  {
    navn: 'SOK',
    visningsnavn: 'Søk og oppslag',
    beskrivelse: 'Oppslag, bulkoppslag og søk på personer (personer/*)',
    leverandor: 'SKATT',
  },
  {
    navn: 'INNBYGGERLISTER',
    visningsnavn: 'Innbyggerlister',
    beskrivelse: 'Uttrekk av innbyggerlister (uttrekk/*)',
    leverandor: 'KS',
  },
  {
    navn: 'HENDELSER',
    visningsnavn: 'Hendelser',
    beskrivelse: 'Hendelsesliste og hendelsesdokumenter (hendelser/*)',
    leverandor: 'SKATT',
  },
];

const MED_HJEMMEL = packageById('offentligMedHjemmel');
const UTEN_HJEMMEL = packageById('offentligUtenHjemmel');

/** Elements a role can select: everything «offentlig med hjemmel» delivers. */
export const SELECTABLE_ELEMENTS: readonly PersonElement[] = MED_HJEMMEL.elements;

/** Address elements whose value may be graded (fortrolig, strengt fortrolig, klientadresse); reference §4.6. */
export const GRADED_ADDRESS_ELEMENTS: ReadonlySet<PersonElement> = new Set(ADDRESS_ELEMENTS);

const VISNINGSNAVN: Readonly<Record<PersonElement, string>> = {
  falskIdentitet: 'Falsk identitet',
  identifikasjonsnummer: 'Fødselsnummer eller d-nummer',
  identitetsgrunnlag: 'Identitetsgrunnlag',
  kontaktinformasjonForDoedsbo: 'Kontaktinformasjon for dødsbo',
  legitimasjonsdokument: 'Legitimasjonsdokument',
  status: 'Personstatus',
  utlendingsmyndighetenesIdentifikasjonsnummer: 'Utlendingsmyndighetenes identifikasjonsnummer (DUF)',
  utenlandskPersonidentifikasjon: 'Utenlandsk personidentifikasjon',
  doedsfall: 'Dødsfall',
  sivilstand: 'Sivilstand',
  familierelasjon: 'Familierelasjon',
  bostedsadresse: 'Bostedsadresse',
  deltBosted: 'Delt bosted',
  oppholdsadresse: 'Oppholdsadresse',
  postadresse: 'Postadresse',
  postadresseIUtlandet: 'Postadresse i utlandet',
  adressebeskyttelse: 'Adressebeskyttelse',
  preferertKontaktadresse: 'Preferert kontaktadresse (utgått)',
  innflytting: 'Innflytting',
  utflytting: 'Utflytting',
  forholdTilSametingetsValgmanntall: 'Forhold til Sametingets valgmanntall',
  kjoenn: 'Kjønn',
  statsborgerskap: 'Statsborgerskap',
  foreldreansvar: 'Foreldreansvar',
  foedsel: 'Fødsel',
  navn: 'Navn',
  foedselINorge: 'Fødsel i Norge',
  vergemaalEllerFremtidsfullmakt: 'Vergemål eller fremtidsfullmakt',
  opphold: 'Opphold',
  bibehold: 'Bibehold av statsborgerskap',
  brukAvSamiskSpraak: 'Bruk av samisk språk',
  oppholdPaaSvalbard: 'Opphold på Svalbard',
  rettsligHandleevne: 'Rettslig handleevne',
};

/**
 * An opplysning is taushetsbelagt when «offentlig uten hjemmel» does not deliver it (derived from @folkeport/model;
 * it matches the list in reference §4.5 except falskIdentitet, which the package without hjemmel has received
 * since 2021-11-04).
 */
export function opplysning(navn: PersonElement): Opplysning {
  return {
    navn,
    visningsnavn: VISNINGSNAVN[navn],
    kanHenteTaushetsbelagtInfo: !UTEN_HJEMMEL.elements.includes(navn),
    kanVaereGradertAdresse: GRADED_ADDRESS_ELEMENTS.has(navn),
  };
}

const PART_VISNINGSNAVN: Readonly<Record<PartAlias, string>> = {
  'person-basis': 'Personbasis',
  historikk: 'Historiske data',
  'identitetsgrunnlag-utvidet': 'Identitetsgrunnlag utvidet',
  'relasjon-utvidet': 'Relasjon utvidet',
};

/** What a part alias covers in a package; `historikk` adds history, not elements. */
function partElements(alias: PartAlias, pkg: RightsPackage): readonly PersonElement[] {
  switch (alias) {
    case 'person-basis':
      return pkg.personBasis;
    case 'identitetsgrunnlag-utvidet':
      return pkg.identitetsgrunnlagUtvidet ?? [];
    case 'relasjon-utvidet':
      return pkg.relasjonUtvidet;
    case 'historikk':
      return [];
  }
}

/** A part as the given upstream package delivers it (the catalogue shows «offentlig med hjemmel»). */
export function part(navn: PartAlias, pakke: UpstreamPackage = 'offentligMedHjemmel'): Part {
  const opplysninger = partElements(navn, packageById(pakke)).map(opplysning);
  return {
    navn,
    visningsnavn: PART_VISNINGSNAVN[navn],
    kanHenteTaushetsbelagtInfo: opplysninger.some((o) => o.kanHenteTaushetsbelagtInfo),
    kanVaereGradertAdresse: opplysninger.some((o) => o.kanVaereGradertAdresse),
    opplysninger,
  };
}

export const PART_CATALOGUE: readonly Part[] = PART_ALIASES.map((navn) => part(navn));

export const OPPLYSNING_CATALOGUE: readonly Opplysning[] = SELECTABLE_ELEMENTS.map(opplysning);

const LOVDATA_FOLKEREGISTERLOVEN = 'https://lovdata.no/lov/2016-12-09-88';

/** A small, illustrative list (folkeregisterloven only); the real Fiks list is not published (reference §4.5). */
export const LOVHJEMMEL_CATALOGUE: readonly Lovhjemmel[] = [
  {
    beskrivelse: 'Folkeregisterloven § 10-1: utlevering av opplysninger som ikke er taushetsbelagte',
    omrader: [...TJENESTEOMRADER],
    urler: [`${LOVDATA_FOLKEREGISTERLOVEN}/§10-1`],
  },
  {
    beskrivelse: 'Folkeregisterloven § 10-2: utlevering av taushetsbelagte opplysninger med hjemmel i lov',
    omrader: TJENESTEOMRADER.filter((area) => TJENESTEOMRADER_MED_HJEMMEL.has(area)),
    urler: [`${LOVDATA_FOLKEREGISTERLOVEN}/§10-2`],
  },
];
