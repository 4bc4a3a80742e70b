/**
 * What the search read model keeps of one person document (see search-schema.ts). Pure: the same document
 * gives the same rows.
 */
import { packageById, type Folkeregisterperson } from '@folkeport/model';
import { packageCovers } from '../api/projection.js';
import { phoneticKey } from './phonetic.js';

export interface PersonRow {
  folkeregisteridentifikator: string;
  status: string | null;
  kjoenn: string | null;
  /** `YYYY-MM-DD` */
  foedselsdato: string | null;
  foedselsaar: number | null;
  doed: boolean;
  /** In the Svalbard register's population. */
  svalbard: boolean;
}

export interface NameRow {
  element: number;
  gjeldende: boolean;
  fornavn: string[];
  etternavn: string[];
  /** The words of fornavn, mellomnavn and etternavn. */
  ord: string[];
  fornavnFonetisk: string[];
  etternavnFonetisk: string[];
  ordFonetisk: string[];
}

export type AddressKind = 'bosted' | 'opphold';

export interface AddressRow {
  element: number;
  kind: AddressKind;
  gjeldende: boolean;
  /** The stricter of the address's own `adressegradering` and the person's `adressebeskyttelse`. */
  gradering: string;
  adressenavn: string | null;
  husnummer: number | null;
  husbokstav: string | null;
  postnummer: string | null;
  kommunenummer: string | null;
}

export type IdentityKind = 'utenlandsk' | 'legitimasjon' | 'duf';

export interface IdentityRow {
  kind: IdentityKind;
  verdi: string;
}

export interface SearchRows {
  person: PersonRow;
  names: NameRow[];
  addresses: AddressRow[];
  identities: IdentityRow[];
}

/**
 * The whole words of a name or a query, upper-case: split on white space; a hyphenated word also gives its
 * parts (as the register's `navneord` does). Duplicates removed, first occurrence kept.
 */
export function nameWords(text: string): string[] {
  const words: string[] = [];
  const add = (word: string) => {
    if (word !== '' && !words.includes(word)) words.push(word);
  };
  for (const word of text.normalize('NFC').toUpperCase().split(/\s+/)) {
    add(word);
    if (word.includes('-')) for (const piece of word.split('-')) add(piece);
  }
  return words;
}

/** Distinct phonetic keys of words, empty keys left out. */
export function phoneticKeys(words: readonly string[]): string[] {
  return [...new Set(words.map(phoneticKey).filter((key) => key !== ''))];
}

/** Upper-case, single-spaced street name, as stored and as matched. */
export function normaliseAdressenavn(text: string): string {
  return text.normalize('NFC').toUpperCase().trim().replace(/\s+/g, ' ');
}

/** `<landkode>-<nummer>` as FREG writes foreign identifiers in entydigsoek (e.g. `AFG-1458-4555`). */
export function foreignIdentifier(landkode: string, nummer: string): string {
  return `${landkode}-${nummer}`.toUpperCase().replace(/\s+/g, '');
}

const GRADERING_ORDER = ['ugradert', 'klientadresse', 'fortrolig', 'strengtFortrolig'];

function stricter(a: string, b: string): string {
  return GRADERING_ORDER.indexOf(a) >= GRADERING_ORDER.indexOf(b) ? a : b;
}

function current<T extends { erGjeldende?: boolean }>(elements: readonly T[] | undefined): T | undefined {
  return elements?.find((element) => element.erGjeldende === true);
}

const SVALBARDREGISTER = packageById('svalbardregister');

