import { z } from 'zod';
import { LayoutDocumentSchema } from '../layout/schema';

/**
 * Life of a print job:
 * `queued` → (`sending` → `printed` | back to `queued` with backoff | `needs-attention`);
 * `needs-attention` → `queued` (a person chose reprint) | `dismissed` (a person chose not to).
 * See docs/printing.md for exactly when a job is retried and when it needs attention.
 */
export const JobStateSchema = z.enum(['queued', 'sending', 'printed', 'needs-attention', 'dismissed']);
export type JobState = z.infer<typeof JobStateSchema>;

/**
 * States the worker never leaves on its own: the job printed, or a person (or its expiry) decided
 * it is not to be printed. Only a person's reprint takes it out again. Everything else (`queued`,
 * `sending`, `needs-attention`) still needs the worker or a person.
 */
export const SETTLED_JOB_STATES = ['printed', 'dismissed'] as const satisfies readonly JobState[];

/** Why a job may have printed (partly or wholly) and therefore is not resent automatically. */
export const AttentionReasonSchema = z.enum([
  /** The connection broke after content bytes had been handed to the printer. */
  'connection-lost-after-send',
  /** All bytes went out but the printer never confirmed (status timed out). */
  'unconfirmed',
  /** The printer reported a problem (paper out, cover open…) right after receiving the job. */
  'printer-problem-after-send',
  /** The host stopped while the job was being sent; nobody knows how much printed. */
  'unknown-after-restart',
]);
export type AttentionReason = z.infer<typeof AttentionReasonSchema>;

/** `lastError` of a job a person cancelled before it was sent (state `dismissed`, never printed). */
export const CANCELLED_BEFORE_SENDING = 'cancelled: not to be printed';
/** `lastError` of a job whose `expiresAt` passed before it was sent (state `dismissed`, never printed). */
export const EXPIRED_BEFORE_SENDING = 'expired before it could be sent';

/** A durable print job as stored by a {@link PrintJobStore} (one document in `printJobs`). */
export const PrintJobSchema = z.object({
  /** Idempotency key: `${printRequestId}:${stationId | 'receipt'}`. */
  id: z.string().min(1),
  /** Route key: a station id, or 'receipt'; routing maps it to a printer at send time. */
  route: z.string().min(1),
  document: LayoutDocumentSchema,
  /** Order of enqueueing; jobs of one printer print strictly in this order. */
  seq: z.number().int().nonnegative(),
  state: JobStateSchema,
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  attempts: z.number().int().nonnegative(),
  nextAttemptAt: z.number().int().nonnegative(),
  /** The printer the job was last sent (or tried) to. */
  printerId: z.string().nullable(),
  lastError: z.string().nullable(),
  attention: z
    .object({ reason: AttentionReasonSchema, detail: z.string(), at: z.number().int().nonnegative(), bytesWritten: z.number().int().nonnegative() })
    .nullable(),
  /** How many times a person asked for it again; > 0 prints a REPRINT mark. */
  reprints: z.number().int().nonnegative(),
  printedAt: z.number().int().nonnegative().nullable(),
  /**
   * Not sent after this instant: the job is dismissed instead ("expired"). For actions that only
   * make sense now, such as opening the cash drawer; null (documents) never expire.
   */
  expiresAt: z.number().int().nonnegative().nullable().default(null),
});
export type PrintJob = z.infer<typeof PrintJobSchema>;

/** What a caller supplies to enqueue a job. */
export const NewPrintJobSchema = PrintJobSchema.pick({ id: true, route: true, document: true }).extend({
  expiresAt: PrintJobSchema.shape.expiresAt.optional(),
});
export type NewPrintJob = z.input<typeof NewPrintJobSchema>;

/**
 * Durable storage of print jobs. The till implements it on RxDB/IndexedDB (strict durability:
 * a write resolves only once it is on disk); {@link MemoryPrintJobStore} is the reference
 * implementation for tests.
 */
export interface PrintJobStore {
  /** Stores the job unless one with the same id exists; returns whichever is stored. */
  insertIfAbsent(job: PrintJob): Promise<PrintJob>;
  /** Replaces a stored job (durably) before resolving. */
  put(job: PrintJob): Promise<void>;
  get(id: string): Promise<PrintJob | null>;
  /** Jobs in the given states (all when omitted), ordered by `seq`. */
  list(states?: readonly JobState[]): Promise<PrintJob[]>;
  /**
   * The greatest `seq` stored (0 when empty). Optional: a store holding months of printed jobs
   * implements it through an index, so starting the worker does not read every job.
   */
  maxSeq?(): Promise<number>;
}

/** A job id that is not in the store, or an action that does not fit the job's state. */
export class PrintJobError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_STATE' | 'NO_PRINTER',
    message: string,
  ) {
    super(message);
    this.name = 'PrintJobError';
  }
}
