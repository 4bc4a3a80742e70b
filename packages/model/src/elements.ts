/**
 * The top-level elements (properties) of the FREG person document, `Folkeregisterperson`.
 * Source: freg-information-model.md §1.1 (OpenAPI 1.5 plus the post-1.5 additions).
 */

/** Every top-level element, in the XML (XSD) element order, post-1.5 additions last. */
export const PERSON_ELEMENTS = [
  'falskIdentitet',
  'identifikasjonsnummer',
  'identitetsgrunnlag',
  'kontaktinformasjonForDoedsbo',
  'legitimasjonsdokument',
  'status',
  'utlendingsmyndighetenesIdentifikasjonsnummer',
  'utenlandskPersonidentifikasjon',
  'doedsfall',
  'sivilstand',
  'familierelasjon',
  'bostedsadresse',
  'deltBosted',
  'oppholdsadresse',
  'postadresse',
  'postadresseIUtlandet',
  'adressebeskyttelse',
  'preferertKontaktadresse',
  'innflytting',
  'utflytting',
  'forholdTilSametingetsValgmanntall',
  'kjoenn',
  'statsborgerskap',
  'foreldreansvar',
  'foedsel',
  'navn',
  'foedselINorge',
  'vergemaalEllerFremtidsfullmakt',
  'opphold',
  'bibehold',
  'brukAvSamiskSpraak',
  'oppholdPaaSvalbard',
  'rettsligHandleevne',
] as const;

export type PersonElement = (typeof PERSON_ELEMENTS)[number];

/** The only elements that are a single object rather than an array of current + historic values. */
export const SINGLE_OBJECT_ELEMENTS = ['doedsfall', 'falskIdentitet'] as const satisfies readonly PersonElement[];

/**
 * The address elements, each entry graded by its own `adressegradering` (ugradert, klientadresse, fortrolig,
 * strengtFortrolig); `adressebeskyttelse` is the person's protection, not an address.
 */
export const ADDRESS_ELEMENTS = [
  'bostedsadresse',
  'oppholdsadresse',
  'deltBosted',
  'postadresse',
  'postadresseIUtlandet',
  'preferertKontaktadresse',
] as const satisfies readonly PersonElement[];

/** Elements added to the model after OpenAPI 1.5 (2023-11-01): absent from `freg.yaml`. */
export const POST_1_5_ELEMENTS = ['rettsligHandleevne'] as const satisfies readonly PersonElement[];

export function isPersonElement(name: string): name is PersonElement {
  return (PERSON_ELEMENTS as readonly string[]).includes(name);
}
