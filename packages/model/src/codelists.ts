/**
 * FREG code lists (kodelister) as `as const` arrays with derived union types.
 * Sources: freg-information-model.md §5 (OAS 1.5 enums, XSD-P/XSD-H, TILGJ, DOC news) and
 * freg-consumer-api.md §6.5–§6.6 (event types, event-document entities).
 */

// ---------------------------------------------------------------------------------------------
// Identity and status

/** Folkeregisterpersonstatus.status, in OAS order. `aktiv` is never recorded: it is the masked value. */
export const PERSONSTATUSER = [
  'bosatt',
  'utflyttet',
  'forsvunnet',
  'doed',
  'opphoert',
  'foedselsregistrert',
  'midlertidig',
  'inaktiv',
  'ikkeBosatt',
  'aktiv',
] as const;
export type Personstatus = (typeof PERSONSTATUSER)[number];

/** Confidential statuses, shown as {@link MASKERT_PERSONSTATUS} to packages without hjemmel (model §5.1). */
export const KONFIDENSIELLE_PERSONSTATUSER = [
  'forsvunnet',
  'foedselsregistrert',
  'midlertidig',
  'ikkeBosatt',
] as const satisfies readonly Personstatus[];
export const MASKERT_PERSONSTATUS = 'aktiv' satisfies Personstatus;

export const IDENTIFIKATORSTATUSER = ['iBruk', 'opphoert'] as const;
export type Identifikatorstatus = (typeof IDENTIFIKATORSTATUSER)[number];

export const FOLKEREGISTERIDENTIFIKATORTYPER = ['foedselsnummer', 'dNummer'] as const;
export type Folkeregisteridentifikatortype = (typeof FOLKEREGISTERIDENTIFIKATORTYPER)[number];

/** `unik` is delivered from 2027-02-01 (DOC news 2026-06-01); it is not in OAS 1.5. */
export const IDENTITETSGRUNNLAGSTATUSER = ['ingenStatus', 'ikkeKontrollert', 'kontrollert', 'unik'] as const;
export type Identitetsgrunnlagstatus = (typeof IDENTITETSGRUNNLAGSTATUSER)[number];

/** Personidentifikasjon.identifikasjonsnummertype: an open list; these are the values seen (model §5.2). */
export const KJENTE_IDENTIFIKASJONSNUMMERTYPER = [
  'utenlandskIdentifikasjonsnummer',
  'taxIdentificationNumber',
  'socialSecurityNumber',
  'utlendingsmyndighetenesIdentifikasjonsnummer',
] as const;

// ---------------------------------------------------------------------------------------------
// Person, family and relations

export const KJOENN = ['kvinne', 'mann'] as const;
export type Kjoenn = (typeof KJOENN)[number];

export const SIVILSTANDSTYPER = [
  'uoppgitt',
  'ugift',
  'gift',
  'enkeEllerEnkemann',
  'skilt',
  'separert',
  'registrertPartner',
  'separertPartner',
  'skiltPartner',
  'gjenlevendePartner',
] as const;
export type Sivilstandstype = (typeof SIVILSTANDSTYPER)[number];

/** Sivilstand.myndighet: an open list; these are the values seen (model §3.3). */
export const KJENTE_SIVILSTANDSMYNDIGHETER = ['ANSATT_I_KOMMUNE', 'DEN_NORSKE_KIRKE', 'STATSFORVALTEREN'] as const;

export const FAMILIERELASJONTYPER = [
  'mor',
  'far',
  'medmor',
  'barn',
  'soesken',
  'ektefelleEllerPartner',
  'doedfoedtBarn',
] as const;
export type Familierelasjontype = (typeof FAMILIERELASJONTYPER)[number];

export const FORELDREANSVARSTYPER = ['felles', 'mor', 'far', 'medmor', 'andre', 'ukjent'] as const;
export type Foreldreansvarstype = (typeof FORELDREANSVARSTYPER)[number];

export const SKIFTEFORMER = ['offentlig', 'annet'] as const;
export type Skifteform = (typeof SKIFTEFORMER)[number];

// ---------------------------------------------------------------------------------------------
// Addresses

export const ADRESSEGRADERINGER = ['ugradert', 'klientadresse', 'fortrolig', 'strengtFortrolig'] as const;
export type Adressegradering = (typeof ADRESSEGRADERINGER)[number];

export const BRUKSENHETSTYPER = [
  'bolig',
  'annetEnnBolig',
  'fritidsbolig',
  'ikkeGodkjentBolig',
  'unummerertBruksenhet',
] as const;
export type Bruksenhetstype = (typeof BRUKSENHETSTYPER)[number];

