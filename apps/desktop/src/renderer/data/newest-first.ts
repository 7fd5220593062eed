import type { RxCollection, RxDocument } from 'rxdb';
import { DEXIE_NOT_DELETED, dexieIndex } from './dexie-index.js';

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

/** The newest value is narrowed down to a range this short, then the documents in it are read. */
const NEWEST_SPAN_MS = 60_000;
/** Ranges asked about at once (IndexedDB answers them in parallel). */
const FANOUT = 8;

/**
 * The greatest value of an indexed epoch field, or null for an empty collection, reading one or a
 * handful of documents whatever the collection's size or age (a till reopened after a long weekend
 * would otherwise read days of orders at start only to keep the last one).
 *
 * On RxDB's Dexie storage the value is read from the end of the index. Elsewhere it is found by
 * asking whether ranges of the index hold anything, which reads their first entry only (counting a
 * range would walk all of it), eight ranges at a time: first windows going back from `now` (each
 * twice as long as the one after it) until one is not empty, then that window cut in eight, keeping
 * the newest part that holds anything, down to a minute, whose documents are read.
 */
export async function newestValue<T>(collection: RxCollection<T>, field: string, now: number): Promise<number | null> {
  const fromIndexEnd = await newestAtIndexEnd(collection, field);
  if (fromIndexEnd !== undefined) return fromIndexEnd;
  return newestByRanges(collection, field, now);
}

/**
 * The greatest value of `field` read from the end of its index: one IndexedDB request. RxDB's query
 * engine walks indexes only forwards, so this goes below it, to the Dexie table of RxDB's Dexie
 * storage, where RxDB keeps the index as [_deleted, field, primary key] with `_deleted` stored as
 * '0'/'1'. Read-only. `undefined` when the collection is not stored that way (another storage, or an
 * RxDB whose layout changed: a test fails then); the caller falls back to `newestByRanges`.
 */
async function newestAtIndexEnd<T>(collection: RxCollection<T>, field: string): Promise<number | null | undefined> {
  const found = await dexieIndex(collection, [field, collection.schema.primaryPath]);
  if (!found) return undefined;
  const { table, index } = found;
  const last = await table.where(index).between([DEXIE_NOT_DELETED, -Infinity, ''], [DEXIE_NOT_DELETED, Infinity, []], true, true).last();
  return last === undefined ? null : Number(last[field]);
}

/** `newestValue` through RxDB queries alone: asks whether ranges of the index hold anything. */
async function newestByRanges<T>(collection: RxCollection<T>, field: string, now: number): Promise<number | null> {
  const range = (lower: number, upper?: number) => ({ [field]: upper === undefined ? { $gte: lower } : { $gte: lower, $lt: upper } });
  const holdsAny = async ([lower, upper]: readonly [number, number?]) =>
    (await collection.findOne({ selector: range(lower, upper) as never, sort: [{ [field]: 'asc' } as never] }).exec()) !== null;
  const oldestDoc = await collection.findOne({ selector: range(0) as never, sort: [{ [field]: 'asc' } as never] }).exec();
  if (!oldestDoc) return null;
  const oldest = Number(oldestDoc.get(field));
  // Values after `now` exist when a clock was ahead: move the upper bound past all of them.
  let upper = Math.max(Math.floor(now), oldest) + 1;
  for (let step = DAY_MS; await holdsAny([upper]); step *= 2) upper += step;
  /** The newest of `ranges` (given newest first) that holds a document, if any. */
  const newestHolding = async (ranges: [number, number][]) => {
    const holding = await Promise.all(ranges.map(holdsAny));
    return ranges[holding.indexOf(true)];
  };
  // Windows back in time from `upper`, each twice as long; the last one reaches the oldest value.
  let found: [number, number] | undefined;
  for (let window = DAY_MS; !found; ) {
    const windows: [number, number][] = [];
    for (let end = upper; windows.length < FANOUT && end > oldest; window *= 2) {
      const start = Math.max(oldest, end - window);
      windows.push([start, end]);
      end = start;
    }
    if (windows.length === 0) return null; // emptied meanwhile
    found = await newestHolding(windows);
    upper = windows.at(-1)![0];
  }
  let [lower, end] = found;
  // Cut the window in eight, keep the newest part holding a document; repeat down to a minute.
  while (end - lower > NEWEST_SPAN_MS) {
    const size = Math.ceil((end - lower) / FANOUT);
    const parts: [number, number][] = [];
    for (let start = end; start > lower; start -= size) parts.push([Math.max(lower, start - size), start]);
    const part = await newestHolding(parts);
    if (!part) break; // deleted meanwhile: read what is left of the window
    [lower, end] = part;
  }
  const docs = await collection.find({ selector: range(lower, end) as never, sort: [{ [field]: 'asc' } as never] }).exec();
  return Number(docs.at(-1)?.get(field) ?? oldest);
}
