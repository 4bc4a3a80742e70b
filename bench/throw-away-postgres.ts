// A throw-away PostgreSQL database for a benchmark: created on the server of FOLKEPORT_TEST_DATABASE_URL
// (default postgres://postgres@127.0.0.1:5432/test), handed to `body` as a URL, dropped afterwards.
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DATABASE_URL = process.env.FOLKEPORT_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function withThrowAwayPostgres<T>(body: (url: string) => Promise<T>): Promise<T> {
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  const name = `folkeport_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(DATABASE_URL);
    url.pathname = `/${name}`;
    return await body(url.href);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}
