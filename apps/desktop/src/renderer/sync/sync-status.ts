import type { Subscription } from 'rxjs';
import type { TillDatabase } from '../data/database.js';
import { Watermark } from '../data/watermark.js';
import {
  INITIAL_CONNECTION,
  PERSIST_EVERY_MS,
  connectionFailed,
  connectionReachable,
  connectionSucceeded,
  loadConnection,
  saveConnection,
  type ConnectionState,
  type SyncProblem,
} from './connection-state.js';

/** Collections this till writes and pushes: their unacknowledged documents are "pending". */
const UP_COLLECTIONS = ['orders', 'shifts', 'auditEvents'] as const;
type UpCollection = (typeof UP_COLLECTIONS)[number];

export interface SyncStatusSnapshot {
  paired: boolean;
  online: boolean;
  /** Orders whose latest local version the server has not acknowledged yet (empty while not paired). */
  unsyncedOrderIds: readonly string[];
  /**
   * How many orders are not on the server yet: while not paired, every order of this till; null
   * while that is still being counted (counting 100,000 orders takes a second, so start-up does
   * not wait for it).
   */
  unsyncedOrderCount: number | null;
  /** Orders, shifts and audit events waiting to be pushed. */
  pendingCount: number;
  /** The last successful replication request, kept across restarts. */
  lastSyncAt: number | null;
  /** When the server was last reachable before going away (kept across restarts); null online. */
  offlineSince: number | null;
  /** Offline, revoked or a server error; null when in step (or not paired). */
  problem: SyncProblem | null;
  /** The server's message for a `revoked` or `server` problem. */
  error: string | null;
  /** Initial sync progress: collections caught up out of the total, documents received. */
  /**
   * First sync: collections done of `total`, documents pulled of `expected` (the server's backlog
   * when the sync started; null until every pulled collection reported it).
   */
  initialSync: { done: number; total: number; documents: number; expected: number | null } | null;
}

type Listener = (status: SyncStatusSnapshot) => void;
type Versions = Map<string, number>;

const markKey = (name: UpCollection) => `sync:acked-through:${name}`;

/**
 * Derives the status bar from durable facts: local document versions vs. the versions the server
 * acknowledged (syncAcks), plus replication events for online/offline, errors and progress.
 *
 * A till holds 100,000 orders after a few months, nearly all acknowledged long ago, so the
 * tracker never reads them all: a per-collection {@link Watermark} says "every document with
 * `updatedAt` at or below this is acknowledged", and only documents above it are read at start
 * and followed in memory. While the till is not paired nothing can be acknowledged; the counts
 * then come from the store's indexes.
 */
export class SyncStatusTracker {
  private readonly local = new Map<UpCollection, Versions>();
  private readonly acked = new Map<UpCollection, Versions>();
  private readonly marks = new Map<UpCollection, Watermark>();
  private readonly listeners = new Set<Listener>();
  private subs: Subscription[] = [];
  private status: SyncStatusSnapshot;
  private scheduled = false;
  private mode: 'stopped' | 'counting' | 'tracking' = 'stopped';
  private connection: ConnectionState = INITIAL_CONNECTION;
  /** A till that synced before (any earlier run) has no initial sync to show. */
  private syncedBefore = false;
  private persistedAt = 0;

  constructor(
    private readonly db: TillDatabase,
    paired: boolean,
    private readonly now: () => number = Date.now,
    /** How long after start-up an unpaired till counts its documents. */
    private readonly countDelayMs = 3000,
  ) {
    this.status = { paired, ...INITIAL_CONNECTION, unsyncedOrderIds: [], unsyncedOrderCount: 0, pendingCount: 0, initialSync: null };
    for (const name of UP_COLLECTIONS) {
      this.local.set(name, new Map());
      this.acked.set(name, new Map());
    }
  }

  async start(): Promise<void> {
    const stored = await loadConnection(this.db).catch(() => null);
    if (stored) {
      this.syncedBefore = stored.lastSyncAt !== null;
      this.setConnection({ ...this.connection, ...stored }, false);
    }
    if (this.status.paired) await this.track();
    else await this.count();
  }

  stop(): void {
    this.mode = 'stopped';
    this.subs.splice(0).forEach((s) => s.unsubscribe());
  }

  get current(): SyncStatusSnapshot {
    return this.status;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    listener(this.status);
    return () => this.listeners.delete(listener);
  }

  /** The till was just paired (its documents adopted): acknowledgements count from now on. */
  async markPaired(): Promise<void> {
    this.update({ paired: true });
    if (this.mode === 'tracking') return;
    this.stop();
    await this.track();
  }

  /** A replication request succeeded: the server is reachable and in step with us. */
  markSuccess(): void {
    this.setConnection(connectionSucceeded(this.now()));
  }

  markError(error: Error): void {
    this.setConnection(connectionFailed(this.connection, error, this.now()));
  }

  /** From the reachability probe: the authoritative online/offline signal. */
  markReachable(reachable: boolean): void {
    this.setConnection(connectionReachable(this.connection, reachable, this.now()));
  }

  /**
   * Progress of a first sync (`expected`: the server's backlog, once known); ignored on a till that
   * synced before (offline restarts included).
   */
  markInitialProgress(done: number, total: number, documents: number, expected: number | null = null): void {
    if (this.syncedBefore) return;
    this.update({ initialSync: done >= total ? null : { done, total, documents, expected } });
  }

