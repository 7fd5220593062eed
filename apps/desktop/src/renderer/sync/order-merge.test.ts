import { addLine, addPayment, createOrder, overpaidAmount, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILL_COLLECTIONS } from '../data/collections.js';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DeviceTokenSource } from './device-auth.js';
import { startTillReplication, type TillReplication } from './replication.js';
import { createPublicSyncClient, createSyncClient } from './sync-client.js';

const AT = 1_767_261_600_000;

interface Till {
  db: TillDatabase;
  replication: TillReplication;
}

/**
 * Two tills with their own IndexedDB and the real RxDB replication, one order open on both. Each
 * edits it from the same version; the one that pushes second gets the server's join back, its
 * conflict handler (core's `mergeOrders`) yields that join, and it adopts it: both edits on the
 * server and on that till, stored once, acknowledged.
 */
describe('two tills editing one order', () => {
  let server: TestServer;
  let branchId: string;
  const tills: Till[] = [];
  let n = 0;
  const ctx = (till: string, at: number): OrderContext => ({ at, by: 'staff-lea-bernard', tillId: till, newId: () => `0195f0b0-0000-7000-8000-${String(++n).padStart(12, '0')}` });

  beforeAll(async () => {
    server = await startTestServer();
    branchId = server.demo.branchIds[0]!;
    // Starting and seeding a server takes seconds, more when the machine is busy.
  }, 60_000);
  afterAll(async () => {
    for (const till of tills) {
      await till.replication.stop();
      await till.db.close();
    }
    await server.close();
  });

  async function startTill(name: string): Promise<Till> {
    // Two tills in one process: only the collections this needs (RxDB's free tier caps open collections).
    const collections = { orders: TILL_COLLECTIONS.orders, syncAcks: TILL_COLLECTIONS.syncAcks };
    const db = await openTillDatabase({ name: `order-merge-${name}`, indexedDB: new IDBFactory(), IDBKeyRange, collections });
    const credential = await pairTill(server.server, server.demo.orgId, branchId, name);
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), { deviceId: credential.deviceId, deviceSecret: credential.deviceSecret });
    const replication = startTillReplication({
      db,
      client: createSyncClient(server.url, () => tokens.get()),
      identity: name,
      collections: ['orders'],
      events: { onSuccess: () => undefined, onError: () => undefined, onInitialSync: () => undefined, onPulled: () => undefined },
    });
    const till = { db, replication };
    tills.push(till);
    return till;
  }

  async function local(till: Till, id: string): Promise<OrderDoc> {
    const doc = await till.db.orders.findOne(id).exec();
    return doc!.toMutableJSON() as unknown as OrderDoc;
  }

  async function save(till: Till, order: OrderDoc): Promise<void> {
    await till.db.orders.upsert(order);
    expect(await till.replication.awaitInSync(30_000)).toBe(true);
  }

  it('lines added on one till and a payment taken on the other both count; paying twice shows the overpayment', async () => {
    const seed = buildDemoSeed(AT);
    const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
    const item = (id: string) => ({ item: menu.items[id]!, modifierGroups: menu.modifierGroups });
    const a = await startTill('a');
    const b = await startTill('b');

    let base = createOrder({ branchId, tillId: 'till-a', businessDay: '2026-01-01', ticketNumber: 1, type: 'dineIn', table: '4', currency: 'EUR' }, ctx('till-a', AT));
    base = addLine(base, item('soupe-oignon'), ctx('till-a', AT + 1));
    // The order is open on both tills (shared tables reach B by the pull of the branch's orders).
    await save(a, base);
    await save(b, base);

    await save(a, addLine(base, item('cola'), ctx('till-a', AT + 10)));
    await save(b, addPayment(base, { method: 'card', reference: 'B-1' }, ctx('till-b', AT + 12)));

    const onB = await local(b, base.id);
    const stored = await server.server.services.db.pool.query<{ data: OrderDoc }>(`SELECT data FROM documents WHERE collection = 'orders' AND id = $1`, [base.id]);
    expect(stored.rows).toHaveLength(1);
    expect(stored.rows[0]!.data.lines.map((l) => l.itemId)).toEqual(['soupe-oignon', 'cola']);
    expect(stored.rows[0]!.data.payments).toHaveLength(1);
    // B took the payment for the soup; A's cola arrived meanwhile: the table still owes it.
    expect(onB).toMatchObject({ status: 'open', updatedAt: AT + 12 });
    expect(onB.totals.due).toBe(menu.items['cola']!.price);
    expect(onB.lines).toEqual(stored.rows[0]!.data.lines);
    const ack = await b.db.syncAcks.findOne(`orders:${base.id}`).exec();
    expect(ack?.toJSON().updatedAt).toBe(onB.updatedAt);

    // Both tills now settle what is due at once: both payments are kept, the order shows the overpayment.
    await save(a, onB);
    const fromA = addPayment(onB, { method: 'cash', tendered: 2000 }, ctx('till-a', AT + 20));
    const fromB = addPayment(onB, { method: 'card', reference: 'B-2' }, ctx('till-b', AT + 21));
    await save(a, fromA);
    await save(b, fromB);
    const settled = await local(b, base.id);
    expect(settled.payments).toHaveLength(3);
    expect(settled.status).toBe('paid');
    expect(overpaidAmount(settled)).toBe(menu.items['cola']!.price);
  }, 120_000);
});
