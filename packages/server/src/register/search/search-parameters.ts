/**
 * The query parameters of `personer/soek` and `personer/entydigsoek` (reference freg-consumer-api.md §5, OAS
 * `personsoek` / `entydigSoek`), validated into {@link SearchCriteria}. Parameter names match
 * case-insensitively, so OAS's lower-case `utlendingsmyndighetenesidentifikasjonsnummer` and the docs'
 * camelCase both work (Q13). Unknown names, repeated values and malformed values are 400 with a FREG body;
 * messages name the parameter, never its value. Empty values count as absent.
 */
import { isValidDufNummer, isValidIdNumber } from '@folkeport/identity';
import {
  ADRESSEGRADERINGER,
  addressVisible,
  type EntydigsoekCriterion,
  type PersonElement,
  type RightsPackage,
} from '@folkeport/model';
import { FregError } from '../api/freg-error.js';
import { resolveProjection } from '../api/projection.js';
import { phoneticKey } from './phonetic.js';
import type { AddressCriterion, NameCriterion, SearchCriteria } from './search-query.js';
import { foreignIdentifier, normaliseAdressenavn, type AddressKind } from './search-rows.js';

/** FREG answers at most this many hits (reference §3.5). */
export const MAKS_TREFF = 10_000;

export const SOEK_PARAMETERS = [
  'navn',
  'kjoenn',
  'foedselsdato',
  'foedselsaarFraOgMed',
  'foedselsaarTilOgMed',
  'adressenavn',
  'husnummer',
  'postnummer',
  'kommunenummer',
  'fylkesnummer',
  'inkluderOppholdsadresse',
  'soekFonetisk',
  'inkluderDoede',
  'opplysningsgrunnlag',
  'maksTreff',
] as const;

/** The OAS spelling of each entydigsoek criterion (the lower-case long names). */
export const ENTYDIGSOEK_PARAMETER: Readonly<Record<EntydigsoekCriterion, string>> = {
  identifikasjonsnummer: 'identifikasjonsnummer',
  utenlandskPersonidentifikasjon: 'utenlandskpersonidentifikasjon',
  legitimasjonsdokument: 'legitimasjonsdokument',
  utlendingsmyndighetenesIdentifikasjonsnummer: 'utlendingsmyndighetenesidentifikasjonsnummer',
  foedselsdato: 'foedselsdato',
  navn: 'navn',
  postnummer: 'postnummer',
  adressenavn: 'adressenavn',
  husnummer: 'husnummer',
};

const ENTYDIGSOEK_OPTIONS = ['soekFonetisk', 'opplysningsgrunnlag', 'part'] as const;

/**
 * The criteria combinations that give a right to a hit (OAS `entydigSoek` description; DOC oppslag.md).
 * Further criteria narrow the search.
 */
export const ENTYDIGSOEK_COMBINATIONS: readonly (readonly EntydigsoekCriterion[])[] = [
  ['navn', 'identifikasjonsnummer'],
  ['navn', 'foedselsdato'],
  ['navn', 'adressenavn', 'husnummer'],
  ['navn', 'adressenavn', 'postnummer'],
  ['navn', 'postnummer'],
  ['navn', 'utenlandskPersonidentifikasjon'],
  ['navn', 'legitimasjonsdokument'],
  ['navn', 'utlendingsmyndighetenesIdentifikasjonsnummer'],
  ['foedselsdato', 'legitimasjonsdokument'],
  ['foedselsdato', 'utenlandskPersonidentifikasjon'],
];

export interface SoekRequest {
  criteria: SearchCriteria;
  maksTreff: number;
  /** The parameter names given, for the audit log. */
  used: string[];
}

export interface EntydigsoekRequest {
  criteria: SearchCriteria;
  parts: string[];
  used: string[];
}

type RawQuery = Record<string, string | string[] | undefined>;

