import { addPayment, createOrder, orderDocSchema, printRequestTargets, refund, requestReprint, sendToKitchen, type OrderContext, type OrderDoc } from '@comanda/core';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentRepository } from '../data/repository.js';
import { PrintHorizon } from './print-horizon.js';
import { PrintJobPruner, type PrintJobPrunerOptions } from './print-job-pruner.js';
import { RxPrintJobStore } from './rx-print-job-store.js';
import { add, branchWithPrinters, documentsOf, openPrintingDb, type Cleanup } from './testing/till-printers.js';
import { startTillPrinting, type TillPrinting } from './till-printing.js';

/*
 * Pruning through the whole chain: orders → reconciler → RxDB store → worker → Node host →
 * virtual printers. "Printed twice" is counted on the printers themselves.
 */

const DAY = 86_400_000;
const T0 = 1_767_261_600_000;
const MARK = 'print:reconciled-through';

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** The till's clock: real time moved to T0, which a test moves on by days. */
function tillClock() {
  let shift = T0 - Date.now();
  let last = 0;
  let n = 0;
  const now = () => Date.now() + shift;
  return {
    now,
    advance: (ms: number) => void (shift += ms),
    ctx: (): OrderContext => ({ at: (last = Math.max(now(), last + 1)), by: 'staff-lea-bernard', newId: () => `0195f0a0-0000-7000-8000-${String(++n).padStart(12, '0')}` }),
  };
}

/**
 * A takeaway order sent to the kitchen and paid by card 40 days ago (one kitchen ticket, one
 * receipt, both printed), and an order of today (one bar ticket).
 */
async function monthOldOrder() {
  const env = await branchWithPrinters(cleanup);
  const clock = tillClock();
  const till = {
    db: env.db,
    printing: null as unknown as TillPrinting,
    async start(): Promise<TillPrinting> {
      const printing = await startTillPrinting({ db: till.db, host: env.host, branchId: () => 'paris-11', tillId: 'comptoir', now: clock.now, pruning: false, worker: { statusIntervalMs: 0, backoffMs: 50 } });
      cleanup.push(() => printing.stop());
      return (till.printing = printing);
    },
    /** Stops printing and the store as a crash would leave them, then starts both again. */
    async restart(options: { rereadAllOrders?: boolean } = {}): Promise<void> {
      await till.printing.stop();
      await till.db.close();
      till.db = await openPrintingDb(env.idb, cleanup);
      // The reconciler then reads every order at start, not only those changed since its mark.
      if (options.rereadAllOrders) await till.db.settings.upsert({ id: MARK, value: -1, updatedAt: 0 });
      await till.start();
    },
    /** Lets every order change reach the printers, and a little more for anything printed twice. */
    async settle(): Promise<void> {
      await till.printing.reconciler.idle();
      await new Promise((r) => setTimeout(r, 400));
    },
    printed: () => ({ kitchen: documentsOf(env.kitchen), bar: documentsOf(env.bar), receipt: documentsOf(env.receipt), grill: documentsOf(env.grill) }),
  };
  await till.start();
  const save = (order: OrderDoc) => new DocumentRepository(till.db.orders, orderDocSchema, 'order').save(order);

  let old = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 1, type: 'takeaway', currency: 'EUR' }, clock.ctx());
  old = await save(sendToKitchen(add(old, 'soupe-oignon', clock.ctx()), clock.ctx()));
  old = await save(addPayment(old, { method: 'card', reference: 'T-1' }, clock.ctx()));
  await env.kitchen.waitForDocuments(1, 10_000);
  await env.receipt.waitForDocuments(1, 10_000);

  clock.advance(40 * DAY);
  const today = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-02-10', ticketNumber: 2, type: 'takeaway', currency: 'EUR' }, clock.ctx());
  await save(sendToKitchen(add(today, 'espresso', clock.ctx()), clock.ctx()));
  await env.bar.waitForDocuments(1, 10_000);
  await expect.poll(async () => (await till.printing.store.list()).map((j) => j.state), { timeout: 5000 }).toEqual(['printed', 'printed', 'printed']);
  expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 1, grill: 0 });

  const oldJobs = old.printRequests.flatMap((r) => printRequestTargets(r).map((t) => `${r.id}:${t}`));
  expect(oldJobs).toHaveLength(2);
  /** A refund of the old order, written now. */
  const refundOld = async () => {
    const current = (await new DocumentRepository(till.db.orders, orderDocSchema, 'order').get(old.id))!;
    return save(refund(current, { amount: 100, method: 'card', reason: 'cold soup', approvedBy: 'staff-lea-bernard' }, clock.ctx()));
  };
  return { ...env, clock, till, save, old, oldJobs, refundOld };
}

