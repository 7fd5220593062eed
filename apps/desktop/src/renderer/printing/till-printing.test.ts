import { createOrder, orderDocSchema, sendToKitchen } from '@comanda/core';
import type { PrintJob } from '@comanda/printing/queue';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, describe, expect, it } from 'vitest';
import type { TillDatabase } from '../data/database.js';
import { DocumentRepository } from '../data/repository.js';
import type { PrintJobView, PrinterStatusView } from '../till-ports/index.js';
import { createPrinterPorts } from '../ports/printer-ports.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { add, branchWithPrinters as withPrinters, clock, documentsOf as noDocumentsFor, openPrintingDb, type Cleanup } from './testing/till-printers.js';
import { PRUNED_BEFORE_KEY } from './print-horizon.js';
import { startTillPrinting, type TillPrinting } from './till-printing.js';

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

const openDb = (indexedDB: IDBFactory) => openPrintingDb(indexedDB, cleanup);
const branchWithPrinters = (idb?: IDBFactory) => withPrinters(cleanup, idb);

describe('till printing: outbox → reconciler → worker → Node host → virtual printer', () => {
  it('prints one kitchen ticket per send on the right printer, and nothing twice after a restart', async () => {
    const idb = new IDBFactory();
    const { kitchen, grill, bar, receipt, host, db } = await branchWithPrinters(idb);
    const start = (database: TillDatabase) =>
      startTillPrinting({ db: database, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 50 } }).then((p) => {
        cleanup.push(() => p.stop());
        return p;
      });
    let printing: TillPrinting = await start(db);
    expect(printing.routing().routes.kitchen?.primary).toBe('kitchen-printer');

    const repo = new DocumentRepository(db.orders, orderDocSchema, 'order');
    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 42, type: 'dineIn', table: '7', covers: 2, currency: 'EUR' }, c.ctx());
    order = add(order, 'soupe-oignon', c.ctx());
    order = sendToKitchen(order, c.ctx());
    await repo.save(order);

    const [first] = await kitchen.waitForDocuments(1, 10_000);
    expect(first!.complete).toBe(true);
    expect(first!.text).toMatch(/soupe/i);
    expect(first!.text).toMatch(/\b42\b/);
    // The job is recorded as printed, per order (what the cashier's "printed" mark reads).
    await expect.poll(async () => (await printing.store.list()).map((j) => j.state), { timeout: 5000 }).toEqual(['printed']);
    // The host logs the job under the worker's own job id (not a counter of its own).
    const [job] = await printing.store.list();
    const log = await host['logs.tail']({ limit: 20 });
    expect(log.filter((e) => e.message === 'print job printed').map((e) => e.context?.jobId)).toContain(job!.id);

    // A second send prints only the new line.
    order = add((await repo.get(order.id))!, 'risotto', c.ctx());
    order = sendToKitchen(order, c.ctx());
    await repo.save(order);
    const docs = await kitchen.waitForDocuments(2, 10_000);
    expect(docs[1]!.text).toMatch(/risotto/i);
    expect(docs[1]!.text).not.toMatch(/soupe/i);
    await expect.poll(async () => (await printing.store.list(['printed'])).length, { timeout: 5000 }).toBe(2);
    expect([grill, bar, receipt].map(noDocumentsFor)).toEqual([0, 0, 0]);

    // Simulated restart: everything stops, the database is reopened, printing starts again and
    // the reconciler scans every order at start. Nothing is printed a second time.
    await printing.stop();
    await db.close();
    const reopened = await openDb(idb);
    printing = await start(reopened);
    await printing.reconciler.idle();
    await new Promise((r) => setTimeout(r, 500));
    expect(kitchen.documents.length).toBe(2);
    expect([grill, bar, receipt].map(noDocumentsFor)).toEqual([0, 0, 0]);
    expect((await printing.store.list()).map((j) => j.state)).toEqual(['printed', 'printed']);
  });

  it('materialises a request written before a crash, once, when printing starts', async () => {
    const { kitchen, grill, bar, receipt, host, db } = await branchWithPrinters();
    // The order (with its outbox entry) was committed, then the till died before any job existed.
    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 7, type: 'takeaway', currency: 'EUR' }, c.ctx());
    order = add(add(order, 'espresso', c.ctx()), 'tarte-tatin', c.ctx());
    order = sendToKitchen(order, c.ctx());
    await new DocumentRepository(db.orders, orderDocSchema, 'order').save(order);

    const printing = await startTillPrinting({ db, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 50 } });
    cleanup.push(() => printing.stop());
    const [barTicket] = await bar.waitForDocuments(1, 10_000);
    const [pastryTicket] = await kitchen.waitForDocuments(1, 10_000);
    expect(barTicket!.text).toMatch(/espresso/i);
    expect(barTicket!.text).not.toMatch(/tatin/i);
    expect(pastryTicket!.text).toMatch(/tatin/i);
    await printing.reconciler.runAll();
    await new Promise((r) => setTimeout(r, 300));
    expect([kitchen, bar, grill, receipt].map(noDocumentsFor)).toEqual([1, 1, 0, 0]);
  });

  it('shows "printed" per order through TillPorts.printing, and reprints on retry', async () => {
    const { kitchen, host, db } = await branchWithPrinters();
    const printing = await startTillPrinting({ db, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 50 } });
    cleanup.push(() => printing.stop());
    // Only what the printing ports read from the runtime.
    const runtime = { host, db, printing, branchId: () => 'paris-11', tillId: 'comptoir', settings: () => ({ tillName: 'Comptoir' }) } as unknown as TillRuntime;
    const ports = createPrinterPorts(runtime, db.printJobs as never);

    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 9, type: 'takeaway', currency: 'EUR' }, c.ctx());
    order = sendToKitchen(add(order, 'risotto', c.ctx()), c.ctx());
    const views: PrintJobView[][] = [];
    const stop = ports.subscribeOrderJobs(order.id, (v) => views.push(v));
    cleanup.push(() => Promise.resolve(stop()));
    const printers: PrinterStatusView[][] = [];
    const stopPrinters = ports.subscribePrinters((v) => printers.push(v));
    cleanup.push(() => Promise.resolve(stopPrinters()));
    await expect.poll(() => printers[0]?.map((p) => p.printerId).sort()).toEqual(['bar-printer', 'grill-printer', 'kitchen-printer', 'receipt-printer']);

    await new DocumentRepository(db.orders, orderDocSchema, 'order').save(order);
    await kitchen.waitForDocuments(1, 10_000);
    await expect.poll(() => views.at(-1)?.map((v) => [v.target, v.state]), { timeout: 5000 }).toEqual([['kitchen', 'printed']]);
    await expect.poll(() => printers.at(-1)?.find((p) => p.printerId === 'kitchen-printer')?.state, { timeout: 5000 }).toBe('online');

    // The cashier asks for the ticket again: it prints once more, marked as a reprint.
    await ports.retryJob(views.at(-1)![0]!.id);
    const docs = await kitchen.waitForDocuments(2, 10_000);
    expect(docs[1]!.text).toMatch(/RÉIMPRESSION|REPRINT/);
    expect(docs[1]!.text).toMatch(/risotto/i);
    expect(docs[0]!.text).not.toMatch(/RÉIMPRESSION|REPRINT/);
    await expect.poll(() => views.at(-1)?.map((v) => v.state), { timeout: 5000 }).toEqual(['printed']);
    await expect(ports.retryJob('nope:kitchen')).rejects.toThrow(/No print job/);
  });

  it('shows the tickets of requests below the pruning horizon as printed, without printing them', async () => {
    const { kitchen, host, db } = await branchWithPrinters();
    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 12, type: 'takeaway', currency: 'EUR' }, c.ctx());
    order = sendToKitchen(add(order, 'risotto', c.ctx()), c.ctx());
    // A month later: that request's jobs were pruned, and the horizon says so.
    const horizon = order.printRequests[0]!.at + 1;
    await db.settings.insert({ id: PRUNED_BEFORE_KEY, value: horizon, updatedAt: horizon });
    const printing = await startTillPrinting({ db, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 50 }, pruning: false });
    cleanup.push(() => printing.stop());
    const runtime = { host, db, printing, branchId: () => 'paris-11', tillId: 'comptoir', settings: () => ({ tillName: 'Comptoir' }) } as unknown as TillRuntime;
    const ports = createPrinterPorts(runtime, db.printJobs as never);
    const orders = new DocumentRepository(db.orders, orderDocSchema, 'order');
    await orders.save(order);
    const views: PrintJobView[][] = [];
    const stop = ports.subscribeOrderJobs(order.id, (v) => views.push(v));
    cleanup.push(() => Promise.resolve(stop()));
    await expect.poll(() => views.at(-1)?.map((v) => [v.requestId, v.state])).toEqual([[order.printRequests[0]!.id, 'printed']]);
    expect(noDocumentsFor(kitchen)).toBe(0);

    // A new send on the reopened order prints, and shows its own state next to the old one.
    order = sendToKitchen(add(order, 'risotto', c.ctx()), c.ctx());
    await orders.save(order);
    await kitchen.waitForDocuments(1, 10_000);
    await expect
      .poll(() => views.at(-1)?.map((v) => [v.requestId, v.state]).sort(), { timeout: 5000 })
      .toEqual(order.printRequests.map((r) => [r.id, 'printed']).sort());
    expect(noDocumentsFor(kitchen)).toBe(1);
  });

  it('through the host, a printer that is down is retried, and a dropped connection mid-job needs a person', async () => {
    const { kitchen, bar, host, db } = await branchWithPrinters();
    await bar.setFault({ down: true });
    await kitchen.setFault({ dropAfterBytes: 40 });
    const printing = await startTillPrinting({ db, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 100 } });
    cleanup.push(() => printing.stop());
    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 3, type: 'takeaway', currency: 'EUR' }, c.ctx());
    order = sendToKitchen(add(add(order, 'espresso', c.ctx()), 'risotto', c.ctx()), c.ctx());
    await new DocumentRepository(db.orders, orderDocSchema, 'order').save(order);

    const byTarget = async (): Promise<Partial<Record<string, PrintJob>>> => {
      const out: Partial<Record<string, PrintJob>> = {};
      for (const j of await printing.store.list()) out[j.id.slice(j.id.indexOf(':') + 1)] = j;
      return out;
    };
    // Bytes reached the kitchen printer before the connection dropped: never resent on its own.
    await expect.poll(async () => (await byTarget()).kitchen?.state, { timeout: 10_000 }).toBe('needs-attention');
    const kitchenJob = (await byTarget()).kitchen!;
    expect(kitchenJob.attention?.bytesWritten).toBeGreaterThan(0);
    // Nothing reached the bar printer: it goes back to queued after each attempt (it is `sending`
    // only during the host call) and is retried with backoff.
    await expect
      .poll(async () => {
        const bar = (await byTarget()).bar;
        return bar?.state === 'queued' && bar.attempts >= 2 && bar.attention === null;
      }, { timeout: 10_000 })
      .toBe(true);
    await bar.setFault({ down: false });
    const [espresso] = await bar.waitForDocuments(1, 10_000);
    expect(espresso!.text).toMatch(/espresso/i);
    await expect.poll(async () => (await byTarget()).bar?.state, { timeout: 5000 }).toBe('printed');
    expect((await byTarget()).kitchen?.state).toBe('needs-attention');
  });
});
