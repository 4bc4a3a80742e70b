/**
 * The audit log shared by the register API and the gateway: every access appended to a hash chain in the
 * database (audit-schema.ts), checked by `verify`, and read per person for the insight view (innsyn).
 *
 * Appends are group-committed: `append` queues the entry, and one flush at a time writes everything queued
 * in a single statement (one round trip, one transaction). Under load the queue fills while a flush is in
 * flight, so the next flush carries many entries. `append` resolves only once the flush holding its entry has
 * committed, and rejects if that flush failed, so an acknowledged entry is never lost; a service awaits it
 * before it answers, and delivers nothing it could not log.
 *
 * Nothing here writes to the process log: entries hold identity numbers, and an error from the database is
 * passed on with any 11-digit number masked.
 */
import type { PackageId } from '@folkeport/model';
import { redactIdentityNumbers } from '../http/redact.js';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { query } from '../store/query.js';
import { canonicalEntry, type AuditEntry, type AuditService, type JsonValue, type StoredEntry } from './audit-entry.js';
import { AUDIT_SCHEMA } from './audit-schema.js';
import { verifyChain, type ChainAnchor, type VerifyResult } from './verify-chain.js';

/**
 * Lookups the data subject has no right to see in the insight view: those by bodies with hjemmel
 * (folkeregisterloven § 10-1 (3); reference freg-consumer-api.md §3.6). Folkeport cannot tell a public body
 * from a private one with hjemmel, so every lookup through the package with hjemmel counts (docs/audit.md).
 */
export const INNSYN_EXEMPT_PACKAGES: readonly PackageId[] = ['offentligMedHjemmel'];

/** One access to a person's data, as the insight view shows it; the other persons of the entry are left out. */
export interface AccessRecord {
  sequence: number;
  time: Date;
  service: AuditService;
  consumerOrg: string;
  supplierOrg?: string;
  clientId: string;
  package: string;
  action: string;
  elements: string[];
  detail?: string;
  /** Made through a package with hjemmel: outside the data subject's right of insight. */
  exempt: boolean;
}

export interface ForPersonOptions {
  /** Also list the lookups outside the right of insight (the operator's view). Default false. */
  includeExempt?: boolean;
  /** Start at this sequence number (inclusive) and go back in time; default the newest entry. */
  fromSequence?: number;
  /** At most this many records; default all. */
  limit?: number;
}

/** One gateway access as the organisation's log shows it: everything the entry holds. */
export interface GatewayAccessRecord extends Omit<StoredEntry, 'service' | 'time' | 'extra'> {
  sequence: number;
  time: Date;
  extra: { [key: string]: JsonValue };
}

export interface ForOrganisationOptions {
  /** Start at this sequence number (inclusive) and go back in time; default the newest entry. */
  fromSequence?: number;
  /** Only entries at or after this time. */
  from?: Date;
  /** Only entries before this time. */
  to?: Date;
  /** At most this many records; default all. */
  limit?: number;
}

export interface AuditLog {
  /** Appends the entry; resolves once it is committed (see above). */
  append(entry: AuditEntry): Promise<void>;
  /** Recomputes the whole chain and checks the person index against the entries. */
  verify(options?: { anchor?: ChainAnchor }): Promise<VerifyResult>;
  /** The accesses to the person's data, newest first. */
  forPerson(identifier: string, options?: ForPersonOptions): Promise<AccessRecord[]>;
  /** The gateway's accesses on behalf of a Fiks organisation (`extra.fiksOrgId`), newest first. */
  forGatewayOrganisation(fiksOrgId: string, options?: ForOrganisationOptions): Promise<GatewayAccessRecord[]>;
}

export type { ChainAnchor, VerifyResult };

/** Entries per flush at most, and characters of entry text (an uttrekk entry can list many persons). */
const MAX_BATCH_ENTRIES = 1_000;
const MAX_BATCH_CHARS = 4_000_000;

interface Pending {
  text: string;
  resolve(): void;
  reject(error: Error): void;
}

const logs = new WeakMap<Database, AuditLog>();

/**
 * The audit log of `db`, migrated. Every service of a process on the same database shares one log, so the
 * register's and the gateway's entries go into the same flushes (one statement and one commit for both).
 */
export async function openAuditLog(db: Database): Promise<AuditLog> {
  await migrate(db, AUDIT_SCHEMA);
  let log = logs.get(db);
  if (!log) logs.set(db, (log = createAuditLog(db)));
  return log;
}

