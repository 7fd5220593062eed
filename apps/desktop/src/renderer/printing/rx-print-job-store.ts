import { PrintJobSchema, type JobState, type PrintJob, type PrintJobStore, type SETTLED_JOB_STATES } from '@comanda/printing/queue';
import type { RxCollection, RxDocument } from 'rxdb';
import type { PrintJobDoc } from '../data/collections.js';
import { newestFirst, newestValue } from '../data/newest-first.js';
import { purgeTombstones } from './tombstones.js';

/**
 * What one `printJobs` document holds: the indexed fields of the collection's schema (orderId,
 * state, nextAttemptAt) next to the worker's whole job, validated with the printing package's
 * zod schema whenever it is read back.
 */
export type StoredPrintJob = PrintJobDoc;

/** A settled job as the pruner reads it, held at the version read (see {@link RxPrintJobStore.removeUnchanged}). */
export interface SettledJob {
  id: string;
  /** '' for jobs of no order (reports, drawer kicks). */
  orderId: string;
  createdAt: number;
  readonly doc: RxDocument<StoredPrintJob>;
}

/** `${requestId}:${target}` → requestId (request ids are UUIDs, without colons). */
export function requestIdOf(jobId: string): string {
  const at = jobId.indexOf(':');
  return at < 0 ? jobId : jobId.slice(0, at);
}

/**
 * {@link PrintJobStore} over the till's `printJobs` RxDB collection. The collection is on the
 * strict-durability storage (data/storage.ts), so every write resolves only once it is on disk,
 * which the worker relies on ("sending" is recorded before the first byte goes out).
 */
export class RxPrintJobStore implements PrintJobStore {
  private readonly collection: RxCollection<PrintJobDoc>;
  /** requestId → orderId, told by the reconciler before it enqueues, so jobs are findable per order. */
  private readonly orders = new Map<string, string>();

  constructor(collection: RxCollection<PrintJobDoc>) {
    this.collection = collection;
  }

  /** Records which order a print request belongs to (jobs of reports have no order). */
  noteOrder(requestId: string, orderId: string): void {
    this.orders.set(requestId, orderId);
  }

  async insertIfAbsent(job: PrintJob): Promise<PrintJob> {
    const existing = await this.get(job.id);
    if (existing) return existing;
    const parsed = PrintJobSchema.parse(job);
    const result = await this.collection.bulkInsert([this.row(parsed, this.orders.get(requestIdOf(parsed.id)) ?? '')]);
    // Lost a race with another insert of the same id: whichever is stored wins.
    if (result.error.length > 0) {
      const stored = await this.get(job.id);
      if (stored) return stored;
      throw new Error(`print job ${job.id} could not be stored: ${result.error[0]?.status ?? 'unknown error'}`);
    }
    return parsed;
  }

  async put(job: PrintJob): Promise<void> {
    const parsed = PrintJobSchema.parse(job);
    const current = await this.collection.findOne(parsed.id).exec();
    await this.collection.upsert(this.row(parsed, current?.orderId ?? this.orders.get(requestIdOf(parsed.id)) ?? ''));
  }

  async get(id: string): Promise<PrintJob | null> {
    const doc = await this.collection.findOne(id).exec();
    return doc ? PrintJobSchema.parse(doc.toJSON().job) : null;
  }

  /** The greatest `seq` stored: the worker's seqs are time-like, so a recent window of the index holds it. */
  async maxSeq(): Promise<number> {
    return (await newestValue(this.collection, 'seq', Date.now())) ?? 0;
  }

  /**
   * The newest `limit` jobs in `states` (by seq, newest first), reading recent windows of the seq
   * index: the queue screen's "recently printed" without loading months of printed jobs.
   */
  async recent(states: readonly JobState[], limit: number): Promise<PrintJob[]> {
    const found: PrintJob[] = [];
    for await (const page of newestFirst(this.collection, 'seq', { now: Date.now() })) {
      for (const doc of page) {
        const row = doc.toJSON();
        if (states.includes(row.state)) found.push(PrintJobSchema.parse(row.job));
        if (found.length >= limit) return found;
      }
    }
    return found;
  }

  /** Which of `ids` are stored (one primary-key lookup, whatever the queue's size). */
  async existingIds(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    return new Set((await this.collection.findByIds([...ids]).exec()).keys());
  }

  async list(states?: readonly JobState[]): Promise<PrintJob[]> {
    const selector = states ? { state: { $in: [...states] } } : {};
    const docs = await this.collection.find({ selector }).exec();
    return docs.map((d) => PrintJobSchema.parse(d.toJSON().job)).sort((a, b) => a.seq - b.seq);
  }

  /** Jobs of one order, live (the cashier's "printed" indicator). */
  observeOrder(orderId: string, listener: (jobs: PrintJob[]) => void): () => void {
    const sub = this.collection.find({ selector: { orderId } }).$.subscribe((docs) => {
      listener(docs.map((d) => PrintJobSchema.parse(d.toJSON().job)).sort((a, b) => a.seq - b.seq));
    });
    return () => sub.unsubscribe();
  }

  /**
   * Jobs in a settled `state` whose `nextAttemptAt` is below `before`, oldest first, read through
   * the [state, nextAttemptAt] index: the pruner's candidates. `skip` passes over the first ones,
   * those it read before and kept.
   */
  async settledBefore(state: (typeof SETTLED_JOB_STATES)[number], before: number, skip: number, limit: number): Promise<SettledJob[]> {
    const docs = await this.collection
      .find({
        selector: { state, nextAttemptAt: { $lt: before } },
        sort: [{ nextAttemptAt: 'asc' }],
        index: ['state', 'nextAttemptAt'],
        skip,
        limit,
      })
      .exec();
    return docs.map((doc) => {
      const row = doc.toJSON();
      return { id: row.id, orderId: row.orderId, createdAt: row.job.createdAt, doc };
    });
  }

  /**
   * Deletes jobs unless they changed since they were read (a person reprinted one meanwhile: it
   * is queued again and stays); returns how many were deleted.
   */
  async removeUnchanged(jobs: readonly SettledJob[]): Promise<number> {
    if (jobs.length === 0) return 0;
    // Given documents (not ids), RxDB writes the removal against the revision read: a job
    // written since is a conflict and is left alone.
    const result = await this.collection.bulkRemove(jobs.map((j) => j.doc));
    return result.success.length;
  }

  /**
   * Frees the space of up to `limit` deleted jobs (RxDB keeps a removed document whole until
   * then); returns how many. `printJobs` is not replicated, so nothing needs the tombstones.
   */
  purgeRemoved(limit: number): Promise<number> {
    return purgeTombstones(this.collection, limit);
  }

  private row(job: PrintJob, orderId: string): StoredPrintJob {
    return { id: job.id, orderId, state: job.state, nextAttemptAt: job.nextAttemptAt, seq: job.seq, job };
  }
}