export const OPPHOLD_ANNET_STED = ['militaer', 'utenriks', 'paaSvalbard', 'pendler'] as const;
export type OppholdAnnetSted = (typeof OPPHOLD_ANNET_STED)[number];

/** PreferertKontaktadresse.valg (OAS title `Adressetype`); the element is deprecated. */
export const ADRESSETYPER = ['bostedsadresse', 'oppholdsadresse', 'postadresse', 'postadresseIUtlandet'] as const;
export type Adressetype = (typeof ADRESSETYPER)[number];

// ---------------------------------------------------------------------------------------------
// Citizenship, residence, Sami

export const OPPHOLDSTILLATELSER = ['midlertidig', 'permanent', 'opplysningMangler'] as const;
export type Oppholdstillatelse = (typeof OPPHOLDSTILLATELSER)[number];

export const BIBEHOLD = ['harBibehold', 'harIkkeLengerBibehold', 'norskStatsborgerTrengerIkkeBibehold'] as const;
export type Bibehold = (typeof BIBEHOLD)[number];

export const OPPHOLDSVARIGHETER = ['underSeksMaaneder', 'overSeksMaaneder', 'overTolvMaaneder', 'ukjent'] as const;
export type OppholdsvarighetType = (typeof OPPHOLDSVARIGHETER)[number];

export const SAMISKE_SPRAAK = ['nordsamisk', 'soersamisk', 'lulesamisk'] as const;
export type SamiskSpraakType = (typeof SAMISKE_SPRAAK)[number];

export const SAMETINGETS_VALGMANNTALL_FORHOLD = ['innmeldt', 'utmeldt', 'aldriInnmeldt'] as const;
export type ForholdTilSametingetsValgmanntall = (typeof SAMETINGETS_VALGMANNTALL_FORHOLD)[number];

/**
 * Country codes FREG adds to ISO 3166-1 (TILGJ §4.4.7; DOC news 2021-09-17). Alpha-3 everywhere except
 * foreign addresses, which use alpha-2. KS' uttrekk API uses other codes for unknown/Kosovo (model §5.3, M4).
 */
export const SPESIELLE_LANDKODER = {
  alpha3: { XUK: 'ukjent statsborgerskap', XXX: 'statsløs', XXK: 'Kosovo' },
  alpha2: { XK: 'Kosovo', YY: 'ukjent' },
} as const;

// ---------------------------------------------------------------------------------------------
// Guardianship (vergemål)

export const VERGEMAALTYPER = [
  'ensligMindreaarigAsylsoeker',
  'ensligMindreaarigFlyktning',
  'voksen',
  'midlertidigForVoksen',
  'mindreaarig',
  'midlertidigForMindreaarig',
  'forvaltningUtenforVergemaal',
  'stadfestetFremtidsfullmakt',
] as const;
export type Vergemaaltype = (typeof VERGEMAALTYPER)[number];

/** Legacy VergeRepresentantEllerFullmektig.omfang; no longer filled, replaced by `tjenesteomraade`. */
export const VERGEMAALSOMFANG = [
  'utlendingssakerPersonligeOgOekonomiskeInteresser',
  'personligeOgOekonomiskeInteresser',
  'oekonomiskeInteresser',
  'personligeInteresser',
] as const;
export type Vergemaalsomfang = (typeof VERGEMAALSOMFANG)[number];

/**
 * Guardianship offices (embete). An open list (model §5.4): the legacy Fylkesmannen codes (TILGJ 2020) and
 * the Statsforvalteren codes seen in real data since 2021, including the Nynorsk spelling `statsforvaltaren…`.
 */
export const KJENTE_EMBETER = [
  'fylkesmannenIOsloOgAkershus',
  'fylkesmannenIOestfold',
  'fylkesmannenIHedmark',
  'fylkesmannenIOppland',
  'fylkesmannenIBuskerud',
  'fylkesmannenIVestfold',
  'fylkesmannenITelemark',
  'fylkesmannenIAustOgVestAgder',
  'fylkesmannenIRogaland',
  'fylkesmannenIHordaland',
  'fylkesmannenISognOgFjordane',
  'fylkesmannenIMoereOgRomsdal',
  'fylkesmannenITroendelag',
  'fylkesmannenINordland',
  'fylkesmannenITroms',
  'fylkesmannenIFinnmark',
  'fylkesmannenIVestland',
  'fylkesmannenIVestfoldOgTelemark',
  'fylkesmannenIOsloOgViken',
  'fylkesmannenIInnlandet',
  'fylkesmannenITromsOgFinnmark',
  'fylkesmannenIAgder',
  'statsforvalterenIAgder',
  'statsforvalterenINordland',
  'statsforvalterenITroendelag',
  'statsforvalterenITromsOgFinnmark',
  'statsforvaltarenIMoereOgRomsdal',
  'statsforvaltarenIVestfoldOgTelemark',
] as const;
/** Any office code: the list is open, so the type is `string`. */
export type Embete = string;

