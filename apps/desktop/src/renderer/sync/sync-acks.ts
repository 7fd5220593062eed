import type { RxCollection } from 'rxdb';
import type { SyncAckDoc } from '../data/collections.js';

type Versioned = { id: string; updatedAt?: unknown };

/** Writes in flight per acks collection: each waits for the one before it (see recordAcks). */
const queues = new WeakMap<RxCollection<SyncAckDoc>, Promise<void>>();

/**
 * Records that the server holds `docs` at their `updatedAt`. This is bookkeeping for the status
 * bar only: losing an ack (crash) just shows the order as unsynced until the next push, which the
 * server treats as an idempotent replay.
 *
 * An ack only ever moves forward. A pull's acks (another till's newer version of a shared order)
 * and a push's (this till's older one) are written at the same time; stored in the wrong order,
 * the older ack would win and, after the till restarts, the order would show as "waiting" until it
 * changed again. So calls run one after another, and each keeps a stored ack that is newer.
 */
export function recordAcks(acks: RxCollection<SyncAckDoc>, collection: string, docs: readonly Versioned[]): Promise<void> {
  if (docs.length === 0) return Promise.resolve();
  const run = (queues.get(acks) ?? Promise.resolve()).then(() => writeAcks(acks, collection, docs));
  // The next call waits for this one, failed or not; this caller sees its own failure.
  queues.set(
    acks,
    run.catch(() => undefined),
  );
  return run;
}

async function writeAcks(acks: RxCollection<SyncAckDoc>, collection: string, docs: readonly Versioned[]): Promise<void> {
  const latest = new Map<string, number>();
  for (const doc of docs) {
    const updatedAt = Number(doc.updatedAt);
    if (!Number.isFinite(updatedAt)) continue;
    latest.set(doc.id, Math.max(updatedAt, latest.get(doc.id) ?? -1));
  }
  const stored = await acks.findByIds([...latest.keys()].map((id) => `${collection}:${id}`)).exec();
  const rows = [...latest]
    .filter(([docId, updatedAt]) => (stored.get(`${collection}:${docId}`)?.toJSON().updatedAt ?? -1) < updatedAt)
    .map(([docId, updatedAt]) => ({ id: `${collection}:${docId}`, source: collection, docId, updatedAt }));
  if (rows.length > 0) await acks.bulkUpsert(rows);
}
