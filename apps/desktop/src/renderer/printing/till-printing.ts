import { branchDocSchema, staffDocSchema, stationDocSchema, type BranchDoc } from '@comanda/core';
import { PrintWorker, receiptBranding, remoteTransport, type PrintRequestContext, type RoutingConfig } from '@comanda/printing/queue';
import { printedBranch } from '@comanda/printing/layout';
import { z } from 'zod';
import type { HostApi } from '../../host/contract.js';
import type { TillDatabase } from '../data/database.js';
import { hostPrinterApi, sendTestPage } from './host-printer-api.js';
import { Watermark } from '../data/watermark.js';
import { PrintHorizon } from './print-horizon.js';
import { PrintJobPruner, type PrintJobPrunerOptions } from './print-job-pruner.js';
import { PrintReconciler } from './reconciler.js';
import { tillRouting } from './routing.js';
import { RxPrintJobStore } from './rx-print-job-store.js';

/** Local setting holding the queue screen's re-routes (station → printer id). */
const MANUAL_ROUTES_KEY = 'printing:manual-routes';
const manualRoutesSchema = z.record(z.string(), z.string());

/** When printed jobs are pruned: a while after printing started (never in its way), then daily. */
export interface TillPruningOptions extends Pick<PrintJobPrunerOptions, 'retentionMs' | 'batchSize' | 'pauseMs'> {
  /** Delay after start before the first pass (default 10 s). */
  firstRunAfterMs?: number;
  /** Delay between passes while the till runs (default 24 h). */
  everyMs?: number;
}

export interface TillPrintingOptions {
  db: TillDatabase;
  host: Pick<HostApi, 'printers.submit' | 'printers.status' | 'printers.list'>;
  /** The branch whose printers and names are used. */
  branchId: () => string;
  /** This till: it prints the requests it recorded, never another till's (orders are shared). */
  tillId: string;
  now?: () => number;
  /** Worker tuning (tests use short backoffs and no idle status polling). */
  worker?: { backoffMs?: number; statusIntervalMs?: number };
  /** Pruning of settled jobs (print-job-pruner.ts); false turns it off. */
  pruning?: TillPruningOptions | false;
  onError?: (message: string) => void;
}

/** The till's printing, running in the renderer next to its store. */
export interface TillPrinting {
  worker: PrintWorker;
  store: RxPrintJobStore;
  reconciler: PrintReconciler;
  /** Deletes old printed jobs; scheduled unless `pruning: false` (tests run passes directly). */
  pruner: PrintJobPruner;
  /** Print requests with `at` below this are done; their jobs may have been pruned (print-horizon.ts). */
  prunedBefore(): number;
  routing(): RoutingConfig;
  /** Stores the worker's re-routes (the queue screen's), which the next start applies again. */
  saveManualRoutes(): Promise<void>;
  /** Re-reads printers (branch doc + device settings) and materialises requests that lacked a printer. */
  refresh(): Promise<void>;
  /** Prints a routed printer's test page now through the host (`sendTestPage`). */
  printTestPage(printerId: string): Promise<void>;
  stop(): Promise<void>;
}

async function loadBranch(db: TillDatabase, branchId: string): Promise<BranchDoc | null> {
  const doc = await db.branches.findOne(branchId).exec();
  const parsed = doc ? branchDocSchema.safeParse(doc.toJSON()) : null;
  return parsed?.success ? parsed.data : null;
}

/** Branch, station and staff names for documents, read from the local store. */
export async function printContext(db: TillDatabase, branchId: string): Promise<PrintRequestContext> {
  const branch = await loadBranch(db, branchId);
  if (!branch) throw new Error(`branch ${branchId} is not on this till yet; printing waits for it`);
  const stations = await db.menu.find({ selector: { kind: 'station' } }).exec();
  const staff = await db.staff.find().exec();
  const stationNames: Record<string, string> = {};
  for (const d of stations) {
    const s = stationDocSchema.safeParse(d.toJSON());
    if (s.success) stationNames[s.data.id] = s.data.name;
  }
  const staffNames: Record<string, string> = {};
  for (const d of staff) {
    const s = staffDocSchema.safeParse(d.toJSON());
    if (s.success) staffNames[s.data.id] = s.data.name;
  }
  return {
    branch: printedBranch(branch),
    stationNames,
    staffNames,
    ...receiptBranding(branch),
  };
}

/**
 * Starts printing after the store opened: the worker over the `printJobs` collection, printing
 * through the host (`remoteTransport`), routed by the branch's printers merged with the device's,
 * and the outbox reconciler (which first catches up on every order changed since its watermark, so
 * nothing is lost in a crash).
 */
