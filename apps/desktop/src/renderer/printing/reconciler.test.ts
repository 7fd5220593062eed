import { addLine, createOrder, orderDocSchema, resolveBranchMenu, sendToKitchen, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import type { NewPrintJob, PrintJob, PrintRequestContext } from '@comanda/printing/queue';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TILL_COLLECTIONS } from '../data/collections.js';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import { Watermark } from '../data/watermark.js';
import { PrintReconciler, STALE_AFTER_MS } from './reconciler.js';

const seed = buildDemoSeed(1_767_261_600_000);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
const MARK = 'print:reconciled-through';
const context: PrintRequestContext = {
  branch: { name: 'Bistro', address: { lines: ['1 rue de la Paix'], country: 'FR' }, timeZone: 'Europe/Paris', locale: 'fr-FR', currency: 'EUR' },
  stationNames: {},
  staffNames: {},
};

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The till's store over one fake IndexedDB, reopened like after a restart. */
async function openDb(indexedDB: IDBFactory): Promise<TillDatabase> {
  const db = await openTillDatabase({ name: 'reconciler', indexedDB, IDBKeyRange });
  cleanup.push(() => db.close());
  return db;
}

/** Jobs the worker holds: the reconciler's view of "stored" is exactly what was enqueued. */
function jobs() {
  const stored = new Map<string, NewPrintJob>();
  return {
    stored,
    store: { noteOrder: () => undefined, existingIds: (ids: readonly string[]) => Promise.resolve(new Set(ids.filter((id) => stored.has(id)))) },
    enqueue: (job: NewPrintJob) => {
      stored.set(job.id, job);
      return Promise.resolve(job as unknown as PrintJob);
    },
  };
}

async function start(
  db: TillDatabase,
  queue: ReturnType<typeof jobs>,
  ctx: () => Promise<PrintRequestContext> = () => Promise.resolve(context),
  onError?: (error: unknown) => void,
  prunedBefore?: () => number,
) {
  const reconciler = await PrintReconciler.start({
    orders: db.orders,
    tillId: 'comptoir',
    store: queue.store,
    enqueue: queue.enqueue,
    context: ctx,
    mark: await Watermark.load(db, MARK),
    ...(onError ? { onError } : {}),
    ...(prunedBefore ? { prunedBefore } : {}),
  });
  cleanup.push(async () => {
    reconciler.stop();
    await reconciler.idle();
  });
  return reconciler;
}

/** An order opened on `tills.order` (this till by default), sent to the kitchen from `tills.acting`. */
function sentOrder(ticketNumber: number, at: number, tills: { order?: string; acting?: string } = {}): OrderDoc {
  let n = 0;
  const ctx = (): OrderContext => ({
    at,
    by: 'staff-lea-bernard',
    newId: () => `0195f0a0-0000-7000-8${String(ticketNumber).padStart(3, '0')}-${String(++n).padStart(12, '0')}`,
    ...(tills.acting ? { tillId: tills.acting } : {}),
  });
  const order = createOrder({ branchId: 'paris-11', tillId: tills.order ?? 'comptoir', businessDay: '2026-01-01', ticketNumber, type: 'takeaway', currency: 'EUR' }, ctx());
  return sendToKitchen(addLine(order, { item: menu.items['soupe-oignon']!, modifierGroups: menu.modifierGroups, quantity: 1 }, ctx()), ctx());
}

const markOf = async (db: TillDatabase) => Number((await db.settings.findOne(MARK).exec())?.toJSON().value ?? -1);

