import { mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDemoSeed } from '@comanda/core/demo';
import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { startServer } from '@comanda/sync-server/server';
import { createPairingCode, freePort, pairTill, pgliteDataDir, seedAnotherOrg, type DeviceCredential, type SeededOrg } from '@comanda/sync-server/testing';
import type { BrowserContext, Page } from 'playwright-core';
import type { WireDoc } from '../../src/renderer/sync/sync-client.js';
import { openTill } from './chromium.js';
import { observerTokens, pullAll, type ObserverTokens } from './pull.js';
import { startCentralProcess, startHubProcess, startTillHostProcess, type ShopProcess } from './processes.js';
import { saveCounterPrinter } from './till.js';
import { traceTill } from './trace.js';

/** Git-ignored folder for the screenshots of the branch tests. */
export const BRANCH_SCREENSHOTS = join(import.meta.dirname, '..', '..', '.test-results', 'branch-hub');

/** One till of the branch: its host process, its Chromium profile, its virtual ESC/POS printer. */
export interface BranchTill {
  name: string;
  host: { process: ShopProcess; url: string; origin: string; secret: string };
  printer: VirtualPrinter;
  context: BrowserContext;
  page: Page;
  /** A single-use pairing code made for it before the central server started. */
  pairingCode: string;
}

/**
 * A branch on one machine, each part its own OS process: the central server (PGlite), a branch
 * hub paired with it, and tills (Node host + Chromium + virtual printer). The demo org is seeded,
 * and pairing codes made, by a short in-process start of the central server on the same data.
 */
export class BranchShop {
  central: ShopProcess | null = null;
  hub: ShopProcess | null = null;
  readonly tills: BranchTill[] = [];
  private constructor(
    readonly dir: string,
    readonly ports: { central: number; hub: number },
    readonly seeded: SeededOrg,
    private readonly codes: string[],
    /** A device paired for the test to read what the central server and the hub hold. */
    readonly observer: DeviceCredential,
  ) {}

  static async create(tillNames: readonly string[]): Promise<BranchShop> {
    const dir = await mkdtemp(join(tmpdir(), 'comanda-branch-'));
    mkdirSync(BRANCH_SCREENSHOTS, { recursive: true });
    // The tills' hosts and browsers start while the central data is seeded and the servers start.
    const tills = Promise.allSettled(tillNames.map((name) => startTill(dir, name)));
    let shop: BranchShop | null = null;
    let failure: unknown = null;
    try {
      shop = await BranchShop.seed(dir, tillNames.length);
      await shop.startCentral();
      await shop.startHub();
    } catch (error) {
      failure = error;
    }
    const started = await tills;
    started.forEach((till, i) => {
      if (till.status === 'fulfilled') {
        if (shop) shop.tills.push({ ...till.value, pairingCode: shop.codes[i + 1]! });
        else void closeTill(till.value);
      }
    });
    failure ??= started.find((t) => t.status === 'rejected')?.reason;
    if (failure) {
      // Nothing started is left running: the test never gets this shop to close.
      if (shop) await shop.close();
      else await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
      throw failure instanceof Error ? failure : new Error('The branch could not start', { cause: failure });
    }
    return shop!;
  }

  /**
   * Seeds the demo org and makes the pairing codes (the hub's, then one per till) by a short
   * in-process start of the central server on the data folder its process will use.
   */
  private static async seed(dir: string, tills: number): Promise<BranchShop> {
    const ports = { central: await freePort(), hub: await freePort() };
    const dataDir = await pgliteDataDir(join(dir, 'central'));
    await pgliteDataDir(join(dir, 'hub'));
    const seeder = await startServer({ port: ports.central, host: '127.0.0.1', dataDir, logLevel: 'silent' });
    try {
      const seeded = await seedAnotherOrg(seeder, 'org_demo', buildDemoSeed(0).owners[0]!.email);
      const branchId = seeded.branchIds[0]!;
      const codes: string[] = [];
      for (let i = 0; i <= tills; i++) codes.push((await createPairingCode(seeder, seeded.orgId, branchId)).code);
      const observer = await pairTill(seeder, seeded.orgId, branchId, 'e2e observer');
      return new BranchShop(dir, ports, seeded, codes, observer);
    } finally {
      await seeder.close();
    }
  }

  /** The observer's tokens, one source for every read (polls would otherwise hit the token limit). */
  private observerTokens: ObserverTokens | null = null;

