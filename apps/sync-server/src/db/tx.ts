import type pg from 'pg';

/** Something queries can run on: the pool or a client inside a transaction. */
export type Queryable = Pick<pg.PoolClient, 'query'>;

const RETRYABLE = new Set(['40001', '40P01']);

/**
 * Runs `work` in one transaction and commits it. Serialization failures and deadlocks are retried
 * (the work must be pure database work: never hold a transaction across outside I/O).
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const client = await pool.connect();
    let broken = false;
    // A connection dropping between two statements emits 'error' on the checked-out client; without a
    // listener that would crash the process. The failing statement rejects anyway.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      try {
        await client.query('ROLLBACK');
      } catch (_rollbackError) {
        broken = true;
      }
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && RETRYABLE.has(code) && attempt < 5) continue;
      throw error;
    } finally {
      client.off('error', onError);
      client.release(broken);
    }
  }
}
