import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase } from '../db/database';
import {
  createPairing,
  redeemPairingCode,
  seedDemo,
  type DeviceCredential,
  type SeededOrg,
} from '../admin';
import { startServer, type RunningServer, type StartServerOptions } from '../server';
import { writeAsOrg } from '../sync/owner-writes';
import { deviceClient, type Client } from './client';

export { startPostgres, freePort, type TestPostgres } from './postgres';
export {
  ENGINES,
  pushNew,
  startOnEngine,
  startWithOwner,
  startWithTills,
  type Engine,
} from './engines';
export { advanceTxidTo, nextPowerOfTen, nextTxid } from './xid';
export type { DeviceCredential } from '../auth/devices';
export type { SeededOrg } from '../seed';
export {
  createClient,
  deviceClient,
  failureOf,
  httpStatusOf,
  ownerClient,
  type Client,
} from './client';
export { orderDoc } from './docs';
export { seedHistory, type HistoryBranch } from './history-seed';

export interface TestServerOptions extends Partial<Omit<StartServerOptions, 'dataDir'>> {
  /** Seed the demo org (default true). */
  demo?: boolean;
  /** Keep PGlite in memory instead of a temp dir (faster; default false). */
  inMemory?: boolean;
}

/** A running server on a throwaway database, with the demo org seeded. */
export interface TestServer {
  url: string;
  /** tRPC endpoint: `${url}/trpc`. */
  trpcUrl: string;
  port: number;
  server: RunningServer;
  /** The seeded demo org (org id, branch ids, the owner's email and password, staff PINs). */
  demo: SeededOrg;
  /**
   * Stops the server and starts it again on the same port and database (a crash-free restart:
   * clients see refused connections, then the same server). `server` is the new instance after.
   */
  restart(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Starts a sync server for tests on a free port: embedded PGlite in a temp dir (or Postgres with
 * `databaseUrl`), demo org seeded, logs silenced. `close()` stops it and removes the temp dir.
 */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'comanda-sync-test-'));
  const { demo = true, inMemory = false, ...rest } = options;
  const serverOptions: StartServerOptions = {
    port: 0,
    logger: pino({ level: process.env.COMANDA_TEST_LOG ?? 'silent' }),
    ...rest,
    dataDir: inMemory
      ? 'memory://'
      : await copyOfTemplate(join(dataDir, 'pglite'), rest.databaseUrl),
  };
  const server = await startServer(serverOptions);
  const seeded = demo
    ? await seedDemo(server.services)
    : {
        orgId: '',
        branchIds: [],
        owner: { email: '', password: '', name: '' },
        staff: [],
        menuCount: 0,
      };
  const handle: TestServer = {
    url: server.url,
    trpcUrl: `${server.url}/trpc`,
    port: server.port,
    server,
    demo: seeded,
    async restart() {
      if (serverOptions.dataDir === 'memory://')
        throw new Error('an in-memory server cannot restart');
      await handle.server.close();
      handle.server = await startServer({ ...serverOptions, port: handle.port });
    },
    async close() {
      await handle.server.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  return handle;
}

/** Creates a single-use pairing code for a branch of an org (the admin API's `createPairing`). */
export async function createPairingCode(
  server: RunningServer,
  orgId: string,
  branchId: string,
): Promise<{ code: string; expiresAt: number }> {
  return createPairing(server.services, { orgId, branchId, createdBy: 'test' });
}

/** Pairs a till with a branch and returns its device credential (id + secret). */
export async function pairTill(
  server: RunningServer,
  orgId: string,
  branchId: string,
  deviceName = 'Test till',
): Promise<DeviceCredential> {
  const { code } = await createPairingCode(server, orgId, branchId);
  return redeemPairingCode(server.services.db.pool, { code, deviceName }, server.services.now());
}

/** Pairs a new till in `branchId` of the demo org and returns its tRPC client. */
export async function pairedTillClient(
  server: TestServer,
  branchId: string,
  deviceName = 'Test till',
): Promise<Client> {
  const credential = await pairTill(server.server, server.demo.orgId, branchId, deviceName);
  return (await deviceClient(server.trpcUrl, credential)).client;
}

/** Seeds another demo org into a running server (the admin API's `seedDemo`; cross-org tests). */
export function seedAnotherOrg(
  server: RunningServer,
  orgId: string,
  ownerEmail: string,
): Promise<SeededOrg> {
  return seedDemo(server.services, { orgId, ownerEmail });
}

/** A migrated PGlite data folder at `target` (a copy of the cached template), for process tests. */
export function pgliteDataDir(target: string): Promise<string> {
  return copyOfTemplate(target, undefined);
}

/**
 * A fresh PGlite cluster takes several seconds to create (initdb in WebAssembly); a copy of an
 * already migrated one opens in a fraction of that. The template is keyed by the migrations.
 */
async function copyOfTemplate(target: string, databaseUrl: string | undefined): Promise<string> {
  if (databaseUrl) return target;
  const migrations = fileURLToPath(new URL('../db/migrations', import.meta.url));
  const hash = createHash('sha256');
  for (const file of (await readdir(migrations)).sort())
    hash.update(file).update(await readFile(join(migrations, file)));
  const template = join(tmpdir(), `comanda-pglite-template-${hash.digest('hex').slice(0, 16)}`);
  const ready = await stat(join(template, 'PG_VERSION')).then(
    () => true,
    () => false,
  );
  if (!ready) {
    const building = await mkdtemp(join(tmpdir(), 'comanda-pglite-building-'));
    const db = await openDatabase({
      dataDir: join(building, 'db'),
      logger: pino({ level: 'silent' }),
    });
    await db.close();
    // Another test process may have won the race: either copy is as good.
    await rename(join(building, 'db'), template).catch(() => undefined);
    await rm(building, { recursive: true, force: true });
  }
  await cp(template, target, { recursive: true });
  return target;
}

/** Writes documents as the owner would (server wins), announced to live streams like any owner write. */
export function writeAsOwner(
  server: RunningServer,
  orgId: string,
  collection: 'branches' | 'menu' | 'branchOverrides' | 'staff',
  docs: unknown[],
): Promise<unknown[]> {
  return writeAsOrg(
    server.services,
    orgId,
    collection,
    docs,
    { type: 'cli', id: 'test' },
    'test.write',
  );
}
