import type { Listener, Unsubscribe } from './common';
import type { EpochMs } from './domain';

/** Status of one materialized print job (job id = `${requestId}:${station|receipt}`). */
export interface PrintJobView {
  id: string;
  orderId: string | null;
  requestId: string;
  target: string;
  state: 'queued' | 'printing' | 'printed' | 'failed' | 'may-have-printed';
  attempts: number;
  error: string | null;
  updatedAt: EpochMs;
}

export interface PrinterStatusView {
  printerId: string;
  name: string;
  state: 'online' | 'offline' | 'paper-out' | 'cover-open' | 'error' | 'unknown';
  message: string | null;
  checkedAt: EpochMs | null;
}

/** A printer as the printer settings screen edits it (saved on this till through the host). */
export interface PrinterSetting {
  /** Lowercase letters, digits and dashes; fixed once saved. */
  id: string;
  name: string;
  /** Network (raw TCP: host, port) or serial (serialPath, baudRate). */
  transport: 'tcp' | 'serial';
  /** Host name or IP address of a network (raw TCP) printer. */
  host: string;
  port: number;
  serialPath: string;
  baudRate: number;
  /** Characters per line: 32 for 58 mm paper, 42 or 48 for 80 mm. */
  columns: 32 | 42 | 48;
  /** 'auto' (every code page the encoder knows, picked per character) or one code page name. */
  codepage: string;
  /** Station ids whose tickets it prints, plus 'receipt' for customer receipts, reports and the drawer. */
  stations: string[];
  /** Routes (station ids, 'receipt') it takes over after their own printer failed repeatedly. */
  backupStations: string[];
}

export interface PrinterSettings {
  /** Printers saved on this till: the screen edits these, and the print worker routes with them once saved. */
  device: PrinterSetting[];
  /**
   * Printers of the branch document, set up on the server and pulled (read-only on the till; empty
   * while standalone). A device printer with the same id replaces one; stations it claims move to it.
   */
  branch: PrinterSetting[];
}

/** What a person sees of a print job in the queue; `failed` is a job waiting to be retried after an error. */
/** `cancelled`: never sent and never will be (a person said so, or a drawer kick expired). */
export type PrintQueueJobState =
  'queued' | 'printing' | 'failed' | 'may-have-printed' | 'printed' | 'dismissed' | 'cancelled';

export interface PrintQueueJob {
  id: string;
  /** The document's title ("Kitchen ticket #12 (Grill)"), or "Cash drawer". */
  title: string;
  /** Station id, 'receipt', or `printer:<id>`. */
  route: string;
  state: PrintQueueJobState;
  attempts: number;
  error: string | null;
  /** For `may-have-printed`: what happened (connection lost after sending, no confirmation…). */
  attention: string | null;
  /** > 0 when a person asked for it again (it prints marked REPRINT). */
  reprints: number;
  /** The printer it prints on now (after re-routing or failover); null when its route has none. */
  printerId: string | null;
  /** The printer it was last sent (or tried) to. */
  lastPrinterId: string | null;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  printedAt: EpochMs | null;
}

/** Where a route prints now; `rerouted` when a person sent it away from its assigned printer. */
export interface PrintRouteView {
  route: string;
  printerId: string | null;
  primaryId: string | null;
  rerouted: boolean;
}

export interface PrintQueueView {
  /** Every job not yet printed (in print order), then recently printed or dismissed ones (newest first). */
  jobs: PrintQueueJob[];
  printers: { printerId: string; name: string }[];
  routes: PrintRouteView[];
}

/** A report document to print on the receipt printer (X/Z, shift summaries). */
export interface ReportPrint {
  kind: 'x-report' | 'z-report';
  shiftId: string;
  /** The report model produced by `@comanda/core` (serializable). */
  report: unknown;
}

/**
 * Ports only expose the print jobs that orders' `printRequests` became and the printers' status,
 * plus drawer kicks, reports and the print queue: things that belong to no order.
 */
export interface PrintingPorts {
  subscribeOrderJobs: (orderId: string, listener: Listener<PrintJobView[]>) => Unsubscribe;
  subscribePrinters: (listener: Listener<PrinterStatusView[]>) => Unsubscribe;
  /** Asks the worker to retry a failed or "may have printed" job now (a person decided). */
  retryJob: (jobId: string) => Promise<void>;
  /** Kicks the cash drawer on the receipt printer (no-sale, cash payment). */
  openCashDrawer: () => Promise<void>;
  /** Prints an X or Z report on the receipt printer. */
  printReport: (report: ReportPrint) => Promise<void>;
  /** The print queue: unprinted and recent jobs, printers and where each route prints now. */
  subscribeQueue: (listener: Listener<PrintQueueView>) => Unsubscribe;
  /** Prints a job again, marked REPRINT (printed, dismissed or "may have printed" jobs). */
  reprintJob: (jobId: string) => Promise<void>;
  /** A person confirmed a "may have printed" job is on paper: it is not printed again. */
  dismissJob: (jobId: string) => Promise<void>;
  /** A person decided a waiting (queued or failed) job must not print at all; refused once it is being sent. */
  cancelJob: (jobId: string) => Promise<void>;
  /**
   * Sends a route (station id or 'receipt') to another printer until cleared with `null`, and
   * retries its waiting jobs at once. Rejects with `not-found` for an unknown printer.
   */
  reroute: (route: string, printerId: string | null) => Promise<void>;
  /** This till's saved printers and the branch's. */
  loadPrinterSettings: () => Promise<PrinterSettings>;
  /**
   * Replaces this till's saved printers (validated by the host) and re-routes printing with them
   * before resolving. Rejects with `invalid` (message names the field) or `host-unavailable`.
   */
  savePrinterSettings: (printers: PrinterSetting[]) => Promise<PrinterSetting[]>;
  /** Prints the test page (ruler, styles, code pages) on one printer now; rejects when it does not print. */
  printTestPage: (printerId: string) => Promise<void>;
  /** Asks one printer for its status now; an unreachable printer resolves as `offline`. */
  checkPrinter: (printerId: string) => Promise<PrinterStatusView>;
}
