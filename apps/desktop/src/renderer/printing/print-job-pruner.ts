import { SETTLED_JOB_STATES } from '@comanda/printing/queue';
import type { RxCollection } from 'rxdb';
import { newestValue } from '../data/newest-first.js';
import type { PrintHorizon } from './print-horizon.js';
import { STALE_AFTER_MS } from './reconciler.js';
import { requestIdOf, type RxPrintJobStore, type SettledJob } from './rx-print-job-store.js';

const DAY_MS = 86_400_000;
export const DEFAULT_RETENTION_MS = 30 * DAY_MS;
/**
 * The shortest retention allowed: far beyond the reconciler's 12 h stale window, so a request that
 * may still become jobs is never declared done, and long enough for "recently printed" and reprints.
 */
export const MIN_RETENTION_MS = 7 * DAY_MS;

export interface PrintJobPrunerOptions {
  store: Pick<RxPrintJobStore, 'settledBefore' | 'removeUnchanged' | 'purgeRemoved'>;
  /** Where each job's request (and its `at`) is read, exactly as the reconciler reads it. */
  orders: RxCollection<Record<string, unknown>>;
  horizon: PrintHorizon;
  now?: () => number;
  /** How long settled jobs are kept after their request (default 30 days, at least 7). */
  retentionMs?: number;
  /** Jobs read and deleted per transaction (default 100). */
  batchSize?: number;
  /** Pause between batches, so prints and screens get the database in between (default 100 ms). */
  pauseMs?: number;
}

export interface PruneResult {
  /** The horizon the pass deleted below. */
  horizon: number;
  removed: number;
  /** Settled jobs read below the horizon but kept (their request is newer, or could not be read). */
  kept: number;
  /** Deleted rows whose space was freed. */
  purged: number;
}

/**
 * Keeps the print outbox bounded: deletes settled jobs (printed, dismissed) whose print request
 * is older than the retention, in small batches, and frees the space RxDB keeps for deleted rows.
 *
 * Deleting alone would reprint: a later change to the order (a refund months on) makes the
 * reconciler read all its requests again and materialise the ones without jobs. So the horizon
 * ("requests before it are done", {@link PrintHorizon}) is raised durably first, then only jobs
 * whose request is below it are deleted, and the reconciler skips every request below it. A
 * crash at any point leaves the horizon at or above every deleted job's request.
 *
 * Jobs that still need the worker or a person (queued, sending, needs-attention) are never deleted.
 */
export class PrintJobPruner {
  private readonly now: () => number;
  private readonly retentionMs: number;
  private readonly batchSize: number;
  private readonly pauseMs: number;
  private running: Promise<PruneResult> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private stopped = false;

  constructor(private readonly options: PrintJobPrunerOptions) {
    this.now = options.now ?? Date.now;
    this.retentionMs = options.retentionMs ?? DEFAULT_RETENTION_MS;
    this.batchSize = options.batchSize ?? 100;
    this.pauseMs = options.pauseMs ?? 100;
    if (!(this.retentionMs >= MIN_RETENTION_MS) || this.retentionMs <= STALE_AFTER_MS) {
      throw new RangeError(`print job retention must be at least ${MIN_RETENTION_MS / DAY_MS} days, got ${this.retentionMs} ms`);
    }
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) throw new RangeError(`batchSize must be a positive integer, got ${this.batchSize}`);
  }

  /**
   * Runs a pass `firstAfterMs` from now, then every `everyMs` after each pass ends (timers, not
   * the wall clock: setting the clock does not trigger or skip a pass).
   */
  schedule(firstAfterMs: number, everyMs: number, onError: (error: unknown) => void = () => undefined): void {
    const arm = (delay: number) => {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.runOnce()
          .catch(onError)
          .finally(() => {
            if (!this.stopped) arm(everyMs);
          });
      }, delay);
    };
    if (!this.stopped && this.timer === null) arm(firstAfterMs);
  }

  /** One pass (a pass already running is joined, not doubled). */
  runOnce(): Promise<PruneResult> {
    this.running ??= this.pass().finally(() => {
      this.running = null;
    });
    return this.running;
  }

  /** Cancels the schedule and waits for a running pass to stop after its current batch. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  private async pass(): Promise<PruneResult> {
    const { store, horizon } = this.options;
    const now = this.now();
    // Requests are stamped by the till's monotonic clock, which never goes below the newest
    // version stored (ports/observe.ts): under both that and the wall clock, the horizon stays
    // below every request written from now on, even with a wall clock set ahead or later set back.
    const newestOrder = await newestValue(this.options.orders, 'updatedAt', now);
    if (newestOrder !== null) await horizon.raise(Math.min(now, newestOrder) - this.retentionMs);
    const before = horizon.value;
    const result: PruneResult = { horizon: before, removed: 0, kept: 0, purged: await this.purgeAll() };
    if (before <= 0) return result;
    for (const state of SETTLED_JOB_STATES) {
      // Jobs kept stay first in the index range: skip them; deleted ones are gone from it.
      for (let skip = 0; !this.stopped; ) {
        const batch = await store.settledBefore(state, before, skip, this.batchSize);
        const requestAt = await this.requestTimes(batch);
        const removed = await store.removeUnchanged(batch.filter((job) => isBelow(job, requestAt, before)));
        result.removed += removed;
        result.kept += batch.length - removed;
        skip += batch.length - removed;
        result.purged += await this.purgeAll();
        if (batch.length < this.batchSize) break;
        await new Promise((resolve) => setTimeout(resolve, this.pauseMs));
      }
    }
    return result;
  }

  /** Frees every deleted row, `batchSize` per transaction (also those of an interrupted pass). */
  private async purgeAll(): Promise<number> {
    let purged = 0;
    while (!this.stopped) {
      const n = await this.options.store.purgeRemoved(this.batchSize);
      purged += n;
      if (n < this.batchSize) break;
    }
    return purged;
  }

  /** requestId → `at`, from the orders of `jobs`: the very values the reconciler compares. */
  private async requestTimes(jobs: readonly SettledJob[]): Promise<Map<string, number>> {
    const orderIds = [...new Set(jobs.map((j) => j.orderId).filter((id) => id !== ''))];
    const at = new Map<string, number>();
    if (orderIds.length === 0) return at;
    for (const doc of (await this.options.orders.findByIds(orderIds).exec()).values()) {
      const requests: unknown = doc.toJSON().printRequests;
      if (!Array.isArray(requests)) continue;
      for (const r of requests as { id?: unknown; at?: unknown }[]) {
        if (typeof r.id === 'string' && typeof r.at === 'number') at.set(r.id, r.at);
      }
    }
    return at;
  }
}

/**
 * Whether a settled job's request is below the horizon. A job of an order is judged by its
 * request's `at` in the stored order; one whose order or request cannot be read is kept, as the
 * reconciler could not judge it either. Jobs of no order (reports, drawer kicks) are never
 * materialised again, so their own creation time is enough.
 */
function isBelow(job: SettledJob, requestAt: ReadonlyMap<string, number>, before: number): boolean {
  if (job.orderId === '') return job.createdAt < before;
  const at = requestAt.get(requestIdOf(job.id));
  return at !== undefined && at < before;
}
