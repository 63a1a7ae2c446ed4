import type { PgPool, PgPoolClient } from './postgres-driver.js';

/**
 * Runs `work` in one transaction on one connection of `pool` (READ COMMITTED, PostgreSQL's default): committed when
 * it resolves, rolled back when it throws. A connection whose rollback failed is closed, never handed out again in
 * an unknown state.
 */
export async function inTransaction<T>(pool: PgPool, work: (client: PgPoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