export function searchRows(document: Folkeregisterperson, folkeregisteridentifikator: string): SearchRows {
  const foedsel = current(document.foedsel);
  const status = current(document.status)?.status ?? null;
  const doedsfall = document.doedsfall !== undefined && document.doedsfall.erGjeldende !== false;
  const beskyttelse = current(document.adressebeskyttelse)?.graderingsnivaa ?? 'ugradert';
  const addresses = addressRows(document, beskyttelse);
  return {
    person: {
      folkeregisteridentifikator,
      status,
      kjoenn: current(document.kjoenn)?.kjoenn ?? null,
      foedselsdato: /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(foedsel?.foedselsdato ?? '') ? (foedsel?.foedselsdato ?? null) : null,
      foedselsaar: /^[0-9]{4}$/.test(foedsel?.foedselsaar ?? '') ? Number(foedsel?.foedselsaar) : null,
      doed: status === 'doed' || doedsfall,
      svalbard: packageCovers(SVALBARDREGISTER, document),
    },
    names: (document.navn ?? []).map((navn, element) => {
      // Read defensively: one malformed document must not stop the index.
      const fornavn = nameWords(navn.fornavn ?? '');
      const etternavn = nameWords(navn.etternavn ?? '');
      const ord = nameWords([navn.fornavn, navn.mellomnavn, navn.etternavn].filter((part) => part !== undefined).join(' '));
      return {
        element,
        gjeldende: navn.erGjeldende === true,
        fornavn,
        etternavn,
        ord,
        fornavnFonetisk: phoneticKeys(fornavn),
        etternavnFonetisk: phoneticKeys(etternavn),
        ordFonetisk: phoneticKeys(ord),
      };
    }),
    addresses,
    identities: identityRows(document),
  };
}

type Vegadresse = NonNullable<NonNullable<Folkeregisterperson['bostedsadresse']>[number]['vegadresse']>;
type Matrikkeladresse = NonNullable<NonNullable<Folkeregisterperson['bostedsadresse']>[number]['matrikkeladresse']>;

interface AddressElement {
  erGjeldende?: boolean;
  adressegradering?: string;
  vegadresse?: Vegadresse;
  matrikkeladresse?: Matrikkeladresse;
  ukjentBosted?: { bostedskommune?: string };
}

function addressRows(document: Folkeregisterperson, beskyttelse: string): AddressRow[] {
  const rows: AddressRow[] = [];
  const add = (kind: AddressKind, elements: readonly AddressElement[] | undefined) => {
    for (const element of elements ?? []) {
      const veg = element.vegadresse;
      const matrikkel = element.matrikkeladresse;
      const kommunenummer =
        veg?.kommunenummer ?? matrikkel?.matrikkelnummer.kommunenummer ?? element.ukjentBosted?.bostedskommune ?? null;
      const husnummer = veg?.adressenummer?.husnummer;
      // Foreign and unknown addresses without a kommune have nothing to match.
      if (kommunenummer === null) continue;
      rows.push({
        element: rows.length,
        kind,
        gjeldende: element.erGjeldende === true,
        gradering: stricter(element.adressegradering ?? 'ugradert', beskyttelse),
        adressenavn: veg?.adressenavn ? normaliseAdressenavn(veg.adressenavn) : null,
        husnummer: /^[0-9]{1,4}$/.test(husnummer ?? '') ? Number(husnummer) : null,
        husbokstav: veg?.adressenummer?.husbokstav?.toUpperCase() ?? null,
        postnummer: (veg?.poststed ?? matrikkel?.poststed)?.postnummer ?? null,
        kommunenummer,
      });
    }
  };
  add('bosted', document.bostedsadresse);
  add('opphold', document.oppholdsadresse);
  return rows;
}

function identityRows(document: Folkeregisterperson): IdentityRow[] {
  const rows: IdentityRow[] = [];
  const add = (kind: IdentityKind, verdi: string) => {
    if (!rows.some((row) => row.kind === kind && row.verdi === verdi)) rows.push({ kind, verdi });
  };
  for (const id of document.utenlandskPersonidentifikasjon ?? []) {
    if (id.erGjeldende === true && id.utstederland && id.identifikasjonsnummer) {
      add('utenlandsk', foreignIdentifier(id.utstederland, id.identifikasjonsnummer));
    }
  }
  for (const dokument of document.legitimasjonsdokument ?? []) {
    const nummer = dokument.identifikasjonsdokumentnummer;
    if (dokument.erGjeldende === true && dokument.utstederland && nummer) {
      add('legitimasjon', foreignIdentifier(dokument.utstederland, nummer));
    }
  }
  for (const duf of document.utlendingsmyndighetenesIdentifikasjonsnummer ?? []) {
    if (duf.erGjeldende === true && duf.identifikasjonsnummer) add('duf', duf.identifikasjonsnummer.replace(/\s+/g, ''));
  }
  return rows;
}
