/**
 * The event document (`DokumentForHendelse`, consumer-api §6.6) of a register event, as one package may see
 * it: the stored element changes — or, for `personErOpprettet`, every element of the first person version as
 * `registrereNy` — each passed through the person projection, so an event document never shows more of an
 * element than the package's person documents do (graded addresses, strengtFortrolig, …).
 */
import {
  ENTITETSNAVN,
  PERSON_ELEMENTS,
  SINGLE_OBJECT_ELEMENTS,
  isPersonElement,
  type DokumentForHendelse,
  type Entitetsnavn,
  type Folkeregisterperson,
  type PersonElement,
  type Registerdata,
  type RightsPackage,
} from '@folkeport/model';
import { projectPerson } from '../api/projection.js';
import type { FeedEvent } from './feed-store.js';
import { ENTITET_ELEMENT } from './feed-visibility.js';

/** The skjemaversjon of every example event document (consumer-api §6.6). */
export const SKJEMAVERSJON = '1.0';

type Entry = Record<string, unknown>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX32 = /^[0-9a-f]{32}$/i;

/** The stored form (32 lower-case hex) of a hendelsesidentifikator given as 32 hex or as a UUID (Q7). */
export function normaliseHendelsesidentifikator(id: string): string | undefined {
  const hex = UUID.test(id) ? id.replaceAll('-', '') : id;
  return HEX32.test(hex) ? hex.toLowerCase() : undefined;
}

const ELEMENT_ENTITET = new Map<string, Entitetsnavn>(
  Object.entries(ENTITET_ELEMENT).map(([entitet, element]) => [element, entitet as Entitetsnavn]),
);

/** The element a change is about: the property carrying the new value, or the `entitet` of an annulment. */
function changedElement(change: Entry): PersonElement | undefined {
  const property = Object.keys(change).find((key) => key !== 'entitet' && key !== 'entitetsendring');
  const entitet = String(change.entitet);
  const name = property ?? ENTITET_ELEMENT[entitet as keyof typeof ENTITET_ELEMENT] ?? entitet;
  return isPersonElement(name) ? name : undefined;
}

/** `personErOpprettet`: every value of the first version, current and historic, as `registrereNy`. */
function createdElements(person: Folkeregisterperson): Entry[] {
  const changes: Entry[] = [];
  for (const [name, value] of Object.entries(person)) {
    const entitet = ELEMENT_ENTITET.get(name) ?? name;
    // Elements without an entitet name (preferertKontaktadresse, oppholdPaaSvalbard) cannot be expressed.
    if (!(ENTITETSNAVN as readonly string[]).includes(entitet)) continue;
    for (const entry of (Array.isArray(value) ? value : [value]) as Entry[]) {
      const { erGjeldende: _current, ...element } = entry;
      changes.push({ [name]: element, entitet, entitetsendring: 'registrereNy' });
    }
  }
  return changes;
}

/**
 * One change as the package may see it, or undefined when the package may not see it at all. The value is
 * projected as a current entry of a person with the event person's adressebeskyttelse.
 */
function visibleChange(change: Entry, element: PersonElement, person: Folkeregisterperson, pkg: RightsPackage) {
  const value = change[element] as Entry | undefined;
  const entry = { ...value, erGjeldende: true };
  const single = (SINGLE_OBJECT_ELEMENTS as readonly string[]).includes(element);
  const probe = { adressebeskyttelse: person.adressebeskyttelse, [element]: single ? entry : [entry] };
  const projected = (projectPerson(probe as Folkeregisterperson, pkg, [element]).document as Record<string, unknown>)[
    element
  ];
  if (projected === undefined) return undefined;
  if (value === undefined) return change;
  const { erGjeldende: _current, ...shown } = (Array.isArray(projected) ? projected[0] : projected) as Entry;
  const result: Entry = {};
  for (const [key, field] of Object.entries(change)) result[key] = key === element ? shown : field;
  return result;
}

/**
 * The event document the package may see, with the names of the elements it shows (PERSON_ELEMENTS order),
 * or undefined for `personErOppdatert`, which has none («ikke tykk hendelse», §6.5).
 */
export function eventDocument(
  event: FeedEvent,
  pkg: RightsPackage,
): { document: DokumentForHendelse; elements: PersonElement[] } | undefined {
  if (event.hendelsetype === 'personErOppdatert') return undefined;
  const person = JSON.parse(event.dokument) as Folkeregisterperson;
  const changes = event.endringer === null ? createdElements(person) : (JSON.parse(event.endringer) as Entry[]);
  const shown: Entry[] = [];
  const elements = new Set<PersonElement>();
  for (const change of changes) {
    const element = changedElement(change);
    if (element === undefined || !pkg.elements.includes(element)) continue;
    const visible = visibleChange(change, element, person, pkg);
    if (visible === undefined) continue;
    shown.push(visible);
    elements.add(element);
  }
  const document: DokumentForHendelse = {
    dokumentidentifikator: event.hendelsesidentifikator,
    skjemaversjon: SKJEMAVERSJON,
    hendelse: {
      folkeregisteridentifikator: event.folkeregisteridentifikator,
      hendelsestype: event.hendelsetype,
      ajourholdstidspunkt: event.ajourholdstidspunkt,
      ...(shown.length > 0 && { egenskapshendelse: shown as Registerdata[] }),
    },
  };
  return { document, elements: PERSON_ELEMENTS.filter((element) => elements.has(element)) };
}
