/**
 * Where a komplett extract is cut. `feedsekvensnr` counts in the package's own feed (schema `feed`, written by
 * the feed writer); the extract lists the documents as of the register event behind that feed item. A number
 * beyond the package's last is clamped to the last (OAS: «overstyres … til maksverdien i rettighetspakken»).
 */
import type { PackageId } from '@folkeport/model';
import type { Database } from '../../store/database.js';
import { query } from '../../store/query.js';

export interface KomplettPosition {
  /** The package's feed sequence number the extract is at, after clamping. */
  feedsekvensnr: number;
  /** The register event sequence number behind it; 0 when the package's feed is still empty. */
  registersekvensnummer: number;
}

export async function komplettPosition(db: Database, pkg: PackageId, requested: number): Promise<KomplettPosition> {
  const [row] = await query<{ last: number; register: number | null }>(
    db.kysely,
    `SELECT p.sekvensnummer AS last,
       (SELECT f.register_sekvensnummer FROM feed.item f
        WHERE f.package_key = p.package_key AND f.sekvensnummer <= least($2::bigint, p.sekvensnummer)
        ORDER BY f.sekvensnummer DESC LIMIT 1) AS register
     FROM feed.package p WHERE p.package_id = $1`,
    [pkg, requested],
  );
  return { feedsekvensnr: Math.min(requested, row?.last ?? 0), registersekvensnummer: row?.register ?? 0 };
}
