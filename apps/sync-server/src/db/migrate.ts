import { fileURLToPath } from 'node:url';
import { runner } from 'node-pg-migrate';
import type pg from 'pg';
import type { Logger } from 'pino';

const migrationsDir = fileURLToPath(new URL('./migrations', import.meta.url));

/**
 * Applies pending versioned SQL migrations (src/db/migrations, node-pg-migrate's SQL format) in
 * one transaction. On Postgres an advisory lock makes concurrent starters wait for each other.
 */
export async function runMigrations(
  pool: pg.Pool,
  logger: Logger,
  singleSession: boolean,
): Promise<void> {
  const client = await pool.connect();
  try {
    const applied = await runner({
      dbClient: client,
      dir: migrationsDir,
      direction: 'up',
      migrationsTable: 'pgmigrations',
      singleTransaction: true,
      noLock: singleSession,
      advisoryLockMode: 'wait',
      checkOrder: true,
      log: () => undefined,
      logger: {
        debug: () => undefined,
        info: (msg: string) => logger.debug(msg),
        warn: (msg: string) => logger.warn(msg),
        error: (msg: string) => logger.error(msg),
      },
    });
    if (applied.length > 0)
      logger.info({ migrations: applied.map((m) => m.name) }, 'migrations applied');
  } finally {
    client.release();
  }
}
