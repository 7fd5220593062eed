import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Logger } from 'pino';
import { acquireDataDirLock, type DataDirLock } from './data-dir-lock';
import { runMigrations } from './migrate';

/** The server's handle on its database: a `pg` pool, whichever engine sits behind it. */
export interface Database {
  readonly pool: pg.Pool;
  /** `postgres` when DATABASE_URL is set, `pglite` for the embedded single-connection engine. */
  readonly kind: 'postgres' | 'pglite';
  /** A connection string for a dedicated LISTEN client; null on PGlite (changes are announced in-process). */
  readonly listenUrl: string | null;
  /** The PGlite data folder's lock (null on Postgres and in memory): one process per folder. */
  readonly lock: DataDirLock | null;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files when no DATABASE_URL is given. `memory://` keeps it in memory. */
  dataDir: string;
  logger: Logger;
  /** Pool size against a real Postgres. */
  poolMax?: number;
}

/**
 * Opens the database and applies pending migrations. Without DATABASE_URL the embedded PGlite
 * engine is exposed over a private Unix socket so that `pg`, node-pg-migrate and every query
 * take the same code path as on a real Postgres; its pool has one connection, which serializes
 * transactions (PGlite has a single session).
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  const database = options.databaseUrl
    ? openPostgres(options.databaseUrl, options.poolMax ?? 10, options.logger)
    : await openPglite(options.dataDir, options.logger);
  try {
    await runMigrations(database.pool, options.logger, database.kind === 'pglite');
  } catch (error) {
    await database.close();
    throw error;
  }
  return database;
}

function openPostgres(url: string, max: number, logger: Logger): Database {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 10_000 });
  // An idle client losing its connection (database restart) must not crash the process.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database client failed'));
  return {
    pool,
    kind: 'postgres',
    listenUrl: url,
    lock: null,
    close: () => pool.end(),
  };
}

async function openPglite(dataDir: string, logger: Logger): Promise<Database> {
  const [{ PGlite }, { PGLiteSocketServer }] = await Promise.all([
    import('@electric-sql/pglite'),
    import('@electric-sql/pglite-socket'),
  ]);
  const inMemory = dataDir === 'memory://';
  if (!inMemory) await mkdir(dataDir, { recursive: true, mode: 0o700 });
  // Two writers on one PGlite folder corrupt it: taken before PGlite touches the files.
  const lock = inMemory ? null : await acquireDataDirLock(dataDir);
  let db: InstanceType<typeof PGlite>;
  try {
    db = await PGlite.create(inMemory ? undefined : dataDir);
  } catch (error) {
    await lock?.release();
    throw error;
  }
  // A Unix socket in a private directory: unlike a TCP port, no other local user can reach it.
  const socketDir = await mkdtemp(join(tmpdir(), 'comanda-pglite-'));
  // pg-pool drops a connection whose query failed (and an idle one after a timeout) and opens a
  // new one for the next caller while the socket server may still be closing the old one. With
  // the default of one connection the newcomer was refused (EPIPE → 503 for an innocent request).
  // The pool still holds at most one connection; the spare slots only cover that overlap, and the
  // socket server's queue keeps PGlite's single session exclusive to an open transaction.
  const socketServer = new PGLiteSocketServer({
    db,
    path: join(socketDir, '.s.PGSQL.5432'),
    maxConnections: 4,
  });
  await socketServer.start();
  const pool = new pg.Pool({
    host: socketDir,
    port: 5432,
    user: 'postgres',
    database: 'postgres',
    max: 1,
    // Keep the one connection: nothing is saved by closing it, and every reconnect is a window.
    idleTimeoutMillis: 0,
  });
  pool.on('error', (error) => logger.warn({ err: error }, 'idle PGlite client failed'));
  logger.info({ dataDir }, 'using embedded PGlite');
  return {
    pool,
    kind: 'pglite',
    listenUrl: null,
    lock,
    async close() {
      await pool.end();
      await socketServer.stop();
      await db.close();
      await rm(socketDir, { recursive: true, force: true });
      await lock?.release();
    },
  };
}