describe('pruning printed jobs never prints anything twice', () => {
  it('after pruning, a refund of the month-old order prints the refund slip only, also after a restart that re-reads every order', async () => {
    const { till, old, oldJobs, refundOld, receipt, save, clock } = await monthOldOrder();
    const result = await till.printing.pruner.runOnce();
    expect(result.removed).toBe(2);
    expect((await till.printing.store.list()).some((j) => oldJobs.includes(j.id))).toBe(false);

    // Days later (a restart: the reconciler no longer remembers what it materialised).
    await till.restart();
    const refunded = await refundOld();
    const [, slip] = await receipt.waitForDocuments(2, 10_000);
    expect(slip!.text).toMatch(/REMBOURSEMENT|REFUND/);
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 2, grill: 0 });

    await till.restart({ rereadAllOrders: true });
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 2, grill: 0 });

    // A copy of the month-old receipt that someone asks for does print, once.
    const receiptRequest = refunded.printRequests.find((r) => r.kind === 'receipt')!;
    expect(receiptRequest.id).toBe(old.printRequests[1]!.id);
    await save(requestReprint(refunded, receiptRequest.id, clock.ctx()));
    const [, , copy] = await receipt.waitForDocuments(3, 10_000);
    expect(copy!.text).toMatch(/DUPLICATA|DUPLICATE/);
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 3, grill: 0 });
  });

  it('deleting the jobs without the horizon would print the old ticket and receipt again (why the horizon exists)', async () => {
    const { till, oldJobs, refundOld, kitchen, receipt } = await monthOldOrder();
    await till.db.printJobs.bulkRemove(oldJobs);
    await till.restart();
    await refundOld();
    // The old kitchen ticket and receipt come out again next to the refund slip.
    await kitchen.waitForDocuments(2, 10_000);
    await receipt.waitForDocuments(3, 10_000);
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 2, bar: 1, receipt: 3, grill: 0 });
  });

  // Calls counted from the start of the pass; its first purge (of earlier leftovers) is call 1.
  it.each<[string, (calls: { remove: number; purge: number }) => boolean]>([
    ['after the horizon is written, before any delete', ({ remove }) => remove === 1],
    ['half-way through the deletes', ({ remove }) => remove === 2],
    ['after a delete, before its space is freed', ({ purge }) => purge === 2],
  ])('a pass that dies %s prints nothing twice, and the next pass finishes it', async (_, dies) => {
    const { till, oldJobs, refundOld, receipt } = await monthOldOrder();
    // The pass that dies: the till's pruner, over its store, with a power cut at one step.
    await till.printing.stop();
    const store = new RxPrintJobStore(till.db.printJobs);
    const calls = { remove: 0, purge: 0 };
    const dying: PrintJobPrunerOptions['store'] = {
      settledBefore: (...args) => store.settledBefore(...args),
      removeUnchanged: (jobs) => (++calls.remove, dies(calls) ? Promise.reject(new Error('power cut')) : store.removeUnchanged(jobs)),
      purgeRemoved: (limit) => (++calls.purge, dies(calls) ? Promise.reject(new Error('power cut')) : store.purgeRemoved(limit)),
    };
    const pruner = new PrintJobPruner({ store: dying, orders: till.db.orders, horizon: await PrintHorizon.load(till.db), now: Date.now, batchSize: 1, pauseMs: 0 });
    await expect(pruner.runOnce()).rejects.toThrow('power cut');
    const left = (await store.list()).filter((j) => oldJobs.includes(j.id)).length;

    await till.restart({ rereadAllOrders: true });
    await refundOld();
    await receipt.waitForDocuments(2, 10_000);
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 2, grill: 0 });

    // The next pass deletes what the dead one left and frees every deleted row.
    const next = await till.printing.pruner.runOnce();
    expect(next.removed).toBe(left);
    expect((await till.printing.store.list()).some((j) => oldJobs.includes(j.id))).toBe(false);
    const instance = (till.db.printJobs as unknown as { internalStorageInstance: { internals: Promise<{ dexieTable: { count(): Promise<number> } }> } }).internalStorageInstance;
    expect(await (await instance.internals).dexieTable.count()).toBe((await till.printing.store.list()).length);
    await till.restart({ rereadAllOrders: true });
    await till.settle();
    expect(till.printed()).toEqual({ kitchen: 1, bar: 1, receipt: 2, grill: 0 });
  });
});
