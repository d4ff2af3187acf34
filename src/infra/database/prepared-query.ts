import type pg from 'pg';
import type { DataSource } from 'typeorm';

/**
 * Runs a statement on the data source's pool as a named prepared statement: PostgreSQL parses
 * and plans it once per connection instead of on every call. For the hot read paths (screening
 * counts, registry lookups); `name` must be unique per statement text.
 */
export async function preparedQuery<R extends pg.QueryResultRow>(ds: DataSource, name: string, text: string, values: unknown[]): Promise<R[]> {
  const pool = (ds.driver as unknown as { master: pg.Pool }).master;
  const result = await pool.query<R>({ name, text, values });
  return result.rows;
}
