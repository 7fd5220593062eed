import type { OrderContext } from '@comanda/core/orders';
import type { Listener, Unsubscribe } from './common';
import type { EpochMs, Order } from './domain';

/** What a kitchen screen shows: its stations' tickets, or every station's (expo). */
export type KitchenScope = { readonly kind: 'stations'; readonly stations: readonly string[] } | { readonly kind: 'expo' };

/** What the kitchen screen must know of its link to the hub or server (see `silenceAlarm`). */
export interface KitchenConnection {
  online: boolean;
  problem: string | null;
  offlineSince: EpochMs | null;
  lastSyncAt: EpochMs | null;
}

/**
 * The kitchen display's contract with the data layer: the branch's recent orders (replicated like
 * a till's), the link's state, and kitchen actions applied to the stored order.
 */
export interface KitchenPorts {
  clock: { now: () => EpochMs };
  /** Whether the device is paired (a standalone screen has nothing to be silent about). */
  paired: boolean;
  subscribeOrders: (listener: Listener<readonly Order[]>) => Unsubscribe;
  subscribeConnection: (listener: Listener<KitchenConnection>) => Unsubscribe;
  /**
   * Applies a kitchen action (core's `bumpTicket`, `recallTicket`, `markServed`) to the stored
   * order, with this device's clock, id and fresh ids; a concurrent write (replication) is read
   * again and the action re-applied. Rejects with a `PortError`.
   */
  update: (orderId: string, action: (order: Order, ctx: OrderContext) => Order) => Promise<void>;
}
