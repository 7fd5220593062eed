/**
 * `TillPorts`: everything the cashier's workflow needs from the till's data layer and host.
 *
 * The shell implements it on RxDB + the host contract and mounts `CashierApp({ ports })`; tests use
 * `createMemoryPorts()` from `./testing/memory-ports`. The features never import RxDB, Dexie, tRPC
 * or the host directly, so they run unchanged in both hosts and in tests.
 *
 * Conventions:
 * - Every `subscribe(...)` calls its listener once with the current value as soon as it is known
 *   (synchronously or shortly after), then on every change, until the returned `Unsubscribe` runs.
 * - Every write (`save`, `append`) resolves only after the document is committed durably to the
 *   local store (IndexedDB with strict durability). The UI shows "saved" only after it resolves.
 * - Writes reject with a `PortError` (never resolve with an error value).
 * - Printing is driven by `printRequests` inside the order document (TEAM.md print outbox): saving
 *   an order that carries a new print request is how the features print. Ports only expose the
 *   resulting job and printer status, plus drawer kicks and reports that belong to no order.
 */
import type {
  AuditEvent,
  Branch,
  BranchOverrideDoc,
  EpochMs,
  MenuDoc,
  Order,
  Shift,
  StaffMember,
} from './domain';

export type Unsubscribe = () => void;
export type Listener<T> = (value: T) => void;

/** Why a port call failed; features show `message` and decide from `code`. */
export type PortErrorCode =
  | 'not-found'
  /** The stored document changed since it was read (compare `updatedAt`); reload and retry. */
  | 'conflict'
  /** The document failed schema validation; nothing was written. */
  | 'invalid'
  /** The local store could not commit (quota, closed database). Nothing was written. */
  | 'storage'
  /** The host (printer, drawer) could not be reached. */
  | 'host-unavailable';

/** Typed error thrown (as a rejection) by every port. */
export class PortError extends Error {
  override readonly name = 'PortError';
  constructor(
    readonly code: PortErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/** The till this renderer runs on. Fixed for the life of the app. */
export interface DeviceInfo {
  branchId: string;
  tillId: string;
  /** Default UI locale; the cashier can switch. Currency and time zone come from the branch doc. */
  locale: 'en' | 'fr';
}

/**
 * What replication pulled for this till's branch: the branch document (time zone, cash rounding,
 * discount approval limits, printers), every `menu` document and the branch overrides. The
 * features resolve the sellable menu with `resolveBranchMenu` from `@comanda/core/menu`.
 */
export interface MenuSnapshot {
  branch: Branch;
  menuDocs: MenuDoc[];
  overrides: BranchOverrideDoc[];
  /**
   * False while the menu documents are still being read (the branch is known): the till can show
   * the PIN pad meanwhile, and the order screen shows the menu as loading. Absent means complete.
   */
  complete?: boolean;
}

export interface OrderQuery {
  /** Free text: ticket number, table, item name, card reference. */
  text?: string;
  status?: readonly string[];
  shiftId?: string;
  from?: EpochMs;
  to?: EpochMs;
  /** Newest first; defaults to 50. */
  limit?: number;
}

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
export type PrintQueueJobState = 'queued' | 'printing' | 'failed' | 'may-have-printed' | 'printed' | 'dismissed' | 'cancelled';

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

export interface SyncStatus {
  /** The sync server is reachable and replication is running. */
  online: boolean;
  /** The till was never paired; everything stays local until it is. */
  paired: boolean;
  /**
   * Ids of orders written locally whose latest version the server has not acknowledged yet.
   * Empty while the till is not paired, when no order is synced at all (see `paired`).
   */
  unsyncedOrderIds: readonly string[];
  /** All documents (orders, shifts, audit events) waiting to be pushed. */
  pendingCount: number;
  lastSyncAt: EpochMs | null;
  error: string | null;
}

/** A report document to print on the receipt printer (X/Z, shift summaries). */
export interface ReportPrint {
  kind: 'x-report' | 'z-report';
  shiftId: string;
  /** The report model produced by `@comanda/core` (serializable). */
  report: unknown;
}

export interface TillPorts {
  device: DeviceInfo;
  clock: { now: () => EpochMs };
  /** UUIDv7 generator (orders, lines, payments, audit events, shifts). */
  ids: { newId: () => string };

  menu: {
    load: () => Promise<MenuSnapshot>;
    subscribe: (listener: Listener<MenuSnapshot>) => Unsubscribe;
  };

  /**
   * Staff with PIN hashes (pulled); PINs are checked offline with `verifyPin` from
   * `@comanda/core/staff`. The features ignore inactive staff and other branches' staff.
   */
  staff: {
    list: () => Promise<StaffMember[]>;
    subscribe: (listener: Listener<StaffMember[]>) => Unsubscribe;
  };

  orders: {
    /**
     * Writes the whole order document with strict durability. Resolves with the stored document
     * once committed; rejects with `PortError('conflict')` if `order.updatedAt` is not newer than
     * the stored one's. Writing the same document twice is idempotent.
     */
    save: (order: Order) => Promise<Order>;
    /**
     * Writes several orders in one local transaction (a split bill: the new order and the source):
     * after a crash either all are stored or none. Same validation and conflict rules as `save`,
     * checked for every order before anything is written.
     */
    saveMany: (orders: readonly Order[]) => Promise<Order[]>;
    get: (id: string) => Promise<Order | null>;
    list: (query: OrderQuery) => Promise<Order[]>;
    /** The order's latest stored version, or `null` when it does not exist (yet). */
    subscribe: (id: string, listener: Listener<Order | null>) => Unsubscribe;
    /** Open (not paid, not voided) orders of this till: parked tabs. */
    subscribeOpen: (listener: Listener<Order[]>) => Unsubscribe;
    /** Next human ticket number for this till and business day (persisted, never reused). */
    nextTicketNumber: (businessDay: string) => Promise<number>;
  };

  shifts: {
    /** The open shift of this till, if any. */
    current: () => Promise<Shift | null>;
    get: (id: string) => Promise<Shift | null>;
    /** Same durability and conflict rules as `orders.save`. */
    save: (shift: Shift) => Promise<Shift>;
    subscribeCurrent: (listener: Listener<Shift | null>) => Unsubscribe;
  };

  audit: {
    /** Appends one event durably; it replicates up with the orders. */
    append: (event: AuditEvent) => Promise<void>;
  };

  printing: {
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
  };

  sync: {
    subscribe: (listener: Listener<SyncStatus>) => Unsubscribe;
  };

  /**
   * Small values of this device that must survive a restart (e.g. the PIN lockout). Never
   * replicated. Values are JSON; readers validate what they get back (it may be from an older app).
   */
  settings: {
    /** The stored value, or `null` when the key was never set. */
    get: (key: string) => Promise<unknown>;
    /** Replaces the value; resolves once committed durably. Rejects with `PortError('storage')`. */
    set: (key: string, value: unknown) => Promise<void>;
  };
}
