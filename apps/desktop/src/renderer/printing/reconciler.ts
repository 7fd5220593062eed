import { orderDocSchema, printRequestTargets, type OrderDoc } from '@comanda/core';
import { jobsForPrintRequest, type NewPrintJob, type PrintJob, type PrintRequestContext } from '@comanda/printing/queue';
import type { RxCollection } from 'rxdb';
import type { RxPrintJobStore } from './rx-print-job-store.js';

export interface PrintReconcilerOptions {
  orders: RxCollection<Record<string, unknown>>;
  store: Pick<RxPrintJobStore, 'noteOrder' | 'list'>;
  /** The worker's idempotent enqueue. */
  enqueue: (job: NewPrintJob) => Promise<PrintJob>;
  /** Branch, station and staff names for the documents; read when a request is materialised. */
  context: () => Promise<PrintRequestContext>;
  /** A request that cannot become jobs now (no printer for a station…); it is tried again on the next pass. */
  onError?: (error: unknown, requestId: string) => void;
}

/**
 * The print outbox's other half: every `printRequests` entry of every local order becomes its
 * print jobs (ids `${requestId}:${target}`). It runs over all orders at start, so a crash between
 * the order write and job creation loses nothing, then on every order change. Enqueueing is
 * idempotent in the worker; requests already materialised are skipped without re-rendering.
 */
export class PrintReconciler {
  private readonly done = new Set<string>();
  private chain: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;

  private constructor(private readonly options: PrintReconcilerOptions) {}

  /** Materialises what is missing for all orders, then follows order changes. */
  static async start(options: PrintReconcilerOptions): Promise<PrintReconciler> {
    const reconciler = new PrintReconciler(options);
    // Subscribe first so a change made during the initial pass is not missed (it is queued behind it).
    const sub = options.orders.$.subscribe((event) => {
      const data = event.documentData as Record<string, unknown> | undefined;
      if (data && event.operation !== 'DELETE') reconciler.queue([data]);
    });
    reconciler.unsubscribe = () => sub.unsubscribe();
    await reconciler.runAll();
    return reconciler;
  }

  /** Scans every order again (e.g. after printer settings changed and a station got a printer). */
  runAll(): Promise<void> {
    return this.enqueueWork(async () => {
      for (const job of await this.options.store.list()) this.done.add(job.id);
      const docs = await this.options.orders.find().exec();
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
    for (const raw of docs) {
      const requests = raw.printRequests;
      if (!Array.isArray(requests) || requests.length === 0) continue;
      let order: OrderDoc | null = null;
      for (const request of (order ??= orderDocSchema.parse(raw)).printRequests) {
        if (this.done.has(request.id)) continue;
        // All jobs already stored (e.g. after a restart): nothing to render.
        if (printRequestTargets(request).every((t) => this.done.has(`${request.id}:${t}`))) {
          this.done.add(request.id);
          continue;
        }
        try {
          ctx ??= await this.options.context();
          const jobs = jobsForPrintRequest(order, request, ctx).filter((j) => !this.done.has(j.id));
          this.options.store.noteOrder(request.id, order.id);
          for (const job of jobs) {
            await this.options.enqueue(job);
            this.done.add(job.id);
          }
          this.done.add(request.id);
        } catch (error) {
          this.options.onError?.(error, request.id);
        }
      }
    }
  }
}