describe('PrintReconciler watermark', () => {
  it('after a restart reads only orders changed since its mark, and still finds a request written before a crash', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const queue = jobs();
    const reconciler = await start(db, queue);
    const first = await orders.save(sentOrder(1, 1_000_000));
    await expect.poll(() => [...queue.stored.keys()]).toEqual([`${first.printRequests[0]!.id}:kitchen`]);
    await reconciler.idle();
    await expect.poll(() => markOf(db)).toBe(first.updatedAt);
    reconciler.stop();

    // The till died after committing the second order but before its job existed.
    const second = await orders.save(sentOrder(2, 2_000_000));
    // A queue that forgot the first order's job shows whether the first order is read again.
    const restarted = jobs();
    await (await start(db, restarted)).idle();
    expect([...restarted.stored.keys()]).toEqual([`${second.printRequests[0]!.id}:kitchen`]);
    await expect.poll(() => markOf(db)).toBe(second.updatedAt);
  });

  it('holds the mark below an order whose request could not become jobs, until it does', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const failing = jobs();
    let branchArrived = false;
    const reconciler = await start(db, failing, () => (branchArrived ? Promise.resolve(context) : Promise.reject(new Error('branch not on this till yet'))));
    const early = await orders.save(sentOrder(1, 1_000_000));
    const later = sentOrder(2, 2_000_000);
    await orders.save({ ...later, printRequests: [] });
    await new Promise((r) => setTimeout(r, 100));
    await reconciler.idle();
    expect(failing.stored.size).toBe(0);
    expect(await markOf(db)).toBeLessThan(early.updatedAt);

    // The branch document arrived: the next pass (refresh) materialises it and the mark moves on.
    branchArrived = true;
    await reconciler.runAll();
    expect([...failing.stored.keys()]).toEqual([`${early.printRequests[0]!.id}:kitchen`]);
    await expect.poll(() => markOf(db)).toBe(later.updatedAt);
  });

  it('lets go of a request that could not print for 12 hours, so a till without printers does not re-read its history', async () => {
    const db = await openDb(new IDBFactory());
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const errors: string[] = [];
    const queue = jobs();
    const reconciler = await start(db, queue, () => Promise.reject(new Error('no printer for "kitchen"')), (e) => errors.push((e as Error).message));
    const stuck = await orders.save(sentOrder(1, 1_000_000));
    await orders.save({ ...sentOrder(2, 1_000_000 + STALE_AFTER_MS - 1), printRequests: [] });
    await reconciler.idle();
    await vi.waitFor(async () => expect(await markOf(db)).toBe(stuck.updatedAt - 1));
    // Twelve hours of activity later the stuck request is abandoned, said so, and the mark moves on.
    const later = await orders.save({ ...sentOrder(3, 1_000_000 + STALE_AFTER_MS + 1), printRequests: [] });
    await reconciler.idle();
    await vi.waitFor(async () => expect(await markOf(db)).toBe(later.updatedAt));
    expect(errors.at(-1)).toMatch(/abandoned after 12 h/);
    expect(queue.stored.size).toBe(0);
  });

  it('lowers the mark when an order is written with an older version (clock set back)', async () => {
    const idb = new IDBFactory();
    const db = await openDb(idb);
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const queue = jobs();
    const reconciler = await start(db, queue);
    await orders.save(sentOrder(1, 5_000_000));
    await expect.poll(() => markOf(db)).toBe(5_000_000);
    reconciler.stop();
    await reconciler.idle();

    // Written "in the past" while the till dies materialising it (rendering never finishes): the
    // mark has already moved below it, so the next start reads it.
    const dying = await PrintReconciler.start({ orders: db.orders, tillId: 'comptoir', ...jobs(), context: () => new Promise(() => undefined), mark: await Watermark.load(db, MARK) });
    const past = await orders.save(sentOrder(2, 3_000_000));
    await expect.poll(() => markOf(db)).toBeLessThan(past.updatedAt);
    dying.stop();
    const restarted = jobs();
    await (await start(db, restarted)).idle();
    expect([...restarted.stored.keys()]).toContain(`${past.printRequests[0]!.id}:kitchen`);
  });

  it('never materialises a request below the pruning horizon, and reads the horizon at every pass', async () => {
    const db = await openDb(new IDBFactory());
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    let horizon = 2_000_000;
    const queue = jobs();
    const reconciler = await start(db, queue, undefined, undefined, () => horizon);
    const pruned = await orders.save(sentOrder(1, 1_999_999));
    const kept = await orders.save(sentOrder(2, 2_000_000));
    await expect.poll(() => [...queue.stored.keys()]).toEqual([`${kept.printRequests[0]!.id}:kitchen`]);
    await reconciler.idle();
    // Everything was handled: the mark moves past the skipped order too.
    await expect.poll(() => markOf(db)).toBe(kept.updatedAt);

    // Raised meanwhile (a pruning pass): an order changed now is judged by the new value.
    horizon = 3_000_001;
    await orders.save(sentOrder(3, 3_000_000));
    await orders.save({ ...pruned, updatedAt: 3_000_002 });
    // Changes are handled in order: once this one's job exists, the two above were judged.
    const later = await orders.save(sentOrder(4, 3_000_003));
    await expect.poll(() => [...queue.stored.keys()]).toEqual([kept, later].map((o) => `${o.printRequests[0]!.id}:kitchen`));
  });
});

describe('PrintReconciler on tills sharing orders', () => {
  it('prints only the requests this till recorded (older ones without a till: the order’s own till)', async () => {
    // Found by the branch chaos test: every till materialised every pulled order's requests, so a
    // kitchen ticket or receipt printed once per till of the branch.
    let n = 0;
    const ctx = (tillId?: string): OrderContext => ({ at: 1_000_000 + n, by: 'staff-lea-bernard', ...(tillId ? { tillId } : {}), newId: () => `0195f0a0-0000-7000-8999-${String(++n).padStart(12, '0')}` });
    const item = { item: menu.items['soupe-oignon']!, modifierGroups: menu.modifierGroups };
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 7, type: 'takeaway', currency: 'EUR' }, ctx());
    order = sendToKitchen(addLine(order, item, ctx()), ctx()); // recorded before tills shared orders
    order = sendToKitchen(addLine(order, item, ctx('comptoir')), ctx('comptoir'));
    order = sendToKitchen(addLine(order, item, ctx('terrasse')), ctx('terrasse'));
    const [legacy, comptoir, terrasse] = order.printRequests.map((r) => `${r.id}:kitchen`);
    expect(order.printRequests.map((r) => r.tillId)).toEqual([undefined, 'comptoir', 'terrasse']);

    const printed = async (tillId: string) => {
      // Two tills in one process: only the collections this needs (RxDB's free tier caps open collections).
      const collections = { orders: TILL_COLLECTIONS.orders, settings: TILL_COLLECTIONS.settings };
      const db = await openTillDatabase({ name: `shared-${tillId}`, indexedDB: new IDBFactory(), IDBKeyRange, collections });
      cleanup.push(() => db.close());
      await new DocumentRepository(db.orders, orderDocSchema, 'order').save(order);
      const queue = jobs();
      const reconciler = await PrintReconciler.start({ orders: db.orders, ...queue, context: () => Promise.resolve(context), mark: await Watermark.load(db, MARK), tillId });
      cleanup.push(() => Promise.resolve(reconciler.stop()));
      await reconciler.idle();
      return [...queue.stored.keys()].sort();
    };
    expect(await printed('comptoir')).toEqual([legacy, comptoir].sort());
    expect(await printed('terrasse')).toEqual([terrasse]);
  });
});
