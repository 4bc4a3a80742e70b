import type { Folkeregisterperson, Hendelsetype, Registerdata } from '@folkeport/model';

/**
 * A new person as handed to the register store: the full person document (current and historic
 * elements, as FREG keeps it) plus the ids of its first version and of its `personErOpprettet`
 * event. Generation supplies deterministic ids; live changes use random ones.
 */
export interface NewPerson {
  document: Folkeregisterperson;
  /** 32 lower-case hex characters: the id of this first version of the person document. */
  dokumentidentifikator: string;
  /** 32 lower-case hex characters: the id of the `personErOpprettet` event. */
  hendelsesidentifikator: string;
  /** ISO 8601 timestamp of registration, used for the event's `ajourholdstidspunkt`. */
  registrert: string;
}

/** A change to an existing person: the new full document and the event that describes it. */
export interface PersonChange {
  document: Folkeregisterperson;
  dokumentidentifikator: string;
  hendelsesidentifikator: string;
  hendelsetype: Hendelsetype;
  /** The element changes, as in the event document's `egenskapshendelse`. */
  endringer: Registerdata[];
  registrert: string;
}
