import {
  MAX_PUSH_ROWS,
  PUSH_BODY_BUDGET,
  PUSH_REQUESTS_IN_FLIGHT,
  SYNC_COLLECTIONS,
  chunkBySize,
  isTillReadable,
  isTillWritable,
  type Checkpoint,
  type PresenceEntry,
  type SyncCollectionName,
} from '@comanda/core/sync';
import type { RxCollection } from 'rxdb';
import { replicateRxCollection, type RxReplicationState } from 'rxdb/plugins/replication';
import { Subject } from 'rxjs';
import type { TillDatabase } from '../data/database.js';
import { PullTrigger } from './pull-trigger.js';
import { createLimiter, mapInFlight, RetryWake } from './retry-wake.js';
import { recordAcks } from './sync-acks.js';
import type { SyncClient } from './sync-client.js';

type Doc = Record<string, unknown> & { id: string };

/** The till's request cutting lives in core (the server's catch-up bench sends the same). */
export { chunkBySize, PUSH_BODY_BUDGET, PUSH_REQUESTS_IN_FLIGHT };

export const MIN_RETRY_MS = 1000;
export const MAX_RETRY_MS = 5_000;

/** Doubles a replication's pause between retries, up to {@link MAX_RETRY_MS}. */
function backOff(state: { retryTime?: number }): void {
  state.retryTime = Math.min(MAX_RETRY_MS, (state.retryTime ?? MIN_RETRY_MS) * 2);
}

export interface ReplicationEvents {
  /** A request to the server succeeded (pull, push or stream event). */
  onSuccess(collection: SyncCollectionName): void;
  onError(collection: SyncCollectionName, error: Error): void;
  /** A collection finished its first catch-up since start. */
  onInitialSync(collection: SyncCollectionName): void;
  /**
   * Progress of a collection's first catch-up: documents received so far, and how many the server
   * had for this till when it started (`sync.backlog`; null until known).
   */
  onPulled(collection: SyncCollectionName, count: number, total: number | null): void;
  /** Other tills' presence heard on the live stream (optional). */
  onPresence?(entries: PresenceEntry[]): void;
}

