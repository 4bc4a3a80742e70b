/**
 * Data minimisation: what one rettighetspakke may see of a stored person document, for the `part` values of a
 * request (reference freg-consumer-api.md §8, §9; the rules as data in @folkeport/model's RIGHTS_PACKAGES).
 * docs/register-persons.md lists the rules as implemented. Elements and entries the projection does not change
 * are shared with the stored document, not copied: treat both as read-only.
 */
import { analyseIdNumber } from '@folkeport/identity';
import {
  ADDRESS_ELEMENTS,
  Folkeregisterperson as FolkeregisterpersonSchema,
  PERSON_ELEMENTS,
  STRIPPED_METADATA_FIELDS,
  addressVisible,
  resolvePart,
  visibleStatus,
  type Adressegradering,
  type Folkeregisterperson,
  type PersonElement,
  type Personstatus,
  type RightsPackage,
} from '@folkeport/model';
import { FregError } from './freg-error.js';

/** Any element entry, read loosely: the rules below only touch a few known fields. */
type Entry = Record<string, unknown> & { erGjeldende?: boolean };

const ADDRESSES: ReadonlySet<PersonElement> = new Set(ADDRESS_ELEMENTS);

/** The fields of inn-/utflytting that only packages with `protectedMigrationDetail` see for protected persons. */
const MIGRATION_DETAIL: Partial<Record<PersonElement, readonly string[]>> = {
  innflytting: ['fraflyttingsland', 'fraflyttingsstedIUtlandet'],
  utflytting: ['tilflyttingsland', 'tilflyttingsstedIUtlandet', 'utflyttingsdato'],
};

const VERGEMAAL_DETAIL = ['tjenesteomraade', 'omfang', 'omfangetErInnenPersonligOmraade'] as const;

/**
 * Top-level properties in the order of real JSON responses (the schema's order; model §1.2). The XML
 * serialiser orders by the XSD itself.
 */
const JSON_ORDER = Object.keys(FolkeregisterpersonSchema.properties) as PersonElement[];

/** Svalbard's fylkesnummer: bostedsadresser there belong to the Svalbard register. */
const SVALBARD_FYLKE = '21';

/**
 * Whether the package covers the person at all. BRSV (`population: 'svalbard'`) covers persons with a current
 * `oppholdPaaSvalbard` or a current bostedsadresse on Svalbard; to it every other person is unknown.
 */
export function packageCovers(pkg: RightsPackage, document: Folkeregisterperson): boolean {
  if (pkg.population === 'alle') return true;
  if (document.oppholdPaaSvalbard?.some((entry) => entry.erGjeldende === true)) return true;
  const bosted = document.bostedsadresse?.find((entry) => entry.erGjeldende === true);
  const kommune =
    bosted?.vegadresse?.kommunenummer ??
    bosted?.matrikkeladresse?.matrikkelnummer.kommunenummer ??
    bosted?.ukjentBosted?.bostedskommune;
  return kommune?.startsWith(SVALBARD_FYLKE) === true;
}

/** A resolved request: which elements to deliver, in wire order, and for which historic values are kept. */
export interface Projection {
  readonly pkg: RightsPackage;
  /** In JSON wire order. */
  readonly elements: readonly { readonly name: PersonElement; readonly history: boolean }[];
}

const projections = new Map<string, Projection>();
const MAX_CACHED_PROJECTIONS = 1_000;

/**
 * Resolves `part` for the package once (cached), or throws FregError 400 with resolvePart's Norwegian message.
 * Routes call it before reading the register, so a bad `part` is a 400 whatever the identifiers are.
 */
export function resolveProjection(pkg: RightsPackage, parts: readonly string[]): Projection {
  const key = `${pkg.id}\u0000${parts.join('\u0000')}`;
  const cached = projections.get(key);
  if (cached) return cached;
  const resolved = resolvePart(pkg, parts);
  if (!resolved.ok) throw new FregError(400, resolved.error.message);
  const chosen = new Set<PersonElement>(resolved.elements);
  const history = new Set<PersonElement>(resolved.historyElements);
  const projection: Projection = {
    pkg,
    elements: JSON_ORDER.filter((name) => chosen.has(name)).map((name) => ({ name, history: history.has(name) })),
  };
  if (projections.size >= MAX_CACHED_PROJECTIONS) projections.clear(); // bounded: `part` values come from callers
  projections.set(key, projection);
  return projection;
}

/**
 * The document as the package may see it for these `part` values, and the names of the elements it
 * contains (PERSON_ELEMENTS order, for the audit log). Throws FregError 400 for an invalid `part`.
 */
export function projectPerson(
  document: Folkeregisterperson,
  pkg: RightsPackage,
  parts: readonly string[],
): { document: Folkeregisterperson; elements: string[] } {
  return applyProjection(document, resolveProjection(pkg, parts));
}