export async function startTillPrinting(options: TillPrintingOptions): Promise<TillPrinting> {
  const { db, host } = options;
  const store = new RxPrintJobStore(db.printJobs);
  const printerList = () => host['printers.list']({}).catch(() => []);
  async function loadRouting(): Promise<RoutingConfig> {
    const [branch, device] = await Promise.all([loadBranch(db, options.branchId()), printerList()]);
    return tillRouting(branch?.printers ?? [], device);
  }
  // Independent reads, asked for together: start-up waits for the slowest, not for their sum.
  const [branch, device, routesDoc, mark, horizon] = await Promise.all([
    loadBranch(db, options.branchId()),
    printerList(),
    db.settings.findOne(MANUAL_ROUTES_KEY).exec(),
    Watermark.load(db, 'print:reconciled-through', options.now),
    // Needed by the reconciler's first pass: requests below it may have lost their jobs to pruning.
    PrintHorizon.load(db, options.now),
  ]);
  const pruning = options.pruning === false ? null : (options.pruning ?? {});
  // Built before anything starts: a bad retention fails the start instead of leaving a worker running.
  const pruner = new PrintJobPruner({
    store,
    orders: db.orders,
    horizon,
    ...(options.now ? { now: options.now } : {}),
    ...(pruning?.retentionMs !== undefined ? { retentionMs: pruning.retentionMs } : {}),
    ...(pruning?.batchSize !== undefined ? { batchSize: pruning.batchSize } : {}),
    ...(pruning?.pauseMs !== undefined ? { pauseMs: pruning.pauseMs } : {}),
  });
  let routing = tillRouting(branch?.printers ?? [], device);
  // Branch printers are not saved on the device: the host needs their address. Serial printers
  // are always the device's own.
  const endpointOf = (id: string) => {
    const p = routing.printers.find((x) => x.id === id);
    return p && p.serialPath === null && p.host !== '' ? { host: p.host, port: p.port } : undefined;
  };
  const api = hostPrinterApi(host, endpointOf);
  const backoffMs = options.worker?.backoffMs;
  const worker = await PrintWorker.start({
    store,
    transport: remoteTransport(api),
    routing,
    locale: branch?.locale,
    ...(options.now ? { now: options.now } : {}),
    ...(backoffMs !== undefined ? { backoff: { initialMs: backoffMs } } : {}),
    ...(options.worker?.statusIntervalMs !== undefined ? { statusIntervalMs: options.worker.statusIntervalMs } : {}),
  });
  // Re-routes chosen on the queue screen before a restart, applied before anything is sent.
  for (const [route, printerId] of Object.entries(manualRoutesSchema.catch({}).parse(routesDoc?.toJSON().value ?? {}))) {
    try {
      worker.reroute(route, printerId);
    } catch {
      // The printer was removed since: the station prints on its configured printer again.
    }
  }
  const reconciler = await PrintReconciler.start({
    orders: db.orders,
    tillId: options.tillId,
    store,
    mark,
    enqueue: (job) => worker.enqueue(job),
    context: () => printContext(db, options.branchId()),
    prunedBefore: () => horizon.value,
    onError: (error, requestId) => options.onError?.(`print request ${requestId}: ${(error as Error).message}`),
  });
  async function refresh(): Promise<void> {
    routing = await loadRouting();
    worker.setRouting(routing);
    await reconciler.runAll();
  }
  // The branch document arrives (or changes) through replication: printers may have appeared.
  const branchSub = db.branches.$.subscribe(() => void refresh().catch((e: unknown) => options.onError?.((e as Error).message)));
  if (pruning) {
    pruner.schedule(pruning.firstRunAfterMs ?? 10_000, pruning.everyMs ?? 86_400_000, (e: unknown) =>
      options.onError?.(`pruning printed jobs: ${(e as Error).message}`),
    );
  }
  return {
    worker,
    store,
    reconciler,
    pruner,
    prunedBefore: () => horizon.value,
    routing: () => routing,
    async saveManualRoutes() {
      await db.settings.upsert({ id: MANUAL_ROUTES_KEY, value: Object.fromEntries(worker.manualRoutes()), updatedAt: Date.now() });
    },
    refresh,
    async printTestPage(printerId) {
      const printer = routing.printers.find((p) => p.id === printerId);
      if (!printer) throw new Error(`No printer ${printerId}; save it first`);
      await sendTestPage(api, printer, new Date(options.now?.() ?? Date.now()));
    },
    async stop() {
      branchSub.unsubscribe();
      await pruner.stop();
      reconciler.stop();
      await reconciler.idle();
      await worker.stop();
    },
  };
}
