/**
 * Errors of the register store that a caller can act on. Their messages never contain identity numbers
 * (personal data): a conflict names the position of the person in the batch instead.
 */

export type RegisterKey = 'identifikasjonsnummer' | 'dokumentidentifikator' | 'hendelsesidentifikator';

/** A key that must be unique is already stored, or occurs twice in one batch. Nothing was written. */
export class RegisterConflictError extends Error {
  override name = 'RegisterConflictError';

  constructor(
    readonly key: RegisterKey,
    /** Position in the batch of the person that brought the key; undefined for a change. */
    readonly index: number | undefined,
    detail: string,
  ) {
    super(`${index === undefined ? '' : `person at index ${index}: `}${detail}; nothing was written`);
  }
}

/** No person has the identifier (or person key) a change was addressed to. */
export class UnknownPersonError extends Error {
  override name = 'UnknownPersonError';

  constructor() {
    super('no person in the register has this identifier');
  }
}
