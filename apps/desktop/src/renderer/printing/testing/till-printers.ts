import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addLine, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { startVirtualPrinter, type VirtualPrinter } from '@comanda/printing/virtual-printer';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { startNodeHost, type NodeHost } from '../../../host/node/node-host.js';
import { createHostService } from '../../../host/service/host-service.js';
import { openTillDatabase, type TillDatabase } from '../../data/database.js';
import { createHttpHostClient } from '../../host/host-client.js';

/** Test-only: the demo branch (paris-11) with its four printers as virtual printers, over the Node host. */
export const seed = buildDemoSeed(1_767_261_600_000);
export const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');

/** What a test registers to be undone after it (in reverse order). */
export type Cleanup = (() => Promise<unknown>)[];

export async function openPrintingDb(indexedDB: IDBFactory, cleanup: Cleanup): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'till-printing', indexedDB, IDBKeyRange });
  cleanup.push(() => db.close());
  return db;
}

/** The Node host over real HTTP, called the way the renderer calls it. */
async function nodeHost(cleanup: Cleanup) {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-print-'));
  const host: NodeHost = await startNodeHost({ service: createHostService({ dataDir: join(dir, 'data'), host: 'node', version: '0.1.0' }), staticDir: dir });
  cleanup.push(() => host.close());
  // Node's fetch sends no Origin header; the browser would send the page's own.
  const withOrigin: typeof fetch = (url, init) => fetch(url, { ...init, headers: { ...(init?.headers as Record<string, string>), origin: host.origin } });
  return createHttpHostClient(host.origin, host.secret, withOrigin);
}

async function seedBranch(db: TillDatabase, printers: Record<string, VirtualPrinter>): Promise<void> {
  const branch = seed.branches.find((b) => b.id === 'paris-11')!;
  // The demo branch's printers (127.0.0.1:9100-9103), moved to the virtual printers' free ports.
  const rewired = branch.printers.map((p) => ({ ...p, port: printers[p.id]!.port }));
  await db.branches.insert({ ...branch, printers: rewired });
  await db.menu.bulkInsert(seed.menu.filter((m) => m.kind === 'station').map((m) => ({ ...m, id: m.id })));
  await db.staff.insert({ id: 'staff-lea-bernard', schemaVersion: 1, branchId: null, updatedAt: 0, name: 'Léa Bernard', role: 'cashier', branchIds: ['paris-11'], pinHash: 'x', active: true });
}

/** The demo branch's four printers as virtual printers, the Node host, and a seeded till store. */
export async function branchWithPrinters(cleanup: Cleanup, idb: IDBFactory = new IDBFactory()) {
  const vps = await Promise.all([0, 1, 2, 3].map(() => startVirtualPrinter({ port: 0 })));
  for (const p of vps) cleanup.push(() => p.close());
  const [kitchen, grill, bar, receipt] = vps as [VirtualPrinter, VirtualPrinter, VirtualPrinter, VirtualPrinter];
  const host = await nodeHost(cleanup);
  const db = await openPrintingDb(idb, cleanup);
  await seedBranch(db, { 'kitchen-printer': kitchen, 'grill-printer': grill, 'bar-printer': bar, 'receipt-printer': receipt });
  return { kitchen, grill, bar, receipt, host, db, idb };
}

/** Order contexts one second apart from 2026-01-01, with predictable ids. */
export function clock() {
  let n = 0;
  const state = { at: 1_767_261_600_000 };
  return {
    ctx: (): OrderContext => ({ at: (state.at += 1000), by: 'staff-lea-bernard', newId: () => `0195f0a0-0000-7000-8000-${String(++n).padStart(12, '0')}` }),
  };
}

export function add(order: OrderDoc, itemId: string, ctx: OrderContext): OrderDoc {
  return addLine(order, { item: menu.items[itemId]!, modifierGroups: menu.modifierGroups, quantity: 1 }, ctx);
}

export const documentsOf = (p: VirtualPrinter) => p.documents.length;
