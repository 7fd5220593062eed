import type { NewPrintJob, PrintJob, PrintRequestContext } from '@comanda/printing/queue';
import type { TillDatabase } from '../../data/database.js';
import { Watermark } from '../../data/watermark.js';
import { PrintReconciler } from '../reconciler.js';
import { RxPrintJobStore } from '../rx-print-job-store.js';

const CONTEXT: PrintRequestContext = {
  branch: { name: 'Test', address: { lines: [], country: 'FR' }, timeZone: 'Europe/Paris', currency: 'EUR' },
  stationNames: {},
  staffNames: {},
};

/** A till's print outbox without printers: the jobs its reconciler materialised, nothing sent. */
export interface OutboxJobs {
  /** Ids of the jobs stored in the till's `printJobs` (once pending work is done). */
  jobIds(): Promise<string[]>;
  idle(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the till's real print outbox reconciler over its own database, storing jobs as the worker
 * would (idempotent by id) without printing them: what tests across several tills count to show
 * that a request became jobs on exactly one till. Resumes from the persisted watermark.
 */
export async function startOutboxJobs(db: TillDatabase, tillId: string): Promise<OutboxJobs> {
  const store = new RxPrintJobStore(db.printJobs);
  let seq = await store.maxSeq();
  const enqueue = (input: NewPrintJob): Promise<PrintJob> =>
    store.insertIfAbsent({
      ...input,
      document: input.document as PrintJob['document'],
      seq: ++seq,
      state: 'queued',
      createdAt: 0,
      updatedAt: 0,
      attempts: 0,
      nextAttemptAt: 0,
      printerId: null,
      lastError: null,
      attention: null,
      reprints: 0,
      printedAt: null,
      expiresAt: input.expiresAt ?? null,
    });
  const reconciler = await PrintReconciler.start({
    orders: db.orders,
    store,
    mark: await Watermark.load(db, 'print:reconciled-through'),
    enqueue,
    context: () => Promise.resolve(CONTEXT),
    tillId,
  });
  return {
    async jobIds() {
      await reconciler.idle();
      return (await db.printJobs.find().exec()).map((d) => d.primary);
    },
    idle: () => reconciler.idle(),
    async stop() {
      reconciler.stop();
      await reconciler.idle();
    },
  };
}
