import { ticketLabel } from '@comanda/core/orders';
import { auditEventDocSchema, orderDocSchema, shiftDocSchema, type MenuDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { branchDocSchema } from '@comanda/core/branch';
import { branchOverrideDocSchema, menuDocSchema } from '@comanda/core/menu';
import { staffDocSchema } from '@comanda/core/staff';
import type { RxCollection } from 'rxdb';
import { combineLatest, concat, defer, finalize, map, scan, shareReplay, startWith, switchMap, take, tap } from 'rxjs';
import type { z } from 'zod';
import { newestFirst } from '../data/newest-first.js';
import { DocumentRepository, StoreError, stripMeta } from '../data/repository.js';
import {
  PortError,
  type MenuSnapshot,
  type Order,
  type PrintJobView,
  type Shift,
  type TillPorts,
} from '../till-ports/index.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { HostCallError } from '../host/host-client.js';
import { afterNextPaint } from '../runtime/after-paint.js';
import { createUuidV7 } from '../runtime/ids.js';
import { listen } from './observe.js';
import { createPrinterPorts } from './printer-ports.js';
import { saveOrdersInOneTransaction } from './rx-order-batch.js';
import { takeTicketNumber } from './ticket-counter.js';

function parseAll<S extends z.ZodType>(docs: readonly { toJSON(): unknown }[], schema: S): z.output<S>[] {
  return docs.flatMap((d) => {
    const parsed = schema.safeParse(stripMeta(d.toJSON() as Record<string, unknown>));
    return parsed.success ? [parsed.data] : [];
  });
}

/** Maps store errors onto the ports' error codes (the features decide from `code`). */
async function port<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof PortError) throw error;
    if (error instanceof StoreError) throw new PortError(error.code === 'not-found' ? 'not-found' : error.code, error.message);
    throw new PortError('storage', (error as Error).message);
  }
}

function matchesText(order: Order, text: string): boolean {
  const haystack = [String(order.ticketNumber), ticketLabel(order), order.table ?? '', order.customerName ?? '', ...order.lines.map((l) => l.name), ...order.payments.map((p) => p.reference ?? '')];
  return haystack.some((h) => h.toLowerCase().includes(text));
}

/**
 * TillPorts on the RxDB store and the host: what the cashier's workflow runs on in the real app.
 * Every write resolves after the strict-durability IndexedDB commit.
 */
