import { addLine, createOrder, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TILL_COLLECTIONS } from '../data/collections.js';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DeviceTokenSource } from './device-auth.js';
import { chunkBySize, startTillReplication, type TillReplication } from './replication.js';
import { createPublicSyncClient, createSyncClient, type SyncClient } from './sync-client.js';

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

/** A sync client with no server: pulls wait for the test, the stream is the test's to drive. */
function fakeClient() {
  const pulls: { collection: string; release: () => void }[] = [];
  let stream: Parameters<SyncClient['changes']>[0] | null = null;
  const client: SyncClient = {
    pull: (collection) =>
      new Promise((resolve) => pulls.push({ collection, release: () => resolve({ documents: [], checkpoint: null }) })),
    push: () => Promise.resolve([]),
    backlog: () => Promise.resolve(0),
    changes: (handlers) => {
      stream = handlers;
      return { unsubscribe: () => (stream = null) };
    },
    searchOrders: () => Promise.resolve([]),
    presence: () => Promise.reject(new Error('not in this test')),
    pair: () => Promise.reject(new Error('not in this test')),
    deviceToken: () => Promise.reject(new Error('not in this test')),
    heartbeat: () => Promise.resolve(),
  };
  return { client, pulls, notify: (changed: string[]) => stream?.onData({ changed }) };
}

describe('live notices → pulls (decision 0018)', () => {
  const until = async (ok: () => boolean) => {
    for (let i = 0; i < 2000 && !ok(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(ok()).toBe(true);
  };

  it('a notice starts exactly one pull; notices during a pull cost one more pull and one scan for unpushed writes, not one scan per notice', async () => {
    const db = await openTillDatabase({ name: 'notice-pulls', indexedDB: new IDBFactory(), IDBKeyRange, collections: { orders: TILL_COLLECTIONS.orders, syncAcks: TILL_COLLECTIONS.syncAcks } });
    const fake = fakeClient();
    const replication = startTillReplication({
      db,
      client: fake.client,
      identity: 'notices',
      collections: ['orders'],
      events: { onSuccess: () => undefined, onError: () => undefined, onInitialSync: () => undefined, onPulled: () => undefined },
    });
    try {
      // Start-up: RxDB's own first pull.
      await until(() => fake.pulls.length === 1);
      fake.pulls[0]!.release();
      expect(await replication.awaitInSync(30_000)).toBe(true);

      // Each pull RxDB is asked for also scans the local store for unpushed writes (its upstream).
      const scans = () => replication.states.get('orders')!.internalReplicationState!.stats.up.upstreamInitialSync;
      const scansBefore = scans();
      fake.notify(['orders']);
      await until(() => fake.pulls.length === 2);
      // While that pull runs, notices keep coming (other tills' pushes), each after the last scan.
      for (let i = 0; i < 10; i++) {
        fake.notify(['orders']);
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(fake.pulls.length).toBe(2);
      fake.pulls[1]!.release();
      await until(() => fake.pulls.length === 3);
      fake.pulls[2]!.release();
      expect(await replication.awaitInSync(30_000)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      expect(fake.pulls.length).toBe(3);
      expect(scans() - scansBefore).toBeLessThanOrEqual(2);
      // A collection the till does not pull is not woken.
      fake.notify(['menuItems']);
      await new Promise((r) => setTimeout(r, 100));
      expect(fake.pulls.length).toBe(3);
    } finally {
      fake.pulls.forEach((p) => p.release());
      await replication.stop();
      await db.close();
    }
  });
});
