import type { Subscription } from 'rxjs';
import type { TillDatabase } from '../data/database.js';

/** Collections this till writes and pushes: their unacknowledged documents are "pending". */
const UP_COLLECTIONS = ['orders', 'shifts', 'auditEvents'] as const;
type UpCollection = (typeof UP_COLLECTIONS)[number];

export interface SyncStatusSnapshot {
  paired: boolean;
  online: boolean;
  /** Orders whose latest local version the server has not acknowledged yet. */
  unsyncedOrderIds: readonly string[];
  /** Orders, shifts and audit events waiting to be pushed. */
  pendingCount: number;
  lastSyncAt: number | null;
  error: string | null;
  /** Initial sync progress: collections caught up out of the total, documents received. */
  initialSync: { done: number; total: number; documents: number } | null;
}

type Listener = (status: SyncStatusSnapshot) => void;

/**
 * Derives the status bar from durable facts: local document versions vs. the versions the server
 * acknowledged (syncAcks), plus replication events for online/offline, errors and progress.
 * Versions are tracked in memory from one initial scan and then from change events, so the bar
 * stays cheap with 100,000 stored orders.
 */
export class SyncStatusTracker {
  private readonly local = new Map<UpCollection, Map<string, number>>();
  private readonly acked = new Map<UpCollection, Map<string, number>>();
  private readonly listeners = new Set<Listener>();
  private readonly subs: Subscription[] = [];
  private status: SyncStatusSnapshot;
  private scheduled = false;

  constructor(
    private readonly db: TillDatabase,
    paired: boolean,
    private readonly now: () => number = Date.now,
  ) {
    this.status = { paired, online: false, unsyncedOrderIds: [], pendingCount: 0, lastSyncAt: null, error: null, initialSync: null };
    for (const name of UP_COLLECTIONS) {
      this.local.set(name, new Map());
      this.acked.set(name, new Map());
    }
  }

  async start(): Promise<void> {
    for (const name of UP_COLLECTIONS) {
      const docs = await this.db[name].find().exec();
      const versions = this.local.get(name)!;
      for (const doc of docs) versions.set(doc.primary, Number(doc.get('updatedAt')));
      this.subs.push(
        this.db[name].$.subscribe((event) => {
          if (event.operation === 'DELETE') versions.delete(event.documentId);
          else versions.set(event.documentId, Number((event.documentData as { updatedAt?: unknown }).updatedAt));
          this.schedule();
        }),
      );
    }
    const acks = await this.db.syncAcks.find().exec();
    for (const ack of acks.map((a) => a.toJSON())) this.acked.get(ack.source as UpCollection)?.set(ack.docId, ack.updatedAt);
    this.subs.push(
      this.db.syncAcks.$.subscribe((event) => {
        const data = event.documentData as { source: string; docId: string; updatedAt: number };
        this.acked.get(data.source as UpCollection)?.set(data.docId, data.updatedAt);
        this.schedule();
      }),
    );
    this.recompute();
  }

  stop(): void {
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

  markPaired(): void {
    this.update({ paired: true });
  }

  /** A replication request succeeded: the server is reachable and in step with us. */
  markSuccess(): void {
    this.update({ online: true, error: null, lastSyncAt: this.now() });
  }

  markError(error: Error): void {
    this.update({ error: describeSyncError(error) });
  }

  /** From the reachability probe: the authoritative online/offline signal. */
  markReachable(reachable: boolean): void {
    this.update(reachable ? { online: true } : { online: false, error: describeSyncError(new Error('Failed to fetch')) });
  }

  markInitialProgress(done: number, total: number, documents: number): void {
    this.update({ initialSync: done >= total ? null : { done, total, documents } });
  }

  private update(patch: Partial<SyncStatusSnapshot>): void {
    this.status = { ...this.status, ...patch };
    this.emit();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    // Coalesce bursts (a pull of 500 documents, a bulk ack) into one recompute.
    setTimeout(() => {
      this.scheduled = false;
      this.recompute();
    }, 50);
  }

  private recompute(): void {
    let pending = 0;
    let unsyncedOrderIds: string[] = [];
    for (const name of UP_COLLECTIONS) {
      const acked = this.acked.get(name)!;
      const unsynced: string[] = [];
      for (const [id, updatedAt] of this.local.get(name)!) if ((acked.get(id) ?? -1) < updatedAt) unsynced.push(id);
      pending += unsynced.length;
      if (name === 'orders') unsyncedOrderIds = unsynced;
    }
    this.update({ unsyncedOrderIds, pendingCount: pending });
  }

  private emit(): void {
    for (const listener of this.listeners) listener(this.status);
  }
}

/** A message a cashier can read: the server's own message when it sent one. */
export function describeSyncError(error: Error): string {
  const message = error.message || error.name;
  if (/Failed to fetch|NetworkError|ECONNREFUSED|fetch failed/i.test(message)) return 'Sync server unreachable; orders are kept on this till';
  return message.length > 200 ? `${message.slice(0, 200)}…` : message;
}