/**
 * The 50 guardianship service areas (`tjenesteomraade`, post-1.5): virksomhet/oppgave pairs with the
 * `expired` flag, from ALT `data/guardianships.yaml` (model §5.5). Expired pairs still occur in historic and
 * some current elements. The pair `namsmannen`/`tvangsfullbyrdelseOgForliksraadet` and
 * `skatteetaten`/`innkrevingOgTvangsfullbyrdelse` are new from 2026-01-01 (ASCII spelling, M5).
 */
export const VERGE_TJENESTEOMRAADER = [
  { virksomhet: 'bank', oppgave: 'representasjonDagligbank', expired: false },
  { virksomhet: 'bank', oppgave: 'taOppLaanKreditter', expired: false },
  { virksomhet: 'forsikringsselskap', oppgave: 'forvalteForsikringsavtaler', expired: false },
  { virksomhet: 'helfo', oppgave: 'refusjonForPrivatpersoner', expired: false },
  { virksomhet: 'helfo', oppgave: 'fastlege', expired: false },
  { virksomhet: 'husbanken', oppgave: 'bostoette', expired: false },
  { virksomhet: 'husbanken', oppgave: 'startlaan', expired: false },
  { virksomhet: 'inkassoselskap', oppgave: 'forhandleOgInngaaInkassoavtaler', expired: false },
  { virksomhet: 'kartverket', oppgave: 'salgAvFastEiendomBorettslagsandel', expired: false },
  { virksomhet: 'kartverket', oppgave: 'kjoepAvEiendom', expired: false },
  { virksomhet: 'kartverket', oppgave: 'arvPrivatSkifteOgUskifte', expired: false },
  { virksomhet: 'kartverket', oppgave: 'endringAvEiendom', expired: false },
  { virksomhet: 'kartverket', oppgave: 'avtalerOgRettigheter', expired: false },
  { virksomhet: 'kartverket', oppgave: 'sletting', expired: false },
  { virksomhet: 'kartverket', oppgave: 'laaneopptak', expired: false },
  { virksomhet: 'kommune', oppgave: 'byggOgEiendom', expired: false },
  { virksomhet: 'kommune', oppgave: 'helseOgOmsorg', expired: false },
  { virksomhet: 'kommune', oppgave: 'skattOgAvgift', expired: false },
  { virksomhet: 'kommune', oppgave: 'sosialeTjenester', expired: false },
  { virksomhet: 'kommune', oppgave: 'skoleOgUtdanning', expired: false },
  { virksomhet: 'kredittvurderingsselskap', oppgave: 'kredittsperre', expired: false },
  { virksomhet: 'namsmannen', oppgave: 'gjeldsordning', expired: false },
  { virksomhet: 'namsmannen', oppgave: 'tvangsfullbyrdelseOgForliksraadet', expired: false },
  { virksomhet: 'nav', oppgave: 'arbeid', expired: false },
  { virksomhet: 'nav', oppgave: 'familie', expired: false },
  { virksomhet: 'nav', oppgave: 'hjelpemidler', expired: false },
  { virksomhet: 'nav', oppgave: 'pensjon', expired: false },
  { virksomhet: 'nav', oppgave: 'sosialeTjenester', expired: false },
  { virksomhet: 'pasientreiser', oppgave: 'refusjonAvPasientreiser', expired: false },
  { virksomhet: 'skatteetaten', oppgave: 'innkrevingOgTvangsfullbyrdelse', expired: false },
  { virksomhet: 'skatteetaten', oppgave: 'endrePostadresse', expired: false },
  { virksomhet: 'skatteetaten', oppgave: 'meldeFlytting', expired: false },
  { virksomhet: 'skatteetaten', oppgave: 'skatt', expired: false },
  { virksomhet: 'statsforvalter', oppgave: 'soekeOmSamtykkeTilDisposisjon', expired: false },
  { virksomhet: 'tingretten', oppgave: 'begjaereUskifte', expired: false },
  { virksomhet: 'tingretten', oppgave: 'privatSkifteAvDoedsbo', expired: false },
  { virksomhet: 'tingretten', oppgave: 'begjaereSkifteAvUskiftebo', expired: false },
  { virksomhet: 'oevrige', oppgave: 'kjoepLeieAvVarerOgTjenester', expired: false },
  { virksomhet: 'oevrige', oppgave: 'inngaaelseAvHusleiekontrakter', expired: false },
  { virksomhet: 'oevrige', oppgave: 'avslutningAvHusleiekontrakter', expired: false },
  { virksomhet: 'oevrige', oppgave: 'salgAvLoesoereAvStoerreVerdi', expired: false },
  { virksomhet: 'oevrige', oppgave: 'disponereInntekterTilAaDekkeUtgifter', expired: false },
  { virksomhet: 'namsmannen', oppgave: 'tvangsfullbyrdelse', expired: true },
  { virksomhet: 'statensInnkrevingssentral', oppgave: 'gjeldsordningOgBetalingsavtaler', expired: true },
  { virksomhet: 'statensInnkrevingssentral', oppgave: 'gjeldsordning', expired: true },
  { virksomhet: 'bank', oppgave: 'selgeAksjerOgVerdipapirer', expired: true },
  { virksomhet: 'oevrige', oppgave: 'avtalerOgRettigheter', expired: true },
  { virksomhet: 'skatteetaten', oppgave: 'innkreving', expired: true },
  { virksomhet: 'laanekassen', oppgave: 'laanOgStipend', expired: true },
  { virksomhet: 'laanekassen', oppgave: 'tilbakebetalingAvUtdanningslaan', expired: true },
] as const;
export type VergeTjenesteomraadeKode = (typeof VERGE_TJENESTEOMRAADER)[number];
export type VergeTjenestevirksomhet = VergeTjenesteomraadeKode['virksomhet'];
export type VergeTjenesteoppgave = VergeTjenesteomraadeKode['oppgave'];