/** The given parameters by canonical name; unknown and repeated names rejected, empty values dropped. */
function readParameters(raw: RawQuery, names: readonly string[], repeatable: readonly string[] = []) {
  const canonical = new Map(names.map((name) => [name.toLowerCase(), name]));
  const values = new Map<string, string[]>();
  for (const [key, value] of Object.entries(raw)) {
    const name = canonical.get(key.toLowerCase());
    if (name === undefined) {
      throw new FregError(400, `Ukjent parameter «${key}». Gyldige parametere er ${names.join(', ')}.`);
    }
    const list = (Array.isArray(value) ? value : [value ?? '']).map((v) => v.trim()).filter((v) => v !== '');
    const all = [...(values.get(name) ?? []), ...list];
    if (all.length > 1 && !repeatable.includes(name)) {
      throw new FregError(400, `Parameteren ${name} kan bare oppgis én gang.`);
    }
    if (all.length > 0) values.set(name, all);
  }
  return {
    has: (name: string) => values.has(name),
    one: (name: string) => values.get(name)?.[0],
    all: (name: string) => values.get(name) ?? [],
    names: () => [...values.keys()],
  };
}

type Parameters = ReturnType<typeof readParameters>;

function invalid(name: string, rule: string): FregError {
  return new FregError(400, `Ugyldig verdi for ${name}: ${rule}.`);
}

function matching(p: Parameters, name: string, pattern: RegExp, rule: string): string | undefined {
  const value = p.one(name);
  if (value !== undefined && !pattern.test(value)) throw invalid(name, rule);
  return value;
}

function flag(p: Parameters, name: string): boolean {
  const value = matching(p, name, /^(true|false)$/i, 'true eller false');
  return value?.toLowerCase() === 'true';
}

