/**
 * Minimisation on the way out (defence in depth, reference fiks-folkeregister.md §2.4, §4.6): whatever the
 * upstream delivered, a person document leaves the gateway with only the role's elements, historic values only
 * where the role holds `historikk`, and — where the role hides them — no address graded `fortrolig`,
 * `strengtFortrolig` or `klientadresse` unless the request asked to see them. The same rules apply to each
 * document of a bulk answer and to each change in an event document.
 *
 * The filters work in place on the JSON the gateway parsed from the upstream answer, and record whether they
 * changed anything: an answer they did not change is sent as the upstream's bytes.
 */
import { ADDRESS_ELEMENTS, SINGLE_OBJECT_ELEMENTS, type PersonElement } from '@folkeport/model';
import { ENTITET_ELEMENT } from '../../register/feed/feed-visibility.js';

export interface FilterRules {
  elements: ReadonlySet<string>;
  history: boolean;
  /** Remove graded addresses (the role hides them and the request did not ask to see them). */
  hideGraded: boolean;
}

/** What the filters saw and did, for the audit log and for deciding whether to re-serialise. */
export class FilterReport {
  changed = false;
  readonly persons = new Set<string>();
  readonly elements = new Set<string>();
  /** Graded addresses removed, and delivered. */
  gradedRemoved = 0;
  gradedDelivered = 0;
}

type Json = Record<string, unknown>;

const ADDRESSES: ReadonlySet<string> = new Set(ADDRESS_ELEMENTS);
const SINGLE: ReadonlySet<string> = new Set(SINGLE_OBJECT_ELEMENTS);
const GRADED: ReadonlySet<unknown> = new Set(['fortrolig', 'strengtFortrolig', 'klientadresse']);

const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Minimises one person document in place. `requested`: the identifier it was asked for, recorded as the person
 * when the document does not say (the role may not cover identifikasjonsnummer).
 */
export function filterPersonDocument(document: Json, rules: FilterRules, report: FilterReport, requested?: string): void {
  recordPerson(document, report, requested);
  for (const name of Object.keys(document)) {
    if (!rules.elements.has(name)) {
      delete document[name];
      report.changed = true;
      continue;
    }
    const value = document[name];
    if (Array.isArray(value)) {
      const kept = value.filter((entry: unknown) => keepEntry(name, entry, rules, report));
      if (kept.length !== value.length) {
        report.changed = true;
        if (kept.length === 0) {
          delete document[name];
          continue;
        }
        document[name] = kept;
      }
    } else if (SINGLE.has(name) && isObject(value) && value.erGjeldende === false && !rules.history) {
      delete document[name];
      report.changed = true;
      continue;
    } else if (!isObject(value)) {
      // Not the shape of any person element: nothing the gateway can vouch for.
      delete document[name];
      report.changed = true;
      continue;
    }
    report.elements.add(name);
  }
}

function keepEntry(name: string, entry: unknown, rules: FilterRules, report: FilterReport): boolean {
  if (!isObject(entry)) return false;
  if (entry.erGjeldende === false && !rules.history) return false;
  if (ADDRESSES.has(name) && GRADED.has(entry.adressegradering)) {
    if (rules.hideGraded) {
      report.gradedRemoved++;
      return false;
    }
    report.gradedDelivered++;
  }
  return true;
}

/** The identifiers in use of a person document (current identifikasjonsnummer), else the one asked for. */
function recordPerson(document: Json, report: FilterReport, requested: string | undefined): void {
  const numbers = document.identifikasjonsnummer;
  let found = false;
  if (Array.isArray(numbers)) {
    for (const entry of numbers) {
      if (isObject(entry) && entry.erGjeldende !== false && typeof entry.foedselsEllerDNummer === 'string') {
        report.persons.add(entry.foedselsEllerDNummer);
        found = true;
      }
    }
  }
  if (!found && requested !== undefined) report.persons.add(requested);
}

/**
 * A bulk answer (`{oppslag: [{foedselsEllerDNummer | dokumentidentifikator, folkeregisterperson | feilmelding}]}`),
 * each document minimised. Returns false when the body does not have that shape.
 */
export function filterPersonBulk(body: unknown, rules: FilterRules, report: FilterReport): boolean {
  if (!isObject(body) || !Array.isArray(body.oppslag)) return false;
  for (const oppslag of body.oppslag as unknown[]) {
    if (!isObject(oppslag)) return false;
    const document = oppslag.folkeregisterperson;
    if (document === undefined) continue;
    if (!isObject(document)) return false;
    const requested = typeof oppslag.foedselsEllerDNummer === 'string' ? oppslag.foedselsEllerDNummer : undefined;
    filterPersonDocument(document, rules, report, requested);
  }
  return true;
}

const CHANGE_FIELDS = new Set(['entitet', 'entitetsendring']);
const ENTITET: Readonly<Record<string, string>> = ENTITET_ELEMENT;

/** The element a change is about: the property holding the new value, or the `entitet` of an annulment. */
function changedElement(change: Json): string {
  const property = Object.keys(change).find((key) => !CHANGE_FIELDS.has(key));
  if (property !== undefined) return property;
  const entitet = String(change.entitet);
  return ENTITET[entitet] ?? entitet;
}

/**
 * One event document (`DokumentForHendelse`) minimised in place: the changes (`egenskapshendelse`) to elements
 * outside the role are removed, and changes to graded addresses where the role hides them. Returns false when
 * the body does not have that shape.
 */
export function filterEventDocument(document: unknown, rules: FilterRules, report: FilterReport): boolean {
  if (!isObject(document) || !isObject(document.hendelse)) return false;
  const hendelse = document.hendelse;
  if (typeof hendelse.folkeregisteridentifikator === 'string') report.persons.add(hendelse.folkeregisteridentifikator);
  const changes = hendelse.egenskapshendelse;
  if (changes === undefined) return true;
  if (!Array.isArray(changes)) return false;
  const kept = changes.filter((change: unknown) => {
    if (!isObject(change)) return false;
    const element = changedElement(change) as PersonElement;
    if (!rules.elements.has(element)) return false;
    const value = change[element];
    if (ADDRESSES.has(element) && isObject(value) && GRADED.has(value.adressegradering)) {
      if (rules.hideGraded) {
        report.gradedRemoved++;
        return false;
      }
      report.gradedDelivered++;
    }
    report.elements.add(element);
    return true;
  });
  if (kept.length !== changes.length) {
    report.changed = true;
    if (kept.length === 0) delete hendelse.egenskapshendelse;
    else hendelse.egenskapshendelse = kept;
  }
  return true;
}

/** An array of event documents (the bulk lookup), each minimised. */
export function filterEventDocuments(body: unknown, rules: FilterRules, report: FilterReport): boolean {
  if (!Array.isArray(body)) return false;
  return body.every((document: unknown) => filterEventDocument(document, rules, report));
}

/** An 11-digit number standing alone as a JSON string or an XML text node. */
const IDENTITY_NUMBER = /(?<=[">])\d{11}(?=["<])/g;

/**
 * The identity numbers an identifier answer names (soek hits, feed items, uttrekk batches; JSON, XML or Atom),
 * for the audit log: in those answers no other value is an 11-digit string.
 */
export function identifiersIn(text: string): string[] {
  return [...new Set(text.match(IDENTITY_NUMBER) ?? [])];
}
