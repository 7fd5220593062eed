import {
  branchDocSchema,
  orderDocSchema,
  printRequestTargets,
  type ShiftReport,
} from '@comanda/core';
import type { PrintJob } from '@comanda/printing/queue';
import type { RxCollection } from 'rxdb';
import { map } from 'rxjs';
import {
  PortError,
  type PrinterSettings,
  type PrinterStatusView,
  type PrintJobView,
  type TillPorts,
} from '../till-ports/index.js';
import { hostPrinterApi, sendTestPage } from '../printing/host-printer-api.js';
import {
  configFromSetting,
  settingFromBranchPrinter,
  settingFromConfig,
} from '../printing/printer-settings.js';
import { tillRouting } from '../printing/routing.js';
import { createWorkerPorts } from '../printing/queue-ports.js';
import { reportJob } from '../printing/report-job.js';
import { requestIdOf } from '../printing/rx-print-job-store.js';
import { printContext, type TillPrinting } from '../printing/till-printing.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { whenReady } from './deferred-printing-ports.js';
import { listen } from './observe.js';

/** A worker job as the cashier sees it: "failed" while it waits to be retried after an error. */
export function jobView(job: PrintJob, orderId: string): PrintJobView {
  const state: PrintJobView['state'] =
    job.state === 'sending'
      ? 'printing'
      : job.state === 'needs-attention'
        ? 'may-have-printed'
        : job.state === 'queued'
          ? job.lastError
            ? 'failed'
            : 'queued'
          : 'printed'; // printed, or dismissed: a person confirmed it is on paper
  const requestId = requestIdOf(job.id);
  return {
    id: job.id,
    orderId,
    requestId,
    target: job.id.slice(requestId.length + 1),
    state,
    attempts: job.attempts,
    error: job.lastError,
    updatedAt: job.updatedAt,
  };
}

/** Host errors as port errors: a refused payload is `invalid` (its message names the field), the rest `host-unavailable`. */
function hostError(error: unknown): PortError {
  if (error instanceof PortError) return error;
  const e = error as { code?: unknown; message?: unknown };
  const message = typeof e.message === 'string' ? e.message : String(error);
  return new PortError(e.code === 'BAD_INPUT' ? 'invalid' : 'host-unavailable', message);
}

/** Printer settings through the host (the device's printers) and the local branch document (the server's). */
function settingsPorts(runtime: TillRuntime): Pick<TillPorts['printing'], 'loadPrinterSettings'> & {
  save: (printers: Parameters<TillPorts['printing']['savePrinterSettings']>[0]) => Promise<void>;
} {
  const { host } = runtime;
  return {
    async loadPrinterSettings(): Promise<PrinterSettings> {
      try {
        const device = await host['printers.list']({});
        const doc = await runtime.db.branches.findOne(runtime.branchId()).exec();
        const branch = doc ? branchDocSchema.safeParse(doc.toJSON()) : null;
        return {
          device: device.map(settingFromConfig),
          branch: branch?.success ? branch.data.printers.map(settingFromBranchPrinter) : [],
        };
      } catch (error) {
        throw hostError(error);
      }
    },
    async save(printers) {
      try {
        await host['printers.save']({ printers: printers.map(configFromSetting) });
      } catch (error) {
        throw hostError(error);
      }
    },
  };
}

/** "Printed" views for the jobs of `orderId`'s requests below `horizon` (their jobs may have been pruned). */
async function prunedJobViews(
  runtime: TillRuntime,
  orderId: string,
  horizon: number,
): Promise<PrintJobView[]> {
  const doc = await runtime.db.orders
    .findOne(orderId)
    .exec()
    .catch(() => null);
  const order = doc ? orderDocSchema.safeParse(doc.toJSON()) : null;
  if (!order?.success) return [];
  return order.data.printRequests
    .filter((r) => r.at < horizon)
    .flatMap((r) =>
      printRequestTargets(r).map((target) => ({
        id: `${r.id}:${target}`,
        orderId,
        requestId: r.id,
        target,
        state: 'printed' as const,
        attempts: 1,
        error: null,
        updatedAt: r.at,
      })),
    );
}

