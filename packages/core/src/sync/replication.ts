import { z } from 'zod';
import { idSchema } from '../common/document';

/** The largest Postgres xid8 (an unsigned 64-bit integer). */
const MAX_XID8 = 2n ** 64n - 1n;

/**
 * Server checkpoint: the Postgres transaction id (xid8, as a decimal string
 * because it exceeds 2^53) of the last document's write, plus its id to
 * break ties inside one transaction. `null` means "from the beginning".
 */
export const checkpointSchema = z
  .strictObject({
    txid: z
      .string()
      .regex(/^\d{1,20}$/, 'txid must be a decimal xid8 string')
      .refine((txid) => BigInt(txid) <= MAX_XID8, 'txid is beyond the largest xid8'),
    id: idSchema,
  })
  .nullable();
/** A replication checkpoint. */
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** Largest page a pull may ask for. */
export const MAX_PULL_LIMIT = 1000;
/** Largest batch of rows a push may send. */
export const MAX_PUSH_ROWS = 500;

/** Input of `pull`: the last checkpoint the client has and how many documents it wants. */
export const pullInputSchema = z.object({
  checkpoint: checkpointSchema,
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT),
});
/** Pull input. */
export type PullInput = z.infer<typeof pullInputSchema>;

/** The replication tombstone flag added to every document on the wire. */
const deletedFlag = z.object({ _deleted: z.boolean() });

/**
 * A document as replicated: the domain document plus `_deleted`. Deletion is
 * a replication concern, so domain schemas never contain it.
 */
export function replicatedDocumentSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.intersection(doc, deletedFlag);
}
/** A replicated document: `T & { _deleted: boolean }`. */
export type Replicated<T> = T & { _deleted: boolean };

/** Output of `pull`: documents after the checkpoint (in checkpoint order) and the new checkpoint. */
export function pullOutputSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.object({
    documents: z.array(replicatedDocumentSchema(doc)),
    checkpoint: checkpointSchema,
  });
}

/**
 * One push row (RxDB protocol): the state the client believes the server has
 * (`null` for a new document) and the state it wants to write.
 */
export function pushRowSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.object({
    assumedMasterState: replicatedDocumentSchema(doc).nullable(),
    newDocumentState: replicatedDocumentSchema(doc),
  });
}

/** Input of `push`: a batch of rows. */
export function pushInputSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.array(pushRowSchema(doc)).max(MAX_PUSH_ROWS);
}

/** Output of `push`: the current master state of every row that conflicted (empty = all written). */
export function pushOutputSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.array(replicatedDocumentSchema(doc));
}

/**
 * One event of the live `stream`: changed documents with their checkpoint, or
 * `'RESYNC'` telling the client to pull from its checkpoint again (after a
 * reconnect or when the server dropped events).
 */
export function streamEventSchema<T extends z.ZodType<Record<string, unknown>>>(doc: T) {
  return z.union([
    z.object({ documents: z.array(replicatedDocumentSchema(doc)), checkpoint: checkpointSchema }),
    z.literal('RESYNC'),
  ]);
}

/** Pull output of a document type. */
export interface PullOutput<T> {
  documents: Replicated<T>[];
  checkpoint: Checkpoint;
}
/** A push row of a document type. */
export interface PushRow<T> {
  assumedMasterState: Replicated<T> | null;
  newDocumentState: Replicated<T>;
}
/** A stream event of a document type. */
export type StreamEvent<T> = PullOutput<T> | 'RESYNC';
