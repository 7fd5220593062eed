import { addLine, createOrder, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { deviceClient, orderDoc, pairTill, pushNew, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DeviceTokenSource } from './device-auth.js';
import { chunkBySize, startTillReplication, type TillReplication } from './replication.js';
import { createPublicSyncClient, createSyncClient } from './sync-client.js';

describe('chunkBySize', () => {
  it('keeps order, keeps each chunk within the budget, and sends an oversized row alone', () => {
    const rows = ['a'.repeat(40), 'b'.repeat(40), 'é'.repeat(30), 'c'.repeat(200), 'd'];
    const chunks = chunkBySize(rows, 100);
    expect(chunks.flat()).toEqual(rows);
    // "é" is two bytes in UTF-8: 30 of them (62 bytes of JSON) do not fit after the two 42-byte rows.
    expect(chunks.map((c) => c.length)).toEqual([2, 1, 1, 1]);
    expect(chunkBySize([], 100)).toEqual([]);
  });
});

/** The real sync server with a small body limit, so a normal batch of orders would be refused (413). */
describe('pushing a batch larger than the server accepts in one request', () => {
  const LIMIT = 48 * 1024;
  let server: TestServer;
  let db: TillDatabase;
  let replication: TillReplication | null = null;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startTestServer({ maxBodyBytes: LIMIT });
    db = await openTillDatabase({ name: 'replication-chunks', indexedDB: new IDBFactory(), IDBKeyRange });
    // Starting and seeding a server takes seconds, more when the machine is busy.
  }, 60_000);
  afterAll(async () => {
    await replication?.stop();
    await db.close();
    await server.close();
  });

  it('splits the batch into requests under the limit, and every order reaches the server once', async () => {
    const branchId = server.demo.branchIds[0]!;
    const seed = buildDemoSeed(1_767_261_600_000);
    const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
    const items = Object.values(menu.items).filter((i) => i.modifierGroupIds.length === 0).slice(0, 8);
    let n = 0;
    const ctx = (): OrderContext => ({ at: 1_767_261_600_000 + n, by: 'staff-lea-bernard', newId: () => `0195f0a0-0000-7000-8000-${String(++n).padStart(12, '0')}` });
    // 40 orders of 8 lines with long notes: ~5 KB each, ~200 KB for one push batch of 250.
    const orders: OrderDoc[] = Array.from({ length: 40 }, (_, k) => {
      let order = createOrder({ branchId, tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: k + 1, type: 'takeaway', currency: 'EUR' }, ctx());
      for (const item of items) {
        const notes = `Allergie : sans gluten, sans lactose, sauce à part — table ${k}. `.repeat(3);
        order = addLine(order, { item, modifierGroups: menu.modifierGroups, quantity: 1, notes }, ctx());
      }
      return order;
    });
    expect(JSON.stringify(orders).length).toBeGreaterThan(4 * LIMIT);
    await db.orders.bulkInsert(orders);

    const credential = await pairTill(server.server, server.demo.orgId, branchId);
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), { deviceId: credential.deviceId, deviceSecret: credential.deviceSecret });
    replication = startTillReplication({
      db,
      client: createSyncClient(server.url, () => tokens.get()),
      identity: 'chunks',
      pushBodyBudget: LIMIT / 2,
      events: { onSuccess: () => undefined, onError: (_c, e) => errors.push(e.message), onInitialSync: () => undefined, onPulled: () => undefined },
    });
    expect(await replication.awaitInSync(60_000)).toBe(true);
    const { rows } = await server.server.services.db.pool.query<{ id: string }>(`SELECT id FROM documents WHERE collection = 'orders' ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(orders.map((o) => o.id).sort());
    expect(errors.filter((e) => /413|too large|PAYLOAD/i.test(e))).toEqual([]);
    // Every order is acknowledged (drives "synced" on the till).
    expect(await db.syncAcks.count().exec()).toBe(40);
  });
});

/** An order another till wrote, pulled by this one, is what the server holds: not "waiting to sync". */
describe('an order pulled from the server', () => {
  let server: TestServer;
  let db: TillDatabase;
  let replication: TillReplication | null = null;

  beforeAll(async () => {
    server = await startTestServer();
    db = await openTillDatabase({ name: 'replication-pulled-acks', indexedDB: new IDBFactory(), IDBKeyRange });
  }, 60_000);
  afterAll(async () => {
    await replication?.stop();
    await db.close();
    await server.close();
  });

  it('is acknowledged at the version pulled', async () => {
    const branchId = server.demo.branchIds[0]!;
    const other = await pairTill(server.server, server.demo.orgId, branchId, 'Other till');
    const order = orderDoc({ id: 'pulled-order-1', branchId, lines: 1 });
    await pushNew((await deviceClient(server.trpcUrl, other)).client, 'orders', [order]);
    const credential = await pairTill(server.server, server.demo.orgId, branchId, 'This till');
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), credential);
    replication = startTillReplication({
      db,
      client: createSyncClient(server.url, () => tokens.get()),
      identity: 'pulled-acks',
      collections: ['orders'],
      events: { onSuccess: () => undefined, onError: () => undefined, onInitialSync: () => undefined, onPulled: () => undefined },
    });
    await vi.waitFor(async () => expect((await db.orders.findOne(order.id).exec())?.get('updatedAt')).toBe(order.updatedAt), { timeout: 30_000, interval: 50 });
    await vi.waitFor(async () => expect((await db.syncAcks.findOne(`orders:${order.id}`).exec())?.get('updatedAt')).toBe(order.updatedAt), { timeout: 30_000, interval: 50 });
  }, 90_000);
});
