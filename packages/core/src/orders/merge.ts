import { sameJson, stableStringify } from '../common/stable-json';
import { LINE_LWW_FIELDS, ORDER_LWW_FIELDS, type FieldClock } from './edits';
import { OrderError } from './errors';
import { SETTLED_STATUSES } from './lifecycle';
import type { OrderDoc, OrderLine, OrderStatus, StatusChange } from './schemas';
import type { OrderTotals } from './totals-schema';
import { computeOrderTotals } from './totals';

/**
 * The status lattice of the merge: of two versions, the status of higher rank wins. Editing
 * (`open` < `sent`) loses to a void, a void loses to a payment (money taken is never hidden behind
 * a voided order), and settling moves on through `paid` < `closed` < `refunded`, the lifecycle's
 * own order. Every status of core's list has a rank (the `Record` type makes a new one a compile
 * error here).
 */
export const ORDER_STATUS_RANK: Readonly<Record<OrderStatus, number>> = {
  open: 0,
  sent: 1,
  voided: 2,
  paid: 3,
  closed: 4,
  refunded: 5,
};

/**
 * What the customer paid beyond what the order asks (net of refunds already given back): two tills
 * taking the whole bill at once, or a void racing a payment. The till offers it back as a refund.
 */
export function overpaidAmount(order: { readonly totals: OrderTotals }): number {
  const t = order.totals;
  return Math.max(0, t.paid - t.refunded - t.totalDue);
}

type Keyed = { readonly id: string };
type Timed = Keyed & { readonly at: number };

/** Of two values, the one with the smaller canonical JSON: a total, deterministic choice. */
function pick<T>(a: T, b: T): T {
  if (a === b) return a;
  return stableStringify(a) <= stableStringify(b) ? a : b;
}

const NO_CLOCK: FieldClock = { at: -1, till: '' };

function compareClocks(a: FieldClock, b: FieldClock): number {
  if (a.at !== b.at) return a.at - b.at;
  return a.till < b.till ? -1 : a.till > b.till ? 1 : 0;
}

/**
 * Last writer wins: the (clock, value) pair that is greater in (time, till, canonical JSON) order.
 * A missing clock (a version 1 document, a field never edited) is older than any edit.
 */
function lww<V>(
  va: V,
  ca: FieldClock | undefined,
  vb: V,
  cb: FieldClock | undefined,
): [V, FieldClock | undefined] {
  const order =
    compareClocks(ca ?? NO_CLOCK, cb ?? NO_CLOCK) ||
    (stableStringify(va) < stableStringify(vb)
      ? -1
      : stableStringify(va) > stableStringify(vb)
        ? 1
        : 0);
  return order >= 0 ? [va, ca] : [vb, cb];
}

/** Merges the last-writer-wins `fields` of `a` and `b` into `out`, clocks included. */
function mergeLww<T extends { edits?: Partial<Record<F, FieldClock>> }, F extends keyof T & string>(
  a: T,
  b: T,
  fields: readonly F[],
  out: Record<string, unknown>,
): void {
  const edits: Partial<Record<F, FieldClock>> = {};
  for (const field of fields) {
    const [value, clock] = lww(a[field], a.edits?.[field], b[field], b.edits?.[field]);
    out[field] = value;
    if (clock) edits[field] = clock;
  }
  if (a.edits !== undefined || b.edits !== undefined) out.edits = edits;
}

function byTimeThenId(x: Timed, y: Timed): number {
  return x.at - y.at || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0);
}

/** Union by id; a record both sides hold is immutable, so they agree (else a deterministic pick). */
function unionById<T extends Timed>(a: readonly T[], b: readonly T[]): T[] {
  const byId = new Map<string, T>();
  for (const record of [...a, ...b]) {
    const seen = byId.get(record.id);
    byId.set(record.id, seen ? pick(seen, record) : record);
  }
  return [...byId.values()].sort(byTimeThenId);
}

function mergeHistory(a: readonly StatusChange[], b: readonly StatusChange[]): StatusChange[] {
  const byKey = new Map<string, StatusChange>();
  for (const change of [...a, ...b]) byKey.set(stableStringify(change), change);
  return [...byKey.entries()]
    .sort(
      ([ka, x], [kb, y]) =>
        x.at - y.at ||
        ORDER_STATUS_RANK[x.status] - ORDER_STATUS_RANK[y.status] ||
        (ka < kb ? -1 : ka > kb ? 1 : 0),
    )
    .map(([, change]) => change);
}

const LINE_COUNTERS = new Set(['quantity', 'voidedQuantity', 'firedQuantity', 'announcedQuantity']);
const LINE_MERGED = new Set<string>([...LINE_COUNTERS, ...LINE_LWW_FIELDS, 'edits']);

