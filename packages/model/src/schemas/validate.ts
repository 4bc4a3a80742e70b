/** Compiled validation of documents against the model's schemas (TypeBox TypeCompiler). */
import type { Static, TSchema } from '@sinclair/typebox';
import { TypeCompiler, ValueErrorType, type ValueError } from '@sinclair/typebox/compiler';
import { isCodeSchema } from './primitives.js';

/** One reason a value does not match: a JSON Pointer into the value and a readable message. */
export interface Problem {
  path: string;
  message: string;
}

export interface Validator<T extends TSchema> {
  readonly schema: T;
  /** True when the value matches the schema (and narrows its type). */
  check(value: unknown): value is Static<T>;
  /** Every mismatch; empty when the value matches. */
  problems(value: unknown): Problem[];
}

const compiled = new WeakMap<TSchema, Validator<TSchema>>();

/** The validator for a schema, compiled on first use and cached. */
export function validator<T extends TSchema>(schema: T): Validator<T> {
  let cached = compiled.get(schema);
  if (!cached) {
    const check = TypeCompiler.Compile(schema);
    cached = {
      schema,
      check: (value): value is Static<TSchema> => check.Check(value),
      problems: (value) => (check.Check(value) ? [] : describe(check.Errors(value))),
    };
    compiled.set(schema, cached);
  }
  return cached as Validator<T>;
}

function describe(errors: Iterable<ValueError>): Problem[] {
  const problems: Problem[] = [];
  for (const error of errors) {
    if (error.type === ValueErrorType.Union && error.errors.length > 0) {
      // Report the alternative that came closest instead of a bare "Expected union value".
      const alternatives = error.errors.map((branch) => describe(branch));
      problems.push(...alternatives.reduce((best, next) => (next.length < best.length ? next : best)));
    } else if (error.value !== undefined || error.type === ValueErrorType.ObjectRequiredProperty) {
      // A missing property yields a "required" error followed by type errors for `undefined`: keep the first.
      problems.push({ path: error.path, message: message(error) });
    }
  }
  return problems;
}

function message(error: ValueError): string {
  if (error.type === ValueErrorType.ObjectAdditionalProperties) return 'unexpected property';
  if (error.type === ValueErrorType.ObjectRequiredProperty) return 'missing required property';
  if (isCodeSchema(error.schema)) {
    return `${JSON.stringify(error.value)} is not in the code list ${error.schema.title ?? ''}`.trimEnd();
  }
  return error.message;
}
