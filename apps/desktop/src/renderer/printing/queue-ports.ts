import {
  CANCELLED_BEFORE_SENDING,
  EXPIRED_BEFORE_SENDING,
  PrintJobError,
  type NewPrintJob,
  type PrintJob,
  type PrintWorker,
  type RoutingConfig,
} from '@comanda/printing/queue';
import {
  PortError,
  type PrinterStatusView,
  type PrintQueueJob,
  type PrintQueueView,
  type TillPorts,
} from '../till-ports/index.js';

/** What the queue and printer views need from the running printing: shared by the real ports and the in-memory double. */
export interface WorkerPortsDeps {
  worker: PrintWorker;
  routing: () => RoutingConfig;
  now: () => number;
  /** One stored job by id (the job store's `get`). */
  getJob: (id: string) => Promise<PrintJob | null>;
  /** Printed or dismissed jobs still listed in the queue (newest first). */
  recent?: number;
  /**
   * The newest `limit` jobs in `states`, newest first, read through an index; without it the
   * worker's whole list is read and sorted (fine in memory, not for months of printed jobs).
   */
  recentJobs?: (states: readonly PrintJob['state'][], limit: number) => Promise<PrintJob[]>;
  /** Keeps the worker's re-routes across restarts; called after each change. */
  saveManualRoutes?: () => Promise<void>;
}

/** The worker-backed part of `TillPorts.printing`, plus `changed()` to tell subscribers that printers or routes changed. */
export type WorkerPorts = Pick<
  TillPorts['printing'],
  | 'subscribePrinters'
  | 'subscribeQueue'
  | 'retryJob'
  | 'reprintJob'
  | 'dismissJob'
  | 'cancelJob'
  | 'reroute'
  | 'checkPrinter'
  | 'openCashDrawer'
> & { changed(): void };

const STATE: Record<PrintJob['state'], PrintQueueJob['state']> = {
  queued: 'queued',
  sending: 'printing',
  'needs-attention': 'may-have-printed',
  printed: 'printed',
  dismissed: 'dismissed',
};

/** A printer's health as the till shows it (and reports it to the server). */
export const HEALTH_VIEW: Record<string, PrinterStatusView['state']> = {
  online: 'online',
  'paper-near-end': 'online',
  'paper-out': 'paper-out',
  'cover-open': 'cover-open',
  error: 'error',
  offline: 'offline',
  unreachable: 'offline',
};

/** Drawer kicks are print jobs too (durable, retried, in order with the receipt printer's other jobs). */
export const DRAWER_JOB_PREFIX = 'drawer:';

/**
 * How long a drawer kick waits for its printer: after that it is dismissed, never sent, so a
 * printer that comes back later does not pop the drawer open with nobody at the till.
 */
export const DRAWER_KICK_TTL_MS = 2 * 60_000;

/** The job that pulses the cash drawer connected to the receipt printer. */
export function drawerJob(id: string, expiresAt: number): NewPrintJob {
  return {
    id: `${DRAWER_JOB_PREFIX}${id}`,
    route: 'receipt',
    document: { kind: 'receipt', title: 'Cash drawer', blocks: [{ kind: 'drawer' }] },
    expiresAt,
  };
}

/** A stored job as the queue screen shows it, with the printer its route prints on now. */
export function queueJobView(job: PrintJob, printerId: string | null): PrintQueueJob {
  return {
    id: job.id,
    title: job.document.title,
    route: job.route,
    // Waiting after an error is what a person calls "failed"; it is still retried automatically.
    state:
      job.state === 'queued' && job.lastError
        ? 'failed'
        : job.state === 'dismissed' &&
            (job.lastError === CANCELLED_BEFORE_SENDING || job.lastError === EXPIRED_BEFORE_SENDING)
          ? 'cancelled'
          : STATE[job.state],
    attempts: job.attempts,
    error: job.lastError,
    attention: job.attention ? job.attention.reason : null,
    reprints: job.reprints,
    printerId,
    lastPrinterId: job.printerId,
    createdAt: job.createdAt,
    updatedAt: job.updatedAt,
    printedAt: job.printedAt,
  };
}

/** Maps the worker's typed errors onto the ports' codes. */
function portError(error: unknown): PortError {
  if (error instanceof PortError) return error;
  if (error instanceof PrintJobError) {
    // A job whose state changed since the screen showed it: a conflict, like a stale document.
    return new PortError(error.code === 'INVALID_STATE' ? 'conflict' : 'not-found', error.message);
  }
  return new PortError('host-unavailable', error instanceof Error ? error.message : String(error));
}

/**
 * Printer status, the print queue and its actions over a running {@link PrintWorker}. Subscriptions
 * re-read the store on worker events, coalesced so a burst of events costs one read.
 */