/**
 * One line from two versions. The snapshot (item, price, tax, station…) never changes, so the
 * versions agree on it. `voidedQuantity` is what the merged void records add up to; `quantity`
 * only grows (a unit added to an unsent line), and covers the voided units when two tills voided
 * the same units (both void records are kept); the kitchen counters are max-merged (a concurrent
 * void leaves them above the active units, so the next send prints the VOID ticket and settles
 * them).
 */
function mergeLine(a: OrderLine, b: OrderLine, voided: number): OrderLine {
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!LINE_MERGED.has(key))
      out[key] = pick((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  }
  mergeLww(a, b, LINE_LWW_FIELDS, out);
  const quantity = Math.max(a.quantity, b.quantity, voided);
  out.quantity = quantity;
  out.voidedQuantity = voided;
  // Not capped at the active units here: a cap taken before a third version grows the line would
  // forget fired units (not associative). Kitchen routing caps it, with the VOID ticket, at the
  // next send.
  out.firedQuantity = Math.max(a.firedQuantity, b.firedQuantity);
  out.announcedQuantity = Math.max(a.announcedQuantity, b.announcedQuantity);
  return out as OrderLine;
}

function mergeLines(a: OrderDoc, b: OrderDoc, voids: OrderDoc['voids']): OrderLine[] {
  const voided = new Map<string, number>();
  for (const v of voids) voided.set(v.lineId, (voided.get(v.lineId) ?? 0) + v.quantity);
  const byId = new Map<string, OrderLine>();
  for (const line of [...a.lines, ...b.lines]) {
    const seen = byId.get(line.id);
    byId.set(line.id, mergeLine(seen ?? line, line, voided.get(line.id) ?? 0));
  }
  return [...byId.values()].sort(
    (x, y) => x.addedAt - y.addedAt || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
}

function highest(statuses: Iterable<OrderStatus>): OrderStatus {
  let best: OrderStatus = 'open';
  for (const s of statuses) if (ORDER_STATUS_RANK[s] > ORDER_STATUS_RANK[best]) best = s;
  return best;
}

/**
 * The status an order's history and money allow: the lattice join of every status it reached (its
 * status and its history, so a merge never forgets that an order was paid), then made true of its
 * money:
 * - a voided order with payments is not voided (a payment beats a void);
 * - a refunded order that was paid more than refunded (a payment racing the refund) is paid/closed;
 * - a paid/closed/refunded order with something due again, no items left or no payment (another
 *   till added a line or voided the items while it was paid) reopens as `sent` (or `open` if it
 *   was never sent): the table owes what the other till added.
 * For an order only one till edited this is its status. `commitOrder` applies it after every
 * action, so an order a merge reopened settles again when its due is paid, voided or discounted
 * away; the merge applies it to the merged state alone, which keeps the merge associative.
 */
export function reconciledStatus(
  order: Pick<OrderDoc, 'status' | 'statusHistory' | 'lines' | 'payments'>,
  totals: OrderTotals,
): OrderStatus {
  const seen = new Set<OrderStatus>([order.status, ...order.statusHistory.map((s) => s.status)]);
  let status = highest(seen);
  if (status === 'voided' && order.payments.length > 0)
    status = highest([...seen].filter((s) => s !== 'voided'));
  if (status === 'refunded' && totals.refunded < totals.paid)
    status = seen.has('closed') ? 'closed' : 'paid';
  const settled = SETTLED_STATUSES.includes(status) || status === 'refunded';
  const hasItems = order.lines.some((l) => l.quantity > l.voidedQuantity);
  if (settled && (totals.due > 0 || !hasItems || order.payments.length === 0))
    status = seen.has('sent') ? 'sent' : 'open';
  return status;
}

/**
 * An order's lists of immutable records besides its lines: once written, an entry is never changed
 * nor removed (the merge unions them, `staleOrderWrite` checks a save keeps them).
 */
export const ORDER_RECORD_LISTS = [
  'voids',
  'payments',
  'refunds',
  'printRequests',
  'kitchenBumps',
  'statusHistory',
] as const satisfies readonly (keyof OrderDoc)[];

/** What records added by a join move in an order (the rest of it stays as it was). */
const MOVED_BY_RECORDS = new Set<string>([
  'lines',
  ...ORDER_RECORD_LISTS,
  'firedCourses',
  'cashRounding',
  'status',
  'totals',
  'updatedAt',
]);

const ORDER_MERGED = new Set<string>([
  ...ORDER_LWW_FIELDS,
  'edits',
  ...MOVED_BY_RECORDS,
  'schemaVersion',
]);

/**
 * Merges two versions of one order (two tills editing a shared table, or a till's edit and the
 * server's newer copy) so that both count. It is a join — commutative, associative and idempotent
 * (up to the canonical order of its lists) — so replicas that exchange versions in any order and
 * any number of times end with the same order:
 * - lines, voids, payments, refunds, print requests and kitchen bumps are sets keyed by id (union; a record is
 *   immutable once written), kept sorted by time then id; the status history is a set of entries;
 *   `firedCourses` a set of courses;
 * - per line, counters as in {@link mergeLine}; `voidedQuantity` always equals its void records;
 * - `status` by the lattice {@link ORDER_STATUS_RANK}, then made consistent with the money (see
 *   {@link reconciledStatus}); two tills paying at once leave an overpayment ({@link overpaidAmount});
 * - `type`, `table`, `covers`, `customerName`, `notes`, `discount` (and per line `notes`, `seat`,
 *   `course`, `discount`) last writer wins by their `edits` clock, the till id breaking ties;
 * - `cashRounding` (set when cash settled the order) keeps the larger adjustment;
 * - fields fixed at creation (till, ticket, type, currency…) agree; if they did not, the smaller
 *   canonical JSON is kept, so the choice is still deterministic;
 * - `updatedAt` and `schemaVersion` are the maxima; `totals` is recomputed.
 * A frozen order's fields change only through what its versions appended (refunds, reprints,
 * status history) unless one version is a concurrent edit made before that till saw the payment:
 * then nothing of it is dropped, and the status says what the merged money means.
 * @throws {OrderError} `ORDER_INVALID_INPUT` when the two documents are different orders
 */
export function mergeOrders(a: OrderDoc, b: OrderDoc): OrderDoc {
  if (a.id !== b.id)
    throw new OrderError('ORDER_INVALID_INPUT', `cannot merge order ${a.id} with order ${b.id}`);
  const out: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    if (!ORDER_MERGED.has(key))
      out[key] = pick((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
  }
  mergeLww(a, b, ORDER_LWW_FIELDS, out);
  const voids = unionById(a.voids, b.voids);
  const merged: OrderDoc = {
    ...(out as unknown as OrderDoc),
    schemaVersion: a.schemaVersion > b.schemaVersion ? a.schemaVersion : b.schemaVersion,
    updatedAt: Math.max(a.updatedAt, b.updatedAt),
    lines: mergeLines(a, b, voids),
    voids,
    payments: unionById(a.payments, b.payments),
    refunds: unionById(a.refunds, b.refunds),
    printRequests: unionById(a.printRequests, b.printRequests),
    kitchenBumps: unionById(a.kitchenBumps, b.kitchenBumps),
    statusHistory: mergeHistory(a.statusHistory, b.statusHistory),
    firedCourses: [...new Set([...a.firedCourses, ...b.firedCourses])].sort((x, y) => x - y),
    cashRounding:
      Math.abs(a.cashRounding) !== Math.abs(b.cashRounding)
        ? Math.abs(a.cashRounding) > Math.abs(b.cashRounding)
          ? a.cashRounding
          : b.cashRounding
        : Math.max(a.cashRounding, b.cashRounding),
  };
  const totals = computeOrderTotals(merged);
  const status = highest([a.status, b.status]);
  return { ...merged, status: reconciledStatus({ ...merged, status }, totals), totals };
}

/** The order with its lists as sets (sorted by canonical JSON): list order is not content. */
function listsAsSets(order: OrderDoc): Record<string, unknown> {
  const out: Record<string, unknown> = { ...order };
  for (const [key, value] of Object.entries(order)) {
    if (Array.isArray(value))
      out[key] = value.map((entry: unknown) => stableStringify(entry)).sort();
  }
  return out;
}

/**
 * Whether `order` is `base` plus records only: it holds everything of `base` (merging `base` into
 * it changes nothing but the order of its lists), and the only differences are records added
 * (lines, voids, payments, refunds, print requests, bumps, status entries) and what they move
 * (status, totals, counters of a line), never a field or a line's details rewritten. A till's
 * conflict handler writes such a join when it pulls the server's copy while a change of its own
 * (a void, a payment) is not pushed yet, and pushes it over that copy; the server takes it as the
 * join it is (decision 0023), though the copy may be paid.
 */
export function addsOnlyRecords(order: OrderDoc, base: OrderDoc): boolean {
  if (order.id !== base.id) return false;
  if (!sameJson(listsAsSets(mergeOrders(order, base)), listsAsSets(order))) return false;
  for (const key of new Set([...Object.keys(order), ...Object.keys(base)])) {
    if (MOVED_BY_RECORDS.has(key)) continue;
    const k = key as keyof OrderDoc;
    if (!sameJson(order[k], base[k])) return false;
  }
  const lines = new Map(order.lines.map((l) => [l.id, l]));
  return base.lines.every((line) => {
    const now = lines.get(line.id);
    if (!now) return false;
    const details = (l: OrderLine) => Object.entries(l).filter(([k]) => !LINE_COUNTERS.has(k));
    return sameJson(Object.fromEntries(details(now)), Object.fromEntries(details(line)));
  });
}
