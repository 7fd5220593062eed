import { orderDocSchema } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TillDatabase } from '../data/database.js';
import { sampleOrder } from '../data/testing/orders.js';
import type { TillPorts } from '../till-ports/index.js';
import { createMinimalRxPorts, openFakeTillDatabase } from './testing/rx-runtime.js';

const COUNT = 1_234;
const T0 = 1_767_261_600_000;
const MINUTE = 60_000;
let db: TillDatabase;
let ports: TillPorts;

beforeAll(async () => {
  db = await openFakeTillDatabase('rx-ports');
  // Order i is created at T0 + i minutes; every 200th is voided, the last one is table "Terrasse 4".
  const docs = Array.from({ length: COUNT }, (_, i) =>
    orderDocSchema.parse(
      sampleOrder(`order-${String(i).padStart(5, '0')}`, {
        ticketNumber: i + 1,
        status: i % 200 === 0 ? 'voided' : 'closed',
        createdAt: T0 + i * MINUTE,
        updatedAt: T0 + i * MINUTE,
        ...(i === COUNT - 1 ? { type: 'dineIn', table: 'Terrasse 4', covers: 2 } : {}),
      }),
    ),
  );
  const result = await db.orders.bulkInsert(docs);
  expect(result.error).toEqual([]);
  const seed = buildDemoSeed(T0);
  await db.branches.insert({ ...seed.branches[0]!, id: 'branch-1' });
  await db.menu.bulkInsert(seed.menu);
  ports = createMinimalRxPorts(db);
});
afterAll(() => db.close());

const ids = (orders: { id: string }[]) => orders.map((o) => o.id);

describe('TillPorts.menu.subscribe', () => {
  it('gives the branch first (PIN pad), then the whole menu; a later listener gets the menu at once', async () => {
    const seen: { complete: boolean; items: number }[] = [];
    const stop = ports.menu.subscribe((s) => seen.push({ complete: s.complete !== false, items: s.menuDocs.length }));
    await vi.waitFor(() => expect(seen.at(-1)?.complete).toBe(true));
    expect(seen[0]).toEqual({ complete: false, items: 0 });
    expect(seen.at(-1)?.items).toBeGreaterThan(40);
    // While the app's own subscription lives, another screen's is answered from the same read.
    const late: boolean[] = [];
    const stopLate = ports.menu.subscribe((s) => late.push(s.complete !== false));
    await vi.waitFor(() => expect(late).toEqual([true]));
    stopLate();
    stop();
    expect((await ports.menu.load()).complete).not.toBe(false);
  });
});

describe('TillPorts.orders.list over the store (newest first, paged through the createdAt index)', () => {
  it('returns the newest orders first, up to the limit', async () => {
    const page = await ports.orders.list({ limit: 3 });
    expect(ids(page)).toEqual(['order-01233', 'order-01232', 'order-01231']);
    expect(await ports.orders.list({})).toHaveLength(50);
  });

  it('filters a time window with `from` inclusive and `to` exclusive', async () => {
    const window = await ports.orders.list({ from: T0 + 10 * MINUTE, to: T0 + 13 * MINUTE, limit: 100 });
    expect(ids(window)).toEqual(['order-00012', 'order-00011', 'order-00010']);
  });

  it('keeps reading older pages until enough orders match a filter', async () => {
    // Voided orders are 0, 200 … 1200: most of them sit several pages behind the newest.
    const voided = await ports.orders.list({ status: ['voided'], limit: 10 });
    expect(ids(voided)).toEqual([1200, 1000, 800, 600, 400, 200, 0].map((i) => `order-${String(i).padStart(5, '0')}`));
    const oldest = await ports.orders.list({ text: '1', status: ['voided'], limit: 1, to: T0 + 300 * MINUTE });
    expect(ids(oldest)).toEqual(['order-00200']);
  });

  it('searches free text over ticket number, table and item names', async () => {
    expect(ids(await ports.orders.list({ text: 'terrasse' }))).toEqual(['order-01233']);
    expect(ids(await ports.orders.list({ text: '1234' }))).toEqual(['order-01233']);
    expect(await ports.orders.list({ text: 'espresso', limit: 600 })).toHaveLength(600);
    expect(await ports.orders.list({ text: 'no such dish' })).toEqual([]);
  });
});

describe('TillPorts.orders.subscribeOpen', () => {
  it("lists the branch's open orders whichever till opened them, and no other branch's", async () => {
    const open = (id: string, tillId: string, branchId: string) =>
      orderDocSchema.parse(sampleOrder(id, { status: 'open', tillId, branchId, createdAt: T0, updatedAt: T0 }));
    await db.orders.bulkInsert([open('tab-mine', 'till-1', 'branch-1'), open('tab-till-2', 'till-2', 'branch-1'), open('tab-lyon', 'till-9', 'branch-2')]);
    const seen: string[][] = [];
    const stop = ports.orders.subscribeOpen((orders) => seen.push(ids(orders).sort()));
    await vi.waitFor(() => expect(seen.at(-1)).toEqual(['tab-mine', 'tab-till-2']));
    stop();
  });
});

describe('TillPorts.orders.subscribeStored', () => {
  it('counts stored batches: once at once, then after a save and after a pulled batch', async () => {
    const seen: number[] = [];
    const stop = ports.orders.subscribeStored((n) => seen.push(n));
    await vi.waitFor(() => expect(seen).toEqual([0]));
    await ports.orders.save(orderDocSchema.parse(sampleOrder('stored-1', { createdAt: T0, updatedAt: T0 })));
    await vi.waitFor(() => expect(seen.at(-1)).toBe(1));
    // A pull stores its page in one bulk write: one more, not one per order.
    await db.orders.bulkInsert(['stored-2', 'stored-3', 'stored-4'].map((id) => orderDocSchema.parse(sampleOrder(id, { tillId: 'till-2', createdAt: T0, updatedAt: T0 }))));
    await vi.waitFor(() => expect(seen.at(-1)).toBe(2));
    stop();
    await ports.orders.save(orderDocSchema.parse(sampleOrder('stored-5', { createdAt: T0, updatedAt: T0 })));
    expect(seen.at(-1)).toBe(2);
  });
});
