import type pg from 'pg';
import type { DataSource } from 'typeorm';

export interface TransactionStatement {
  readonly text: string;
  readonly values?: readonly unknown[];
}

/**
 * Runs statements as one transaction on one pooled connection, straight on the driver: BEGIN and
 * the transaction's settings and locks (`begin`) go in one round trip, each statement follows as
 * soon as the one before it has answered, then COMMIT. For a bulk writer whose every round trip
 * counts; any failure rolls the transaction back and is thrown.
 *
 * `begin` has no parameters, so values in it go through the `literal` it is given.
 * Returns each statement's rows.
 */
export async function writeTransaction(ds: DataSource, begin: (literal: (value: string) => string) => string, statements: readonly TransactionStatement[]): Promise<pg.QueryResultRow[][]> {
  const pool = (ds.driver as unknown as { master: pg.Pool }).master;
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    try {
      await client.query(`BEGIN; ${begin((value) => client.escapeLiteral(value))}`);
      const rows: pg.QueryResultRow[][] = [];
      for (const s of statements) rows.push((await client.query(s.text, s.values as unknown[] | undefined)).rows);
      await client.query('COMMIT');
      return rows;
    } catch (e) {
      // A connection that cannot even roll back is not given to anyone else.
      await client.query('ROLLBACK').catch((rollback: unknown) => (broken = rollback instanceof Error ? rollback : new Error(String(rollback))));
      throw e;
    }
  } finally {
    client.release(broken);
  }
}
