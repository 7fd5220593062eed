import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoSeed } from '@comanda/core/demo';
import { startServer, type RunningServer } from '@comanda/sync-server/server';
import { createPairingCode, freePort, pairTill, seedAnotherOrg } from '@comanda/sync-server/testing';
import { startNodeHost, type NodeHost } from '../../src/host/node/node-host.js';
import { createHostService } from '../../src/host/service/host-service.js';
import type { WireDoc } from '../../src/renderer/sync/sync-client.js';
import { pullAll } from './pull.js';
import { afterAll, beforeAll } from 'vitest';

/**
 * A whole shop for end-to-end tests: a sync server on PGlite in a temp dir (or on the Postgres at
 * `databaseUrl`), stoppable and restartable on the same port and data, the demo org, and the
 * till's Node host.
 */
export class TestShop {
  server: RunningServer | null = null;
  host!: NodeHost;
  orgId = 'org_demo';
  branchId = '';
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly databaseUrl: string | undefined,
  ) {}

  static async create(staticDir: string, options: { databaseUrl?: string } = {}): Promise<TestShop> {
    const shop = new TestShop(await mkdtemp(join(tmpdir(), 'comanda-e2e-')), await freePort(), options.databaseUrl);
    await shop.startServer();
    const seeded = await seedAnotherOrg(shop.server!, shop.orgId, buildDemoSeed(0).owners[0]!.email);
    shop.branchId = seeded.branchIds[0]!;
    const service = createHostService({ dataDir: join(shop.dir, 'till'), host: 'node', version: '0.1.0-e2e' });
    shop.host = await startNodeHost({ service, staticDir, port: await freePort() });
    return shop;
  }

  get serverUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get profileDir(): string {
    return join(this.dir, 'chromium-profile');
  }

  async startServer(): Promise<void> {
    this.server = await startServer({
      port: this.port,
      host: '127.0.0.1',
      dataDir: join(this.dir, 'pglite'),
      ...(this.databaseUrl ? { databaseUrl: this.databaseUrl } : {}),
      logLevel: 'silent',
      streamPollMs: 1000,
    });
  }

  async stopServer(): Promise<void> {
    await this.server?.close();
    this.server = null;
  }

  async pairingCode(): Promise<string> {
    return (await createPairingCode(this.server!, this.orgId, this.branchId)).code;
  }

  /** Every order of the branch as the server holds it, read by a separately paired device. */
  async serverOrders(): Promise<WireDoc[]> {
    return pullAll(this.serverUrl, await pairTill(this.server!, this.orgId, this.branchId, 'e2e observer'), 'orders');
  }

  async close(): Promise<void> {
    await this.host?.close();
    await this.stopServer();
    await rm(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** The renderer build the Chromium tests serve (`pnpm build` first, as the e2e script does). */
export const RENDERER_DIR = join(import.meta.dirname, '..', '..', 'dist', 'renderer');

/**
 * One shop for the tests of a file: created before them, closed after. Call at the top level
 * of the file; the returned function gives the shop inside tests.
 */
export function useTestShop(): () => TestShop {
  let shop: TestShop | null = null;
  beforeAll(async () => {
    shop = await TestShop.create(RENDERER_DIR);
  });
  afterAll(async () => {
    await shop?.close();
  });
  return () => {
    if (!shop) throw new Error('the test shop is not started yet (useTestShop() runs in beforeAll)');
    return shop;
  };
}
