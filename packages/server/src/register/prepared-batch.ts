/**
 * A batch of new persons encoded for the store's bulk insert: per statement, every parameter except the
 * person keys (drawn at insert time) is already finished (array literals, and the documents as bytes).
 * Encoding is pure and costs more CPU than the insert's client side, so a bulk loader does it in worker
 * threads; a batch of a few long strings and one buffer per statement crosses threads cheaply.
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
  /**
   * The documents as one `text[]` in PostgreSQL's binary array format: the UTF-8 bytes of each document
   * with its length, nothing escaped. An array literal of JSON texts would need every quote escaped and
   * parses slowly in PostgreSQL; one parameter per document costs the driver more than one long value
   * (docs/store.md, "Bulk loading"). Written as each document is serialised, so no document string
   * outlives its person (the worker's young generation stays small), into a buffer of their own that a
   * worker transfers rather than copies; the driver sends a buffer as it is (as a binary parameter).
   */
  documents: Uint8Array;
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

/**
 * Collects one statement's values column by column, each straight into the text of its array literal: no
 * per-column lists of values to map and join at the end (this encoding runs for every person loaded).
 */
class StatementEncoder {
  persons = 0;
  private readonly dokumentidentifikatorer = new ArrayLiteral();
  private readonly hendelsesidentifikatorer = new ArrayLiteral();
  private readonly registrert = new ArrayLiteral();
  private readonly columns = PERSON_COLUMNS.map(() => new ArrayLiteral());
  private readonly identifikatorer = new ArrayLiteral();
  private readonly owners: number[] = [];
  private readonly statuses = new ArrayLiteral();
  private readonly types = new ArrayLiteral();
  private readonly documents = new DocumentArray();

  add(person: PreparedPerson): void {
    this.dokumentidentifikatorer.add(person.dokumentidentifikator);
    this.hendelsesidentifikatorer.add(person.hendelsesidentifikator);
    this.registrert.add(person.registrert);
    const { columns, identifiers } = person.description;
    for (let i = 0; i < PERSON_COLUMNS.length; i++) {
      const value = (PERSON_COLUMNS[i] as PersonColumn).value(columns);
      (this.columns[i] as ArrayLiteral).add(Array.isArray(value) ? value.join(LIST_SEPARATOR) : value);
    }
    for (const identifier of identifiers) {
      this.identifikatorer.add(identifier.identifikator);
      this.owners.push(this.persons);
      this.statuses.add(identifier.status);
      this.types.add(identifier.identifikatortype);
    }
    this.documents.add(person.documentJson);
    this.persons += 1;
  }

  finish(): EncodedStatement {
    const personLists = [this.dokumentidentifikatorer, this.hendelsesidentifikatorer, this.registrert, ...this.columns];
    return {
      persons: this.persons,
      personArrays: personLists.map((list) => list.text()),
      identifikatorer: this.identifikatorer.text(),
      statuses: this.statuses.text(),
      types: this.types.text(),
      identifierOwners: this.owners,
      documents: this.documents.bytes(),
    };
  }
}

/** Typical bytes per document, to size a statement's buffer so that it rarely grows. */
const DOCUMENT_BYTES = 8192;
/** PostgreSQL's type oid of `text`, named in a binary array's header. */
const TEXT_OID = 25;
/** ndim, has-nulls flag, element type, then length and lower bound of the one dimension. */
const HEADER_BYTES = 20;

/** A one-dimensional `text[]` without nulls in PostgreSQL's binary format (array_recv), built element by element. */
class DocumentArray {
  private buffer = Buffer.allocUnsafeSlow(HEADER_BYTES + PERSONS_PER_STATEMENT * DOCUMENT_BYTES);
  private length = HEADER_BYTES;
  private count = 0;

  add(json: string): void {
    // A UTF-16 code unit takes at most 3 bytes of UTF-8; 4 more for the length.
    const most = 4 + json.length * 3;
    if (this.length + most > this.buffer.length) {
      const grown = Buffer.allocUnsafeSlow(Math.max(2 * this.buffer.length, this.length + most));
      this.buffer.copy(grown, 0, 0, this.length);
      this.buffer = grown;
    }
    const written = this.buffer.write(json, this.length + 4);
    this.buffer.writeInt32BE(written, this.length);
    this.length += 4 + written;
    this.count += 1;
  }

  bytes(): Uint8Array {
    const header = this.buffer;
    header.writeInt32BE(1, 0);
    header.writeInt32BE(0, 4);
    header.writeInt32BE(TEXT_OID, 8);
    header.writeInt32BE(this.count, 12);
    header.writeInt32BE(1, 16);
    return this.buffer.subarray(0, this.length);
  }
}

const NEEDS_ESCAPE = /["\\]/;

/** A PostgreSQL array literal being built: strings quoted (with `"` and `\` escaped), null as NULL, booleans as t/f. */
class ArrayLiteral {
  private elements = '';

  add(element: Element): void {
    const encoded =
      typeof element === 'string'
        ? // Almost no value needs escaping; testing first skips most of the replace's cost.
          NEEDS_ESCAPE.test(element)
          ? `"${element.replace(/["\\]/g, '\\$&')}"`
          : `"${element}"`
        : element === null
          ? 'NULL'
          : typeof element === 'boolean'
            ? element
              ? 't'
              : 'f'
            : String(element);
    this.elements = this.elements === '' ? encoded : `${this.elements},${encoded}`;
  }

  text(): string {
    return `{${this.elements}}`;
  }
}

/** Keys seen so far in a batch, to refuse a key that occurs twice before anything is sent. */
class UniqueWithinBatch {
  // One map per key, so the values themselves are the map keys (no composed strings to build and hash).
  private readonly seen: Record<RegisterKey, Map<string, number>> = {
    identifikasjonsnummer: new Map(),
    dokumentidentifikator: new Map(),
    hendelsesidentifikator: new Map(),
  };

  add(person: PreparedPerson, identifiers: readonly PersonIdentifier[], index: number): void {
    for (const identifier of identifiers) this.addKey('identifikasjonsnummer', identifier.identifikator, index);
    this.addKey('dokumentidentifikator', person.dokumentidentifikator, index);
    this.addKey('hendelsesidentifikator', person.hendelsesidentifikator, index);
  }

  private addKey(key: RegisterKey, value: string, index: number): void {
    const seen = this.seen[key];
    const first = seen.get(value);
    if (first !== undefined) {
      throw new RegisterConflictError(key, index, `its ${key} is also that of the person at index ${first}`);
    }
    seen.set(value, index);
  }
}
