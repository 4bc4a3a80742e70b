/**
 * A batch of new persons encoded for the store's bulk insert: per statement, every parameter except the
 * person keys (drawn at insert time) is already a finished text. Encoding is pure and costs more CPU than
 * the insert's client side, so a bulk loader does it in worker threads; a batch of a few long strings also
 * crosses threads as a copy of bytes instead of a clone of an object graph.
 */
import { LIST_SEPARATOR, PERSON_COLUMNS, type PersonColumn } from './person-columns.js';
import type { NewPerson } from './person-record.js';
import { preparePerson, type PreparedPerson } from './prepared-person.js';
import { RegisterConflictError, type RegisterKey } from './register-errors.js';
import { PersonDocumentError, type PersonIdentifier } from './search-columns.js';

/**
 * Persons per insert statement. Statements of a few hundred persons let the server run one while the next
 * is sent, and keep messages small (PGlite's socket server reassembles a large message by repeated
 * concatenation); measured fastest at 250–500 (docs/store.md, "Bulk loading").
 */
export const PERSONS_PER_STATEMENT = 500;

/**
 * The documents of a statement travel as one text, separated by a control character that JSON text never
 * contains (JSON.stringify escapes every control character inside strings). An array literal of JSON texts
 * would need every quote escaped and parses slowly in PostgreSQL; one parameter per document costs the
 * driver more than one long text (measured in bench/register-load.bench.ts, see docs/store.md).
 */
export const DOCUMENT_SEPARATOR = String.fromCharCode(30); // chr(30) in the statement

export interface PreparedBatch {
  /** Per person, in input order: the keys the register keeps unique, to name the person of a conflict. */
  dokumentidentifikatorer: string[];
  hendelsesidentifikatorer: string[];
  /** Every identifier of the batch with the index of its person. */
  identifikatorer: string[];
  identifierOwners: number[];
  statements: EncodedStatement[];
}

/** One insert statement's parameters except the person keys, which are drawn at insert time. */
export interface EncodedStatement {
  persons: number;
  /** PostgreSQL array literals: version ids, hendelsesidentifikatorer, registration times, one per search column. */
  personArrays: string[];
  /** Array literals of the identifiers' numbers, statuses and types. */
  identifikatorer: string;
  statuses: string;
  types: string;
  /** Per identifier, the position of its person in the statement. */
  identifierOwners: number[];
  /** The documents joined by {@link DOCUMENT_SEPARATOR}. */
  documents: string;
}

/**
 * Describes, checks and encodes persons in input order. Throws {@link PersonDocumentError} for a document the
 * register cannot keep and {@link RegisterConflictError} for a key that occurs twice in the batch, both naming
 * the person's index, before anything reaches the database.
 */
export function prepareBatch(persons: Iterable<NewPerson | PreparedPerson>): PreparedBatch {
  const batch: PreparedBatch = {
    dokumentidentifikatorer: [],
    hendelsesidentifikatorer: [],
    identifikatorer: [],
    identifierOwners: [],
    statements: [],
  };
  const unique = new UniqueWithinBatch();
  let statement = new StatementEncoder();
  let index = 0;
  for (const person of persons) {
    const prepared = prepareAt(person, index);
    const { identifiers } = prepared.description;
    unique.add(prepared, identifiers, index);
    batch.dokumentidentifikatorer.push(prepared.dokumentidentifikator);
    batch.hendelsesidentifikatorer.push(prepared.hendelsesidentifikator);
    for (const identifier of identifiers) {
      batch.identifikatorer.push(identifier.identifikator);
      batch.identifierOwners.push(index);
    }
    statement.add(prepared);
    if (statement.persons === PERSONS_PER_STATEMENT) {
      batch.statements.push(statement.finish());
      statement = new StatementEncoder();
    }
    index += 1;
  }
  if (statement.persons > 0) batch.statements.push(statement.finish());
  return batch;
}

/** The person the register refuses for a unique violation of `key` on `value`, as an index into the batch. */
export function personWithKey(batch: PreparedBatch, key: RegisterKey, value: string | undefined): number {
  if (key === 'dokumentidentifikator') return batch.dokumentidentifikatorer.indexOf(value ?? '');
  if (key === 'hendelsesidentifikator') return batch.hendelsesidentifikatorer.indexOf(value ?? '');
  return batch.identifierOwners[batch.identifikatorer.indexOf(value ?? '')] ?? -1;
}

