/**
 * The uttrekk (extract) jobs and their batches, in schema `uttrekk`. A job row is written when a consumer
 * orders an extract; the job runner fills in the batches and finishes the job in one transaction, so a job
 * has either all of its batches or none. A batch holds its identifiers as a JSON array text, served as it is,
 * and for komplett also the folkeregisteridentifikatorer behind its documents (for the audit log).
 * docs/register-uttrekk.md describes the life of a job.
 */
import { sql, type Kysely } from 'kysely';
import type { ServiceSchema } from '../../store/migrate.js';

const createTables = sql`
  CREATE TABLE uttrekk.job (
    id uuid PRIMARY KEY,
    package text NOT NULL,
    consumer_org text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('komplett', 'tilpasset')),
    criteria text NOT NULL,
    state text NOT NULL CHECK (state IN ('queued', 'running', 'finished', 'failed')),
    created timestamptz NOT NULL,
    finished timestamptz,
    batches integer
  );
  CREATE INDEX job_unfinished ON uttrekk.job (consumer_org) WHERE state IN ('queued', 'running');
  CREATE INDEX job_queued ON uttrekk.job (created) WHERE state = 'queued';

  CREATE TABLE uttrekk.batch (
    job_id uuid NOT NULL REFERENCES uttrekk.job (id) ON DELETE CASCADE,
    nr integer NOT NULL,
    ids text NOT NULL,
    persons text,
    PRIMARY KEY (job_id, nr)
  );
  -- Identifier lists hardly compress (pglz gives up on them after trying): store them as they are.
  ALTER TABLE uttrekk.batch ALTER COLUMN ids SET STORAGE EXTERNAL, ALTER COLUMN persons SET STORAGE EXTERNAL;
`;

export const UTTREKK_SCHEMA: ServiceSchema = {
  schema: 'uttrekk',
  migrations: [
    {
      name: '0001-jobs-and-batches',
      async up(db: Kysely<unknown>) {
        await createTables.execute(db);
      },
    },
  ],
};
