/**
 * A small generated population for the generator tests, and the consistency checks they assert.
 * Each check returns readable violations (empty when the population is consistent), so a failing
 * test says which person broke which rule.
 */
import type { Folkeregisterperson } from '@folkeport/model';
import { planPopulation, type PopulationOptions } from '../src/population/plan.js';
import { renderChunk } from '../src/population/render.js';
import type { NewPerson } from '../src/register/person-record.js';

/** Rare cases made common, so a few thousand residents contain every kind of person. */
export const MANY_SPECIAL_CASES: PopulationOptions['rates'] = {
  fortrolig: 0.01,
  strengtFortrolig: 0.005,
  klientadresse: 0.003,
  vergemaal: 0.03,
  fremtidsfullmakt: 0.01,
  rettsligHandleevne: 0.005,
  forsvunnet: 0.002,
  foedselsregistrert: 0.003,
  ikkeBosatt: 0.005,
  duplicates: 0.003,
  ukjentBosted: 0.01,
};

export const FIXTURE_OPTIONS: PopulationOptions = { persons: 4000, seed: 20240101, rates: MANY_SPECIAL_CASES, chunkSize: 1000 };

export function generate(options: PopulationOptions): NewPerson[] {
  return [...planPopulation(options)].flatMap((plan) => renderChunk(plan, options.seed));
}

let cached: NewPerson[] | undefined;

/** The fixture population (generated once per test file). */
export function population(): NewPerson[] {
  cached ??= generate(FIXTURE_OPTIONS);
  return cached;
}

export type Document = Folkeregisterperson;

/** The identifier in use, for messages and lookups. */
export function idOf(document: Document): string {
  const elements = document.identifikasjonsnummer ?? [];
  return (elements.find((e) => e.erGjeldende && e.status === 'iBruk') ?? elements[0])?.foedselsEllerDNummer ?? '?';
}

/** Every document by each of its identity numbers (old ones included). */
export function byIdentifier(persons: NewPerson[]): Map<string, Document> {
  const map = new Map<string, Document>();
  for (const { document } of persons) for (const element of document.identifikasjonsnummer ?? []) map.set(element.foedselsEllerDNummer, document);
  return map;
}

export function current<T extends { erGjeldende?: boolean }>(elements: readonly T[] | undefined): T | undefined {
  return elements?.find((element) => element.erGjeldende === true);
}

export function statusOf(document: Document): string | undefined {
  return current(document.status)?.status;
}

export function bornOf(document: Document): string {
  return current(document.foedsel)?.foedselsdato ?? '';
}

/** Milliseconds since the epoch of a date or timestamp. */
export function instant(value: string): number {
  return Date.parse(value.length === 10 ? `${value}T00:00:00Z` : value);
}

/** A dwelling: the address id and the unit within it. */
export function dwelling(address: { adresseIdentifikatorFraMatrikkelen?: string; vegadresse?: { bruksenhetsnummer?: string }; matrikkeladresse?: { bruksenhetsnummer?: string } } | undefined): string | undefined {
  if (!address?.adresseIdentifikatorFraMatrikkelen) return undefined;
  const unit = address.vegadresse?.bruksenhetsnummer ?? address.matrikkeladresse?.bruksenhetsnummer ?? '';
  return `${address.adresseIdentifikatorFraMatrikkelen}/${unit}`;
}