/** TillPorts.printing over the renderer's print worker (outbox jobs, queue, printer health, settings, reports). */
function workerPorts(runtime: TillRuntime, printing: TillPrinting): TillPorts['printing'] {
  const { store } = printing;
  const worker = createWorkerPorts({
    worker: printing.worker,
    routing: () => printing.routing(),
    now: Date.now,
    getJob: (id) => store.get(id),
    recentJobs: (states, limit) => store.recent(states, limit),
    saveManualRoutes: () => printing.saveManualRoutes(),
  });
  const settings = settingsPorts(runtime);
  return {
    ...worker,
    subscribeOrderJobs(orderId, listener) {
      let jobs: PrintJobView[] | null = null;
      let pruned: PrintJobView[] = [];
      const emit = () => {
        if (!jobs) return;
        const live = new Set(jobs.map((j) => j.id));
        listener([...jobs, ...pruned.filter((p) => !live.has(p.id))]);
      };
      // Jobs of requests below the pruning horizon were deleted once settled: they show as printed
      // (an order reopened a month later for a refund is not "printing" its old tickets again).
      const horizon = printing.prunedBefore();
      if (horizon > 0) {
        void prunedJobViews(runtime, orderId, horizon).then((views) => {
          pruned = views;
          emit();
        });
      }
      return store.observeOrder(orderId, (found) => {
        jobs = found.map((j) => jobView(j, orderId));
        emit();
      });
    },
    async printReport(report) {
      try {
        const ctx = await printContext(runtime.db, runtime.branchId());
        await printing.worker.enqueue(
          reportJob(report.report as ShiftReport, ctx, runtime.settings().tillName, Date.now()),
        );
      } catch (error) {
        throw new PortError('host-unavailable', (error as Error).message);
      }
    },
    loadPrinterSettings: settings.loadPrinterSettings,
    async savePrinterSettings(printers) {
      await settings.save(printers);
      // The worker routes with what was just saved before the screen says "saved"; requests
      // that waited for a printer (a station had none) become jobs now.
      await printing.refresh();
      worker.changed();
      return (await settings.loadPrinterSettings()).device;
    },
    async printTestPage(printerId) {
      if (!printing.routing().printers.some((p) => p.id === printerId))
        throw new PortError('not-found', `No printer ${printerId}; save it first`);
      await printing.printTestPage(printerId).catch((e: unknown) => Promise.reject(hostError(e)));
    },
  };
}

/** ESC p 0: pulse the drawer kick connector of the receipt printer. */
const DRAWER_KICK = btoa(String.fromCharCode(0x1b, 0x70, 0x00, 0x19, 0xfa));
const STATUS_INTERVAL_MS = 10_000;
const NOT_RUNNING = 'Printing did not start on this till; see the log';

function stateOf(s: {
  reachable: boolean;
  paperOut: boolean;
  coverOpen: boolean;
  online: boolean;
}): PrinterStatusView['state'] {
  return !s.reachable
    ? 'offline'
    : s.paperOut
      ? 'paper-out'
      : s.coverOpen
        ? 'cover-open'
        : s.online
          ? 'online'
          : 'error';
}

type PrintingPorts = TillPorts['printing'];

/**
 * Printer status, drawer kicks, reports, the print queue and printer settings: from the print
 * worker once it runs (runtime.printing), else (printing failed to start) polled through the host.
 */
export function createPrinterPorts(
  runtime: TillRuntime,
  jobs: RxCollection<PrintJobView & Record<string, unknown>>,
): PrintingPorts {
  // `Promise.resolve`: tests hand in a started TillPrinting as it is.
  const printing = Promise.resolve<TillPrinting | null>(runtime.printing);
  return whenReady(
    printing.then((started) =>
      started ? workerPorts(runtime, started) : hostPorts(runtime, jobs),
    ),
  );
}

