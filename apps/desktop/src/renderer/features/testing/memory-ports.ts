/**
 * An in-memory `TillPorts` for tests and demos: same contract (conflict checks, subscriptions
 * that emit the current value first, typed rejections), no persistence.
 */
import { nextTicketNumber, ticketLabel } from '@comanda/core/orders';
import { PortError } from '../../till-ports';
import type {
  AuditEvent,
  DeviceInfo,
  Listener,
  MenuSnapshot,
  Order,
  OrderQuery,
  PrinterSetting,
  PrinterStatusView,
  PrintJobView,
  ReportPrint,
  Shift,
  StaffMember,
  SyncStatus,
  SyncRoute,
  PresenceView,
  TillPorts,
  Unsubscribe,
} from '../../till-ports';
import { hubUrlSchema } from '../../../host/contract';
import { TILL_LOCALE_KEY } from '../app/app-store';
import { createMemoryPrinting, type MemoryPrinting } from './memory-printing';

class Subject<T> {
  private listeners = new Set<Listener<T>>();
  constructor(private value: T) {}
  get(): T {
    return this.value;
  }
  set(value: T): void {
    this.value = value;
    for (const l of [...this.listeners]) l(value);
  }
  subscribe(listener: Listener<T>): Unsubscribe {
    this.listeners.add(listener);
    listener(this.value);
    return () => this.listeners.delete(listener);
  }
}

export interface MemoryPortsOptions {
  menu: MenuSnapshot;
  /** The branch's orders on the server, for `orders.searchServer` (history on demand). */
  serverOrders?: Order[];
  staff: StaffMember[];
  device?: Partial<DeviceInfo>;
  /** Start time; the clock only moves when `advance` is called. */
  now?: number;
  orders?: Order[];
  /** Printers saved on this till (the branch document's printers are used too); none by default. */
  printers?: PrinterSetting[];
  /**
   * The language chosen on this till (`TILL_LOCALE_KEY`), 'en' by default so tests read English
   * although the demo branch is fr-FR; null leaves the choice to the branch.
   */
  tillLocale?: 'en' | 'fr' | null;
}

/** What tests can inspect and drive besides the ports themselves. */
export interface MemoryPorts extends TillPorts {
  readonly state: {
    orders: Map<string, Order>;
    shifts: Map<string, Shift>;
    audit: AuditEvent[];
    drawerKicks: number;
    reports: ReportPrint[];
    saves: number;
    /** Device settings (`TillPorts.settings`), as JSON copies. */
    settings: Map<string, unknown>;
    /** The order this till last announced it has on screen. */
    announced: string | null;
  };
  /** Simulated printers, the real print worker and settings saves behind `printing`. */
  readonly printerFarm: MemoryPrinting;
  advance(ms: number): void;
  setSync(status: Partial<SyncStatus>): void;
  /** Other tills' presence, as the live stream would report it. */
  setPresence(byOrder: ReadonlyMap<string, readonly PresenceView[]>): void;
  /** Where the till syncs now, as the reachability probes would decide it. */
  setRoute(route: Partial<SyncRoute>): void;
  /** Replaces the menu snapshot (e.g. a partial one while "the store is still reading"). */
  setMenu(snapshot: MenuSnapshot): void;
  setJobs(orderId: string, jobs: PrintJobView[]): void;
  /** Replaces the printer status stream with a fixed list (call before subscribing). */
  setPrinters(printers: PrinterStatusView[]): void;
  /** Makes the next `n` writes reject with a storage error (to test error states). */
  failNextWrites(n: number): void;
}

function isOpen(order: Order): boolean {
  return order.status === 'open' || order.status === 'sent';
}

function matchesText(order: Order, text: string): boolean {
  const haystack = [
    String(order.ticketNumber),
    ticketLabel(order),
    order.table ?? '',
    order.customerName ?? '',
    ...order.lines.map((l) => l.name),
    ...order.payments.map((p) => p.reference ?? ''),
  ];
  return haystack.some((h) => h.toLowerCase().includes(text));
}

