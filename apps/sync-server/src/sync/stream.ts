import type { Checkpoint, ReadScope, WireDocument } from './documents';
import { assertCheckpointTxid, headCheckpoint, pullDocuments } from './documents';
import type { ChangeHub, HubEvent } from './change-hub';
import type { Queryable } from '../db/tx';

/** One live event: a batch of changes with the checkpoint after it, or a request to pull again. */
export type StreamEvent = { documents: WireDocument[]; checkpoint: Checkpoint } | 'RESYNC';

export function encodeCheckpoint(checkpoint: Checkpoint): string {
  return checkpoint ? `${checkpoint.txid}:${checkpoint.id}` : '0:';
}

/**
 * Parses a `lastEventId`; undefined when it is not one of ours (the stream then starts with
 * RESYNC). One of ours whose txid is out of xid8's range is refused (400).
 */
export function decodeCheckpoint(eventId: string): Checkpoint | undefined {
  const match = /^(\d+):(.*)$/s.exec(eventId);
  if (!match) return undefined;
  const [, txid = '0', id = ''] = match;
  assertCheckpointTxid(txid);
  return id === '' ? null : { txid, id };
}

export interface StreamOptions {
  db: Queryable;
  hub: ChangeHub;
  collection: string;
  scope: ReadScope;
  /** Where the client stands; undefined = unknown (the stream starts at the head with RESYNC). */
  from: Checkpoint | undefined;
  signal: AbortSignal | undefined;
  pollMs: number;
  batchSize: number;
  /** Called before every wake-up's pull; throws to end the stream (e.g. the device was revoked). */
  check: () => Promise<void>;
}

/**
 * Live changes for one scope. Each wake-up (a matching NOTIFY, a resync, or the poll timer)
 * pulls from the stream's own checkpoint with the same watermark rule as `pull`, so the stream
 * never skips or reorders a document; when a commit is still pending above the watermark it
 * retries soon instead of waiting for the next notice.
 */
export async function* streamChanges(
  options: StreamOptions,
): AsyncGenerator<{ id: string; event: StreamEvent }> {
  const { db, hub, collection, scope } = options;
  let wake: (() => void) | null = null;
  let dirty = true;
  const unsubscribe = hub.subscribe((event: HubEvent) => {
    if (event.type === 'presence') return;
    if (event.type === 'change') {
      const n = event.notice;
      if (n.org !== scope.orgId || n.collection !== collection) return;
      if (scope.branchId !== null && !n.branches.some((b) => b === null || b === scope.branchId))
        return;
    }
    dirty = true;
    wake?.();
  });
  const onAbort = (): void => wake?.();
  options.signal?.addEventListener('abort', onAbort);
  try {
    let checkpoint: Checkpoint;
    if (options.from === undefined) {
      checkpoint = await headCheckpoint(db, collection, scope);
      yield { id: encodeCheckpoint(checkpoint), event: 'RESYNC' };
    } else {
      checkpoint = options.from;
    }
    let pending = false;
    // A visible row waiting behind an older open transaction (possibly another branch's, whose
    // commit does not wake this stream): re-check with pauses growing from 50 ms to 1 s.
    let pendingDelay = 50;
    while (!options.signal?.aborted) {
      if (!dirty && !pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      } else if (!dirty && pending) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pendingDelay);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
        pendingDelay = Math.min(pendingDelay * 2, 1000);
      }
      if (options.signal?.aborted) break;
      dirty = false;
      await options.check();
      const page = await pullDocuments(db, collection, scope, checkpoint, options.batchSize);
      pending = page.pending;
      if (!pending) pendingDelay = 50;
      if (page.documents.length > 0) {
        checkpoint = page.checkpoint;
        yield {
          id: encodeCheckpoint(checkpoint),
          event: { documents: page.documents, checkpoint },
        };
      }
    }
  } finally {
    unsubscribe();
    options.signal?.removeEventListener('abort', onAbort);
  }
}
