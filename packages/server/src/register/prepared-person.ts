import type { NewPerson } from './person-record.js';
import { describePerson, type PersonDescription } from './search-columns.js';

/**
 * A new person with its document already serialised and its identifiers and search columns already
 * derived: the first step of encoding a batch for the store (./prepared-batch.ts). A caller that already
 * has the serialised document can hand the store prepared persons.
 */
export interface PreparedPerson {
  dokumentidentifikator: string;
  hendelsesidentifikator: string;
  registrert: string;
  /** The document exactly as it will be stored and served. */
  documentJson: string;
  description: PersonDescription;
}

export function preparePerson(person: NewPerson): PreparedPerson {
  return {
    dokumentidentifikator: person.dokumentidentifikator,
    hendelsesidentifikator: person.hendelsesidentifikator,
    registrert: person.registrert,
    documentJson: JSON.stringify(person.document),
    description: describePerson(person.document),
  };
}
