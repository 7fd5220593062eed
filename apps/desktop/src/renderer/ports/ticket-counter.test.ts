import { ticketLabel } from '@comanda/core/orders';
import fc from 'fast-check';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { TillDatabase } from '../data/database.js';
import type { TillPorts } from '../till-ports/index.js';
import { createMinimalRxPorts, openFakeTillDatabase } from './testing/rx-runtime.js';

const open: TillDatabase[] = [];
afterEach(async () => {
  for (const db of open.splice(0)) await db.close().catch(() => undefined);
});

/** One till as after an app start: a fresh RxDB over that till's IndexedDB. */
async function startTill(indexedDB: IDBFactory, code: string): Promise<{ db: TillDatabase; ports: TillPorts }> {
  const db = await openFakeTillDatabase(`tickets-${code}`, indexedDB);
  open.push(db);
  return { db, ports: createMinimalRxPorts(db, code) };
}

const DAY = '2026-12-02';

describe('ticket numbers over the store', () => {
  it('gives orders taken at once different numbers, on a new counter and on an existing one', async () => {
    const till = await startTill(new IDBFactory(), 'A');
    const rush = await Promise.all(Array.from({ length: 20 }, () => till.ports.orders.nextTicketNumber(DAY)));
    expect([...rush].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    const more = await Promise.all(Array.from({ length: 10 }, () => till.ports.orders.nextTicketNumber(DAY)));
    expect(new Set([...rush, ...more]).size).toBe(30);
  });

  it('never reuses a number after a restart, even one no order used (a crash before the order was written)', async () => {
    const idb = new IDBFactory();
    const first = await startTill(idb, 'A');
    expect(await first.ports.orders.nextTicketNumber(DAY)).toBe(1);
    // The till dies here: number 2 is taken, the order it was for never written.
    expect(await first.ports.orders.nextTicketNumber(DAY)).toBe(2);
    await first.db.close();
    const second = await startTill(idb, 'A');
    expect(await second.ports.orders.nextTicketNumber(DAY)).toBe(3);
    // A new business day starts again at 1; the old day's counter goes on where it was (a split of a late order).
    expect(await second.ports.orders.nextTicketNumber('2026-12-03')).toBe(1);
    expect(await second.ports.orders.nextTicketNumber(DAY)).toBe(4);
  });

  it('two tills of a branch, offline the same day, with rushes and restarts, never print the same ticket', async () => {
    await fc.assert(
      fc.asyncProperty(
        // Steps: which till, how many orders at once, whether it restarts afterwards.
        fc.array(fc.tuple(fc.constantFrom('A', 'B'), fc.integer({ min: 1, max: 4 }), fc.boolean()), { minLength: 1, maxLength: 8 }),
        async (steps) => {
          // Each till has its own IndexedDB; RxDB's open-core edition holds one till's collections
          // open at a time, so switching tills closes the other (a restart, for it).
          const idbs = new Map([['A', new IDBFactory()], ['B', new IDBFactory()]]);
          let running: { code: string; db: TillDatabase; ports: TillPorts } | null = null;
          const printed: string[] = [];
          for (const [code, rush, restart] of steps) {
            if (running && running.code !== code) {
              await running.db.close();
              running = null;
            }
            running ??= { code, ...(await startTill(idbs.get(code)!, code)) };
            const { ports } = running;
            const numbers = await Promise.all(Array.from({ length: rush }, () => ports.orders.nextTicketNumber(DAY)));
            printed.push(...numbers.map((n) => ticketLabel({ ticketCode: ports.device.tillCode, ticketNumber: n })));
            if (restart) {
              await running.db.close();
              running = null;
            }
          }
          expect(new Set(printed).size).toBe(printed.length);
          await running?.db.close();
        },
      ),
      { numRuns: 15 },
    );
  });
});