function applyProjection(
  document: Folkeregisterperson,
  projection: Projection,
): { document: Folkeregisterperson; elements: string[] } {
  const person = new PersonRules(document, projection.pkg);
  const result: Record<string, unknown> = {};
  const present = new Set<PersonElement>();
  for (const { name, history } of projection.elements) {
    const value = (document as Record<string, unknown>)[name];
    if (value === undefined) continue;
    const projected = Array.isArray(value)
      ? person.entries(name, value as Entry[], history)
      : person.single(name, value as Entry, history);
    if (projected === undefined) continue;
    result[name] = projected;
    present.add(name);
  }
  return {
    document: result as Folkeregisterperson,
    elements: PERSON_ELEMENTS.filter((name) => present.has(name)),
  };
}

/** The package's rules applied to one person (whose protection level decides some of them). */
class PersonRules {
  private readonly protection: Adressegradering | undefined;

  constructor(
    document: Folkeregisterperson,
    private readonly pkg: RightsPackage,
  ) {
    const current = document.adressebeskyttelse?.find((entry) => entry.erGjeldende === true)?.graderingsnivaa;
    this.protection = current === 'fortrolig' || current === 'strengtFortrolig' ? current : undefined;
  }

  /** The visible entries of an array element, or undefined when none remain. */
  entries(name: PersonElement, entries: readonly Entry[], history: boolean): Entry[] | undefined {
    if (!this.elementVisible(name)) return undefined;
    const address = ADDRESSES.has(name);
    const result: Entry[] = [];
    for (const entry of entries) {
      if (entry.erGjeldende === false && !history) continue;
      if (address && !addressVisible(this.pkg, entry.adressegradering as Adressegradering | undefined)) continue;
      result.push(this.entry(name, entry));
    }
    return result.length > 0 ? result : undefined;
  }

  /** `doedsfall` and `falskIdentitet`, the two single-object elements. */
  single(name: PersonElement, entry: Entry, history: boolean): Entry | undefined {
    if (entry.erGjeldende === false && !history) return undefined;
    return this.entry(name, entry);
  }

  /** Whole elements a person's protection hides from the package. */
  private elementVisible(name: PersonElement): boolean {
    if (this.protection !== 'strengtFortrolig') return true;
    // No address data for strengtFortrolig persons in any package except the open (ungraded) postadresse that
    // stands in for everyone (reference §9.3; its graded entries are dropped per entry); their moves are shared
    // only with the packages that get migration detail for protected persons.
    if (ADDRESSES.has(name)) return name === 'postadresse';
    return !(name in MIGRATION_DETAIL) || this.pkg.protectedMigrationDetail;
  }

  /** One entry with the package's field rules applied; the stored entry itself when nothing changes. */
  private entry(name: PersonElement, entry: Entry): Entry {
    let result = this.pkg.stripsMetadata ? without(entry, STRIPPED_METADATA_FIELDS) : entry;
    switch (name) {
      case 'status': {
        const status = visibleStatus(this.pkg, entry.status as Personstatus);
        if (status !== entry.status) result = { ...result, status };
        break;
      }
      case 'sivilstand':
        if (!this.pkg.spouseReference) result = without(result, ['relatertVedSivilstand']);
        break;
      case 'vergemaalEllerFremtidsfullmakt':
        result = this.vergemaal(result);
        break;
      case 'kontaktinformasjonForDoedsbo':
        result = this.doedsbo(result);
        break;
      case 'innflytting':
      case 'utflytting':
        if (this.protection !== undefined && !this.pkg.protectedMigrationDetail) {
          result = without(result, MIGRATION_DETAIL[name] ?? []);
        }
        break;
      default:
        break;
    }
    return result;
  }

  private vergemaal(entry: Entry): Entry {
    const verge = entry.verge as Entry | undefined;
    if (verge === undefined) return entry;
    const hidden = [
      ...(this.pkg.vergemaalTjenesteomraade ? [] : VERGEMAAL_DETAIL),
      ...(this.pkg.vergeIdentifikasjonsnummer ? [] : ['foedselsEllerDNummer']),
    ];
    const visible = without(verge, hidden);
    return visible === verge ? entry : { ...entry, verge: visible };
  }

  /** Without the contact person's fnr/dnr the person is given by birth date (from the number) and name. */
  private doedsbo(entry: Entry): Entry {
    const contact = entry.person as
      | { foedselsdato?: string; personnavn?: unknown; foedselsEllerDNummer?: string }
      | undefined;
    if (this.pkg.doedsboContactIdentifikasjonsnummer || contact?.foedselsEllerDNummer === undefined) return entry;
    const foedselsdato = contact.foedselsdato ?? analyseIdNumber(contact.foedselsEllerDNummer).birthDate ?? undefined;
    const person: Record<string, unknown> = {};
    if (foedselsdato !== undefined) person.foedselsdato = foedselsdato;
    if (contact.personnavn !== undefined) person.personnavn = contact.personnavn;
    return { ...entry, person };
  }
}

/** A shallow copy without the named fields, or the object itself when it has none of them. */
function without<T extends Record<string, unknown>>(value: T, fields: readonly string[]): T {
  if (!fields.some((field) => field in value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) if (!fields.includes(key)) copy[key] = value[key];
  return copy as T;
}
