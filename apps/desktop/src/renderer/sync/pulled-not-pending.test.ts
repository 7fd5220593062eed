import { addLine, createOrder, orderDocSchema, resolveBranchMenu, type OrderContext } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import { DeviceTokenSource } from './device-auth.js';
import { startTillReplication, type TillReplication } from './replication.js';
import { createPublicSyncClient, createSyncClient } from './sync-client.js';
import { SyncStatusTracker } from './sync-status.js';

/**
 * A device that pulls another till's order (a kitchen screen, a second till) must not count it as
 * "waiting to sync": the server sent it. Only its own edits wait, until acknowledged.
 */
describe('an order pulled from the server is not waiting to sync on the device that pulled it', () => {
  let server: TestServer;
  let db: TillDatabase;
  let replication: TillReplication | null = null;
  let tracker: SyncStatusTracker | null = null;

  beforeAll(async () => {
    server = await startTestServer();
    db = await openTillDatabase({ name: 'pulled-not-pending', indexedDB: new IDBFactory(), IDBKeyRange });
  }, 60_000);
  afterAll(async () => {
    tracker?.stop();
    await replication?.stop();
    await db.close();
    await server.close();
  });

  it('another till’s order arrives acknowledged; this device’s own edit of it waits until pushed', async () => {
    const branchId = server.demo.branchIds[0]!;
    const seed = buildDemoSeed(1_767_261_600_000);
    const menu = resolveBranchMenu(seed.menu, seed.overrides, branchId);
    const item = Object.values(menu.items).find((i) => i.modifierGroupIds.length === 0)!;
    let n = 0;
    const ctx = (): OrderContext => ({ at: 1_767_261_600_000 + n, by: 'staff-lea-bernard', newId: () => `0195f0a0-0000-7000-8000-${String(++n).padStart(12, '0')}` });
    const order = addLine(
      createOrder({ branchId, tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 1, type: 'takeaway', currency: 'EUR' }, ctx()),
      { item, modifierGroups: menu.modifierGroups },
      ctx(),
    );
    // Another till pushes it.
    const other = await pairTill(server.server, server.demo.orgId, branchId);
    const otherTokens = new DeviceTokenSource(createPublicSyncClient(server.url), { deviceId: other.deviceId, deviceSecret: other.deviceSecret });
    await createSyncClient(server.url, () => otherTokens.get()).push('orders', [{ assumedMasterState: null, newDocumentState: { ...order, _deleted: false } }]);

    // This device pulls it, with the status bar's tracker running.
    tracker = new SyncStatusTracker(db, true, () => 1_767_261_700_000);
    await tracker.start();
    const credential = await pairTill(server.server, server.demo.orgId, branchId);
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), { deviceId: credential.deviceId, deviceSecret: credential.deviceSecret });
    replication = startTillReplication({
      db,
      client: createSyncClient(server.url, () => tokens.get()),
      identity: 'puller',
      events: { onSuccess: () => undefined, onError: () => undefined, onInitialSync: () => undefined, onPulled: () => undefined },
    });
    await vi.waitFor(async () => expect(await db.orders.findOne(order.id).exec()).not.toBeNull(), { timeout: 30_000 });
    // The tracker passed it: everything up to its version is done (before the fix it stayed below,
    // and the bar said "1 order waiting" for ever).
    const mark = async () => Number((await db.settings.findOne('sync:acked-through:orders').exec())?.toJSON().value ?? -1);
    await vi.waitFor(async () => expect(await mark()).toBeGreaterThanOrEqual(order.updatedAt), { timeout: 30_000 });
    expect(tracker.current).toMatchObject({ pendingCount: 0, unsyncedOrderIds: [] });

    // Its own edit waits, then is acknowledged once pushed.
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const edited = await repo.save({ ...order, notes: 'allergy at table 4', updatedAt: order.updatedAt + 1 });
    await vi.waitFor(async () => expect(await mark()).toBeGreaterThanOrEqual(edited.updatedAt), { timeout: 30_000 });
    expect(tracker.current.unsyncedOrderIds).toEqual([]);
  }, 90_000);
});
