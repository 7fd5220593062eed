import type { RxCollection } from 'rxdb';
import type { SyncAckDoc } from '../data/collections.js';

type Versioned = { id: string; updatedAt?: unknown };

/**
 * Records that the server holds `docs` at their `updatedAt`. This is bookkeeping for the status
 * bar only: losing an ack (crash) just shows the order as unsynced until the next push, which the
 * server treats as an idempotent replay.
 */
export async function recordAcks(acks: RxCollection<SyncAckDoc>, collection: string, docs: readonly Versioned[]): Promise<void> {
  if (docs.length === 0) return;
  const latest = new Map<string, number>();
  for (const doc of docs) {
    const updatedAt = Number(doc.updatedAt);
    if (!Number.isFinite(updatedAt)) continue;
    latest.set(doc.id, Math.max(updatedAt, latest.get(doc.id) ?? -1));
  }
  await acks.bulkUpsert(
    [...latest].map(([docId, updatedAt]) => ({ id: `${collection}:${docId}`, source: collection, docId, updatedAt })),
  );
}
