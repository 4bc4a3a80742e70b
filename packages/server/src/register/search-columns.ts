/**
 * What the register keeps beside each person document so that searches, extracts and statistics can
 * select persons without reading documents: the identifiers and the search columns, all derived from the
 * current document by {@link describePerson}. Only current elements (`erGjeldende: true`) count, except
 * where a column says otherwise.
 */
import type { Folkeregisterperson } from '@folkeport/model';

export interface PersonIdentifier {
  identifikator: string;
  status: 'iBruk' | 'opphoert';
  identifikatortype: 'foedselsnummer' | 'dNummer';
}

export interface PersonSearchColumns {
  /** The identifier in use: the current `iBruk` identifikasjonsnummer. */
  folkeregisteridentifikator: string;
  status: string | null;
  kjoenn: string | null;
  foedselsdato: string | null;
  foedselsaar: number | null;
  /** Year of `doedsfall.doedsdato`. */
  doedsaar: number | null;
  foedeland: string | null;
  /** Whether the person has any innflytting element, current or historic. */
  harInnflytting: boolean;
  sivilstand: string | null;
  /** Every current statsborgerskap, sorted. */
  statsborgerskap: string[];
  fornavn: string | null;
  mellomnavn: string | null;
  etternavn: string | null;
  /** Upper-case words of fornavn, mellomnavn and etternavn; a hyphenated word also gives its parts. Sorted. */
  navneord: string[];
  /** `graderingsnivaa` of the current adressebeskyttelse; `ugradert` without one. */
  adressebeskyttelse: string;
  /** Whether any current address (or the adressebeskyttelse) is graded `klientadresse`. */
  harKlientadresse: boolean;
  bosted: AddressColumns;
  opphold: AddressColumns;
  /**
   * The dwelling of the current bostedsadresse, equal for everyone living there:
   * `V|kommunenummer|adressenavn|husnummer|husbokstav|bruksenhetsnummer` for a vegadresse,
   * `M|kommunenummer|gaardsnummer|bruksnummer|festenummer|undernummer|bruksenhetsnummer` for a matrikkeladresse;
   * null for unknown residence or none.
   */
  adressenoekkel: string | null;
}

export interface AddressColumns {
  kommunenummer: string | null;
  adressenavn: string | null;
  husnummer: number | null;
  husbokstav: string | null;
  postnummer: string | null;
}

export interface PersonDescription {
  identifiers: PersonIdentifier[];
  columns: PersonSearchColumns;
}

/** Raised for a document the register cannot keep (no identifier at all). */
export class PersonDocumentError extends Error {
  override name = 'PersonDocumentError';
}

interface Element {
  erGjeldende?: boolean;
}

/** Identifiers and search columns of a person document. Pure: the same document gives the same result. */
export function describePerson(document: Folkeregisterperson): PersonDescription {
  const identifiers = identifiersOf(document);
  const currentInUse = (document.identifikasjonsnummer ?? []).find(
    (element) => element.erGjeldende === true && element.status === 'iBruk',
  );
  // A person whose every identifier has ceased (status opphoert, e.g. a merged duplicate) keeps its last one.
  const folkeregisteridentifikator =
    currentInUse?.foedselsEllerDNummer ??
    identifiers.find((identifier) => identifier.status === 'iBruk')?.identifikator ??
    identifiers.at(-1)?.identifikator;
  if (folkeregisteridentifikator === undefined) {
    throw new PersonDocumentError('the person document has no identifikasjonsnummer');
  }

  const foedsel = current(document.foedsel);
  const navn = current(document.navn);
  const bostedsadresse = current(document.bostedsadresse);
  const oppholdsadresse = current(document.oppholdsadresse);
  const adressebeskyttelse = current(document.adressebeskyttelse)?.graderingsnivaa ?? 'ugradert';
  const doedsdato = document.doedsfall?.erGjeldende === false ? undefined : document.doedsfall?.doedsdato;

  return {
    identifiers,
    columns: {
      folkeregisteridentifikator,
      status: current(document.status)?.status ?? null,
      kjoenn: current(document.kjoenn)?.kjoenn ?? null,
      foedselsdato: foedsel?.foedselsdato ?? null,
      foedselsaar: foedsel ? Number(foedsel.foedselsaar) : null,
      doedsaar: doedsdato ? Number(doedsdato.slice(0, 4)) : null,
      foedeland: foedsel?.foedeland ?? null,
      harInnflytting: (document.innflytting?.length ?? 0) > 0,
      sivilstand: current(document.sivilstand)?.sivilstand ?? null,
      statsborgerskap: citizenships(document),
      fornavn: navn?.fornavn ?? null,
      mellomnavn: navn?.mellomnavn ?? null,
      etternavn: navn?.etternavn ?? null,
      navneord: navn ? nameWords([navn.fornavn, navn.mellomnavn, navn.etternavn]) : [],
      adressebeskyttelse,
      harKlientadresse: adressebeskyttelse === 'klientadresse' || hasKlientadresse(document),
      bosted: addressColumns(
        bostedsadresse?.vegadresse,
        bostedsadresse?.matrikkeladresse,
        bostedsadresse?.ukjentBosted?.bostedskommune,
      ),
      opphold: addressColumns(oppholdsadresse?.vegadresse, oppholdsadresse?.matrikkeladresse, undefined),
      adressenoekkel: dwellingKey(bostedsadresse),
    },
  };
}