  get centralUrl(): string {
    return `http://127.0.0.1:${this.ports.central}`;
  }

  get hubUrl(): string {
    return `http://127.0.0.1:${this.ports.hub}`;
  }

  get branchId(): string {
    return this.seeded.branchIds[0]!;
  }

  async startCentral(): Promise<void> {
    this.central = await startCentralProcess(join(this.dir, 'central'), this.ports.central);
  }

  /** Pairs on its first start (the first code), then restarts from its own database. */
  async startHub(): Promise<void> {
    const first = this.hub === null;
    this.hub = await startHubProcess(join(this.dir, 'hub'), this.ports.hub, this.centralUrl, first ? this.codes[0] : undefined);
  }

  /** Every document of `collection` that the server at `url` (central or hub) holds for the branch. */
  docs(url: string, collection: 'orders' | 'shifts'): Promise<WireDoc[]> {
    this.observerTokens ??= observerTokens(this.observer, this.centralUrl);
    return pullAll(url, this.observerTokens, collection);
  }

  /** The last output of every process, to explain a failure. */
  tails(): string {
    return [this.central, this.hub, ...this.tills.map((t) => t.host.process)].flatMap((p) => (p ? [p.tail()] : [])).join('\n');
  }

  async close(): Promise<void> {
    for (const till of this.tills) await closeTill(till);
    await this.hub?.stop();
    await this.central?.stop();
    await rm(this.dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 });
  }
}

/** A till's host process, virtual printer and Chromium profile (in `dir`), before pairing. */
async function startTill(dir: string, name: string): Promise<Omit<BranchTill, 'pairingCode'>> {
  const host = await startTillHostProcess(`till ${name}`, join(dir, `till-${name}`), await freePort());
  let printer: VirtualPrinter | null = null;
  try {
    printer = await startVirtualPrinter({ port: 0 });
    const saved = await saveCounterPrinter({ host }, printer.port);
    if (!saved.ok) throw new Error(`till ${name}: printer not saved (${saved.status}: ${await saved.text()})`);
    const { context, page } = await openTill(join(dir, `profile-${name}`), host.url);
    traceTill(page, `till-${name}`);
    return { name, host, printer, context, page };
  } catch (error) {
    await host.process.stop('SIGKILL');
    await printer?.close();
    throw error;
  }
}

async function closeTill(till: Omit<BranchTill, 'pairingCode'>): Promise<void> {
  await till.context.close().catch(() => undefined);
  await till.host.process.stop();
  await till.printer.close();
}

/** One order as the till stores it, next to what the till recorded as acknowledged by its server. */
export interface LocalOrderState {
  id: string;
  ticket: string;
  status: string;
  updatedAt: number;
  ackedAt: number | null;
}

/**
 * The till's orders straight from its IndexedDB (RxDB's Dexie tables), each with its recorded
 * acknowledgement: to explain an "N orders waiting" that does not clear. Read-only.
 */
export async function localOrderStates(page: Page): Promise<LocalOrderState[]> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((d) => d.name ?? '');
    const readAll = (name: string | undefined): Promise<Record<string, unknown>[]> =>
      new Promise((resolve, reject) => {
        if (!name) return resolve([]);
        const open = indexedDB.open(name);
        open.onerror = () => reject(new Error(`cannot open ${name}: ${open.error?.message ?? ''}`));
        open.onsuccess = () => {
          const db = open.result;
          const all = db.transaction('docs', 'readonly').objectStore('docs').getAll();
          all.onerror = () => reject(new Error(`cannot read ${name}: ${all.error?.message ?? ''}`));
          all.onsuccess = () => {
            db.close();
            resolve(all.result as Record<string, unknown>[]);
          };
        };
      });
    const orders = await readAll(names.find((n) => n.endsWith('--orders')));
    const acks = await readAll(names.find((n) => n.endsWith('--syncacks') || n.endsWith('--syncAcks')));
    const acked = new Map<string, number>();
    for (const a of acks) if (a.source === 'orders') acked.set(String(a.docId), Math.max(Number(a.updatedAt), acked.get(String(a.docId)) ?? -1));
    return orders
      .filter((o) => !o._deleted)
      .map((o) => ({
        id: String(o.id),
        ticket: `${o.tillCode as string}-${o.ticketNumber as number}`,
        status: String(o.status),
        updatedAt: Number(o.updatedAt),
        ackedAt: acked.get(String(o.id)) ?? null,
      }));
  });
}
