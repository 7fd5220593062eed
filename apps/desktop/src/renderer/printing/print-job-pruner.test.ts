import { addLine, createOrder, orderDocSchema, resolveBranchMenu, sendToKitchen, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import type { JobState, PrintJob } from '@comanda/printing/queue';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import { PRUNED_BEFORE_KEY, PrintHorizon } from './print-horizon.js';
import { DEFAULT_RETENTION_MS, PrintJobPruner, type PrintJobPrunerOptions } from './print-job-pruner.js';
import { RxPrintJobStore } from './rx-print-job-store.js';

const DAY = 86_400_000;
const T0 = 1_767_261_600_000;
/** The pruner's "now": 40 days after the first orders, so those are beyond the 30-day retention. */
const NOW = T0 + 40 * DAY;
const seed = buildDemoSeed(T0);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');

const open: TillDatabase[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((db) => db.close()));
});

function sentOrder(ticketNumber: number, at: number): OrderDoc {
  let n = 0;
  const ctx = (): OrderContext => ({ at, by: 'staff-lea-bernard', newId: () => `0195f0a0-0000-7000-8${String(ticketNumber).padStart(3, '0')}-${String(++n).padStart(12, '0')}` });
  const order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber, type: 'takeaway', currency: 'EUR' }, ctx());
  return sendToKitchen(addLine(order, { item: menu.items['soupe-oignon']!, modifierGroups: menu.modifierGroups, quantity: 1 }, ctx()), ctx());
}

function job(id: string, at: number, state: JobState): PrintJob {
  return {
    id,
    route: 'kitchen',
    document: { kind: 'kitchen', title: id, blocks: [{ kind: 'text', text: 'x'.repeat(500) }, { kind: 'cut' }] },
    seq: at,
    state,
    createdAt: at,
    updatedAt: at,
    attempts: state === 'queued' ? 0 : 1,
    nextAttemptAt: at,
    printerId: null,
    lastError: null,
    attention: null,
    reprints: 0,
    printedAt: state === 'printed' ? at : null,
    expiresAt: null,
  };
}

/** Rows in the collection's IndexedDB table, deleted ones included: what takes disk space. */
async function storedRows(db: TillDatabase): Promise<number> {
  const instance = (db.printJobs as unknown as { internalStorageInstance: { internals: Promise<{ dexieTable: { count(): Promise<number> } }> } }).internalStorageInstance;
  return (await instance.internals).dexieTable.count();
}

async function setup(indexedDB = new IDBFactory()) {
  const db = await openTillDatabase({ name: 'pruner', indexedDB, IDBKeyRange });
  open.push(db);
  const store = new RxPrintJobStore(db.printJobs);
  const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
  const horizon = await PrintHorizon.load(db);
  let tickets = 0;
  /** An order sent to the kitchen at `at`, and its kitchen job, stored in `state`. */
  async function ticket(at: number, state: JobState): Promise<string> {
    const order = await orders.save(sentOrder(++tickets, at));
    const request = order.printRequests[0]!;
    store.noteOrder(request.id, order.id);
    await store.insertIfAbsent(job(`${request.id}:kitchen`, at + 1000, state));
    return `${request.id}:kitchen`;
  }
  const pruner = (options: Partial<PrintJobPrunerOptions> = {}) => new PrintJobPruner({ store, orders: db.orders, horizon, now: () => NOW, pauseMs: 0, ...options });
  const ids = async () => (await store.list()).map((j) => j.id).sort();
  return { db, store, orders, horizon, ticket, pruner, ids };
}

