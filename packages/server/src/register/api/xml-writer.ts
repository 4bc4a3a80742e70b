/**
 * A small, fast XML writer for JSON-shaped documents: plain string building, no DOM. Element order comes from
 * a type table (xml-order.ts), never from the object's key order. Arrays repeat their element, absent
 * (undefined or null) values are left out, strings are escaped, booleans and numbers are written as
 * `xsd:boolean` and `xsd:long` lexical values.
 */
import type { XmlChoices, XmlTypes } from './xml-order.js';

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  // A literal CR would be read back as LF (XML end-of-line handling).
  '\r': '&#13;',
};

/** Markup characters, CR, and the code points XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/F). */
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const SPECIAL = /[&<>"'\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const SPECIAL_ALL = new RegExp(SPECIAL.source, 'g');

/**
 * Text safe for element content and attribute values. Characters XML cannot carry at all become U+FFFD (the
 * register never holds them; this keeps the output well-formed whatever comes in). Lone surrogates are left
 * to the UTF-8 encoder, which writes them as U+FFFD as well.
 */
export function escapeXml(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ENTITIES[c] ?? '\uFFFD') : text;
}

type Content = (value: object) => string;

/** An element whose content is a value of the table's type, or a simple value when the type is undefined. */
function elementWriter(element: string, type: string | undefined, content: (type: string) => Content) {
  const open = `<${element}>`;
  const close = `</${element}>`;
  if (type === undefined) {
    return (value: unknown): string => {
      switch (typeof value) {
        case 'string':
          return open + escapeXml(value) + close;
        case 'boolean':
          return value ? `${open}true${close}` : `${open}false${close}`;
        case 'number':
          if (Number.isSafeInteger(value)) return open + String(value) + close;
          break;
      }
      throw new TypeError(`XML element ${element} takes a string, boolean or integer`);
    };
  }
  let write: Content | undefined;
  return (value: unknown): string => {
    if (typeof value !== 'object' || value === null) throw new TypeError(`XML element ${element} takes an object`);
    write ??= content(type);
    return open + write(value) + close;
  };
}

/**
 * Compiles the table into one content writer per type; `write(type, value)` gives the content (child
 * elements, no enclosing element) of `value` as that type. Properties the type does not list are not written,
 * nor the losing branch of a choice in `choices` when the winning element is present.
 */
export function xmlWriter(types: XmlTypes, choices: XmlChoices = {}): (type: string, value: object) => string {
  const compiled = new Map<string, Content>();
  const content = (type: string): Content => {
    const writer = compiled.get(type);
    if (!writer) throw new Error(`XML type ${type} is not in the table`);
    return writer;
  };
  for (const [name, fields] of Object.entries(types)) {
    const names = fields.map(([element]) => element);
    const writers = fields.map(([element, type]) => elementWriter(element, type, content));
    const [winner, losers = []] = choices[name] ?? [];
    const losing = names.map((element) => losers.includes(element));
    compiled.set(name, (value) => {
      const record = value as Record<string, unknown>;
      const won = winner !== undefined && record[winner] !== undefined && record[winner] !== null;
      let out = '';
      for (let i = 0; i < names.length; i++) {
        const field = record[names[i] as string];
        if (field === undefined || field === null || (won && losing[i])) continue;
        const write = writers[i] as (value: unknown) => string;
        if (Array.isArray(field)) {
          for (const item of field) if (item !== undefined && item !== null) out += write(item);
        } else {
          out += write(field);
        }
      }
      return out;
    });
  }
  for (const fields of Object.values(types)) for (const [, type] of fields) if (type !== undefined) content(type);
  return (type, value) => content(type)(value);
}
