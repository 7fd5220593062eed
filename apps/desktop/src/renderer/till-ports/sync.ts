import type { Listener, Unsubscribe } from './common';
import type { EpochMs } from './domain';

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

/** Another till on an order, as the open tabs show it ("Till B · Marie · since 14:02"). */
export interface PresenceView {
  tillCode: string;
  tillName: string;
  staffName: string | null;
  /** When that till opened the order (server clock). */
  since: EpochMs;
}

/**
 * The branch hub set on this till and where it replicates now: through the hub, with the central
 * server directly, or with neither (selling alone, catching up later).
 */
export interface SyncRoute {
  hubUrl: string | null;
  via: 'hub' | 'server' | 'none';
}

export interface SyncPorts {
  subscribe: (listener: Listener<SyncStatus>) => Unsubscribe;
  /**
   * Tells the branch's other tills which order this till has on screen (null = none). Advisory,
   * never a lock: the port repeats it while it stays, and it lapses 30 s after the till goes quiet.
   */
  announce: (orderId: string | null, staffName: string | null) => void;
  /** Other tills on each order, by order id. */
  subscribePresence: (listener: Listener<ReadonlyMap<string, readonly PresenceView[]>>) => Unsubscribe;
  /** The hub URL and the current sync target, on every change. */
  subscribeRoute: (listener: Listener<SyncRoute>) => Unsubscribe;
  /**
   * Sets the branch hub's URL (null removes it): saved durably in the device settings, applied at
   * once (syncing restarts toward it). Rejects with `PortError('invalid')` for a URL the host refuses.
   */
  setHubUrl: (url: string | null) => Promise<void>;
}
