import { z } from 'zod';
import { MAX_DOCUMENT_DEPTH, MAX_DOCUMENT_NODES, jsonShapeProblem } from '../common/bounds';
import { idSchema } from '../common/document';
import { MAX_PRESENCE_ENTRIES, presenceEntrySchema } from './presence';

/** The largest Postgres xid8 (an unsigned 64-bit integer). */
const MAX_XID8 = 2n ** 64n - 1n;

/**
 * A Postgres transaction id (xid8) as a decimal string: it exceeds 2^53, and one outside its
 * range must be refused before it reaches the database (which would answer with an error).
 */
export const txidSchema = z
  .string()
  .regex(/^\d{1,20}$/, 'txid must be a decimal xid8 string')
  .refine((txid) => BigInt(txid) <= MAX_XID8, 'txid is beyond the largest xid8');

/**
 * Server checkpoint: the Postgres transaction id (xid8, as a decimal string
 * because it exceeds 2^53) of the last document's write, plus its id to
 * break ties inside one transaction. `null` means "from the beginning".
 */
export const checkpointSchema = z
  .strictObject({
    txid: txidSchema,
    id: idSchema,
  })
  .nullable();
/** A replication checkpoint. */
export type Checkpoint = z.infer<typeof checkpointSchema>;

/** Largest page a pull may ask for. */
export const MAX_PULL_LIMIT = 1000;
/** Largest batch of rows a push may send. */
export const MAX_PUSH_ROWS = 500;

/** A collection name on the wire (unknown names are answered 404 by the server). */
export const collectionNameSchema = z.string().min(1).max(64);

/**
 * A document as replicated: the domain document plus `_deleted` (deletion is a replication
 * concern, so domain schemas never contain it). On the wire it is only checked to be a plain JSON
 * object within {@link MAX_DOCUMENT_DEPTH} levels and {@link MAX_DOCUMENT_NODES} values, without
 * recursion; the server then validates it against its collection's schema
 * (`SYNC_COLLECTIONS[collection].schema`), so errors name the field
 * (`rows.1.newDocumentState.lines.0.quantity`).
 */
export type WireDocument = Record<string, unknown> & { id: string; _deleted: boolean };

/** See {@link WireDocument}. */
export const wireDocumentSchema = z.custom<WireDocument>(
  (value) =>
    value !== null &&
    typeof value === 'object' &&
    !Array.isArray(value) &&
    jsonShapeProblem(value, { maxDepth: MAX_DOCUMENT_DEPTH, maxNodes: MAX_DOCUMENT_NODES }) ===
      null,
  {
    message: `expected a document: a JSON object at most ${MAX_DOCUMENT_DEPTH} levels deep with at most ${MAX_DOCUMENT_NODES} values`,
  },
);

/** Input of `sync.pull`: the last checkpoint the client has and how many documents it wants. */
export const pullRequestSchema = z.strictObject({
  collection: collectionNameSchema,
  checkpoint: checkpointSchema,
  limit: z.number().int().min(1).max(MAX_PULL_LIMIT),
});
/** Pull input. */
export type PullRequest = z.infer<typeof pullRequestSchema>;

/** Output of `sync.pull`: documents after the checkpoint (in checkpoint order) and the new checkpoint. */
export const pullResponseSchema = z.object({
  documents: z.array(wireDocumentSchema),
  checkpoint: checkpointSchema,
});
/** Pull output. */
export type PullResponse = z.infer<typeof pullResponseSchema>;

/**
 * One push row (RxDB protocol): the state the client believes the server has (`null` for a new
 * document) and the state it wants to write.
 */
export const pushRowSchema = z.strictObject({
  assumedMasterState: wireDocumentSchema.nullable(),
  newDocumentState: wireDocumentSchema,
});
/** A push row. */
export type PushRow = z.infer<typeof pushRowSchema>;

/** Input of `sync.push`: a batch of rows of one collection. */
export const pushRequestSchema = z.strictObject({
  collection: collectionNameSchema,
  rows: z.array(pushRowSchema).max(MAX_PUSH_ROWS),
});
/** Push input. */
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** Output of `sync.push`: the current master state of every row that conflicted (empty = all written). */
export const pushResponseSchema = z.array(wireDocumentSchema);

/** Largest count `sync.backlog` reports (a progress bar needs no more). */
export const MAX_BACKLOG_COUNT = 1_000_000;

/** Input of `sync.backlog`: how many documents a pull from `checkpoint` has still to return. */
export const backlogRequestSchema = z.strictObject({
  collection: collectionNameSchema,
  checkpoint: checkpointSchema,
});

/** Output of `sync.backlog` (capped at {@link MAX_BACKLOG_COUNT}). */
export const backlogResponseSchema = z.strictObject({
  count: z.number().int().min(0).max(MAX_BACKLOG_COUNT),
});
/** Backlog output. */
export type BacklogResponse = z.infer<typeof backlogResponseSchema>;

/** Input of `sync.changes` (tRPC's SSE link adds `lastEventId` on reconnect; it is not needed). */
export const changesRequestSchema = z.strictObject({
  lastEventId: z.string().max(300).nullish(),
});

/**
 * One event of `sync.changes`, the till's single live stream for every collection: `'RESYNC'`
 * (pull every collection from its checkpoint: sent first and after the server may have missed
 * notices), `changed` (pull these collections) or `presence` (which orders other tills have
 * open). It carries no documents: pulls do, from the till's own checkpoints, so exactly-once rests
 * on the checkpoint alone.
 */
export const changesEventSchema = z.union([
  z.literal('RESYNC'),
  z.strictObject({ changed: z.array(collectionNameSchema).max(64) }),
  z.strictObject({ presence: z.array(presenceEntrySchema).max(MAX_PRESENCE_ENTRIES) }),
]);
/** A `sync.changes` event. */
export type ChangesEvent = z.infer<typeof changesEventSchema>;
