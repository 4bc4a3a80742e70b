/**
 * Register changes for the feed tests: element changes built on the fixture population's documents, in the
 * shape register-store.test.ts uses (the new value current, the old values kept as history, the change as
 * Registerdata), and helpers to pick persons by their protection.
 */
import { randomBytes } from 'node:crypto';
import {
  SINGLE_OBJECT_ELEMENTS,
  type Folkeregisterperson,
  type Hendelsetype,
  type PersonElement,
  type Registerdata,
} from '@folkeport/model';
import type { NewPerson, PersonChange } from '../src/register/person-record.js';

export const hexId = (): string => randomBytes(16).toString('hex');

type Entry = Record<string, unknown> & { erGjeldende?: boolean };

const ENTITET: Partial<Record<PersonElement, string>> = {
  postadresse: 'kontaktadresse',
  postadresseIUtlandet: 'kontaktadresseIUtlandet',
};

/** Registration metadata of a change made at `at`. */
export function meta(at: string, aarsak: string) {
  return { ajourholdstidspunkt: at, erGjeldende: true, kilde: 'Folkeport', aarsak, gyldighetstidspunkt: at };
}

/** The person's current entry of an element. */
export function current(document: Folkeregisterperson, element: PersonElement): Entry | undefined {
  const value = (document as Record<string, unknown>)[element];
  return Array.isArray(value) ? (value as Entry[]).find((entry) => entry.erGjeldende === true) : (value as Entry | undefined);
}

export function protectionOf(person: NewPerson): string {
  return (current(person.document, 'adressebeskyttelse')?.graderingsnivaa as string | undefined) ?? 'ugradert';
}

/**
 * A change of one or more elements: each new entry becomes current, earlier entries of that element history.
 * `withoutEndringer` stores the change without Registerdata (the register then only knows the type).
 */
export function change(
  document: Folkeregisterperson,
  hendelsetype: Hendelsetype,
  entries: Partial<Record<PersonElement, Entry>>,
  options: { withoutEndringer?: boolean; registrert?: string } = {},
): PersonChange {
  const next: Record<string, unknown> = { ...document };
  const endringer: Registerdata[] = [];
  for (const [element, entry] of Object.entries(entries) as [PersonElement, Entry][]) {
    const single = (SINGLE_OBJECT_ELEMENTS as readonly string[]).includes(element);
    const old = (document as Record<string, unknown>)[element];
    const history = Array.isArray(old) ? (old as Entry[]).map((e) => ({ ...e, erGjeldende: false })) : [];
    next[element] = single ? { ...entry, erGjeldende: true } : [{ ...entry, erGjeldende: true }, ...history];
    const { erGjeldende: _current, ...value } = entry;
    endringer.push({ [element]: value, entitet: ENTITET[element] ?? element, entitetsendring: 'registrereNy' } as Registerdata);
  }
  return {
    document: next as Folkeregisterperson,
    dokumentidentifikator: hexId(),
    hendelsesidentifikator: hexId(),
    hendelsetype,
    endringer: options.withoutEndringer ? [] : endringer,
    registrert: options.registrert ?? '2026-11-22T10:00:00.123456789+01:00',
  };
}

const AT = '2026-11-22T10:00:00+01:00';

export function rename(document: Folkeregisterperson, fornavn: string): PersonChange {
  const navn = current(document, 'navn') ?? {};
  return change(document, 'endringINavn', { navn: { ...navn, ...meta(AT, 'Navneendring'), fornavn } });
}

/** A move to another house number (in another kommune if given), graded as given (default: as the current address). */
export function move(document: Folkeregisterperson, to: { adressegradering?: string; kommunenummer?: string } = {}): PersonChange {
  const bosted = current(document, 'bostedsadresse');
  if (!bosted) throw new Error('the person has no bostedsadresse');
  const vegadresse = bosted.vegadresse as Entry;
  const entry = {
    ...bosted,
    ...meta(AT, 'Flytting innenlands'),
    vegadresse: { ...vegadresse, adressenummer: { husnummer: '99' }, ...(to.kommunenummer !== undefined && { kommunenummer: to.kommunenummer }) },
    flyttedato: '2026-11-22',
    ...(to.adressegradering !== undefined && { adressegradering: to.adressegradering }),
  };
  return change(document, 'endringIBostedsadresse', { bostedsadresse: entry });
}

export function falskIdentitet(document: Folkeregisterperson): PersonChange {
  return change(document, 'endringIFalskIdentitet', {
    falskIdentitet: { ...meta(AT, 'Falsk identitet'), erFalsk: true, rettIdentitetErUkjent: true },
  });
}

export function died(document: Folkeregisterperson): PersonChange {
  const status = current(document, 'status') ?? {};
  return change(document, 'personErDoed', {
    status: { ...status, ...meta(AT, 'Doedsfall'), status: 'doed' },
    doedsfall: { ...meta(AT, 'Doedsfall'), doedsdato: '2026-11-20' },
  });
}

/** Registered on Svalbard. The Registerdata `entitet` list has no name for it, so the change carries the type only. */
export function toSvalbard(document: Folkeregisterperson): PersonChange {
  return change(
    document,
    'endringIOppholdPaaSvalbard',
    { oppholdPaaSvalbard: { ...meta(AT, 'Opphold paa Svalbard'), antattOppholdsvarighet: 'overTolvMaaneder', startdato: '2026-11-01' } },
    { withoutEndringer: true },
  );
}