function prepareAt(person: NewPerson | PreparedPerson, index: number): PreparedPerson {
  if ('documentJson' in person) return person;
  try {
    return preparePerson(person);
  } catch (error) {
    if (error instanceof PersonDocumentError) throw new PersonDocumentError(`person at index ${index}: ${error.message}`);
    throw error;
  }
}

type Element = string | number | boolean | null;

/** Collects one statement's values column by column and encodes them as array literals. */
class StatementEncoder {
  persons = 0;
  private readonly dokumentidentifikatorer: Element[] = [];
  private readonly hendelsesidentifikatorer: Element[] = [];
  private readonly registrert: Element[] = [];
  private readonly columns: Element[][] = PERSON_COLUMNS.map(() => []);
  private readonly identifikatorer: Element[] = [];
  private readonly owners: number[] = [];
  private readonly statuses: Element[] = [];
  private readonly types: Element[] = [];
  private readonly documents: string[] = [];

  add(person: PreparedPerson): void {
    this.dokumentidentifikatorer.push(person.dokumentidentifikator);
    this.hendelsesidentifikatorer.push(person.hendelsesidentifikator);
    this.registrert.push(person.registrert);
    const { columns, identifiers } = person.description;
    for (let i = 0; i < PERSON_COLUMNS.length; i++) {
      const value = (PERSON_COLUMNS[i] as PersonColumn).value(columns);
      (this.columns[i] as Element[]).push(Array.isArray(value) ? value.join(LIST_SEPARATOR) : value);
    }
    for (const identifier of identifiers) {
      this.identifikatorer.push(identifier.identifikator);
      this.owners.push(this.persons);
      this.statuses.push(identifier.status);
      this.types.push(identifier.identifikatortype);
    }
    this.documents.push(person.documentJson);
    this.persons += 1;
  }

  finish(): EncodedStatement {
    const personLists = [this.dokumentidentifikatorer, this.hendelsesidentifikatorer, this.registrert, ...this.columns];
    return {
      persons: this.persons,
      personArrays: personLists.map(arrayLiteral),
      identifikatorer: arrayLiteral(this.identifikatorer),
      statuses: arrayLiteral(this.statuses),
      types: arrayLiteral(this.types),
      identifierOwners: this.owners,
      documents: this.documents.join(DOCUMENT_SEPARATOR),
    };
  }
}

const NEEDS_ESCAPE = /["\\]/;

/** A PostgreSQL array literal: strings quoted (with `"` and `\` escaped), null as NULL, booleans as t/f. */
function arrayLiteral(elements: readonly Element[]): string {
  return `{${elements.map(arrayElement).join(',')}}`;
}

function arrayElement(element: Element): string {
  if (element === null) return 'NULL';
  if (typeof element === 'string') {
    // Almost no value needs escaping; testing first skips most of the replace's cost.
    return NEEDS_ESCAPE.test(element) ? `"${element.replace(/["\\]/g, '\\$&')}"` : `"${element}"`;
  }
  if (typeof element === 'boolean') return element ? 't' : 'f';
  return String(element);
}

/** Keys seen so far in a batch, to refuse a key that occurs twice before anything is sent. */
class UniqueWithinBatch {
  private readonly seen = new Map<string, number>();

  add(person: PreparedPerson, identifiers: readonly PersonIdentifier[], index: number): void {
    for (const identifier of identifiers) this.addKey('identifikasjonsnummer', identifier.identifikator, index);
    this.addKey('dokumentidentifikator', person.dokumentidentifikator, index);
    this.addKey('hendelsesidentifikator', person.hendelsesidentifikator, index);
  }

  private addKey(key: RegisterKey, value: string, index: number): void {
    const entry = `${key} ${value}`;
    const first = this.seen.get(entry);
    if (first !== undefined) {
      throw new RegisterConflictError(key, index, `its ${key} is also that of the person at index ${first}`);
    }
    this.seen.set(entry, index);
  }
}
