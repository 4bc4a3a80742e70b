/** Parsers for option values the commands share; each throws commander's InvalidArgumentError. */
import { InvalidArgumentError } from '@commander-js/extra-typings';

/** A real calendar date written `YYYY-MM-DD`. */
export function parseDate(value: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) {
    throw new InvalidArgumentError('Expected a real date as YYYY-MM-DD.');
  }
  return value;
}

/** A seed: an integer from 0 to 2^32 − 1. */
export function parseSeed(value: string): number {
  const seed = /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(seed <= 0xffff_ffff)) throw new InvalidArgumentError('SEED must be an integer from 0 to 4294967295.');
  return seed;
}

/** A whole number from 1 to `max`. */
export function countParser(max = Number.MAX_SAFE_INTEGER) {
  return (value: string): number => {
    const count = /^\d+$/.test(value) ? Number(value) : NaN;
    if (!(count >= 1 && count <= max)) throw new InvalidArgumentError(`Expected a whole number from 1 to ${max}.`);
    return count;
  };
}
