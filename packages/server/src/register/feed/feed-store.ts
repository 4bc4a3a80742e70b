/**
 * Reading the per-package feeds: pages, the last sequence number, and the register events behind a
 * package's feed items (for the event documents).
 */
import type { Hendelsetype, PackageId } from '@folkeport/model';
import type { Database } from '../../store/database.js';
import { query } from '../../store/query.js';
import { openFeedSchema, type PackageKeys } from './feed-schema.js';

/** The fixed page size of `hendelser/feed` (consumer-api §3.5). */
export const FEED_PAGE_SIZE = 1000;

/** One feed item with what the register event says about it. */
export interface FeedItem {
  sekvensnummer: number;
  /** The type the package sees (`endringIPerson` in the generalising packages). */
  hendelsetype: Hendelsetype;
  /** The register's own type, which decides which document ids exist. */
  registerHendelsetype: Hendelsetype;
  folkeregisteridentifikator: string;
  hendelsesidentifikator: string;
  /** The person document version the event produced. */
  dokumentidentifikator: string;
  ajourholdstidspunkt: string;
}

/** A register event in a package's feed, with the person document version it produced. */
export interface FeedEvent {
  hendelsesidentifikator: string;
  hendelsetype: Hendelsetype;
  folkeregisteridentifikator: string;
  ajourholdstidspunkt: string;
  /** The stored `endringer` JSON (Registerdata[]), or null for personErOpprettet. */
  endringer: string | null;
  /** The person document version after the event, as stored. */
  dokument: string;
}

export interface FeedStore {
  /** Up to {@link FEED_PAGE_SIZE} items of the package's feed from `fromSequence` (inclusive), in order. */
  page(pkg: PackageId, fromSequence: bigint): Promise<FeedItem[]>;
  /** The package's last sequence number; 0 while its feed is empty. */
  lastSequence(pkg: PackageId): Promise<number>;
  /** The events with these hendelsesidentifikatorer that are in the package's feed (any order). */
  events(pkg: PackageId, hendelsesidentifikatorer: readonly string[]): Promise<FeedEvent[]>;
}

export async function openFeedStore(db: Database): Promise<FeedStore> {
  const keys = await openFeedSchema(db);
  return new PostgresFeedStore(db, keys);
}

class PostgresFeedStore implements FeedStore {
  constructor(
    private readonly db: Database,
    private readonly keys: PackageKeys,
  ) {}

  private key(pkg: PackageId): number {
    const key = this.keys.get(pkg);
    if (key === undefined) throw new Error(`no feed for package ${pkg}`);
    return key;
  }

  async page(pkg: PackageId, fromSequence: bigint): Promise<FeedItem[]> {
    // Columns named as FeedItem's fields: the rows are the items, no copying.
    return query<FeedItem>(
      this.db.kysely,
      `SELECT f.sekvensnummer, coalesce(f.hendelsetype, e.hendelsetype) AS hendelsetype,
         e.hendelsetype AS "registerHendelsetype", e.folkeregisteridentifikator, e.hendelsesidentifikator,
         e.dokumentidentifikator, e.registrert AS ajourholdstidspunkt
       FROM (
         SELECT sekvensnummer, register_sekvensnummer, hendelsetype FROM feed.item
         WHERE package_key = $1 AND sekvensnummer >= $2::bigint ORDER BY sekvensnummer LIMIT ${FEED_PAGE_SIZE}
       ) f
       JOIN register.event e ON e.sekvensnummer = f.register_sekvensnummer
       ORDER BY f.sekvensnummer`,
      [this.key(pkg), fromSequence.toString()],
    );
  }

  async lastSequence(pkg: PackageId): Promise<number> {
    const [row] = await query<{ sekvensnummer: number }>(
      this.db.kysely,
      'SELECT sekvensnummer FROM feed.package WHERE package_key = $1',
      [this.key(pkg)],
    );
    return row?.sekvensnummer ?? 0;
  }

  async events(pkg: PackageId, hendelsesidentifikatorer: readonly string[]): Promise<FeedEvent[]> {
    const rows = await query<{
      hendelsesidentifikator: string;
      hendelsetype: Hendelsetype;
      folkeregisteridentifikator: string;
      registrert: string;
      endringer: string | null;
      dokument: string;
    }>(
      this.db.kysely,
      `SELECT e.hendelsesidentifikator, e.hendelsetype, e.folkeregisteridentifikator, e.registrert, e.endringer,
         v.dokument
       FROM register.event e
       JOIN feed.item f ON f.package_key = $1 AND f.register_sekvensnummer = e.sekvensnummer
       JOIN register.person_version v ON v.dokumentidentifikator = e.dokumentidentifikator
       WHERE e.hendelsesidentifikator = ANY ($2::text[])`,
      [this.key(pkg), hendelsesidentifikatorer],
    );
    return rows.map((row) => ({
      hendelsesidentifikator: row.hendelsesidentifikator,
      hendelsetype: row.hendelsetype,
      folkeregisteridentifikator: row.folkeregisteridentifikator,
      ajourholdstidspunkt: row.registrert,
      endringer: row.endringer,
      dokument: row.dokument,
    }));
  }
}
