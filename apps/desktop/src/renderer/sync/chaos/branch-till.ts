import type { OrderDoc } from '@comanda/core';
import type { DeviceCredential } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { TILL_COLLECTIONS } from '../../data/collections.js';
import { openTillDatabase, type TillDatabase } from '../../data/database.js';
import { DeviceTokenSource } from '../device-auth.js';
import { startTillReplication, type TillReplication } from '../replication.js';
import { createPublicSyncClient, createSyncClient } from '../sync-client.js';
import { chooseSyncTarget } from '../sync-target.js';
import { stripMeta } from './chaos-till.js';
import { FlakyLink } from './flaky-link.js';

/** Retry pause inside the chaos run (the real backoff, 1 s doubling to 5 s, would make it crawl). */
const CHAOS_RETRY_MS = 20;

/** The till's print outbox (its real reconciler; the sync layer cannot import printing: injected). */
export interface TillOutbox {
  jobIds(): Promise<string[]>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

export type StartOutbox = (db: TillDatabase, tillId: string) => Promise<TillOutbox>;

export interface BranchTillUrls {
  /** The branch hub, or null for a till configured without one (it syncs with the central server only). */
  hubUrl: string | null;
  serverUrl: string;
}

/**
 * A till of the branch chaos test: its own IndexedDB (fake-indexeddb, kept across crashes), the
 * till's real replication with the hub or the central server as `chooseSyncTarget` picks from
 * what its links reach (failover, each target with its own checkpoints, as the runtime does), and
 * the till's real print outbox reconciler writing print jobs into its own `printJobs`.
 */
export class BranchTill {
  readonly hubLink: FlakyLink | null;
  readonly centralLink = new FlakyLink();
  replication: TillReplication | null = null;
  target: string | null = null;
  /** The last replication error (a failure message names it). */
  lastError: string | null = null;
  db!: TillDatabase;
  private readonly indexedDB = new IDBFactory();
  private readonly tokens: DeviceTokenSource;
  private outbox: TillOutbox | null = null;
  private switching: Promise<void> = Promise.resolve();

  constructor(
    readonly name: string,
    readonly urls: BranchTillUrls,
    credential: DeviceCredential,
    private pullBatchSize: number,
    private readonly startOutbox: StartOutbox,
  ) {
    this.hubLink = urls.hubUrl ? new FlakyLink() : null;
    // Tokens come from the central server's keys (a hub would only forward the request).
    this.tokens = new DeviceTokenSource(createPublicSyncClient(urls.serverUrl), credential);
  }

  /** First start: opens the storage and starts replication and printing. */
  openFresh(): Promise<void> {
    return this.open();
  }

  /** Opens the durable storage and starts replication and printing (also after a crash). */
  async open(): Promise<void> {
    const collections = Object.fromEntries(
      (['orders', 'syncAcks', 'printJobs', 'settings'] as const).map((c) => [c, TILL_COLLECTIONS[c]]),
    );
    this.db = await openTillDatabase({ name: this.name, indexedDB: this.indexedDB, IDBKeyRange, collections });
    this.outbox = await this.startOutbox(this.db, this.name);
    this.target = null;
    this.retarget();
    await this.switching;
  }

  /** Where the till replicates now, re-chosen whenever a link changes (the reachability probes). */
  retarget(): void {
    const next = chooseSyncTarget(
      this.urls,
      { hub: this.hubLink ? this.hubLink.online : null, server: this.centralLink.online },
      this.target,
    );
    if (next === this.target && this.replication) {
      if (this.hubLink?.online || this.centralLink.online) this.replication.reSync();
      return;
    }
    this.target = next;
    this.switching = this.switching.then(async () => {
      await this.replication?.stop();
      this.replication = this.replicateWith(next);
    });
  }

  setLink(which: 'hub' | 'central', online: boolean): void {
    const link = which === 'hub' ? this.hubLink : this.centralLink;
    if (!link) return;
    link.setOnline(online);
    this.retarget();
  }

  /** Waits for a failover under way, then for every collection to be in sync. */
  async awaitInSync(timeoutMs: number): Promise<boolean> {
    await this.switching;
    await this.outbox?.idle();
    return (await this.replication?.awaitInSync(timeoutMs)) ?? false;
  }

  async setPullBatchSize(size: number): Promise<void> {
    this.pullBatchSize = size;
    this.target = null;
    this.retarget();
    await this.switching;
  }

  /** A crash: replication, printing and every in-memory state thrown away, storage kept. */
  async crash(): Promise<void> {
    await this.close();
    await this.open();
  }

  /** The till's orders (all, or `ids`, or those in `statuses`) as the server would store them. */
  async orders(ids?: string[], statuses?: OrderDoc['status'][]): Promise<Map<string, OrderDoc>> {
    const docs = ids
      ? [...(await this.db.orders.findByIds(ids).exec()).values()]
      : await this.db.orders.find(statuses ? { selector: { status: { $in: statuses } } } : {}).exec();
    return new Map(docs.map((d) => [d.primary, stripMeta(d.toJSON(false) as Record<string, unknown>) as unknown as OrderDoc]));
  }

  async printJobIds(): Promise<string[]> {
    return (await this.outbox?.jobIds()) ?? [];
  }

  async close(): Promise<void> {
    await this.switching;
    await this.outbox?.stop();
    this.outbox = null;
    await this.replication?.stop();
    this.replication = null;
    await this.db.close();
  }

  private replicateWith(url: string): TillReplication {
    const link = url === this.urls.hubUrl && this.hubLink ? this.hubLink : this.centralLink;
    const client = link.wrap(createSyncClient(url, () => this.tokens.get()));
    const replication = startTillReplication({
      db: this.db,
      client,
      identity: `${new URL(url).host}:${this.name}`,
      pullBatchSize: this.pullBatchSize,
      collections: ['orders'],
      events: {
        onSuccess: () => undefined,
        onError: (collection, error) => {
          this.lastError = `${collection} via ${new URL(url).host}: ${error.message.slice(0, 200)}`;
        },
        onInitialSync: () => undefined,
        onPulled: () => undefined,
      },
    });
    for (const state of replication.states.values()) {
      // Runs after the replication's own error handler (which doubles the pause): shorten it.
      state.error$.subscribe(() => {
        state.retryTime = CHAOS_RETRY_MS;
      });
      state.retryTime = CHAOS_RETRY_MS;
    }
    return replication;
  }
}
