import { orderDocSchema } from '@comanda/core';
import { IDBDatabase } from 'fake-indexeddb';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TillDatabase } from '../data/database.js';
import { sampleOrder } from '../data/testing/orders.js';
import type { Order, TillPorts } from '../till-ports/index.js';
import { createMinimalRxPorts, openFakeTillDatabase } from './testing/rx-runtime.js';

const T = 1_767_261_600_000;
let db: TillDatabase;
let ports: TillPorts;

const order = (id: string, updatedAt: number, quantity = 2): Order =>
  orderDocSchema.parse(sampleOrder(id, { updatedAt, quantity, unitPrice: 1000 }));

// Installed before any database opens (Dexie keeps a reference to the method once connected).
let readWrites = 0;
const proto = IDBDatabase.prototype as unknown as { transaction: (...args: unknown[]) => unknown };
const transaction = proto.transaction;
proto.transaction = function (this: unknown, ...args: unknown[]) {
  if (args[1] === 'readwrite') readWrites += 1;
  return transaction.apply(this, args);
};

/** Counts read-write IndexedDB transactions opened while `work` runs. */
async function readWriteTransactions(work: () => Promise<unknown>): Promise<number> {
  const before = readWrites;
  await work();
  return readWrites - before;
}

beforeEach(async () => {
  db = await openFakeTillDatabase(`batch-${Math.random()}`);
  ports = createMinimalRxPorts(db);
});
afterEach(() => db.close());
afterAll(() => {
  proto.transaction = transaction;
});

describe('TillPorts.orders.saveMany over RxDB (a split bill)', () => {
  it('writes a new order and an update of an existing one in a single IndexedDB transaction', async () => {
    await ports.orders.save(order('source', T));
    const seen: (number | undefined)[] = [];
    const stop = ports.orders.subscribe('source', (o) => seen.push(o?.lines[0]?.quantity));

    const transactions = await readWriteTransactions(() => ports.orders.saveMany([{ ...order('target', T + 1, 1), splitFromOrderId: 'source' }, order('source', T + 1, 1)]));
    expect(transactions).toBe(1);
    expect((await ports.orders.get('target'))?.lines[0]?.quantity).toBe(1);
    expect((await ports.orders.get('source'))?.updatedAt).toBe(T + 1);
    await expect.poll(() => seen.at(-1)).toBe(1);
    stop();
    // The revision chain is intact: an ordinary save of the source still works afterwards.
    await ports.orders.save(order('source', T + 2, 3));
    expect((await ports.orders.get('source'))?.lines[0]?.quantity).toBe(3);
    // Saving the same documents again is a harmless no-op.
    await ports.orders.saveMany([{ ...order('target', T + 1, 1), splitFromOrderId: 'source' }]);
  });

  it('why not bulkUpsert: RxDB 17 writes an existing document in a second transaction', async () => {
    await ports.orders.save(order('source', T));
    const transactions = await readWriteTransactions(() => db.orders.bulkUpsert([order('target', T + 1, 1), order('source', T + 1, 1)]));
    expect(transactions).toBeGreaterThan(1);
  });

  it('refuses the whole batch when one order is stale, writing nothing', async () => {
    await ports.orders.save(order('source', T + 5));
    await expect(ports.orders.saveMany([order('target', T + 6, 1), order('source', T + 4, 1)])).rejects.toMatchObject({ code: 'conflict' });
    expect(await ports.orders.get('target')).toBeNull();
    expect((await ports.orders.get('source'))?.lines[0]?.quantity).toBe(2);
    await expect(ports.orders.saveMany([{ ...order('bad', T), ticketNumber: 0 }])).rejects.toMatchObject({ code: 'invalid' });
  });
});
