/**
 * Identity numbers for planned persons: synthetic (month + 80) fødselsnummer and D-nummer from
 * `createIdAllocator` of `@folkeport/identity`, which allocates downward through the individnummer
 * series of the birth year as the register does (identity-numbers.md §4, §5 and §12.2) and keeps
 * one counter per birth date, sex and kind instead of remembering every number issued. This
 * module only adds what the planner needs on top: moving a birth date whose numbers are used up.
 */
import { createIdAllocator } from '@folkeport/identity';
import { civil, isoDate, type Day } from './calendar.js';
import type { Kjoenn } from './chunk-plan.js';

type IdKind = 'foedselsnummer' | 'dNummer';

/** How far (in days, alternating earlier and later) to move a birth date whose numbers are used up. */
const MAX_SHIFT = 60;

export class IdentityAllocator {
  private readonly ids = createIdAllocator();

  /**
   * A number for the birth date and sex. When every number of that date is taken, the birth date
   * moves by a day at a time (never past `latest`); the day actually used is returned too.
   */
  next(kind: IdKind, born: Day, kjoenn: Kjoenn, latest: Day): { id: string; born: Day } {
    for (let shift = 0; shift <= 2 * MAX_SHIFT; shift++) {
      const offset = shift % 2 === 0 ? -(shift / 2) : (shift + 1) / 2;
      const day = Math.min(born + offset, latest);
      const [year, month, date] = civil(day);
      const id = this.ids.next({ kind, year, month, day: date, gender: kjoenn, synthetic: true });
      if (id !== null) return { id, born: day };
    }
    throw new RangeError(`no ${kind} numbers left for births around ${isoDate(born)}`);
  }
}
