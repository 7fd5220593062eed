import { orderDocSchema } from '@comanda/core';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
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
});
