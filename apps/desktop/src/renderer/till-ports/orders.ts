import type { Listener, Unsubscribe } from './common';
import type { EpochMs, Order } from './domain';

/** History on demand: the branch's orders on the server, older than what the till holds. */
export interface ServerOrderQuery {
  /** First and last business day (`YYYY-MM-DD`, inclusive; at most 92 days). */
  from: string;
  to: string;
  /** "12" or "B-12". */
  ticket?: string;
  /** The order's total, minor units. */
  amount?: number;
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

/**
 * Printing is driven by `printRequests` inside the order document (the print outbox): saving an
 * order that carries a new print request is how the features print.
 */
export interface OrderPorts {
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
  /**
   * The branch's orders on the server (any age, newest first, at most 50), read-only until saved
   * here: `save` of one stores that same version (pushing it back is a no-op), so it can be
   * refunded or reprinted like any order. Rejects with `PortError('host-unavailable')` offline.
   */
  searchServer: (query: ServerOrderQuery) => Promise<Order[]>;
  /**
   * How many times orders were stored here since the till started (its own saves and orders pulled
   * from the other tills of the branch; a pulled batch counts once): for screens that list orders
   * and must re-read when they change, like History.
   */
  subscribeStored: (listener: Listener<number>) => Unsubscribe;
  /** Open (not paid, not voided) orders of the branch, whichever till opened them: parked tabs. */
  subscribeOpen: (listener: Listener<Order[]>) => Unsubscribe;
  /**
   * Next human ticket number for this till and business day (core's `nextTicketNumber`). Stored
   * durably in one atomic read-modify-write before it resolves: two calls at once never get the
   * same number, and a crash skips a number rather than reusing one.
   */
  nextTicketNumber: (businessDay: string) => Promise<number>;
}
