import type { ShiftReport } from '@comanda/core';
import type { PrintJob, PrinterHealth } from '@comanda/printing/queue';
import type { RxCollection } from 'rxdb';
import { map } from 'rxjs';
import { PortError, type PrinterStatusView, type PrintJobView, type TillPorts } from '../features/ports.js';
import { reportJob } from '../printing/report-job.js';
import { requestIdOf } from '../printing/rx-print-job-store.js';
import { printContext, type TillPrinting } from '../printing/till-printing.js';
import type { TillRuntime } from '../shell/runtime.js';
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
  return { id: job.id, orderId, requestId, target: job.id.slice(requestId.length + 1), state, attempts: job.attempts, error: job.lastError, updatedAt: job.updatedAt };
}

const HEALTH_VIEW: Record<PrinterHealth, PrinterStatusView['state']> = {
  online: 'online',
  'paper-near-end': 'online',
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  error: 'error',
  offline: 'offline',
  unreachable: 'offline',
};

/** TillPorts.printing over the renderer's print worker (outbox jobs, printer health, reports). */
function workerPorts(runtime: TillRuntime, printing: TillPrinting, drawer: () => Promise<void>): TillPorts['printing'] {
  const { worker, store } = printing;
  return {
    subscribeOrderJobs: (orderId, listener) => store.observeOrder(orderId, (jobs) => listener(jobs.map((j) => jobView(j, orderId)))),
    subscribePrinters(listener) {
      const checked = new Map<string, { message: string | null; at: number }>();
      const emit = () => {
        const health = worker.printerHealth();
        listener(
          printing.routing().printers.map((p) => {
            const h = health.get(p.id);
            return { printerId: p.id, name: p.name, state: h ? HEALTH_VIEW[h] : 'unknown', message: checked.get(p.id)?.message ?? null, checkedAt: checked.get(p.id)?.at ?? null };
          }),
        );
      };
      const stop = worker.subscribe((e) => {
        if (e.type !== 'printer') return;
        checked.set(e.printerId, { message: e.detail, at: Date.now() });
        emit();
      });
      emit();
      return stop;
    },
    async retryJob(jobId) {
      const job = await store.get(jobId);
      if (!job) throw new PortError('not-found', `No print job ${jobId}`);
      // A person decided: "may have printed" (or printed) jobs print again, marked REPRINT;
      // jobs waiting after an error are retried now instead of after their backoff.
      if (job.state === 'queued' || job.state === 'sending') await worker.retryNow();
      else await worker.reprint(jobId);
    },
    openCashDrawer: drawer,
    async printReport(report) {
      try {
        const ctx = await printContext(runtime.db, runtime.branchId());
        await worker.enqueue(reportJob(report.report as ShiftReport, ctx, runtime.settings().tillName, Date.now()));
      } catch (error) {
        throw new PortError('host-unavailable', (error as Error).message);
      }
    },
  };
}

/** ESC p 0: pulse the drawer kick connector of the receipt printer. */
const DRAWER_KICK = btoa(String.fromCharCode(0x1b, 0x70, 0x00, 0x19, 0xfa));
const STATUS_INTERVAL_MS = 10_000;

/**
 * Printer status, drawer kicks, reports and the print jobs of an order: from the print worker when
 * it runs (runtime.printing), else polled through the host.
 */
export function createPrinterPorts(runtime: TillRuntime, jobs: RxCollection<PrintJobView & Record<string, unknown>>): TillPorts['printing'] {
  const { host } = runtime;

  async function receiptPrinterId(): Promise<string> {
    const printers = await host['printers.list']({});
    const receipt = printers.find((p) => p.stations.includes('receipt')) ?? printers[0];
    if (!receipt) throw new PortError('host-unavailable', 'No receipt printer is configured on this till');
    return receipt.id;
  }

  /** The receipt printer from the worker's routing (branch + device printers), else the device's. */
  async function receiptPrinter(): Promise<{ printerId: string; endpoint?: { host: string; port: number } }> {
    const routing = runtime.printing?.routing();
    const id = routing?.routes.receipt?.primary;
    const p = id ? routing?.printers.find((x) => x.id === id) : undefined;
    return p ? { printerId: p.id, endpoint: { host: p.host, port: p.port } } : { printerId: await receiptPrinterId() };
  }

  async function openCashDrawer(): Promise<void> {
    try {
      await host['printers.submit']({ ...(await receiptPrinter()), jobId: `drawer:${Date.now()}`, bytesBase64: DRAWER_KICK });
    } catch (error) {
      if (error instanceof PortError) throw error;
      throw new PortError('host-unavailable', (error as Error).message);
    }
  }

  if (runtime.printing) return workerPorts(runtime, runtime.printing, openCashDrawer);

  return {
    subscribeOrderJobs: (orderId, listener) =>
      listen(jobs.find({ selector: { orderId } }).$.pipe(map((docs) => docs.map((d) => d.toJSON() as PrintJobView))), listener),
    subscribePrinters(listener) {
      let stopped = false;
      async function poll(): Promise<void> {
        try {
          const printers = await host['printers.list']({});
          const views: PrinterStatusView[] = await Promise.all(
            printers.map(async (p) => {
              const s = await host['printers.status']({ printerId: p.id });
              const state: PrinterStatusView['state'] = !s.reachable ? 'offline' : s.paperOut ? 'paper-out' : s.coverOpen ? 'cover-open' : s.online ? 'online' : 'error';
              return { printerId: p.id, name: p.name, state, message: s.error, checkedAt: s.checkedAt };
            }),
          );
          if (!stopped) listener(views);
        } catch {
          if (!stopped) listener([]);
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
    openCashDrawer,
    printReport() {
      return Promise.reject(new PortError('host-unavailable', 'Printing did not start on this till; see the log'));
    },
  };
}