describe('PrintJobPruner', () => {
  it('deletes settled jobs of requests older than the retention and frees their rows; keeps unsettled and recent jobs', async () => {
    const { db, store, ticket, pruner, ids } = await setup();
    const old = T0 + DAY;
    const printed = await ticket(old, 'printed');
    const dismissed = await ticket(old + 1, 'dismissed');
    const keep = [
      await ticket(old + 2, 'queued'),
      await ticket(old + 3, 'sending'),
      await ticket(old + 4, 'needs-attention'),
      // Within the retention.
      await ticket(NOW - 20 * DAY, 'printed'),
      await ticket(NOW - DAY, 'printed'),
    ];
    // A report prints without an order: judged by its own age.
    await store.insertIfAbsent(job('report:shift-1:Z:1', old, 'printed'));
    await store.insertIfAbsent(job('report:shift-2:Z:2', NOW - DAY, 'printed'));
    expect(await storedRows(db)).toBe(9);

    const result = await pruner({ batchSize: 2 }).runOnce();

    // 30 days before the newest order (the clock says a day later).
    expect(result.horizon).toBe(NOW - DAY - DEFAULT_RETENTION_MS);
    expect((await db.settings.findOne(PRUNED_BEFORE_KEY).exec())?.toJSON().value).toBe(result.horizon);
    expect(result.removed).toBe(3);
    expect(await ids()).toEqual([...keep, 'report:shift-2:Z:2'].sort());
    expect([printed, dismissed].some((id) => keep.includes(id))).toBe(false);
    // RxDB keeps removed documents whole until they are purged: none is left.
    expect(await storedRows(db)).toBe(6);
    expect(result.purged).toBe(3);
    // A second pass finds nothing more to do.
    expect((await pruner().runOnce()).removed).toBe(0);
  });

  it('judges a job by its request in the order: a recent request keeps an old-looking job, a missing order keeps it too', async () => {
    const { store, orders, ticket, pruner, ids } = await setup();
    await ticket(NOW - DAY, 'printed');
    // The job was stored long before its request (the till's clock was set back meanwhile).
    const order = await orders.save(sentOrder(50, NOW - 2 * DAY));
    const request = order.printRequests[0]!;
    store.noteOrder(request.id, order.id);
    await store.insertIfAbsent(job(`${request.id}:kitchen`, T0, 'printed'));
    // A job whose order is not on this till: its request cannot be checked.
    store.noteOrder('0195f0a0-0000-7000-8999-000000000001', 'order-gone');
    await store.insertIfAbsent(job('0195f0a0-0000-7000-8999-000000000001:kitchen', T0, 'printed'));
    const before = await ids();

    const result = await pruner().runOnce();
    expect(result.removed).toBe(0);
    expect(result.kept).toBe(2);
    expect(await ids()).toEqual(before);
  });

  it('never raises the horizon beyond the newest order, nor lowers it when the clock goes back', async () => {
    const { db, horizon, ticket, pruner, ids } = await setup();
    const old = await ticket(T0, 'printed');
    const recent = await ticket(T0 + 35 * DAY, 'printed');
    // The wall clock is two years ahead: the horizon follows the newest order, not the clock,
    // so requests written once the clock is put right (never below the newest order) stay above it.
    const ahead = await pruner({ now: () => T0 + 730 * DAY }).runOnce();
    expect(ahead.horizon).toBe(T0 + 5 * DAY);
    expect(await ids()).toEqual([recent]);
    expect(await ids()).not.toContain(old);
    // The clock set back a year: the horizon stays (lowering it would bring pruned tickets back).
    await pruner({ now: () => T0 - 365 * DAY }).runOnce();
    expect(horizon.value).toBe(T0 + 5 * DAY);
    expect((await PrintHorizon.load(db)).value).toBe(T0 + 5 * DAY);
  });

  it('deletes nothing when the horizon cannot be written first', async () => {
    const { store, db, ticket, ids } = await setup();
    await ticket(T0, 'printed');
    await ticket(NOW, 'printed');
    const failing = await PrintHorizon.load(db);
    failing.raise = () => Promise.reject(new Error('disk full'));
    const pruner = new PrintJobPruner({ store, orders: db.orders, horizon: failing, now: () => NOW, pauseMs: 0 });
    await expect(pruner.runOnce()).rejects.toThrow('disk full');
    expect(await ids()).toHaveLength(2);
    expect(await db.settings.findOne(PRUNED_BEFORE_KEY).exec()).toBeNull();
  });

  it('keeps a job a person reprinted after the pruner read it', async () => {
    const { store, ticket } = await setup();
    const id = await ticket(T0, 'printed');
    const [candidate] = await store.settledBefore('printed', NOW, 0, 10);
    expect(candidate?.id).toBe(id);
    const stored = (await store.get(id))!;
    await store.put({ ...stored, state: 'queued', reprints: 1 });
    expect(await store.removeUnchanged([candidate!])).toBe(0);
    expect((await store.get(id))?.state).toBe('queued');
  });

  it('keeps the queue screen\'s "recently printed" working', async () => {
    const { store, ticket, pruner } = await setup();
    await ticket(T0, 'printed');
    const kept = [await ticket(NOW - 3 * DAY, 'printed'), await ticket(NOW - 2 * DAY, 'dismissed'), await ticket(NOW - DAY, 'printed')];
    await pruner().runOnce();
    expect((await store.recent(['printed', 'dismissed'], 30)).map((j) => j.id)).toEqual([...kept].reverse());
    expect((await store.recent(['printed', 'dismissed'], 2)).map((j) => j.id)).toEqual([kept[2], kept[1]]);
  });

  it('refuses a retention that would reach into the reconciler\'s 12-hour window', async () => {
    const { store, db, horizon } = await setup();
    expect(() => new PrintJobPruner({ store, orders: db.orders, horizon, retentionMs: DAY })).toThrow(RangeError);
  });
});