/** Every identifikasjonsnummer once; a number listed twice takes the status of its current element. */
function identifiersOf(document: Folkeregisterperson): PersonIdentifier[] {
  const identifiers: PersonIdentifier[] = [];
  const fromCurrent: boolean[] = [];
  for (const element of document.identifikasjonsnummer ?? []) {
    const { foedselsEllerDNummer: identifikator, status, identifikatortype } = element;
    const seen = identifiers.findIndex((identifier) => identifier.identifikator === identifikator);
    if (seen === -1) {
      identifiers.push({ identifikator, status, identifikatortype });
      fromCurrent.push(element.erGjeldende === true);
    } else if (!fromCurrent[seen] && element.erGjeldende === true) {
      identifiers[seen] = { identifikator, status, identifikatortype };
      fromCurrent[seen] = true;
    }
  }
  return identifiers;
}

function current<T extends Element>(elements: readonly T[] | undefined): T | undefined {
  if (elements) for (const element of elements) if (element.erGjeldende === true) return element;
  return undefined;
}

function allCurrent<T extends Element>(elements: readonly T[] | undefined): T[] {
  return (elements ?? []).filter((element) => element.erGjeldende === true);
}

function nameWords(parts: readonly (string | undefined)[]): string[] {
  const words: string[] = [];
  const add = (word: string) => {
    if (word !== '' && !words.includes(word)) words.push(word);
  };
  for (const part of parts) {
    if (part === undefined) continue;
    for (const word of part.toUpperCase().split(/\s+/)) {
      add(word);
      if (word.includes('-')) for (const piece of word.split('-')) add(piece);
    }
  }
  return words.sort();
}

type Vegadresse = NonNullable<NonNullable<Folkeregisterperson['bostedsadresse']>[number]['vegadresse']>;
type Matrikkeladresse = NonNullable<NonNullable<Folkeregisterperson['bostedsadresse']>[number]['matrikkeladresse']>;

function addressColumns(
  vegadresse: Vegadresse | undefined,
  matrikkeladresse: Matrikkeladresse | undefined,
  ukjentKommune: string | undefined,
): AddressColumns {
  const husnummer = vegadresse?.adressenummer?.husnummer;
  return {
    kommunenummer: vegadresse?.kommunenummer ?? matrikkeladresse?.matrikkelnummer.kommunenummer ?? ukjentKommune ?? null,
    adressenavn: vegadresse?.adressenavn ?? null,
    husnummer: husnummer === undefined ? null : Number(husnummer),
    husbokstav: vegadresse?.adressenummer?.husbokstav ?? null,
    postnummer: (vegadresse?.poststed ?? matrikkeladresse?.poststed)?.postnummer ?? null,
  };
}

function dwellingKey(adresse: NonNullable<Folkeregisterperson['bostedsadresse']>[number] | undefined): string | null {
  const veg = adresse?.vegadresse;
  if (veg) {
    const nummer = veg.adressenummer;
    // join writes undefined (and null) as empty text.
    return ['V', veg.kommunenummer, veg.adressenavn, nummer?.husnummer, nummer?.husbokstav, veg.bruksenhetsnummer].join('|');
  }
  const matrikkel = adresse?.matrikkeladresse;
  if (matrikkel) {
    const { kommunenummer, gaardsnummer, bruksnummer, festenummer } = matrikkel.matrikkelnummer;
    return ['M', kommunenummer, gaardsnummer, bruksnummer, festenummer, matrikkel.undernummer, matrikkel.bruksenhetsnummer].join('|');
  }
  return null;
}

function citizenships(document: Folkeregisterperson): string[] {
  const lands: string[] = [];
  for (const { statsborgerskap } of allCurrent(document.statsborgerskap)) {
    if (!lands.includes(statsborgerskap)) lands.push(statsborgerskap);
  }
  return lands.sort();
}

/** Whether any current address element is graded `klientadresse`. */
function hasKlientadresse(document: Folkeregisterperson): boolean {
  const addresses: readonly ({ erGjeldende?: boolean; adressegradering?: string }[] | undefined)[] = [
    document.bostedsadresse,
    document.oppholdsadresse,
    document.deltBosted,
    document.postadresse,
    document.postadresseIUtlandet,
    document.preferertKontaktadresse,
  ];
  return addresses.some((elements) =>
    elements?.some((element) => element.erGjeldende === true && element.adressegradering === 'klientadresse'),
  );
}
