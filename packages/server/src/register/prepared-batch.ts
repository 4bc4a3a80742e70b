/**
 * A batch of new persons encoded for the store's bulk insert: per statement, every parameter except the
 * person keys (drawn at insert time) is already a finished array in PostgreSQL's binary format. Encoding is
 * pure and costs more CPU than the insert's client side, so a bulk loader does it in worker threads, which
 * hand the buffers over without copying them.
 */
import { BinaryArray } from './binary-array.js';
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

/**
 * One insert statement's parameters except the person keys, which are drawn at insert time. Every array is a
 * PostgreSQL array in binary format (./binary-array.ts) in a buffer of its own, which a worker thread
 * transfers to the main thread rather than copying.
 */
export interface EncodedStatement {
  persons: number;
  /** Version ids, hendelsesidentifikatorer, registration times, then one array per search column. */
  personArrays: Uint8Array[];
  /** The identifiers' numbers, statuses and types. */
  identifikatorer: Uint8Array;
  statuses: Uint8Array;
  types: Uint8Array;
  /** Per identifier, the position of its person in the statement. */
  identifierOwners: number[];
  /**
   * The documents, as one `text[]` of their UTF-8 bytes, each written as soon as it is serialised. An array
   * literal of JSON texts would need every quote escaped and parses slowly in PostgreSQL; one parameter per
   * document costs the driver more than one long value (docs/store.md, "Bulk loading").
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
    try {
      statement.add(prepared);
    } catch (error) {
      // A search column the database would refuse, e.g. a foedselsdato that is no date.
      if (error instanceof RangeError) throw new PersonDocumentError(`person at index ${index}: ${error.message}`);
      throw error;
    }
    if (statement.persons === PERSONS_PER_STATEMENT) {
      batch.statements.push(statement.finish());
      statement = new StatementEncoder();
    }
    index += 1;
  }
  if (statement.persons > 0) batch.statements.push(statement.finish());
  return batch;
}

/** Every buffer of a batch's statements: what a worker thread transfers instead of copying. */
export function batchBuffers(batch: PreparedBatch): ArrayBuffer[] {
  return batch.statements.flatMap((statement) =>
    [...statement.personArrays, statement.identifikatorer, statement.statuses, statement.types, statement.documents].map(
      (array) => array.buffer as ArrayBuffer,
    ),
  );
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

/** Usual bytes per person of an identifier or short text column, and of a document, to size the buffers. */
const TEXT_BYTES = 40;
const DOCUMENT_BYTES = 8192;

/** Collects one statement's values column by column, each straight into its binary array. */
class StatementEncoder {
  persons = 0;
  private readonly dokumentidentifikatorer = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly hendelsesidentifikatorer = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly registrert = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly columns = PERSON_COLUMNS.map(
    (column) => new BinaryArray(column.type === 'text[]' ? 'text' : column.type, PERSONS_PER_STATEMENT * TEXT_BYTES),
  );
  private readonly identifikatorer = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly owners: number[] = [];
  private readonly statuses = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly types = new BinaryArray('text', PERSONS_PER_STATEMENT * TEXT_BYTES);
  private readonly documents = new BinaryArray('text', PERSONS_PER_STATEMENT * DOCUMENT_BYTES);

  add(person: PreparedPerson): void {
    this.dokumentidentifikatorer.add(person.dokumentidentifikator);
    this.hendelsesidentifikatorer.add(person.hendelsesidentifikator);
    this.registrert.add(person.registrert);
    const { columns, identifiers } = person.description;
    for (let i = 0; i < PERSON_COLUMNS.length; i++) {
      const value = (PERSON_COLUMNS[i] as PersonColumn).value(columns);
      (this.columns[i] as BinaryArray).add(Array.isArray(value) ? value.join(LIST_SEPARATOR) : value);
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
    const personArrays = [this.dokumentidentifikatorer, this.hendelsesidentifikatorer, this.registrert, ...this.columns];
    return {
      persons: this.persons,
      personArrays: personArrays.map((array) => array.bytes()),
      identifikatorer: this.identifikatorer.bytes(),
      statuses: this.statuses.bytes(),
      types: this.types.bytes(),
      identifierOwners: this.owners,
      documents: this.documents.bytes(),
    };
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
