import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { orderDocSchema } from '@comanda/core';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import { sampleOrder } from '../data/testing/orders.js';
import { recordAcks } from './sync-acks.js';
import { SyncStatusTracker, type SyncStatusSnapshot } from './sync-status.js';

const open: TillDatabase[] = [];
const trackers: SyncStatusTracker[] = [];
afterEach(async () => {
  trackers.splice(0).forEach((t) => t.stop());
  await Promise.all(open.splice(0).map((db) => db.close()));
});
async function openDb(idb: IDBFactory): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'status-test', indexedDB: idb, IDBKeyRange });
  open.push(db);
  return db;
}
async function track(db: TillDatabase): Promise<SyncStatusTracker> {
  const tracker = new SyncStatusTracker(db, true, () => 42);
  trackers.push(tracker);
  await tracker.start();
  return tracker;
}
function next(tracker: SyncStatusTracker, predicate: (s: SyncStatusSnapshot) => boolean): Promise<SyncStatusSnapshot> {
  return new Promise((resolve) => {
    const stop = tracker.subscribe((s) => {
      if (predicate(s)) {
        queueMicrotask(() => stop());
        resolve(s);
      }
    });
  });
}

describe('SyncStatusTracker', () => {
  it('counts orders the server has not acknowledged at their latest version, across restarts', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const tracker = await track(db);
    await repo.save(sampleOrder('a'));
    await repo.save(sampleOrder('b'));
    expect((await next(tracker, (s) => s.pendingCount === 2)).unsyncedOrderIds).toEqual(['a', 'b']);

    await recordAcks(db.syncAcks, 'orders', [{ id: 'a', updatedAt: 1_700_000_000_000 }]);
    expect((await next(tracker, (s) => s.pendingCount === 1)).unsyncedOrderIds).toEqual(['b']);
    // A newer local version of an acknowledged order is unsynced again.
    await repo.save(sampleOrder('a', { updatedAt: 1_700_000_000_001, status: 'paid' }));
    expect((await next(tracker, (s) => s.pendingCount === 2)).unsyncedOrderIds.slice().sort()).toEqual(['a', 'b']);
    await recordAcks(db.syncAcks, 'orders', [{ id: 'a', updatedAt: 1_700_000_000_001 }, { id: 'b', updatedAt: 1_700_000_000_000 }]);
    await next(tracker, (s) => s.pendingCount === 0);
    tracker.stop();
    await db.close();

    // Reopened (the acks are read back from the store): nothing pending.
    const reopened = await openDb(idb);
    expect((await track(reopened)).current).toMatchObject({ pendingCount: 0, unsyncedOrderIds: [] });
  });

  it('an acknowledgement never moves back: an older one written after (or with) a newer one leaves the newer, across restarts', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    // A shared order: this till pushed it at t1, another till's t2 was pulled (and stored) since.
    const t1 = 1_700_000_000_000;
    const t2 = t1 + 5_000;
    await repo.save(sampleOrder('shared', { updatedAt: t2, status: 'paid' }));
    await repo.save(sampleOrder('other', { updatedAt: t1 }));
    // The pull's ack (t2) and the push's (t1) at once, the older issued last; then the older again.
    await Promise.all([
      recordAcks(db.syncAcks, 'orders', [{ id: 'shared', updatedAt: t2 }]),
      recordAcks(db.syncAcks, 'orders', [
        { id: 'shared', updatedAt: t1 },
        { id: 'other', updatedAt: t1 },
      ]),
    ]);
    await recordAcks(db.syncAcks, 'orders', [{ id: 'shared', updatedAt: t1 }]);
    expect((await db.syncAcks.findOne('orders:shared').exec())?.toJSON().updatedAt).toBe(t2);
    expect((await db.syncAcks.findOne('orders:other').exec())?.toJSON().updatedAt).toBe(t1);
    await db.close();
    open.splice(open.indexOf(db), 1);

    // After a restart the tracker reads the stored acks: nothing is waiting.
    const reopened = await openDb(idb);
    expect((await track(reopened)).current).toMatchObject({ pendingCount: 0, unsyncedOrderIds: [] });
  });

  it('after a restart reads only what is above its watermark, and keeps the oldest unsynced order in view', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const tracker = await track(db);
    await repo.save(sampleOrder('old', { updatedAt: 1000 }));
    await repo.save(sampleOrder('waiting', { updatedAt: 2000 }));
    await repo.save(sampleOrder('new', { updatedAt: 3000 }));
    await recordAcks(db.syncAcks, 'orders', [{ id: 'old', updatedAt: 1000 }, { id: 'new', updatedAt: 3000 }]);
    // Not the state right after the first save (only 'old', not yet acknowledged), seen late under load.
    const settled = await next(tracker, (s) => s.pendingCount === 1 && !s.unsyncedOrderIds.includes('old'));
    expect(settled.unsyncedOrderIds).toEqual(['waiting']);
    const mark = async () => (await db.settings.findOne('sync:acked-through:orders').exec())?.toJSON().value;
    // Everything below the oldest unacknowledged version is done.
    await vi.waitFor(async () => expect(await mark()).toBe(1999));
    tracker.stop();

    // An acknowledgement lost in a crash shows whether "old" is read again after a restart: it is not.
    await db.syncAcks.findOne('orders:old').exec().then((d) => d?.remove());
    const restarted = await track(db);
    expect(restarted.current.unsyncedOrderIds).toEqual(['waiting']);
    await recordAcks(db.syncAcks, 'orders', [{ id: 'waiting', updatedAt: 2000 }, { id: 'old', updatedAt: 1000 }]);
    await next(restarted, (s) => s.pendingCount === 0);
    await vi.waitFor(async () => expect(await mark()).toBe(3000));

    // The clock went back: a version below the mark is unsynced, and stays visible after a restart.
    await repo.save(sampleOrder('past', { updatedAt: 500 }));
    expect((await next(restarted, (s) => s.pendingCount === 1)).unsyncedOrderIds).toEqual(['past']);
    await vi.waitFor(async () => expect(await mark()).toBeLessThan(500));
    restarted.stop();
    expect((await track(db)).current.unsyncedOrderIds).toEqual(['past']);
  });

  it('while not paired counts every order as not synced, then tracks acknowledgements once paired', async () => {
    const db = await openDb(new IDBFactory());
    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    await repo.save(sampleOrder('a'));
    const tracker = new SyncStatusTracker(db, false, () => 42, 0);
    trackers.push(tracker);
    await tracker.start();
    // Counting does not hold up start-up: unknown first, then the count.
    expect(tracker.current.unsyncedOrderCount).toBeNull();
    expect((await next(tracker, (s) => s.unsyncedOrderCount !== null))).toMatchObject({ paired: false, unsyncedOrderCount: 1, pendingCount: 1, unsyncedOrderIds: [] });
    await repo.save(sampleOrder('b'));
    await next(tracker, (s) => s.unsyncedOrderCount === 2);

    await tracker.markPaired();
    expect(tracker.current).toMatchObject({ paired: true, unsyncedOrderCount: 2 });
    expect(tracker.current.unsyncedOrderIds.slice().sort()).toEqual(['a', 'b']);
    await recordAcks(db.syncAcks, 'orders', [{ id: 'a', updatedAt: 1_700_000_000_000 }]);
    expect((await next(tracker, (s) => s.pendingCount === 1)).unsyncedOrderIds).toEqual(['b']);
  });

  it('reports reachability and errors for the status bar', async () => {
    const tracker = await track(await openDb(new IDBFactory()));
    tracker.markReachable(false);
    expect(tracker.current).toMatchObject({ online: false, problem: 'offline', error: null, offlineSince: 42 });
    tracker.markInitialProgress(3, 7, 120);
    expect(tracker.current.initialSync).toEqual({ done: 3, total: 7, documents: 120, expected: null });
    // Once every pulled collection reported its backlog, the bar counts documents against it.
    tracker.markInitialProgress(3, 7, 150, 400);
    expect(tracker.current.initialSync).toEqual({ done: 3, total: 7, documents: 150, expected: 400 });
    tracker.markInitialProgress(7, 7, 300);
    expect(tracker.current.initialSync).toBeNull();
  });

  it('a network failure reads offline, never "Unknown error"; a revoked till and a server error keep their message', async () => {
    let now = 1_000;
    const tracker = new SyncStatusTracker(await openDb(new IDBFactory()), true, () => now);
    trackers.push(tracker);
    await tracker.start();
    tracker.markSuccess();
    now = 61_000;
    tracker.markError(new Error('Unknown error'));
    expect(tracker.current).toMatchObject({ online: false, problem: 'offline', error: null, offlineSince: 61_000 });
    tracker.markError(new TypeError('Failed to fetch'));
    tracker.markError(new Error('Internal server error'));
    expect(tracker.current).toMatchObject({ problem: 'offline', offlineSince: 61_000 });
    tracker.markReachable(true);
    tracker.markError(new Error('rows.0.newDocumentState: close is not approved'));
    expect(tracker.current).toMatchObject({ online: true, problem: 'server', error: 'rows.0.newDocumentState: close is not approved' });
    tracker.markError(new Error('This till was revoked'));
    expect(tracker.current).toMatchObject({ problem: 'revoked', error: 'This till was revoked' });
  });

  it('the last sync and the offline start survive a restart; a till that synced before shows no initial sync', async () => {
    const idb = new IDBFactory();
    let now = 1_700_000_000_000;
    const first = new SyncStatusTracker(await openDb(idb), true, () => now);
    trackers.push(first);
    await first.start();
    first.markInitialProgress(0, 7, 0);
    expect(first.current.initialSync).not.toBeNull();
    first.markSuccess();
    now += 5 * 60_000;
    first.markReachable(false);
    const offlineSince = now;
    // The offline write is not throttled; wait until it is stored.
    await vi.waitFor(async () => {
      const stored = await open[0]!.settings.findOne('sync:connection').exec();
      expect(stored?.toJSON().value).toEqual({ lastSyncAt: 1_700_000_000_000, offlineSince });
    });
    first.stop();
    await open.splice(0)[0]!.close();

    now += 60 * 60_000;
    const restarted = new SyncStatusTracker(await openDb(idb), true, () => now);
    trackers.push(restarted);
    await restarted.start();
    expect(restarted.current).toMatchObject({ lastSyncAt: 1_700_000_000_000, offlineSince, online: false });
    restarted.markInitialProgress(0, 7, 0);
    expect(restarted.current.initialSync).toBeNull();
    restarted.markReachable(false);
    expect(restarted.current).toMatchObject({ problem: 'offline', offlineSince });
  });
});
