import { orderDocSchema } from '@comanda/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createRxDatabase, type RxCollection } from 'rxdb';
import { getRxStorageMemory } from 'rxdb/plugins/storage-memory';
import { afterEach, describe, expect, it } from 'vitest';
import { TILL_COLLECTIONS } from './collections.js';
import { openTillDatabase, type TillDatabase } from './database.js';
import { newestFirst, newestValue } from './newest-first.js';
import { sampleOrder } from './testing/orders.js';

const DAY = 86_400_000;
const NOW = 1_767_261_600_000;
const open: TillDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

async function withOrders(createdAt: number[]): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'newest-first', indexedDB: new IDBFactory(), IDBKeyRange });
  open.push(db);
  await db.orders.bulkInsert(createdAt.map((at, i) => orderDocSchema.parse(sampleOrder(`o${i}`, { createdAt: at, updatedAt: at }))));
  return db;
}

async function collect(db: TillDatabase, options: Parameters<typeof newestFirst>[2]) {
  const pages: number[][] = [];
  for await (const page of newestFirst(db.orders, 'createdAt', options)) pages.push(page.map((d) => Number(d.get('createdAt'))));
  return pages;
}

describe('newestFirst', () => {
  it('yields every document newest first, in windows going back in time, including ones after "now"', async () => {
    // One in the future (a till whose clock was ahead), today, 2 days, 5 days and a year ago.
    const at = [NOW + 3_600_000, NOW - 1000, NOW - 2 * DAY, NOW - 5 * DAY, NOW - 365 * DAY];
    const db = await withOrders(at);
    const pages = await collect(db, { now: NOW });
    expect(pages.flat()).toEqual([...at].sort((a, b) => b - a));
    // The first window is the last day (and anything after now); older ones come later.
    expect(pages[0]).toEqual([NOW + 3_600_000, NOW - 1000]);
    expect(pages.length).toBeGreaterThan(2);
  });

  it('keeps to [from, to) and stops at the oldest document', async () => {
    const db = await withOrders([NOW - 10 * DAY, NOW - 3 * DAY, NOW - 2 * DAY, NOW - DAY / 2]);
    expect((await collect(db, { now: NOW, from: NOW - 3 * DAY, to: NOW - DAY })).flat()).toEqual([NOW - 2 * DAY, NOW - 3 * DAY]);
    expect(await collect(db, { now: NOW, from: NOW })).toEqual([]);
  });

  it('finds the greatest value, or null when empty', async () => {
    expect(await newestValue((await withOrders([NOW - 400 * DAY, NOW - 401 * DAY])).orders, 'updatedAt', NOW)).toBe(NOW - 400 * DAY);
    expect(await newestValue((await withOrders([])).orders, 'updatedAt', NOW)).toBeNull();
  });

  it('reads the newest value from the end of the index: no document goes through a query', async () => {
    // 1,500 orders a minute apart ending 2.5 days before `now`: a till reopened after a weekend.
    const at = Array.from({ length: 1500 }, (_, i) => NOW - 2.5 * DAY - i * 60_000);
    const { collection, read } = countingReads((await withOrders(at)).orders);
    expect(await newestValue(collection, 'updatedAt', NOW)).toBe(NOW - 2.5 * DAY);
    // Zero also proves the Dexie path was taken: an RxDB whose storage layout changed fails here.
    expect(read()).toBe(0);
  });

  it('ignores deleted documents', async () => {
    const db = await withOrders([NOW - DAY, NOW - 2 * DAY]);
    await (await db.orders.findOne('o0').exec())!.remove();
    expect(await newestValue(db.orders, 'updatedAt', NOW)).toBe(NOW - 2 * DAY);
  });

  describe('on a storage without the Dexie layout (ranges of the index are asked about instead)', () => {
    async function memoryOrders(at: number[]) {
      const db = await createRxDatabase({ name: `newest-memory-${memoryDbs++}`, storage: getRxStorageMemory(), multiInstance: false });
      open.push(db as unknown as TillDatabase);
      const { orders } = await db.addCollections({ orders: { schema: TILL_COLLECTIONS.orders.schema } });
      await orders.bulkInsert(at.map((t, i) => orderDocSchema.parse(sampleOrder(`o${i}`, { createdAt: t, updatedAt: t }))));
      return orders as RxCollection;
    }

    it('reads a few dozen documents, not the window, after a busy weekend', async () => {
      const at = Array.from({ length: 1500 }, (_, i) => NOW - 2.5 * DAY - i * 60_000);
      const { collection, read } = countingReads(await memoryOrders(at));
      expect(await newestValue(collection, 'updatedAt', NOW)).toBe(NOW - 2.5 * DAY);
      expect(read()).toBeGreaterThan(0);
      expect(read()).toBeLessThanOrEqual(64);
    });

    it('agrees with Math.max on random collections', async () => {
      for (const at of randomCollections(8)) {
        expect(await newestValue(await memoryOrders(at), 'updatedAt', NOW)).toBe(at.length === 0 ? null : Math.max(...at));
      }
    });
  });

  it('agrees with Math.max on random collections, future-dated and equal values included', async () => {
    for (const at of randomCollections(12)) {
      const db = await withOrders(at);
      expect(await newestValue(db.orders, 'updatedAt', NOW)).toBe(at.length === 0 ? null : Math.max(...at));
    }
  });
});

let memoryDbs = 0;

/** Counts the documents that `find` queries return (a Proxy over the collection). */
function countingReads(collection: RxCollection) {
  let read = 0;
  const counted = new Proxy(collection, {
    get(target, property) {
      if (property === 'find') {
        return (query: Parameters<typeof target.find>[0]) => {
          const rxQuery = target.find(query);
          return {
            exec: async (): Promise<unknown[]> => {
              const docs: unknown[] = await rxQuery.exec();
              read += docs.length;
              return docs;
            },
          };
        };
      }
      const value: unknown = Reflect.get(target, property);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { collection: counted, read: () => read };
}

/** Seeded random sets of epoch values: mostly the past year, some equal, some after "now". */
function randomCollections(rounds: number): number[][] {
  let seed = 7;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648;
  return Array.from({ length: rounds }, () =>
    Array.from({ length: Math.floor(random() * 120) }, () => {
      const r = random();
      if (r < 0.1) return NOW - 5 * DAY;
      if (r < 0.2) return NOW + Math.floor(random() * 40 * DAY);
      return NOW - Math.floor(random() * 365 * DAY);
    }),
  );
}
