/** Runs one SQL statement with positional parameters (`$1`, …) and returns its rows. */
import { CompiledQuery, type Kysely, type Transaction } from 'kysely';

export type Executor = Kysely<unknown> | Transaction<unknown>;

export async function query<R>(executor: Executor, text: string, parameters: readonly unknown[] = []): Promise<R[]> {
  const result = await executor.executeQuery<R>(CompiledQuery.raw(text, [...parameters]));
  return result.rows;
}

/** The PostgreSQL error code of a failed statement (`23505` unique violation, …), if it is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
