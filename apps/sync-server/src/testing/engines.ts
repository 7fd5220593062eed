import type { WireDocument } from '@comanda/core/sync';
import { ownerClient, type Client } from './client';
import { startPostgres, type TestPostgres } from './postgres';
import {
  pairedTillClient,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from './index';

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

/** A test server on `engine` and the demo owner signed in; `branchId` is the demo's first branch. */
export async function startWithOwner(engine: Engine, options: TestServerOptions = {}) {
  const server = await startOnEngine(engine, options);
  const { email, password } = server.demo.owner;
  const owner = (await ownerClient(server.trpcUrl, email, password)).client;
  return { server, owner, branchId: server.demo.branchIds[0] ?? '' };
}

/**
 * A test server on `engine` with paired tills: `paris` named in the demo's first branch, `lyon`
 * in its second. The tills are keyed by name, in the order given.
 */
export async function startWithTills<P extends string, L extends string>(
  engine: Engine,
  tills: { paris: readonly P[]; lyon: readonly L[] },
) {
  const server = await startOnEngine(engine);
  const [paris = '', lyon = ''] = server.demo.branchIds;
  const clients = {} as Record<P | L, Client>;
  for (const name of tills.paris) clients[name] = await pairedTillClient(server, paris, name);
  for (const name of tills.lyon) clients[name] = await pairedTillClient(server, lyon, name);
  return { server, paris, lyon, tills: clients };
}

/** Pushes documents a till creates (no assumed master state), as one `sync.push`. */
export function pushNew(till: Client, collection: string, docs: readonly WireDocument[]) {
  return till.sync.push.mutate({
    collection,
    rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
  });
}
