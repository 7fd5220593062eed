import { startPostgres, type TestPostgres } from './postgres';
import { startTestServer, type TestServer, type TestServerOptions } from './index';

/** The database engines every server test runs against. */
export const ENGINES = ['pglite', 'postgres'] as const;
export type Engine = (typeof ENGINES)[number];

/** A test server on the given engine; for Postgres the cluster is started here and removed on close. */
export async function startOnEngine(
  engine: Engine,
  options: TestServerOptions = {},
): Promise<TestServer & { postgres: TestPostgres | null }> {
  const postgres = engine === 'postgres' ? await startPostgres() : null;
  try {
    const server = await startTestServer({
      ...options,
      ...(postgres ? { databaseUrl: postgres.url } : {}),
    });
    // The same object, not a copy: `restart()` replaces `server.server` on it.
    const closeServer = server.close.bind(server);
    return Object.assign(server, {
      postgres,
      async close() {
        await closeServer();
        await postgres?.destroy();
      },
    });
  } catch (error) {
    await postgres?.destroy();
    throw error;
  }
}
