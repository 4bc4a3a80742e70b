/**
 * Helpers for the search tests: reading the fixture population's documents the plain way (to compute the
 * expected hits independently of the search index), and calling the search endpoints.
 */
import assert from 'node:assert/strict';
import type { Folkeregisterperson, PackageId } from '@folkeport/model';
import type { NewPerson } from '../src/register/person-record.js';
import { idOf } from './generator-fixture.js';
import type { RegisterApiFixture } from './register-api-fixture.js';

export type Doc = Folkeregisterperson;

export function current<T extends { erGjeldende?: boolean }>(elements: readonly T[] | undefined): T | undefined {
  return elements?.find((element) => element.erGjeldende === true);
}

export type Navn = NonNullable<Doc['navn']>[number];
export type Bosted = NonNullable<Doc['bostedsadresse']>[number];

/** Upper-case words of a navn element; hyphenated words also as their parts. */
export function wordsOf(navn: Navn | undefined): string[] {
  if (!navn) return [];
  const words = [navn.fornavn, navn.mellomnavn ?? '', navn.etternavn].join(' ').toUpperCase().split(/\s+/);
  return [...words, ...words.flatMap((word) => (word.includes('-') ? word.split('-') : []))].filter((w) => w !== '');
}

export const statusOf = (doc: Doc) => current(doc.status)?.status;
export const isDead = (doc: Doc) => statusOf(doc) === 'doed' || (doc.doedsfall !== undefined && doc.doedsfall.erGjeldende !== false);
/** Found by soek without inkluderDoede: neither dead nor a closed duplicate. */
export const searchable = (doc: Doc) => !isDead(doc) && statusOf(doc) !== 'opphoert';
export const protection = (doc: Doc) => current(doc.adressebeskyttelse)?.graderingsnivaa ?? 'ugradert';
export const foedselsdato = (doc: Doc) => current(doc.foedsel)?.foedselsdato;
/** `YYYY-MM-DD` → `YYYYMMDD` as the search takes it. */
export const compact = (date: string | undefined) => (date ?? '').replaceAll('-', '');

/** The grading an address search sees: the stricter of the address's and the person's. */
export function gradingOf(doc: Doc, address: { adressegradering?: string }): string {
  const order = ['ugradert', 'klientadresse', 'fortrolig', 'strengtFortrolig'];
  const own = address.adressegradering ?? 'ugradert';
  const person = protection(doc);
  return order.indexOf(own) >= order.indexOf(person) ? own : person;
}

export function pick(persons: readonly NewPerson[], wanted: (doc: Doc) => boolean, what: string, skip = 0): Doc {
  const found = persons.map((p) => p.document).filter(wanted)[skip];
  if (!found) throw new Error(`the fixture population has no ${what}`);
  return found;
}

/** Identifiers of the documents, sorted as the hit list is. */
export const idsOf = (docs: readonly Doc[]) => docs.map(idOf).sort();

export const queryString = (parameters: Record<string, string>) => new URLSearchParams(parameters).toString();

/** `GET personer/soek` that must answer 200: the hit list. */
export async function soek(api: RegisterApiFixture, parameters: Record<string, string>, pkg: PackageId = 'offentligMedHjemmel') {
  const response = await api.call(pkg, 'GET', `/personer/soek?${queryString(parameters)}`);
  assert.equal(response.status, 200, response.body);
  return (response.json() as { foedselsEllerDNummer: string[] }).foedselsEllerDNummer;
}

/** `GET personer/entydigsoek`: the status and, for 200, the document. */
export async function entydigsoek(
  api: RegisterApiFixture,
  parameters: Record<string, string> | string,
  pkg: PackageId = 'offentligMedHjemmel',
) {
  const query = typeof parameters === 'string' ? parameters : queryString(parameters);
  const response = await api.call(pkg, 'GET', `/personer/entydigsoek?${query}`);
  return { status: response.status, body: response.body, json: () => response.json() as Doc & { kode?: string; melding?: string } };
}

/** The identifier in use in a returned document. */
export const foundId = (doc: Doc) => current(doc.identifikasjonsnummer)?.foedselsEllerDNummer;
