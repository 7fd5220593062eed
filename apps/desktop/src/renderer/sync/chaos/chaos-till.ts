import type { SyncCollectionName } from '@comanda/core/sync';
import { pairTill, type TestServer } from '@comanda/sync-server/testing';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { TILL_COLLECTIONS } from '../../data/collections.js';
import { openTillDatabase, type TillDatabase } from '../../data/database.js';
import { DeviceTokenSource } from '../device-auth.js';
import { startTillReplication, type TillReplication } from '../replication.js';
import { createPublicSyncClient, createSyncClient } from '../sync-client.js';
import { FlakyLink } from './flaky-link.js';

/**
 * What a chaos till replicates: orders (pushed), menu and staff (pulled and streamed; staff are
 * scoped per branch). RxDB's free tier allows 13 open collections per process: three tills of
 * four collections (with the sync acknowledgements) fit, a till with all ten does not.
 */
export const CHAOS_COLLECTIONS = [
  'orders',
  'menu',
  'staff',
] as const satisfies readonly SyncCollectionName[];

/** Retry pause inside the chaos run: the real backoff (1 s doubling to 5 s) would make 200 schedules take an hour. */
const CHAOS_RETRY_MS = 20;

/**
 * One till of the chaos test: its own IndexedDB (fake-indexeddb), the till's real RxDB
 * replication (`startTillReplication`) over its real tRPC sync client, behind a switchable link.
 */
export class ChaosTill {
  readonly link = new FlakyLink();
  replication: TillReplication | null = null;
  pullBatchSize = 1;
  errors = 0;
  private tokens: DeviceTokenSource | null = null;

  private constructor(
    readonly name: string,
    readonly branchId: string,
    readonly db: TillDatabase,
    private readonly server: TestServer,
  ) {}

  static async open(server: TestServer, name: string, branchId: string): Promise<ChaosTill> {
    const collections = Object.fromEntries(
      [...CHAOS_COLLECTIONS, 'syncAcks' as const].map((c) => [c, TILL_COLLECTIONS[c]]),
    );
    const db = await openTillDatabase({
      name,
      indexedDB: new IDBFactory(),
      IDBKeyRange,
      collections,
    });
    const till = new ChaosTill(name, branchId, db, server);
    const credential = await pairTill(server.server, server.demo.orgId, branchId, name);
    till.tokens = new DeviceTokenSource(createPublicSyncClient(server.url), credential);
    return till;
  }

  /** Starts (or restarts, resuming from the persisted checkpoints) replication with a page size. */
  async start(pullBatchSize: number): Promise<void> {
    await this.replication?.stop();
    this.pullBatchSize = pullBatchSize;
    const tokens = this.tokens;
    if (!tokens) throw new Error('till not paired');
    const client = this.link.wrap(createSyncClient(this.server.url, () => tokens.get()));
    this.replication = startTillReplication({
      db: this.db,
      client,
      identity: this.name,
      pullBatchSize,
      collections: CHAOS_COLLECTIONS,
      events: {
        onSuccess: () => undefined,
        onError: () => {
          this.errors++;
        },
        onInitialSync: () => undefined,
        onPulled: () => undefined,
      },
    });
    for (const state of this.replication.states.values()) {
      // Runs after the replication's own error handler (which doubles the pause): shorten it.
      state.error$.subscribe(() => {
        state.retryTime = CHAOS_RETRY_MS;
      });
      state.retryTime = CHAOS_RETRY_MS;
    }
  }

  /** Local documents of a collection (all, or `ids`) as the server would store them. */
  async documents(
    collection: SyncCollectionName,
    ids?: string[],
  ): Promise<Map<string, Record<string, unknown>>> {
    const docs = ids
      ? [...(await this.db[collection].findByIds(ids).exec()).values()]
      : await this.db[collection].find().exec();
    return new Map(
      docs.map((d) => [d.primary, stripMeta(d.toJSON(false) as Record<string, unknown>)]),
    );
  }

  async close(): Promise<void> {
    await this.replication?.stop();
    this.replication = null;
    await this.db.close();
  }
}

/** Drops RxDB's bookkeeping fields (never stored by the server). */
export function stripMeta(doc: Record<string, unknown>): Record<string, unknown> {
  const { _meta: _m, _rev: _r, _attachments: _a, _deleted: _d, ...data } = doc;
  return data;
}
