import { orderDocSchema, printRequestTargets, printsOnTill, type OrderDoc, type PrintRequest } from '@comanda/core';
import { jobsForPrintRequest, type NewPrintJob, type PrintJob, type PrintRequestContext } from '@comanda/printing/queue';
import type { RxCollection } from 'rxdb';
import type { Watermark } from '../data/watermark.js';
import type { RxPrintJobStore } from './rx-print-job-store.js';

export interface PrintReconcilerOptions {
  orders: RxCollection<Record<string, unknown>>;
  /**
   * This till: only the requests it made become jobs here. The branch's orders are shared, so
   * every till holds a send made on another till; printing it too would print it twice.
   */
  tillId: string;
  store: Pick<RxPrintJobStore, 'noteOrder' | 'existingIds'>;
  /** "Every order with `updatedAt` at or below this has all its jobs": only newer orders are read at start. */
  mark: Watermark;
  /** The worker's idempotent enqueue. */
  enqueue: (job: NewPrintJob) => Promise<PrintJob>;
  /** Branch, station and staff names for the documents; read when a request is materialised. */
  context: () => Promise<PrintRequestContext>;
  /**
   * Requests with `at` below this are done: their jobs may have been pruned, and materialising
   * them again would print them twice (print-horizon.ts). Read at every pass.
   */
  prunedBefore?: () => number;
  /** A request that cannot become jobs now (no printer for a station…); it is tried again on the next pass. */
  onError?: (error: unknown, requestId: string) => void;
}

/** How long a print request that cannot become jobs keeps being retried. */
export const STALE_AFTER_MS = 12 * 3_600_000;

/**
 * The print outbox's other half: every `printRequests` entry of every local order becomes its
 * print jobs (ids `${requestId}:${target}`). At start it reads every order changed since its
 * watermark, so a crash between the order write and job creation loses nothing, then follows
 * order changes. Enqueueing is idempotent in the worker; requests whose jobs are already stored
 * are skipped without re-rendering. The watermark only advances past an order once all its
 * requests became jobs; one that failed (no branch document yet…) holds it back until it succeeds.
 */
export class PrintReconciler {
  private readonly done = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  /** Newest order version processed, and orders with a request that could not become jobs yet. */
  private newest = -1;
  private readonly failed = new Map<string, number>();

  private constructor(private readonly options: PrintReconcilerOptions) {}

  /** Materialises what is missing for all orders, then follows order changes. */
  static async start(options: PrintReconcilerOptions): Promise<PrintReconciler> {
    const reconciler = new PrintReconciler(options);
    // Subscribe first so a change made during the initial pass is not missed (it is queued behind it).
    const sub = options.orders.$.subscribe((event) => {
      const data = event.documentData as Record<string, unknown> | undefined;
      if (!data || event.operation === 'DELETE') return;
      // The clock went back below the mark: make sure a restart still reads this order.
      const updatedAt = Number(data.updatedAt);
      if (updatedAt <= options.mark.value) void options.mark.lower(updatedAt).catch(() => undefined);
      reconciler.queue([data]);
    });
    reconciler.unsubscribe = () => sub.unsubscribe();
    await reconciler.runAll();
    return reconciler;
  }

  /** Reads every order above the watermark again (e.g. a station just got a printer). */
  runAll(): Promise<void> {
    return this.enqueueWork(async () => {
      const docs = await this.options.orders.find({ selector: { updatedAt: { $gt: this.options.mark.value } } }).exec();
      await this.process(docs.map((d) => d.toJSON() as Record<string, unknown>));
    });
  }

  /** Waits for queued work (tests, shutdown). */
  idle(): Promise<void> {
    return this.chain;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }

  private queue(docs: Record<string, unknown>[]): void {
    void this.enqueueWork(() => this.process(docs));
  }

  private enqueueWork(work: () => Promise<void>): Promise<void> {
    // One pass at a time: two passes over the same request would both render it.
    const next = this.chain.then(work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private async process(docs: Record<string, unknown>[]): Promise<void> {
    let ctx: PrintRequestContext | null = null;
    // Asked again for each request, after the stored jobs were read: the pruner raises the
    // horizon before it deletes, so a job missing because it was pruned is below the value read.
    const isPruned = (request: { at: number }) => request.at < (this.options.prunedBefore?.() ?? -1);
    const own = this.options.tillId;
    const elsewhere = (order: OrderDoc, request: PrintRequest) => !printsOnTill(order, request, own);
    const orders = docs.map((raw) => ({
      id: String(raw.id),
      updatedAt: Number(raw.updatedAt),
      order: Array.isArray(raw.printRequests) && raw.printRequests.length > 0 ? orderDocSchema.parse(raw) : null,
    }));
    // One lookup by id for the jobs these requests should have, instead of loading every job.
    const expected = orders.flatMap(({ order }) =>
      (order?.printRequests ?? []).flatMap((r) => (!order || this.done.has(r.id) || isPruned(r) || elsewhere(order, r) ? [] : printRequestTargets(r).map((t) => `${r.id}:${t}`))),
    );
    for (const id of await this.options.store.existingIds(expected)) this.done.add(id);
    for (const { id, updatedAt, order } of orders) {
      this.newest = Math.max(this.newest, updatedAt);
      this.failed.delete(id);
      if (!order) continue;
      for (const request of order.printRequests) {
        if (this.done.has(request.id) || isPruned(request) || elsewhere(order, request)) continue;
        // All jobs already stored (e.g. after a restart): nothing to render.
        if (printRequestTargets(request).every((t) => this.done.has(`${request.id}:${t}`))) {
          this.done.add(request.id);
          continue;
        }
        try {
          ctx ??= await this.options.context();
          const jobs = jobsForPrintRequest(order, request, ctx).filter((j) => !this.done.has(j.id));
          this.options.store.noteOrder(request.id, id);
          for (const job of jobs) {
            await this.options.enqueue(job);
            this.done.add(job.id);
          }
          this.done.add(request.id);
        } catch (error) {
          this.failed.set(id, updatedAt);
          this.options.onError?.(error, request.id);
        }
      }
    }
    this.advanceMark();
  }

  /**
   * Moves the mark up to the newest order processed, but not past an order whose request could
   * not become jobs (it must be read again on the next pass) unless that order is stale: a kitchen
   * ticket or receipt that could not print for {@link STALE_AFTER_MS} is not printed any more,
   * and letting it go keeps a till without printers from re-reading its whole history.
   */
  private advanceMark(): void {
    const horizon = this.newest - STALE_AFTER_MS;
    for (const [id, updatedAt] of this.failed) {
      if (updatedAt > horizon) continue;
      this.failed.delete(id);
      this.options.onError?.(new Error(`order ${id}: print request abandoned after ${STALE_AFTER_MS / 3_600_000} h without a printer`), id);
    }
    this.options.mark.advance(this.failed.size > 0 ? Math.min(...this.failed.values()) - 1 : this.newest);
  }
}