export interface TillReplication {
  states: Map<SyncCollectionName, RxReplicationState<Doc, Checkpoint>>;
  /** Push and pull everything now (e.g. when the network comes back). */
  reSync(): void;
  /** Resolves once every collection is in sync (up to `timeoutMs`), false on timeout. */
  awaitInSync(timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export interface StartReplicationOptions {
  db: TillDatabase;
  client: SyncClient;
  /** Namespaces the checkpoints: a till re-paired to another server or device starts afresh. */
  identity: string;
  events: ReplicationEvents;
  pullBatchSize?: number;
  pushBatchSize?: number;
  /** Largest push request body; a batch over it goes as several requests (default 512 KiB). */
  pushBodyBudget?: number;
  /**
   * The collections to replicate (default: every sync collection). Tests that run several tills
   * in one process open fewer collections: RxDB's free tier caps open collections per process.
   */
  collections?: readonly SyncCollectionName[];
}

/**
 * Replicates every sync collection with the RxDB protocol over tRPC: down collections pull, up
 * collections (shifts, audit) push, shared ones (orders: every till of the branch edits them) do
 * both. One live stream (`sync.changes`) names what changed and each named collection pulls from
 * its checkpoint, at most one pull in flight and one queued ({@link PullTrigger}, decision 0018); browsers give a server six HTTP/1.1 connections, and a stream per collection
 * would hold five of them. Retries back off exponentially to 5 s and
 * reset on the first success; a push's wait ends as soon as the server is heard from, and at most
 * two push requests are in flight (decision 0014). RxDB resumes from its persisted checkpoints after any outage or
 * restart, and the server's compare-and-set makes a replayed push a no-op, so an order is never
 * duplicated.
 */
export function startTillReplication(options: StartReplicationOptions): TillReplication {
  const { db, client, events } = options;
  const states = new Map<SyncCollectionName, RxReplicationState<Doc, Checkpoint>>();
  const cleanups: (() => void)[] = [];
  const pokes = new Map<SyncCollectionName, PullTrigger>();
  const resetters: (() => void)[] = [];
  const wake = new RetryWake();
  // Shared by every collection and batch: this till never has more pushes in flight than this.
  const pushSlot = createLimiter(PUSH_REQUESTS_IN_FLIGHT);
  let stopped = false;
  const serverHeard = (): void => {
    resetters.forEach((reset) => reset());
    wake.wake();
  };

  for (const name of options.collections ?? (Object.keys(SYNC_COLLECTIONS) as SyncCollectionName[])) {
    const spec = SYNC_COLLECTIONS[name];
    const collection = db[name] as unknown as RxCollection<Doc>;
    const stream$ = new Subject<'RESYNC'>();
    const trigger = new PullTrigger(() => stream$.next('RESYNC'));
    const pulls = isTillReadable(spec.direction);
    const pushes = isTillWritable(spec.direction);
    let initialDone = false;
    let pulledDuringInitial = 0;
    let backlog: Promise<number | null> | null = null;

    const state = replicateRxCollection<Doc, Checkpoint>({
      collection,
      replicationIdentifier: `comanda:${options.identity}:${name}`,
      live: true,
      retryTime: MIN_RETRY_MS,
      waitForLeadership: false,
      autoStart: true,
      // A till syncs while minimized or behind another window: never pause on visibility.
      toggleOnDocumentVisible: false,
      // Up collections are push-only: this till is their only writer, so pulling them back would
      // only download what it just pushed. Down and shared collections pull whenever the live
      // stream names them (a poke carries no documents: the pull from the checkpoint does).
      ...(pulls
        ? {
            pull: {
              batchSize: options.pullBatchSize ?? 500,
              stream$: stream$.asObservable(),
              handler: async (checkpoint: Checkpoint | undefined, batchSize: number) => {
                trigger.started();
                if (!initialDone) {
                  // The first sync's total: asked once, from where this till stands.
                  backlog ??= client.backlog(name, checkpoint ?? null).catch(() => null);
                }
                const page = await client.pull(name, checkpoint ?? null, batchSize);
                // What the server sent, it has: acknowledged at that version, so another device's
                // order (a kitchen screen's whole queue) is not "waiting to sync" on this one.
                if (pushes) await recordAcks(db.syncAcks, name, page.documents);
                // A short page ends RxDB's pull: notices heard meanwhile get one more.
                trigger.answered(page.documents.length < batchSize);
                wake.wake();
                if (!initialDone) {
                  pulledDuringInitial += page.documents.length;
                  events.onPulled(name, pulledDuringInitial, await backlog);
                }
                events.onSuccess(name);
                return { documents: page.documents, checkpoint: page.checkpoint };
              },
            },
          }
        : {}),
      ...(pushes
        ? {
            push: {
              // As many rows as the server takes in one push (RxDB's bookkeeping is per batch);
              // request bodies are bounded by chunkBySize below.
              batchSize: options.pushBatchSize ?? MAX_PUSH_ROWS,
              handler: async (rows) => {
                // A batch of large orders can exceed the server's body limit (1 MiB: 413, retried
                // for ever). Send it as several requests, each under the budget.
                const wire = rows.map((r) => ({ assumedMasterState: r.assumedMasterState ?? null, newDocumentState: r.newDocumentState }));
                const chunks = chunkBySize(wire, options.pushBodyBudget ?? PUSH_BODY_BUDGET);
                // Retried here rather than by RxDB, whose wait cannot be cut short: a wait ends
                // as soon as the server is heard from. A replay after a partial failure is a no-op
                // on the server (compare-and-set), answered like any replay below.
                let conflicts: Doc[];
                for (;;) {
                  // Never report a batch as pushed once stopping: RxDB would record it as replicated.
                  if (stopped) throw new Error('Replication stopped');
                  try {
                    const replies = await mapInFlight(chunks, PUSH_REQUESTS_IN_FLIGHT, (chunk) => pushSlot(() => client.push(name, chunk)));
                    conflicts = replies.flat();
                    break;
                  } catch (error) {
                    if (stopped) throw error;
                    events.onError(name, error instanceof Error ? error : new Error(String(error)));
                    // The replication's pause (shared with pulls, reset on any success), then longer.
                    await wake.sleep(state.retryTime ?? MIN_RETRY_MS);
                    backOff(state);
                  }
                }
                serverHeard();
                const conflicted = new Map(conflicts.map((c) => [c.id, c]));
                // Rows the server took, plus replays it already had (same version), are acknowledged.
                const acked = rows
                  .map((r) => r.newDocumentState as Doc)
                  .filter(
                    (doc) =>
                      !conflicted.has(doc.id) ||
                      conflicted.get(doc.id)?.updatedAt === doc.updatedAt,
                  );
                await recordAcks(db.syncAcks, name, acked);
                events.onSuccess(name);
                return conflicts as never;
              },
            },
          }
        : {}),
    });

    const subs = [
      state.error$.subscribe((error) => {
        backOff(state);
        events.onError(name, error.parameters?.errors?.[0] ?? error);
      }),
    ];
    const resetBackoff = (): void => {
      state.retryTime = MIN_RETRY_MS;
    };
    if (pulls) pokes.set(name, trigger);
    resetters.push(resetBackoff);
    void state.awaitInitialReplication().then(
      () => {
        initialDone = true;
        events.onInitialSync(name);
      },
      () => undefined,
    );
    cleanups.push(() => {
      subs.forEach((s) => s.unsubscribe());
      stream$.complete();
    });
    states.set(name, state);
  }

  const resyncAll = (): void => pokes.forEach((trigger) => trigger.resync());
  const live = client.changes({
    onStarted: () => {
      wake.wake();
      resyncAll();
    },
    onData: (item) => {
      serverHeard();
      for (const name of pokes.keys()) events.onSuccess(name);
      if (item === 'RESYNC') resyncAll();
      else if ('changed' in item) {
        for (const name of item.changed) pokes.get(name as SyncCollectionName)?.notice();
      } else events.onPresence?.(item.presence);
    },
    onError: (error) => {
      for (const name of pokes.keys()) events.onError(name, error);
    },
  });
  cleanups.push(() => live.unsubscribe());

  return {
    states,
    reSync: () => {
      wake.wake();
      states.forEach((s) => s.reSync());
    },
    async awaitInSync(timeoutMs) {
      const timeout = new Promise<false>((ok) => setTimeout(() => ok(false), timeoutMs));
      const synced = Promise.all([...states.values()].map((s) => s.awaitInSync())).then(
        () => true as const,
      );
      return Promise.race([synced, timeout]);
    },
    async stop() {
      stopped = true;
      wake.wake();
      cleanups.forEach((c) => c());
      await Promise.all([...states.values()].map((s) => s.cancel()));
    },
  };
}