export function createMemoryPorts(options: MemoryPortsOptions): MemoryPorts {
  let now = options.now ?? Date.UTC(2026, 10, 23, 11, 0, 0);
  let idCounter = 0;
  let failWrites = 0;
  const device: DeviceInfo = {
    branchId: options.menu.branch.id,
    tillId: options.menu.branch.tills[0]?.id ?? 'till-1',
    tillCode: 'A',
    ...options.device,
  };
  const state: MemoryPorts['state'] = {
    orders: new Map((options.orders ?? []).map((o) => [o.id, o])),
    shifts: new Map(),
    audit: [],
    drawerKicks: 0,
    reports: [],
    saves: 0,
    settings: new Map(options.tillLocale === null ? [] : [[TILL_LOCALE_KEY, options.tillLocale ?? 'en']]),
    announced: null,
  };
  const menu = new Subject(options.menu);
  const staff = new Subject(options.staff);
  const sync = new Subject<SyncStatus>({
    online: false,
    paired: true,
    unsyncedOrderIds: [],
    pendingCount: 0,
    lastSyncAt: null,
    error: null,
  });
  const printers = new Subject<PrinterStatusView[]>([]);
  const presence = new Subject<ReadonlyMap<string, readonly PresenceView[]>>(new Map());
  const route = new Subject<SyncRoute>({ hubUrl: null, via: 'server' });
  let printersOverridden = false;
  const printerFarm = createMemoryPrinting(options.menu.branch, options.printers ?? [], () => now);
  const orderSubjects = new Map<string, Subject<Order | null>>();
  const jobSubjects = new Map<string, Subject<PrintJobView[]>>();
  const openOrders = new Subject<Order[]>([...state.orders.values()].filter(isOpen));
  const storedCount = new Subject<number>(0);
  const currentShift = new Subject<Shift | null>(null);
  const ticketCounters = new Map<string, number>();

  const orderSubject = (id: string) => {
    let s = orderSubjects.get(id);
    if (!s) {
      s = new Subject<Order | null>(state.orders.get(id) ?? null);
      orderSubjects.set(id, s);
    }
    return s;
  };
  const jobSubject = (id: string) => {
    let s = jobSubjects.get(id);
    if (!s) {
      s = new Subject<PrintJobView[]>([]);
      jobSubjects.set(id, s);
    }
    return s;
  };
  const checkWrite = () => {
    if (failWrites > 0) {
      failWrites -= 1;
      throw new PortError('storage', 'The local store could not commit the write.');
    }
  };
  const copy = <T>(value: T): T => structuredClone(value);

  return {
    device,
    state,
    printerFarm,
    clock: { now: () => now },
    ids: {
      newId: () => {
        idCounter += 1;
        return `id-${String(idCounter).padStart(6, '0')}`;
      },
    },
    menu: {
      load: () => Promise.resolve(menu.get()),
      subscribe: (l) => menu.subscribe(l),
    },
    staff: {
      list: () => Promise.resolve(staff.get()),
      subscribe: (l) => staff.subscribe(l),
    },
    orders: {
      save(order) {
        return Promise.resolve().then(() => {
          checkWrite();
          const stored = state.orders.get(order.id);
          if (stored && stored.updatedAt > order.updatedAt) {
            throw new PortError('conflict', `Order ${order.id} changed since it was read.`);
          }
          const doc = copy(order);
          state.orders.set(order.id, doc);
          state.saves += 1;
          orderSubject(order.id).set(doc);
          openOrders.set([...state.orders.values()].filter(isOpen));
          storedCount.set(storedCount.get() + 1);
          const s = sync.get();
          if (!s.unsyncedOrderIds.includes(order.id)) {
            sync.set({ ...s, unsyncedOrderIds: [...s.unsyncedOrderIds, order.id], pendingCount: s.pendingCount + 1 });
          }
          return copy(doc);
        });
      },
      saveMany(orders) {
        return Promise.resolve().then(() => {
          checkWrite();
          // All or nothing, like one IndexedDB transaction: every conflict is checked first.
          for (const order of orders) {
            const stored = state.orders.get(order.id);
            if (stored && stored.updatedAt > order.updatedAt) {
              throw new PortError('conflict', `Order ${order.id} changed since it was read.`);
            }
          }
          for (const order of orders) state.orders.set(order.id, copy(order));
          state.saves += 1;
          for (const order of orders) orderSubject(order.id).set(copy(order));
          openOrders.set([...state.orders.values()].filter(isOpen));
          storedCount.set(storedCount.get() + 1);
          const s = sync.get();
          const fresh = orders.map((o) => o.id).filter((id) => !s.unsyncedOrderIds.includes(id));
          if (fresh.length > 0) sync.set({ ...s, unsyncedOrderIds: [...s.unsyncedOrderIds, ...fresh], pendingCount: s.pendingCount + fresh.length });
          return orders.map(copy);
        });
      },
      get: (id) => Promise.resolve(state.orders.has(id) ? copy(state.orders.get(id)!) : null),
      list(query: OrderQuery) {
        const text = query.text?.trim().toLowerCase();
        const rows = [...state.orders.values()]
          .filter((o) => !query.status || query.status.includes(o.status))
          .filter((o) => !query.shiftId || o.shiftId === query.shiftId)
          .filter((o) => query.from === undefined || o.createdAt >= query.from)
          .filter((o) => query.to === undefined || o.createdAt < query.to)
          .filter((o) => !text || matchesText(o, text))
          .sort((a, b) => b.createdAt - a.createdAt)
          .slice(0, query.limit ?? 50);
        return Promise.resolve(rows.map(copy));
      },
      subscribe: (id, l) => orderSubject(id).subscribe(l),
      searchServer: (query) =>
        Promise.resolve(
          (options.serverOrders ?? []).filter(
            (o) =>
              o.businessDay >= query.from &&
              o.businessDay <= query.to &&
              (query.ticket === undefined || ticketLabel(o) === query.ticket || String(o.ticketNumber) === query.ticket) &&
              (query.amount === undefined || o.totals.total === query.amount),
          ),
        ),
      subscribeStored: (l) => storedCount.subscribe(l),
      subscribeOpen: (l) => openOrders.subscribe(l),
      nextTicketNumber(day) {
        const last = ticketCounters.get(day);
        const next = nextTicketNumber(last === undefined ? null : { businessDay: day, number: last }, day).number;
        ticketCounters.set(day, next);
        return Promise.resolve(next);
      },
    },
    shifts: {
      current: () => Promise.resolve(currentShift.get()),
      get: (id) => Promise.resolve(state.shifts.get(id) ?? null),
      save(shift) {
        return Promise.resolve().then(() => {
          checkWrite();
          const stored = state.shifts.get(shift.id);
          if (stored && stored.updatedAt > shift.updatedAt) {
            throw new PortError('conflict', `Shift ${shift.id} changed since it was read.`);
          }
          const doc = copy(shift);
          state.shifts.set(shift.id, doc);
          currentShift.set(doc.status === 'closed' ? null : doc);
          return copy(doc);
        });
      },
      subscribeCurrent: (l) => currentShift.subscribe(l),
    },
    audit: {
      append(event) {
        return Promise.resolve().then(() => {
          checkWrite();
          state.audit.push(copy(event));
        });
      },
    },
    printing: {
      ...printerFarm.ports,
      subscribeOrderJobs: (id, l) => jobSubject(id).subscribe(l),
      subscribePrinters: (l) => (printersOverridden ? printers.subscribe(l) : printerFarm.ports.subscribePrinters(l)),
      retryJob(jobId) {
        for (const subject of jobSubjects.values()) {
          const jobs = subject.get();
          if (jobs.some((j) => j.id === jobId)) {
            subject.set(jobs.map((j) => (j.id === jobId ? { ...j, state: 'queued', error: null } : j)));
            return Promise.resolve();
          }
        }
        return printerFarm.ports.retryJob(jobId);
      },
      async openCashDrawer() {
        // Like the till: resolves once the kick is a durable job on the receipt printer's queue.
        await printerFarm.ports.openCashDrawer();
        state.drawerKicks += 1;
      },
      printReport(report) {
        state.reports.push(report);
        return Promise.resolve();
      },
    },
    sync: {
      subscribe: (l) => sync.subscribe(l),
      announce: (orderId) => {
        state.announced = orderId;
      },
      subscribePresence: (l) => presence.subscribe(l),
      subscribeRoute: (l) => route.subscribe(l),
      setHubUrl(url) {
        return Promise.resolve().then(() => {
          // As the host does: the device settings schema refuses what is not a hub URL.
          const parsed = hubUrlSchema.nullable().safeParse(url);
          if (!parsed.success) throw new PortError('invalid', parsed.error.issues[0]?.message ?? 'invalid hub URL');
          checkWrite();
          route.set({ hubUrl: parsed.data, via: parsed.data ? 'hub' : 'server' });
        });
      },
    },
    settings: {
      get: (key) => Promise.resolve(state.settings.has(key) ? copy(state.settings.get(key)) : null),
      set(key, value) {
        return Promise.resolve().then(() => {
          checkWrite();
          state.settings.set(key, copy(value));
        });
      },
    },
    advance(ms) {
      now += ms;
    },
    setSync(status) {
      sync.set({ ...sync.get(), ...status });
    },
    setPresence(byOrder) {
      presence.set(byOrder);
    },
    setRoute(next) {
      route.set({ ...route.get(), ...next });
    },
    setMenu(snapshot) {
      menu.set(snapshot);
    },
    setJobs(orderId, jobs) {
      jobSubject(orderId).set(jobs);
    },
    setPrinters(list) {
      printersOverridden = true;
      printers.set(list);
    },
    failNextWrites(n) {
      failWrites = n;
    },
  };
}
