import type { RxCollection, RxDocument } from 'rxdb';

const DAY_MS = 86_400_000;

export interface NewestFirstOptions {
  /** Only documents with `field` ≥ from (inclusive); 0 when omitted. */
  from?: number;
  /** Only documents with `field` < to (exclusive); unbounded when omitted. */
  to?: number;
  /** Where the first window ends when `to` is omitted (documents above it are included too). */
  now: number;
  /** First window's length; each next window is twice as long. Defaults to one day. */
  windowMs?: number;
}

/**
 * Reads a collection newest-first by an indexed epoch field, in pages, without ever sorting
 * the whole collection: RxDB's Dexie storage walks an index only in ascending order, so a
 * `sort: desc` query reads and sorts every matching document (all 100,000 orders) before the
 * limit applies. Instead, windows going back in time ([now − 1 day, ∞), then the 2 days before,
 * 4 days…) are each read ascending through the index and yielded newest first. Stops at the
 * oldest document (found with one ascending, early-stopping lookup).
 */
export async function* newestFirst<T>(collection: RxCollection<T>, field: string, options: NewestFirstOptions): AsyncGenerator<RxDocument<T>[]> {
  // Epoch fields are ≥ 0 in every till schema.
  const floor = options.from ?? 0;
  const oldestDoc = await collection.findOne({ selector: { [field]: { $gte: floor } } as never, sort: [{ [field]: 'asc' } as never] }).exec();
  if (!oldestDoc) return;
  const oldest = Number(oldestDoc.get(field));
  let window = options.windowMs ?? DAY_MS;
  let upper = options.to ?? Number.POSITIVE_INFINITY;
  let lower = Math.max(floor, Math.min(options.now, upper) - window);
  for (;;) {
    const range: Record<string, number> = { $gte: lower };
    if (upper !== Number.POSITIVE_INFINITY) range.$lt = upper;
    const page = await collection.find({ selector: { [field]: range } as never, sort: [{ [field]: 'asc' } as never] }).exec();
    if (page.length > 0) yield page.reverse();
    if (lower <= oldest || lower <= floor) return;
    upper = lower;
    window *= 2;
    lower = Math.max(floor, upper - window);
  }
}

/** The greatest value of an indexed epoch field, or null for an empty collection. */
export async function newestValue<T>(collection: RxCollection<T>, field: string, now: number): Promise<number | null> {
  for await (const page of newestFirst(collection, field, { now })) {
    const first = page[0];
    if (first) return Number(first.get(field));
  }
  return null;
}
