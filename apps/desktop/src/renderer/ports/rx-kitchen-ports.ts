import { orderDocSchema } from '@comanda/core/orders';
import { map } from 'rxjs';
import { StoreError, stripMeta } from '../data/repository.js';
import { PortError, type KitchenPorts, type KitchenScope, type Order } from '../till-ports/index.js';
import { loadKitchenSetting } from '../runtime/kitchen-setting.js';
import type { TillRuntime } from '../runtime/runtime.js';
import { createUuidV7 } from '../runtime/ids.js';
import { listen } from './observe.js';

/** Orders a kitchen screen watches: those created in the last day (a service never spans more). */
const WATCH_MS = 24 * 60 * 60 * 1000;

/** This device's kitchen scope if it was paired as a kitchen screen, else null. */
export async function kitchenScopeOf(runtime: TillRuntime): Promise<KitchenScope | null> {
  const setting = await loadKitchenSetting(runtime.db);
  if (!setting) return null;
  return setting.stations.length === 0 ? { kind: 'expo' } : { kind: 'stations', stations: setting.stations };
}

/** `KitchenPorts` on the till's RxDB store, replicated with the hub or server like a till's. */
export function createRxKitchenPorts(runtime: TillRuntime): KitchenPorts {
  const { db, clock } = runtime;
  return {
    clock,
    paired: runtime.mode() === 'paired',
    subscribeOrders: (listener) => {
      // Each emission lists every watched order; only those whose revision changed are parsed
      // again. The others keep their object, so the screen's per-order-version caches hold and a
      // bump re-renders one card, not 200. Rebuilt per emission: orders that left are dropped.
      let parsedByRev = new Map<string, { rev: string; order: Order | null }>();
      return listen(
        db.orders.find({ selector: { createdAt: { $gt: clock.now() - WATCH_MS } } }).$.pipe(
          map((docs) => {
            const next = new Map<string, { rev: string; order: Order | null }>();
            const orders: Order[] = [];
            for (const d of docs) {
              let entry = parsedByRev.get(d.primary);
              if (entry?.rev !== d.revision) {
                const parsed = orderDocSchema.safeParse(stripMeta(d.toJSON() as Record<string, unknown>));
                entry = { rev: d.revision, order: parsed.success && parsed.data.branchId === runtime.branchId() ? parsed.data : null };
              }
              next.set(d.primary, entry);
              if (entry.order) orders.push(entry.order);
            }
            parsedByRev = next;
            return orders;
          }),
        ),
        listener,
      );
    },
    subscribeConnection: (listener) => runtime.tracker.subscribe((s) => listener({ online: s.online, problem: s.problem, offlineSince: s.offlineSince, lastSyncAt: s.lastSyncAt })),
    async update(orderId, action) {
      // Replication may store a newer version between the read and the write: read it again.
      for (let attempt = 0; ; attempt++) {
        const order = await runtime.orders.get(orderId);
        if (!order) throw new PortError('not-found', `Order ${orderId} is not on this screen any more`);
        const at = clock.now();
        try {
          await runtime.orders.save(action(order, { at, by: runtime.tillId, tillId: runtime.tillId, newId: createUuidV7(() => at) }));
          return;
        } catch (error) {
          if (error instanceof StoreError && error.code === 'conflict' && attempt < 3) continue;
          if (error instanceof StoreError) throw new PortError(error.code === 'not-found' ? 'not-found' : error.code, error.message);
          throw new PortError('invalid', (error as Error).message);
        }
      }
    },
  };
}
