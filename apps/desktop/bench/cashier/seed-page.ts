// Seed page for bench/cashier.ts: writes a large menu and order history into the till's own store
// (same origin and database name as the app), then closes it so the app can open it cold.
import { orderDocSchema } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { hashPin } from '@comanda/core/staff';
import { openTillDatabase } from '../../src/renderer/data/database.js';
import { sampleOrder } from '../../src/renderer/data/testing/orders.js';
import { STANDALONE_BRANCH_ID } from '../../src/renderer/runtime/standalone.js';
import { bigMenu } from './big-menu.js';

const DAY_MS = 86_400_000;

const seed = {
  /** Menu, staff (PINs of the demo seed, for the standalone branch) and standalone mode. */
  async menu(items: number) {
    const at = Date.now();
    const demo = buildDemoSeed(at);
    const db = await openTillDatabase({ name: 'comanda-till' });
    try {
      const menu = bigMenu(items, at);
      const result = await db.menu.bulkInsert(menu);
      if (result.error.length > 0) throw new Error(`menu insert: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
      await db.branches.bulkInsert(demo.branches);
      const staff = await Promise.all(
        demo.staff.map(async (s) => ({
          id: s.id,
          schemaVersion: 1,
          branchId: null,
          updatedAt: at,
          name: s.name,
          role: s.role,
          branchIds: [STANDALONE_BRANCH_ID],
          pinHash: await hashPin(crypto.subtle, s.pin, crypto.getRandomValues(new Uint8Array(16))),
          active: true,
        })),
      );
      await db.staff.bulkInsert(staff);
      await db.settings.upsert({ id: 'device:mode', value: 'standalone', updatedAt: at });
      return { items: menu.filter((d) => d.kind === 'item').length, staff: staff.map((s) => s.name) };
    } finally {
      await db.close();
    }
  },
  /** `n` closed orders of past days (other tills), in chunks through the store's bulkInsert. */
  async orders(n: number) {
    const db = await openTillDatabase({ name: 'comanda-till' });
    try {
      const now = Date.now();
      for (let i = 0; i < n; i += 1000) {
        const docs = Array.from({ length: Math.min(1000, n - i) }, (_, k) => {
          const index = i + k;
          const createdAt = now - (n - index) * 60_000 - DAY_MS;
          return orderDocSchema.parse(
            sampleOrder(`hist-${index}`, {
              branchId: STANDALONE_BRANCH_ID,
              tillId: `till-old-${index % 3}`,
              status: 'closed',
              ticketNumber: (index % 400) + 1,
              businessDay: new Date(createdAt).toISOString().slice(0, 10),
              createdAt,
              updatedAt: createdAt,
            }),
          );
        });
        const result = await db.orders.bulkInsert(docs);
        if (result.error.length > 0) throw new Error(`order insert: ${JSON.stringify(result.error[0]).slice(0, 300)}`);
      }
      return await db.orders.count().exec();
    } finally {
      await db.close();
    }
  },
};

/** What bench/cashier.ts calls through `window.cashierSeed`. */
export type CashierSeed = typeof seed;
(globalThis as unknown as { cashierSeed: CashierSeed }).cashierSeed = seed;
document.getElementById('state')!.textContent = 'ready';