  /**
   * Not paired: every document is pending. Counting is O(n) in Chromium's IndexedDB and holds up
   * every other request of the origin meanwhile (~1 s for 100,000 orders), so it runs once, a few
   * seconds after start-up, and inserts/deletes adjust the counts after that.
   */
  private count(): Promise<void> {
    this.mode = 'counting';
    this.update({ unsyncedOrderCount: null });
    const counts = new Map<UpCollection, number>();
    let counting = false;
    let changedWhileCounting = false;
    const publish = () => {
      if (this.mode !== 'counting' || counts.size < UP_COLLECTIONS.length) return;
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      this.update({ unsyncedOrderIds: [], unsyncedOrderCount: counts.get('orders') ?? 0, pendingCount: total });
    };
    const recount = async (): Promise<void> => {
      counting = true;
      changedWhileCounting = false;
      const values = await Promise.all(UP_COLLECTIONS.map((name) => this.db[name].count().exec()));
      counting = false;
      // A document written during the count may or may not be in it: count again.
      if (changedWhileCounting) return recount();
      UP_COLLECTIONS.forEach((name, i) => counts.set(name, values[i] ?? 0));
      publish();
    };
    for (const name of UP_COLLECTIONS) {
      this.subs.push(
        this.db[name].$.subscribe((event) => {
          if (counting) changedWhileCounting = true;
          const known = counts.get(name);
          if (known === undefined) return;
          if (event.operation === 'INSERT') counts.set(name, known + 1);
          else if (event.operation === 'DELETE') counts.set(name, known - 1);
          publish();
        }),
      );
    }
    const timer = setTimeout(() => void recount().catch(() => undefined), this.countDelayMs);
    this.subs.push({ unsubscribe: () => clearTimeout(timer) } as Subscription);
    return Promise.resolve();
  }

  /** Paired: read what is above each watermark, then follow changes and acknowledgements. */
  private async track(): Promise<void> {
    this.mode = 'tracking';
    // Acks first, so an ack written while the documents are read is not missed.
    this.subs.push(
      this.db.syncAcks.$.subscribe((event) => {
        const data = event.documentData as { source: string; docId: string; updatedAt: number };
        const acked = this.acked.get(data.source as UpCollection);
        if (acked) acked.set(data.docId, Math.max(data.updatedAt, acked.get(data.docId) ?? -1));
        this.schedule();
      }),
    );
    for (const name of UP_COLLECTIONS) {
      const mark = await Watermark.load(this.db, markKey(name), this.now);
      this.marks.set(name, mark);
      const versions = this.local.get(name)!;
      // Subscribed before the read: a change made meanwhile wins over the older stored version.
      this.subs.push(
        this.db[name].$.subscribe((event) => {
          if (event.operation === 'DELETE') versions.delete(event.documentId);
          else {
            const updatedAt = Number((event.documentData as { updatedAt?: unknown }).updatedAt);
            versions.set(event.documentId, updatedAt);
            // The till's clock went back below the mark: keep this document visible after a restart.
            if (updatedAt <= mark.value) void mark.lower(updatedAt).catch(() => undefined);
          }
          this.schedule();
        }),
      );
      const above = await this.db[name].find({ selector: { updatedAt: { $gt: mark.value } } }).exec();
      for (const doc of above) if (!versions.has(doc.primary)) versions.set(doc.primary, Number(doc.get('updatedAt')));
      const acks = await this.db.syncAcks.findByIds([...versions.keys()].map((id) => `${name}:${id}`)).exec();
      const acked = this.acked.get(name)!;
      for (const doc of acks.values()) {
        const ack = doc.toJSON();
        acked.set(ack.docId, Math.max(ack.updatedAt, acked.get(ack.docId) ?? -1));
      }
    }
    this.recompute();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Coalesce bursts (a pull of 500 documents, a bulk ack) into one recompute.
    setTimeout(() => {
      this.scheduled = false;
      if (this.mode === 'tracking') this.recompute();
    }, 50);
  }

  private recompute(): void {
    let pending = 0;
    let unsyncedOrderIds: string[] = [];
    for (const name of UP_COLLECTIONS) {
      const versions = this.local.get(name)!;
      const acked = this.acked.get(name)!;
      const mark = this.marks.get(name);
      const unsynced: string[] = [];
      let oldestUnsynced = Number.POSITIVE_INFINITY;
      let newest = -1;
      for (const [id, updatedAt] of versions) {
        newest = Math.max(newest, updatedAt);
        if ((acked.get(id) ?? -1) >= updatedAt) continue;
        unsynced.push(id);
        oldestUnsynced = Math.min(oldestUnsynced, updatedAt);
      }
      if (mark) {
        // Everything below the oldest unacknowledged version is acknowledged: forget it.
        mark.advance(unsynced.length > 0 ? oldestUnsynced - 1 : newest);
        for (const [id, updatedAt] of versions) if (updatedAt <= mark.value) versions.delete(id);
        // An acknowledgement above the mark may be a pulled document's, recorded before the
        // document itself is stored: kept until the mark passes it.
        for (const [id, at] of acked) if (!versions.has(id) && at <= mark.value) acked.delete(id);
      }
      pending += unsynced.length;
      if (name === 'orders') unsyncedOrderIds = unsynced;
    }
    this.update({ unsyncedOrderIds, unsyncedOrderCount: unsyncedOrderIds.length, pendingCount: pending });
  }

  private setConnection(next: ConnectionState, persist = true): void {
    const before = this.connection;
    this.connection = next;
    this.update(next);
    if (!persist) return;
    const now = this.now();
    // The last sync time is written at most every PERSIST_EVERY_MS; going offline is written at once.
    const wentOffline = next.offlineSince !== before.offlineSince;
    if (wentOffline || (next.lastSyncAt !== before.lastSyncAt && now - this.persistedAt >= PERSIST_EVERY_MS)) {
      this.persistedAt = now;
      void saveConnection(this.db, next, now).catch(() => undefined);
    }
  }

  private update(patch: Partial<SyncStatusSnapshot>): void {
    this.status = { ...this.status, ...patch };
    this.emit();
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.status);
  }
}
