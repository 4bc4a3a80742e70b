/**
 * What the audit log records about one access, and the canonical JSON text it stores and hashes. The text is
 * the entry as the chain commits to it: keys in a stable (sorted) order, absent values omitted, times as ISO
 * 8601 in UTC, so the same entry always yields the same bytes.
 */
import type { RegisterAuditEntry } from '../register/api/register-api.js';

/** The service that delivered the data: the register API now, the gateway later. */
export type AuditService = 'register' | 'gateway';

export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * One access as a service hands it to the audit log. A `RegisterAuditEntry` is one as it is (its service is
 * the register); the gateway sets `service` and puts what only it knows (role, integration, graded-address
 * reveal, error id) in `extra`.
 */
export interface AuditEntry extends Omit<RegisterAuditEntry, 'package' | 'action'> {
  /** Default `register`. */
  service?: AuditService;
  /** The rettighetspakke id (`offentligMedHjemmel`, `privat`, …). */
  package: string;
  /** What was done: `personoppslag`, `soek`, `hendelsesliste`, `uttrekk`, … */
  action: string;
  extra?: { readonly [key: string]: JsonValue };
}

/** The entry as stored: the canonical JSON text of every field, `service` filled in. */
export function canonicalEntry(entry: AuditEntry): string {
  const { service = 'register', time, consumerOrg, supplierOrg, clientId, action, persons, elements, detail, extra } = entry;
  if (!(time instanceof Date) || Number.isNaN(time.getTime())) throw new TypeError('an audit entry needs a valid time');
  return canonicalJson({
    service,
    time: time.toISOString(),
    consumerOrg,
    supplierOrg,
    clientId,
    package: entry.package,
    action,
    persons,
    elements,
    detail,
    extra,
  });
}

/** An entry read back from the log. */
export interface StoredEntry {
  service: AuditService;
  time: string;
  consumerOrg: string;
  supplierOrg?: string;
  clientId: string;
  package: string;
  action: string;
  persons: string[];
  elements: string[];
  detail?: string;
  extra?: { [key: string]: JsonValue };
}

/** JSON with object keys sorted and undefined members left out. */
function canonicalJson(value: unknown): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return jsonString(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`an audit entry cannot hold the number ${value}`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object': {
      if (Array.isArray(value)) {
        let json = '[';
        for (let i = 0; i < value.length; i++) {
          const item: unknown = value[i];
          json += (i > 0 ? ',' : '') + (item === undefined ? 'null' : canonicalJson(item));
        }
        return `${json}]`;
      }
      const record = value as Record<string, unknown>;
      let json = '{';
      for (const key of Object.keys(record).sort()) {
        if (record[key] === undefined) continue;
        json += `${json.length > 1 ? ',' : ''}${jsonString(key)}:${canonicalJson(record[key])}`;
      }
      return `${json}}`;
    }
    default:
      throw new TypeError(`an audit entry cannot hold a ${typeof value}`);
  }
}

/**
 * A JSON string literal. PostgreSQL's jsonb refuses U+0000 and unpaired surrogates; one such character (say,
 * in a search detail) must not fail the whole batch it is flushed with, so it is stored as U+FFFD. Only
 * those (and other control characters) come out of JSON.stringify as a \u escape, so most strings are done
 * after one call.
 */
function jsonString(text: string): string {
  const json = JSON.stringify(text);
  if (!json.includes('\\u')) return json;
  return JSON.stringify(
    text.replaceAll('\u0000', '\uFFFD').replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD'),
  );
}