/** Every virksomhet code, first-seen order (active and expired). */
export const VERGE_TJENESTEVIRKSOMHETER: readonly VergeTjenestevirksomhet[] = [
  ...new Set(VERGE_TJENESTEOMRAADER.map((entry) => entry.virksomhet)),
];
/** Every oppgave code, first-seen order; some (`sosialeTjenester`, `gjeldsordning`, …) occur under several virksomheter. */
export const VERGE_TJENESTEOPPGAVER: readonly VergeTjenesteoppgave[] = [
  ...new Set(VERGE_TJENESTEOMRAADER.map((entry) => entry.oppgave)),
];

/** The code-list entry for a virksomhet/oppgave pair, or `undefined` when the pair does not exist. */
export function vergeTjenesteomraade(virksomhet: string, oppgave: string): VergeTjenesteomraadeKode | undefined {
  return VERGE_TJENESTEOMRAADER.find((entry) => entry.virksomhet === virksomhet && entry.oppgave === oppgave);
}

// ---------------------------------------------------------------------------------------------
// Events

/**
 * Event types (`hendelsetype` in the feed, `hendelsestype` in the event document), consumer-api §6.5:
 * the OAS 1.5 enum plus the HFF-only and post-1.5 types.
 */
export const HENDELSETYPER = [
  'personErOpprettet',
  'endringIIdentifikasjonsnummer',
  'personErOppdatert',
  'personErDoed',
  'personErUtflyttet',
  'personErBosatt',
  'personErInaktiv',
  'endringIStatus',
  'endringIIdentitetsgrunnlag',
  'endringIUtenlandskPersonidentifikasjon',
  'endringIUtlendingsmyndighetenesIdentifikasjonsnummer',
  'endringILegitimasjonsdokument',
  'endringIFalskIdentitet',
  'endringIKontaktopplysningerForDoedsbo',
  'endringIDoedsfall',
  'endringIFamilierelasjon',
  'endringISivilstand',
  'endringIKontaktinformasjon',
  'endringIBostedsadresse',
  'endringIBostedsadresseUtenFlytting',
  'endringIBostedsadresseVedKommuneregulering',
  'endringIDeltBosted',
  'endringIOppholdsadresse',
  'endringIAdressebeskyttelse',
  'endringIInnflytting',
  'endringIUtflytting',
  'endringIKjoenn',
  'endringIFoedsel',
  'endringIFoedselINorge',
  'endringINavn',
  'endringIStatsborgerskap',
  'endringIForeldreansvar',
  'endringIOpphold',
  'endringIOppholdPaaSvalbard',
  'endringIBrukAvSamiskSpraak',
  'endringISametingetsValgmanntall',
  'endringIVergemaal',
  'endringIRettsligHandleevne',
  'endringIFratattRettsligHandleevne',
  'endringIPerson',
  'personErOpphoert',
  'personErReaktivert',
  'personErViderefoertSomGjeldendeVedSammenslaaing',
  'personErOpphoertSomDublett',
  'personErEndretVedSplitting',
  'personErGjenopprettetVedSplitting',
] as const;
export type Hendelsetype = (typeof HENDELSETYPER)[number];