export function createRxTillPorts(runtime: TillRuntime): TillPorts {
  const { db } = runtime;
  const clock = runtime.clock;
  const newId = createUuidV7(clock.now);
  const orders = runtime.orders;
  const shifts = new DocumentRepository(db.shifts, shiftDocSchema, 'shift');
  const audit = new DocumentRepository(db.auditEvents, auditEventDocSchema, 'audit event');
  const branchId = runtime.branchId();
  const standalone = runtime.mode() !== 'paired';
  // Built only when a standalone till has no branch or menu of its own: building it parses the
  // whole demo fixture (tens of milliseconds at start-up, before the PIN pad).
  let demoSeed: ReturnType<typeof buildDemoSeed> | undefined;
  const demo = () => (standalone ? (demoSeed ??= buildDemoSeed(0)) : null);

  const full$ = combineLatest([db.branches.find().$, db.menu.find().$, db.branchOverrides.find().$]).pipe(
    map(([branches, menu, overrides]): MenuSnapshot | null => {
      const branch = parseAll(branches, branchDocSchema).find((b) => b.id === branchId) ?? demo()?.branches[0] ?? null;
      const menuDocs: MenuDoc[] = parseAll(menu, menuDocSchema);
      if (!branch) return null;
      const fallback = menuDocs.length === 0 ? demo() : null;
      if (fallback) return { branch, menuDocs: fallback.menu, overrides: fallback.overrides };
      return { branch, menuDocs, overrides: parseAll(overrides, branchOverrideDocSchema).filter((o) => o.branchId === branchId) };
    }),
  );
  // The branch alone first (one document), so the PIN pad does not wait for 2,000 menu items;
  // the whole menu is read once that is on screen (reading and parsing it takes the main thread
  // for tens of milliseconds).
  const branchOnly$ = db.branches.find().$.pipe(
    map((branches): MenuSnapshot | null => {
      const branch = parseAll(branches, branchDocSchema).find((b) => b.id === branchId) ?? demo()?.branches[0] ?? null;
      return branch ? { branch, menuDocs: [], overrides: [], complete: false } : null;
    }),
    take(1),
  );
  // One read shared by every listener; a late listener gets the latest snapshot at once.
  let haveFull = false;
  const snapshot$ = full$.pipe(
    tap((s) => (haveFull = s !== null)),
    finalize(() => (haveFull = false)),
    shareReplay({ bufferSize: 1, refCount: true }),
  );
  const menu$ = defer(() => (haveFull ? snapshot$ : concat(branchOnly$, defer(afterNextPaint).pipe(switchMap(() => snapshot$)))));
  const staff$ = db.staff.find().$.pipe(map((docs) => parseAll(docs, staffDocSchema)));
  const isOpen = (o: Order) => o.status === 'open' || o.status === 'sent';
  const openShift$ = db.shifts.find().$.pipe(
    map((docs) => parseAll(docs, shiftDocSchema).find((s) => s.status === 'open' && s.tillId === runtime.tillId) ?? null),
  );

  return {
    device: {
      branchId,
      tillId: runtime.tillId,
      // Read at each order: a till paired before ticket codes learns its code once it syncs.
      get tillCode() {
        return runtime.settings().tillCode ?? '';
      },
    },
    clock,
    ids: { newId },
    menu: {
      load: () =>
        new Promise<MenuSnapshot>((resolve) => {
          const sub = snapshot$.subscribe((s) => {
            if (!s) return;
            resolve(s);
            queueMicrotask(() => sub.unsubscribe());
          });
        }),
      subscribe: (listener) => listen(menu$, (s) => s && listener(s)),
    },
    staff: {
      list: async () => parseAll(await db.staff.find().exec(), staffDocSchema),
      subscribe: (listener) => listen(staff$, listener),
    },
    orders: {
      save: (order) => port(() => orders.save(order)),
      saveMany: (list) => port(() => saveOrdersInOneTransaction(db.orders, list)),
      get: (id) => port(() => orders.get(id)),
      list: (query) =>
        port(async () => {
          const text = query.text?.trim().toLowerCase();
          const limit = query.limit ?? 50;
          const found: Order[] = [];
          // Newest first, a window of days at a time through the createdAt index: a day's
          // history reads a few hundred orders, never the 100,000 a till holds after a few months.
          const pages = newestFirst(db.orders, 'createdAt', { now: clock.now(), ...(query.from !== undefined ? { from: query.from } : {}), ...(query.to !== undefined ? { to: query.to } : {}) });
          for await (const page of pages) {
            for (const o of parseAll(page, orderDocSchema)) {
              if (query.status && !query.status.includes(o.status)) continue;
              if (query.shiftId && o.shiftId !== query.shiftId) continue;
              if (text && !matchesText(o, text)) continue;
              found.push(o);
            }
            if (found.length >= limit) break;
          }
          return found.slice(0, limit);
        }),
      subscribe: (id, listener) =>
        listen(db.orders.findOne(id).$.pipe(map((d) => (d ? (parseAll([d], orderDocSchema)[0] ?? null) : null))), listener),
      searchServer: async (query) => {
        try {
          const docs = await runtime.searchServerOrders(query);
          return parseAll(docs.map((d) => ({ toJSON: () => d })), orderDocSchema);
        } catch (error) {
          throw new PortError('host-unavailable', `Cannot search the server: ${(error as Error).message}`);
        }
      },
      subscribeStored: (listener) =>
        listen(
          db.orders.eventBulks$.pipe(
            scan((n) => n + 1, 0),
            startWith(0),
          ),
          listener,
        ),
      subscribeOpen: (listener) =>
        listen(
          // One exact index lookup per status: an `$in` becomes one range from "open" to "sent",
          // which spans every paid order.
          combineLatest([db.orders.find({ selector: { status: 'open' } }).$, db.orders.find({ selector: { status: 'sent' } }).$]).pipe(
            // Every till's open orders of the branch: tills share tables and tabs.
            map((pages) => parseAll(pages.flat(), orderDocSchema).filter((o) => isOpen(o) && o.branchId === runtime.branchId())),
          ),
          listener,
        ),
      nextTicketNumber: (day) => port(() => takeTicketNumber(db, day, clock.now)),
    },
    shifts: {
      current: async () => parseAll(await db.shifts.find().exec(), shiftDocSchema).find((s) => s.status === 'open' && s.tillId === runtime.tillId) ?? null,
      get: (id) => port(() => shifts.get(id)),
      save: (shift: Shift) => port(() => shifts.save(shift)),
      subscribeCurrent: (listener) => listen(openShift$, listener),
    },
    audit: {
      append: (event) =>
        port(async () => {
          await audit.append(event);
        }),
    },
    printing: createPrinterPorts(runtime, db.printJobs as unknown as RxCollection<PrintJobView & Record<string, unknown>>),
    sync: {
      subscribe: (listener) => runtime.tracker.subscribe(listener),
      announce: (orderId, staffName) => runtime.presence.announce(orderId, staffName),
      subscribePresence: (listener) => runtime.presence.subscribe(listener),
      subscribeRoute: (listener) => {
        listener(runtime.syncRoute());
        return runtime.onSyncRoute(listener);
      },
      setHubUrl: async (url) => {
        try {
          await runtime.setHubUrl(url);
        } catch (error) {
          // The host validates device settings: a refused URL is the caller's to fix.
          if (error instanceof HostCallError && error.code === 'BAD_INPUT') throw new PortError('invalid', error.message);
          throw new PortError('host-unavailable', (error as Error).message);
        }
      },
    },
    settings: {
      // Device settings live in the local, strictly durable `settings` collection beside the ticket
      // counters, under their own prefix so no key can collide with a counter.
      get: (key) => port(async () => ((await db.settings.findOne(`device:${key}`).exec())?.toJSON().value ?? null) as unknown),
      set: (key, value) =>
        port(async () => {
          await db.settings.incrementalUpsert({ id: `device:${key}`, value, updatedAt: clock.now() });
        }),
    },
  };
}
