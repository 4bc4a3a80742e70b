/**
 * The uttrekk jobs as data (schema `uttrekk`): ordering under the per-organisation limit, the runner's queue
 * (claim, finish, fail, requeue after a restart) and reading batches. A job goes queued → running →
 * finished (or failed); the batches and the finish are written in one transaction.
 */
import { packageById, type PackageId } from '@folkeport/model';
import type { Database } from '../../store/database.js';
import { migrate } from '../../store/migrate.js';
import { query } from '../../store/query.js';
import { UTTREKK_SCHEMA } from './uttrekk-schema.js';
import { selection, type UttrekkOrder } from './uttrekk-selection.js';

export type UttrekkJobState = 'queued' | 'running' | 'finished' | 'failed';

export type UttrekkJob = UttrekkOrder & {
  id: string;
  package: PackageId;
  consumerOrg: string;
  state: UttrekkJobState;
  /** How many batches a finished job has (0 when nothing matched). */
  batches: number | undefined;
};

export interface UttrekkBatch {
  /** The identifiers as a JSON array text. */
  ids: string;
  /** The folkeregisteridentifikatorer of the persons delivered (for komplett, those behind the documents). */
  persons: string[];
}

export interface NewUttrekkJob {
  id: string;
  package: PackageId;
  consumerOrg: string;
  order: UttrekkOrder;
}

export interface UttrekkStore {
  /**
   * Queues the job unless the consumer organisation already has `limit` jobs that are not finished; false
   * then. Counting and inserting hold a per-organisation lock, so concurrent orders cannot overshoot.
   */
  order(job: NewUttrekkJob, limit: number): Promise<boolean>;
  job(id: string): Promise<UttrekkJob | undefined>;
  batch(id: string, nr: number): Promise<UttrekkBatch | undefined>;
  /** Marks the oldest queued job running and returns it; undefined when none is queued. */
  claimNext(): Promise<UttrekkJob | undefined>;
  /**
   * Writes the running job's batches of at most `batchSize` identifiers and marks it finished. The persons
   * are numbered in the order the query reads them, and the identifiers within a batch come in no particular
   * order: sorting a whole country costs more than it gives.
   */
  complete(job: UttrekkJob, batchSize: number): Promise<void>;
  fail(id: string): Promise<void>;
  /** Puts jobs left running by a stopped process back in the queue; returns how many. */
  requeueInterrupted(): Promise<number>;
}

/** Migrates schema `uttrekk` and returns the store. */
export async function openUttrekkStore(db: Database): Promise<UttrekkStore> {
  await migrate(db, UTTREKK_SCHEMA);
  return new PostgresUttrekkStore(db);
}

interface JobRow {
  id: string;
  package: PackageId;
  consumer_org: string;
  kind: UttrekkOrder['kind'];
  criteria: string;
  state: UttrekkJobState;
  batches: number | null;
}

const JOB_COLUMNS = 'id, package, consumer_org, kind, criteria, state, batches';

function toJob(row: JobRow): UttrekkJob {
  return {
    id: row.id,
    package: row.package,
    consumerOrg: row.consumer_org,
    state: row.state,
    batches: row.batches ?? undefined,
    ...({ kind: row.kind, criteria: JSON.parse(row.criteria) } as UttrekkOrder),
  };
}

class PostgresUttrekkStore implements UttrekkStore {
  constructor(private readonly db: Database) {}

  async order(job: NewUttrekkJob, limit: number): Promise<boolean> {
    return this.db.kysely.transaction().execute(async (trx) => {
      await query(trx, `SELECT pg_advisory_xact_lock(hashtext('uttrekk.job ' || $1::text))`, [job.consumerOrg]);
      const [unfinished] = await query<{ count: number }>(
        trx,
        `SELECT count(*)::integer AS count FROM uttrekk.job WHERE consumer_org = $1 AND state IN ('queued', 'running')`,
        [job.consumerOrg],
      );
      if ((unfinished?.count ?? 0) >= limit) return false;
      await query(
        trx,
        `INSERT INTO uttrekk.job (id, package, consumer_org, kind, criteria, state, created)
         VALUES ($1, $2, $3, $4, $5, 'queued', now())`,
        [job.id, job.package, job.consumerOrg, job.order.kind, JSON.stringify(job.order.criteria)],
      );
      return true;
    });
  }

  async job(id: string): Promise<UttrekkJob | undefined> {
    const [row] = await query<JobRow>(this.db.kysely, `SELECT ${JOB_COLUMNS} FROM uttrekk.job WHERE id = $1`, [id]);
    return row && toJob(row);
  }

  async batch(id: string, nr: number): Promise<UttrekkBatch | undefined> {
    const [row] = await query<{ ids: string; persons: string | null }>(
      this.db.kysely,
      'SELECT ids, persons FROM uttrekk.batch WHERE job_id = $1 AND nr = $2',
      [id, nr],
    );
    return row && { ids: row.ids, persons: JSON.parse(row.persons ?? row.ids) as string[] };
  }

  async claimNext(): Promise<UttrekkJob | undefined> {
    const [row] = await query<JobRow>(
      this.db.kysely,
      `UPDATE uttrekk.job SET state = 'running'
       WHERE id = (SELECT id FROM uttrekk.job WHERE state = 'queued' ORDER BY created, id LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${JOB_COLUMNS}`,
    );
    return row && toJob(row);
  }

  async complete(job: UttrekkJob, batchSize: number): Promise<void> {
    const persons = selection(packageById(job.package), job, 3);
    await this.db.kysely.transaction().execute(async (trx) => {
      const [written] = await query<{ batches: number }>(
        trx,
        `WITH written AS (
           INSERT INTO uttrekk.batch (job_id, nr, ids, persons)
           SELECT $1, (n - 1) / $2::bigint, json_agg(id)::text, (json_agg(person) FILTER (WHERE person IS NOT NULL))::text
           FROM (SELECT s.id, s.person, row_number() OVER () AS n FROM (${persons.text}) s) numbered
           GROUP BY (n - 1) / $2::bigint
           RETURNING nr)
         SELECT count(*)::integer AS batches FROM written`,
        [job.id, batchSize, ...persons.parameters],
      );
      const finished = await query(
        trx,
        `UPDATE uttrekk.job SET state = 'finished', finished = now(), batches = $2
         WHERE id = $1 AND state = 'running' RETURNING id`,
        [job.id, written?.batches ?? 0],
      );
      if (finished.length === 0) throw new Error(`uttrekk job ${job.id} is no longer running`);
    });
  }

  async fail(id: string): Promise<void> {
    // Only a job still running: one that another runner finished meanwhile stays finished.
    await query(
      this.db.kysely,
      `UPDATE uttrekk.job SET state = 'failed', finished = now() WHERE id = $1 AND state = 'running'`,
      [id],
    );
  }

  async requeueInterrupted(): Promise<number> {
    const rows = await query(
      this.db.kysely,
      `UPDATE uttrekk.job SET state = 'queued' WHERE state = 'running' RETURNING id`,
    );
    return rows.length;
  }
}
