/** Shared checks and messages for numbers that must be a fixed count of digits. */

/** A finding about an input, as a stable code and a message for people. */
export interface NumberError<Code extends string> {
  code: Code;
  message: string;
}

/** True when every character is 0–9. Allocates nothing. */
export function isDigits(input: string): boolean {
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

export function lengthError(input: string, digits: number, what: string): NumberError<'length'> {
  return { code: 'length', message: `has ${input.length} characters; ${what} has ${digits} digits` };
}

export function nonDigitError(input: string): NumberError<'non-digit'> {
  const characters = [...input];
  const index = characters.findIndex((c) => c < '0' || c > '9');
  return {
    code: 'non-digit',
    message: `character ${index + 1} is ${JSON.stringify(characters[index])}; only the digits 0–9 are allowed`,
  };
}

/** The standard form checks: length and digits, both reported when both fail. */
export function formErrors(input: string, digits: number, what: string): NumberError<'length' | 'non-digit'>[] {
  const errors: NumberError<'length' | 'non-digit'>[] = [];
  if (input.length !== digits) errors.push(lengthError(input, digits, what));
  if (!isDigits(input)) errors.push(nonDigitError(input));
  return errors;
}