export function createWorkerPorts(deps: WorkerPortsDeps): WorkerPorts {
  const { worker, routing, now } = deps;
  const recent = deps.recent ?? 30;
  const checked = new Map<
    string,
    { message: string | null; at: number; state?: PrinterStatusView['state'] }
  >();
  const printerListeners = new Set<() => void>();
  const queueListeners = new Set<() => void>();

  function printerViews(): PrinterStatusView[] {
    const health = worker.printerHealth();
    return routing().printers.map((p) => {
      const h = health.get(p.id);
      const c = checked.get(p.id);
      return {
        printerId: p.id,
        name: p.name,
        state: h ? (HEALTH_VIEW[h] ?? 'unknown') : (c?.state ?? 'unknown'),
        message: c?.message ?? null,
        checkedAt: c?.at ?? null,
      };
    });
  }

  async function queueView(): Promise<PrintQueueView> {
    const open = await worker.jobs(['queued', 'sending', 'needs-attention']);
    const done = deps.recentJobs
      ? await deps.recentJobs(['printed', 'dismissed'], recent)
      : (await worker.jobs(['printed', 'dismissed']))
          .sort((a, b) => b.updatedAt - a.updatedAt)
          .slice(0, recent);
    const cfg = routing();
    const target = (route: string) => worker.target(route).printer?.id ?? null;
    const routeKeys = new Set([
      ...Object.keys(cfg.routes),
      ...open.map((j) => j.route).filter((r) => !r.startsWith('printer:')),
    ]);
    return {
      jobs: [...open, ...done].map((j) => queueJobView(j, target(j.route))),
      printers: cfg.printers.map((p) => ({ printerId: p.id, name: p.name })),
      routes: [...routeKeys].map((route) => ({
        route,
        printerId: target(route),
        primaryId: cfg.routes[route]?.primary ?? null,
        rerouted: worker.manualRoutes().has(route),
      })),
    };
  }

  const notify = (set: Set<() => void>) => set.forEach((l) => l());
  worker.subscribe((e) => {
    if (e.type === 'printer') {
      checked.set(e.printerId, { message: e.detail, at: now() });
      notify(printerListeners);
    }
    if (e.type === 'job' || e.type === 'route') notify(queueListeners);
  });

  const ports: WorkerPorts = {
    changed() {
      for (const p of routing().printers) if (!checked.has(p.id)) void ports.checkPrinter(p.id);
      notify(printerListeners);
      notify(queueListeners);
    },
    subscribePrinters(listener) {
      const emit = () => listener(printerViews());
      printerListeners.add(emit);
      emit();
      return () => printerListeners.delete(emit);
    },
    subscribeQueue(listener) {
      let stopped = false;
      let pending = false;
      let reading = Promise.resolve();
      const emit = () => {
        if (pending) return;
        pending = true;
        // One read per burst of events; reads run one after another so views arrive in order.
        reading = reading.then(async () => {
          pending = false;
          const view = await queueView().catch(() => null);
          if (view && !stopped) listener(view);
        });
      };
      queueListeners.add(emit);
      emit();
      return () => {
        stopped = true;
        queueListeners.delete(emit);
      };
    },
    async retryJob(jobId) {
      const job = await deps.getJob(jobId);
      if (!job) throw new PortError('not-found', `No print job ${jobId}`);
      // A person decided: "may have printed" (or printed) jobs print again, marked REPRINT;
      // jobs waiting after an error are retried now instead of after their backoff.
      if (job.state === 'queued' || job.state === 'sending') await worker.retryNow();
      else await worker.reprint(jobId).catch((e: unknown) => Promise.reject(portError(e)));
    },
    async reprintJob(jobId) {
      await worker.reprint(jobId).catch((e: unknown) => Promise.reject(portError(e)));
    },
    async cancelJob(jobId) {
      await worker.cancel(jobId).catch((e: unknown) => Promise.reject(portError(e)));
    },
    async dismissJob(jobId) {
      await worker.dismiss(jobId).catch((e: unknown) => Promise.reject(portError(e)));
    },
    async reroute(route, printerId) {
      try {
        worker.reroute(route, printerId);
      } catch (e) {
        throw portError(e);
      }
      await deps.saveManualRoutes?.().catch(() => undefined);
      // Jobs waiting out a backoff on the dead printer go to the new one now.
      await worker.retryNow();
      notify(queueListeners);
    },
    async checkPrinter(printerId) {
      const name = routing().printers.find((p) => p.id === printerId)?.name;
      if (name === undefined) throw new PortError('not-found', `No printer ${printerId}`);
      let view: PrinterStatusView;
      try {
        const s = await worker.checkPrinter(printerId);
        const state = s.coverOpen
          ? 'cover-open'
          : s.paperEnd
            ? 'paper-out'
            : s.error
              ? 'error'
              : !s.online
                ? 'offline'
                : 'online';
        view = { printerId, name, state, message: null, checkedAt: now() };
      } catch (e) {
        view = {
          printerId,
          name,
          state: 'offline',
          message: e instanceof Error ? e.message : String(e),
          checkedAt: now(),
        };
      }
      checked.set(printerId, {
        message: view.message,
        at: view.checkedAt ?? now(),
        state: view.state,
      });
      notify(printerListeners);
      return view;
    },
    async openCashDrawer() {
      try {
        await worker.enqueue(
          drawerJob(`${now()}:${crypto.randomUUID()}`, now() + DRAWER_KICK_TTL_MS),
        );
      } catch (e) {
        if (e instanceof PrintJobError && e.code === 'NO_PRINTER')
          throw new PortError(
            'host-unavailable',
            'No receipt printer is set up for the cash drawer; assign one in printer settings',
          );
        throw portError(e);
      }
    },
  };
  // Status of every printer right away, rather than "unknown" until the worker's first idle check.
  for (const p of routing().printers) void ports.checkPrinter(p.id);
  return ports;
}