/** Listed in HFF but not in the OAS enum; not emitted by default (consumer-api Q14). */
export const HFF_ONLY_HENDELSETYPER = [
  'personErInaktiv',
  'endringIBostedsadresseVedKommuneregulering',
] as const satisfies readonly Hendelsetype[];

/** Not in OAS 1.5: legal capacity, since 2023-11-01 (`endringIFratattRettsligHandleevne` is listed but never used). */
export const POST_1_5_HENDELSETYPER = [
  'endringIRettsligHandleevne',
  'endringIFratattRettsligHandleevne',
] as const satisfies readonly Hendelsetype[];

/**
 * Superseded event-type names and their current name (HFF changelog). The reference gives the splitting
 * rename as a suffix change (`…EtterSplitt` → `…VedSplitting`), which applies to both splitting types.
 */
export const HENDELSETYPE_RENAMES = {
  personErViderefoertVedDublett: 'personErViderefoertSomGjeldendeVedSammenslaaing',
  personErEndretEtterSplitt: 'personErEndretVedSplitting',
  personErGjenopprettetEtterSplitt: 'personErGjenopprettetVedSplitting',
  endringIUtenlandskPersonidentifikasjonsnummer: 'endringIUtenlandskPersonidentifikasjon',
  endringIKontaktinformasjonForDoedsbo: 'endringIKontaktopplysningerForDoedsbo',
  endringIBegrensningIRettsligHandleevne: 'endringIRettsligHandleevne',
} as const satisfies Record<string, Hendelsetype>;

export const ENTITETSENDRINGER = ['registrereNy', 'korrigere', 'annullere', 'korrigereHistorisk'] as const;
export type Entitetsendring = (typeof ENTITETSENDRINGER)[number];

/**
 * Registerdata.entitet (OAS title `Entitetsnavn`), consumer-api §6.6, plus `rettsligHandleevne`: not in any
 * public contract, inferred because `endringIRettsligHandleevne` events exist since 2023-11-01.
 */
export const ENTITETSNAVN = [
  'falskIdentitet',
  'identifikasjonsnummer',
  'identitetsgrunnlag',
  'utlendingsmyndighetenesIdentifikasjonsnummer',
  'legitimasjonsdokument',
  'utenlandskPersonidentifikasjon',
  'kontaktinformasjonForDoedsbo',
  'status',
  'deltBosted',
  'kjoenn',
  'foedsel',
  'foedselINorge',
  'sivilstand',
  'familierelasjon',
  'doedsfall',
  'navn',
  'adressebeskyttelse',
  'bostedsadresse',
  'oppholdsadresse',
  'innflytting',
  'utflytting',
  'brukAvSamiskSpraak',
  'forholdTilSametingetsValgmanntall',
  'kontaktadresse',
  'kontaktadresseIUtlandet',
  'foreldreansvar',
  'statsborgerskap',
  'bibehold',
  'opphold',
  'vergemaalEllerFremtidsfullmakt',
  'rettsligHandleevne',
] as const;
export type Entitetsnavn = (typeof ENTITETSNAVN)[number];

export type RegisterdataEgenskap =
  | Exclude<Entitetsnavn, 'kontaktadresse' | 'kontaktadresseIUtlandet'>
  | 'postadresse'
  | 'postadresseIUtlandet';

/**
 * The Registerdata property that carries the new value for an entitet. Identical names except the quirk
 * `kontaktadresse` → `postadresse` and `kontaktadresseIUtlandet` → `postadresseIUtlandet` (consumer-api Q5).
 */
export function registerdataEgenskap(entitet: Entitetsnavn): RegisterdataEgenskap {
  if (entitet === 'kontaktadresse') return 'postadresse';
  if (entitet === 'kontaktadresseIUtlandet') return 'postadresseIUtlandet';
  return entitet;
}

// ---------------------------------------------------------------------------------------------
// Uttrekk

/** TilpassetUttrekkJobbRequest.personstatustyper; `aktiv` covers the confidential statuses (consumer-api §7). */
export const UTTREKK_PERSONSTATUSTYPER = ['aktiv', 'bosatt', 'utflyttet', 'doed', 'inaktiv'] as const;
export type UttrekkPersonstatustype = (typeof UTTREKK_PERSONSTATUSTYPER)[number];