/** `YYYYMMDD` → `YYYY-MM-DD`, a real calendar date. */
function date(p: Parameters, name: string): string | undefined {
  const value = matching(p, name, /^[0-9]{8}$/, 'en dato på formen ÅÅÅÅMMDD');
  if (value === undefined) return undefined;
  const iso = `${value.slice(0, 4)}-${value.slice(4, 6)}-${value.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso) {
    throw invalid(name, 'en dato på formen ÅÅÅÅMMDD');
  }
  return iso;
}

function year(p: Parameters, name: string): number | undefined {
  const value = matching(p, name, /^[0-9]{4}$/, 'et årstall med fire sifre');
  return value === undefined ? undefined : Number(value);
}

function historic(p: Parameters): boolean {
  const value = matching(p, 'opplysningsgrunnlag', /^(gjeldende|historisk)$/i, 'gjeldende eller historisk');
  return value?.toLowerCase() === 'historisk';
}

/**
 * Letters (any script), combining marks, hyphen, apostrophe and full stop. Fiks' copy of the search forbids
 * `@ { } [ ] # ! $ & ( ) ,` in names (reference fiks-folkeregister.md §5.1); digits are no part of a name either.
 */
const NAME = /^[\p{L}\p{M}'’.\- ]+$/u;

/** The distinct upper-case words of `navn`; at least `minimum`, each with a letter. */
function nameWordsOf(p: Parameters, minimum: number): string[] | undefined {
  const value = p.one('navn');
  if (value === undefined) return undefined;
  const words = [...new Set(value.normalize('NFC').toUpperCase().split(/\s+/))];
  if (value.length > 300 || !NAME.test(value) || words.some((word) => !/\p{L}/u.test(word))) {
    throw invalid('navn', 'hele ord fra personnavnet (bokstaver, bindestrek, apostrof), skilt med mellomrom');
  }
  if (words.length < minimum) {
    throw invalid('navn', 'minst fornavn og etternavn, skilt med mellomrom');
  }
  return words;
}

function nameCriterion(words: readonly string[], phonetic: boolean, historic: boolean, positional: boolean): NameCriterion {
  const keyed = phonetic ? words.map(phoneticKey) : [...words];
  const first = keyed[0] as string;
  const last = keyed.at(-1) as string;
  return {
    words: [...new Set(keyed)],
    phonetic,
    historic,
    positional: positional ? { first, last } : undefined,
  };
}

/** `12`, `12B` or `12 b`: the number and its letter (or null: the address must have none). */
function husnummer(p: Parameters): AddressCriterion['husnummer'] {
  const value = p.one('husnummer');
  if (value === undefined) return undefined;
  const match = /^([0-9]{1,4})\s?([\p{L}])?$/u.exec(value);
  const nummer = Number(match?.[1]);
  if (!match || nummer < 1) throw invalid('husnummer', 'et husnummer, med eller uten bokstav (f.eks. 12 eller 12B)');
  return { nummer, bokstav: match[2]?.toUpperCase() ?? null };
}

const STREET = /^[\p{L}\p{M}\p{N}'’.\-/ ]+$/u;

function adressenavn(p: Parameters): string | undefined {
  const value = p.one('adressenavn');
  if (value === undefined) return undefined;
  const normalised = normaliseAdressenavn(value);
  if (!STREET.test(normalised) || [...normalised].length < 3 || normalised.length > 200) {
    throw invalid('adressenavn', 'gatenavnet, eller minst 3 tegn fra begynnelsen av det');
  }
  return normalised;
}

/** The gradings of the addresses the package may see: an address search never reveals a hidden address. */
function visibleGraderinger(pkg: RightsPackage): string[] {
  return ADRESSEGRADERINGER.filter((gradering) => addressVisible(pkg, gradering));
}

/** Historic values match only for elements whose history the package receives. */
function historyOf(pkg: RightsPackage, element: PersonElement, asked: boolean): boolean {
  return asked && pkg.historyElements.includes(element);
}

export function parseSoek(raw: RawQuery, pkg: RightsPackage): SoekRequest {
  const p = readParameters(raw, SOEK_PARAMETERS);
  const used = p.names().filter((name) => name !== 'maksTreff');
  const maksTreffText = matching(p, 'maksTreff', /^[0-9]{1,6}$/, `et heltall fra 1 til ${MAKS_TREFF}`);
  const maksTreff = maksTreffText === undefined ? MAKS_TREFF : Number(maksTreffText);
  if (maksTreff < 1 || maksTreff > MAKS_TREFF) throw invalid('maksTreff', `et heltall fra 1 til ${MAKS_TREFF}`);

  const askedHistoric = historic(p);
  const phonetic = flag(p, 'soekFonetisk');
  const words = nameWordsOf(p, 1);
  const kjoenn = matching(p, 'kjoenn', /^(mann|kvinne)$/i, 'mann eller kvinne')?.toLowerCase();
  const fra = year(p, 'foedselsaarFraOgMed');
  const til = year(p, 'foedselsaarTilOgMed');
  if (fra !== undefined && til !== undefined && fra > til) {
    throw new FregError(400, 'foedselsaarFraOgMed kan ikke være senere enn foedselsaarTilOgMed.');
  }
  const address: Omit<AddressCriterion, 'kinds' | 'historic' | 'graderinger'> = {
    adressenavn: adressenavn(p),
    husnummer: husnummer(p),
    postnummer: matching(p, 'postnummer', /^[0-9]{4}$/, 'fire sifre'),
    kommunenummer: matching(p, 'kommunenummer', /^[0-9]{4}$/, 'fire sifre'),
    fylkesnummer: matching(p, 'fylkesnummer', /^[0-9]{2}$/, 'to sifre'),
  };
  const kinds: AddressKind[] = flag(p, 'inkluderOppholdsadresse') ? ['bosted', 'opphold'] : ['bosted'];

  const criteria: SearchCriteria = {
    svalbardOnly: pkg.population === 'svalbard',
    inkluderDoede: flag(p, 'inkluderDoede'),
    kjoenn,
    foedselsdato: date(p, 'foedselsdato'),
    foedselsaarFraOgMed: fra,
    foedselsaarTilOgMed: til,
    identities: [],
    navn: words && nameCriterion(words, phonetic, historyOf(pkg, 'navn', askedHistoric), false),
    address: Object.values(address).some((value) => value !== undefined)
      ? { ...address, kinds, historic: historyOf(pkg, 'bostedsadresse', askedHistoric), graderinger: visibleGraderinger(pkg) }
      : undefined,
  };
  const searching = criteria.navn ?? criteria.address ?? kjoenn ?? criteria.foedselsdato ?? fra ?? til;
  if (searching === undefined) {
    throw new FregError(
      400,
      'Oppgi minst ett søkekriterium: navn, kjoenn, foedselsdato, foedselsaarFraOgMed, foedselsaarTilOgMed, ' +
        'adressenavn, husnummer, postnummer, kommunenummer eller fylkesnummer.',
    );
  }
  return { criteria, maksTreff, used };
}

export function parseEntydigsoek(raw: RawQuery, pkg: RightsPackage): EntydigsoekRequest {
  const criterionNames = Object.values(ENTYDIGSOEK_PARAMETER);
  const p = readParameters(raw, [...criterionNames, ...ENTYDIGSOEK_OPTIONS], ['part']);
  const given = (Object.keys(ENTYDIGSOEK_PARAMETER) as EntydigsoekCriterion[]).filter((c) => p.has(ENTYDIGSOEK_PARAMETER[c]));
  for (const criterion of given) {
    if (!pkg.entydigsoekCriteria.includes(criterion)) {
      throw new FregError(400, `Søkekriteriet ${ENTYDIGSOEK_PARAMETER[criterion]} er ikke tilgjengelig i rettighetspakken ${pkg.name}.`);
    }
  }
  const parts = p.all('part');
  resolveProjection(pkg, parts);

  const askedHistoric = historic(p);
  const words = nameWordsOf(p, 2);
  const identifikasjonsnummer = p.one('identifikasjonsnummer');
  if (identifikasjonsnummer !== undefined && !isValidIdNumber(identifikasjonsnummer)) {
    throw invalid('identifikasjonsnummer', 'et gyldig fødsels- eller d-nummer med 11 sifre');
  }
  const foreign = (name: string) =>
    matching(p, name, /^[A-Za-z]{3}-[\p{L}\p{N}\-/ ]{1,50}$/u, 'landkode (ISO 3166 alfa-3), bindestrek og nummer, f.eks. AFG-1458-4555');
  const utenlandsk = foreign('utenlandskpersonidentifikasjon');
  const legitimasjon = foreign('legitimasjonsdokument');
  const duf = p.one('utlendingsmyndighetenesidentifikasjonsnummer');
  if (duf !== undefined && !isValidDufNummer(duf)) {
    throw invalid('utlendingsmyndighetenesidentifikasjonsnummer', 'et DUF-nummer med 12 sifre');
  }
  const address: Omit<AddressCriterion, 'kinds' | 'historic' | 'graderinger'> = {
    adressenavn: adressenavn(p),
    husnummer: husnummer(p),
    postnummer: matching(p, 'postnummer', /^[0-9]{4}$/, 'fire sifre'),
  };

  const legal = ENTYDIGSOEK_COMBINATIONS.some((combination) => combination.every((c) => given.includes(c)));
  if (!legal) {
    const offered = ENTYDIGSOEK_COMBINATIONS.filter((combination) => combination.every((c) => pkg.entydigsoekCriteria.includes(c)));
    throw new FregError(
      400,
      'Søkekriteriene identifiserer ikke personen entydig. Oppgi minst en av kombinasjonene ' +
        `${offered.map((combination) => `(${combination.map((c) => ENTYDIGSOEK_PARAMETER[c]).join(' + ')})`).join(', ')}.`,
    );
  }

  const criteria: SearchCriteria = {
    svalbardOnly: pkg.population === 'svalbard',
    // Dead persons are found: entydigsoek has no inkluderDoede, and a dødsbo is looked up this way.
    inkluderDoede: true,
    foedselsdato: date(p, 'foedselsdato'),
    identifikasjonsnummer,
    identities: [
      ...(utenlandsk === undefined ? [] : [{ kind: 'utenlandsk' as const, verdi: foreignIdentifier(utenlandsk.slice(0, 3), utenlandsk.slice(4)) }]),
      ...(legitimasjon === undefined ? [] : [{ kind: 'legitimasjon' as const, verdi: foreignIdentifier(legitimasjon.slice(0, 3), legitimasjon.slice(4)) }]),
      ...(duf === undefined ? [] : [{ kind: 'duf' as const, verdi: duf }]),
    ],
    navn: words && nameCriterion(words, flag(p, 'soekFonetisk'), historyOf(pkg, 'navn', askedHistoric), true),
    address: Object.values(address).some((value) => value !== undefined)
      ? {
          ...address,
          // No inkluderOppholdsadresse here: a person living at an oppholdsadresse only is found by it too.
          kinds: ['bosted', 'opphold'],
          historic: historyOf(pkg, 'bostedsadresse', askedHistoric),
          graderinger: visibleGraderinger(pkg),
        }
      : undefined,
  };
  const used = [...given.map((c) => ENTYDIGSOEK_PARAMETER[c]), ...ENTYDIGSOEK_OPTIONS.filter((o) => o !== 'part' && p.has(o))];
  return { criteria, parts, used };
}