function createAuditLog(db: Database): AuditLog {
  let queue: Pending[] = [];
  let flushing = false;

  const takeBatch = (): Pending[] => {
    let count = 0;
    let chars = 0;
    while (count < queue.length && count < MAX_BATCH_ENTRIES) {
      chars += (queue[count] as Pending).text.length;
      if (count > 0 && chars > MAX_BATCH_CHARS) break;
      count++;
    }
    const batch = queue.slice(0, count);
    queue = queue.slice(count);
    return batch;
  };

  const drain = async () => {
    while (queue.length > 0) {
      const batch = takeBatch();
      try {
        await query(db.kysely, 'SELECT audit.append($1::text[])', [batch.map((pending) => pending.text)]);
        for (const pending of batch) pending.resolve();
      } catch (error) {
        const message = redactIdentityNumbers(error instanceof Error ? error.message : String(error));
        const failure = new Error(`the audit log could not store ${batch.length} entries: ${message}`);
        for (const pending of batch) pending.reject(failure);
      }
    }
    flushing = false;
  };

  return {
    append(entry) {
      let text: string;
      try {
        text = canonicalEntry(entry);
      } catch (error) {
        return Promise.reject(error as Error);
      }
      return new Promise<void>((resolve, reject) => {
        queue.push({ text, resolve, reject });
        if (flushing) return;
        flushing = true;
        // Start on the next turn, so appends made in the same turn share the first flush.
        setImmediate(() => void drain());
      });
    },

    verify: (options = {}) => verifyChain(db.kysely, options.anchor),

    async forPerson(identifier, options = {}) {
      const rows = await query<{ seq: number; entry: string }>(
        db.kysely,
        `SELECT e.seq, e.entry FROM audit.entry_persons p JOIN audit.entry e ON e.seq = p.entry_seq
         WHERE p.persons @> ARRAY[$1::text] AND p.entry_seq <= $2 AND ($3 OR p.package <> ALL($4::text[]))
         ORDER BY p.entry_seq DESC LIMIT $5`,
        [
          identifier,
          options.fromSequence ?? Number.MAX_SAFE_INTEGER,
          options.includeExempt ?? false,
          INNSYN_EXEMPT_PACKAGES,
          options.limit ?? null,
        ],
      );
      return rows.map(({ seq, entry }) => accessRecord(seq, JSON.parse(entry) as StoredEntry));
    },

    async forGatewayOrganisation(fiksOrgId, options = {}) {
      // Times are stored as ISO 8601 in UTC with milliseconds, so they compare as text.
      const rows = await query<{ seq: number | string; entry: string }>(
        db.kysely,
        `SELECT seq, entry FROM audit.entry
         WHERE (entry::jsonb ->> 'service') = 'gateway' AND (entry::jsonb #>> '{extra,fiksOrgId}') = $1
           AND seq <= $2 AND ($3::text IS NULL OR (entry::jsonb ->> 'time') >= $3)
           AND ($4::text IS NULL OR (entry::jsonb ->> 'time') < $4)
         ORDER BY (entry::jsonb #>> '{extra,fiksOrgId}'), seq DESC LIMIT $5`,
        [
          fiksOrgId,
          options.fromSequence ?? Number.MAX_SAFE_INTEGER,
          options.from?.toISOString() ?? null,
          options.to?.toISOString() ?? null,
          options.limit ?? null,
        ],
      );
      return rows.map(({ seq, entry }) => gatewayRecord(Number(seq), JSON.parse(entry) as StoredEntry));
    },
  };
}

function gatewayRecord(sequence: number, entry: StoredEntry): GatewayAccessRecord {
  const { service: _service, time, extra, ...rest } = entry;
  return { sequence, time: new Date(time), ...rest, extra: extra ?? {} };
}

function accessRecord(sequence: number, entry: StoredEntry): AccessRecord {
  return {
    sequence,
    time: new Date(entry.time),
    service: entry.service,
    consumerOrg: entry.consumerOrg,
    ...(entry.supplierOrg !== undefined && { supplierOrg: entry.supplierOrg }),
    clientId: entry.clientId,
    package: entry.package,
    action: entry.action,
    elements: entry.elements,
    ...(entry.detail !== undefined && { detail: entry.detail }),
    exempt: (INNSYN_EXEMPT_PACKAGES as readonly string[]).includes(entry.package),
  };
}