/** Without the print worker: status polled through the host, no durable queue. */
function hostPorts(
  runtime: TillRuntime,
  jobs: RxCollection<PrintJobView & Record<string, unknown>>,
): PrintingPorts {
  const { host } = runtime;
  const settings = settingsPorts(runtime);

  async function receiptPrinterId(): Promise<string> {
    const printers = await host['printers.list']({});
    const receipt = printers.find((p) => p.stations.includes('receipt')) ?? printers[0];
    if (!receipt)
      throw new PortError('host-unavailable', 'No receipt printer is configured on this till');
    return receipt.id;
  }

  async function checkPrinter(printerId: string): Promise<PrinterStatusView> {
    const printers = await host['printers.list']({}).catch(() => []);
    const s = await host['printers.status']({ printerId }).catch((e: unknown) =>
      Promise.reject(hostError(e)),
    );
    return {
      printerId,
      name: printers.find((p) => p.id === printerId)?.name ?? printerId,
      state: stateOf(s),
      message: s.error,
      checkedAt: s.checkedAt,
    };
  }

  return {
    subscribeOrderJobs: (orderId, listener) =>
      listen(
        jobs
          .find({ selector: { orderId } })
          .$.pipe(map((docs) => docs.map((d) => d.toJSON() as PrintJobView))),
        listener,
      ),
    subscribePrinters(listener) {
      let stopped = false;
      let last: PrinterStatusView[] | null = null;
      async function poll(): Promise<void> {
        try {
          const printers = await host['printers.list']({});
          last = await Promise.all(printers.map((p) => checkPrinter(p.id)));
          if (!stopped) listener(last);
        } catch {
          // The host did not answer: the printers' state is unknown now, not "none" (nor "OK").
          if (!stopped && last) listener(last.map((v) => ({ ...v, state: 'unknown' })));
        }
        if (!stopped) setTimeout(() => void poll(), STATUS_INTERVAL_MS);
      }
      void poll();
      return () => {
        stopped = true;
      };
    },
    async retryJob(jobId) {
      const doc = await jobs.findOne(jobId).exec();
      if (!doc) throw new PortError('not-found', `No print job ${jobId}`);
      await doc.incrementalPatch({ state: 'queued', error: null, nextAttemptAt: 0 } as never);
    },
    // Without the worker there is no durable queue: the kick goes straight to the host.
    async openCashDrawer() {
      try {
        await host['printers.submit']({
          printerId: await receiptPrinterId(),
          jobId: `drawer:${Date.now()}`,
          bytesBase64: DRAWER_KICK,
        });
      } catch (error) {
        throw hostError(error);
      }
    },
    printReport: () => Promise.reject(new PortError('host-unavailable', NOT_RUNNING)),
    subscribeQueue(listener) {
      listener({ jobs: [], printers: [], routes: [] });
      return () => undefined;
    },
    reprintJob: () => Promise.reject(new PortError('host-unavailable', NOT_RUNNING)),
    dismissJob: () => Promise.reject(new PortError('host-unavailable', NOT_RUNNING)),
    cancelJob: () => Promise.reject(new PortError('host-unavailable', NOT_RUNNING)),
    reroute: () => Promise.reject(new PortError('host-unavailable', NOT_RUNNING)),
    loadPrinterSettings: settings.loadPrinterSettings,
    async savePrinterSettings(printers) {
      await settings.save(printers);
      return (await settings.loadPrinterSettings()).device;
    },
    async printTestPage(printerId) {
      // The same test page and confirmed send as with the worker, without routing a queue.
      const printer = tillRouting([], await host['printers.list']({})).printers.find(
        (p) => p.id === printerId,
      );
      if (!printer) throw new PortError('not-found', `No printer ${printerId}; save it first`);
      await sendTestPage(
        hostPrinterApi(host, () => undefined),
        printer,
        new Date(),
      ).catch((e: unknown) => Promise.reject(hostError(e)));
    },
    checkPrinter,
  };
}
