/**
 * Building blocks: code-list schemas, date formats and the field facets of freg-information-model.md §4.1
 * (from the XSD simple types `Foedselsnummer`, `Kommunenummer`, `Postnummer`, `Navn`, `Tekst`, …).
 */
import { FormatRegistry, Kind, Type, TypeRegistry, type TUnsafe } from '@sinclair/typebox';

/**
 * A code list as a plain JSON Schema string enum (`{type: 'string', enum: [...]}`) typed as the literal
 * union. TypeBox's own literal unions become `anyOf` lists, which read worse in OpenAPI and serialise slower.
 */
const STRING_ENUM = 'FolkeportStringEnum';
TypeRegistry.Set<{ enum: readonly string[] }>(
  STRING_ENUM,
  (schema, value) => typeof value === 'string' && schema.enum.includes(value),
);

export function code<const T extends readonly string[]>(title: string, values: T): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ [Kind]: STRING_ENUM, type: 'string', enum: [...values], title });
}

export function isCodeSchema(schema: unknown): schema is { enum: string[]; title?: string } {
  return typeof schema === 'object' && schema !== null && (schema as Record<symbol, unknown>)[Kind] === STRING_ENUM;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-](0\d|1[0-4]):[0-5]\d)$/;

function isCalendarDate(value: string): boolean {
  const match = DATE.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

// TypeBox rejects unknown formats; keep any definition the application registered first.
if (!FormatRegistry.Has('date')) FormatRegistry.Set('date', isCalendarDate);
if (!FormatRegistry.Has('date-time')) {
  FormatRegistry.Set('date-time', (value) => {
    const match = DATE_TIME.exec(value);
    return match !== null && isCalendarDate(match[1] ?? '');
  });
}

/** `YYYY-MM-DD`. */
export const Dato = Type.String({ format: 'date' });
/** ISO 8601 with offset and 0–9 fraction digits, e.g. `2022-03-14T14:41:28.711214642+01:00`. */
export const Tidspunkt = Type.String({ format: 'date-time' });
/** Generic text (`Tekst`, ≤ 4000 characters; may be empty, e.g. `kilde: ""`). */
export const Tekst = Type.String({ maxLength: 4000 });
/** Name part (`Navn`, 1–200 characters). */
export const Navnedel = Type.String({ minLength: 1, maxLength: 200 });
/** Fødselsnummer or D-nummer: 11 digits. */
export const Foedselsnummer = Type.String({ pattern: '^[0-9]{11}$' });
export const Kommunenummer = Type.String({ pattern: '^[0-9]{4}$' });
export const Postnummer = Type.String({ pattern: '^[0-9]{4}$' });
export const Organisasjonsnummer = Type.String({ pattern: '^[0-9]{9}$' });
export const Organisasjonsnavn = Type.String({ maxLength: 175 });
export const LandkodeAlfa3 = Type.String({ pattern: '^[A-Z]{3}$' });
export const LandkodeAlfa2 = Type.String({ pattern: '^[A-Z]{2}$' });
/** A year as a string (`Aarstall`, xsd:gYear), e.g. `"2017"`. */
export const Aarstall = Type.String({ pattern: '^[0-9]{4}$' });
