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

export interface SyncPorts {
  subscribe: (listener: Listener<SyncStatus>) => Unsubscribe;
}
