import {
  aggregatePaymentMethods,
  aggregateSales,
  aggregateTaxRates,
  orderDocSchema,
  type OrderDoc,
  type SalesRow,
} from '@comanda/core';
import type pg from 'pg';
import { withTransaction, type Queryable } from '../db/tx';
import { parsedOrder } from '../sync/parsed-documents';

/** Groupings offered by the sales report: the core's dimensions plus payment method and tax rate. */
export const REPORT_DIMENSIONS = [
  'item',
  'category',
  'hour',
  'staff',
  'branch',
  'day',
  'paymentMethod',
  'taxRate',
] as const;
export type ReportDimension = (typeof REPORT_DIMENSIONS)[number];

/** One rollup row's worth of change: what one or more orders add to (or take from) a row. */
interface RollupDelta {
  branchId: string;
  dimension: ReportDimension;
  period: 'day' | 'month';
  /** `YYYY-MM-DD` for a day, `YYYY-MM` for a month. */
  businessDay: string;
  key: string;
  /** The label to keep; null leaves the row's label as it is (a removed contribution). */
  label: string | null;
  quantity: number;
  orders: number;
  gross: number;
  tax: number;
  net: number;
  contributors: number;
}

/** The stored order data before and after one write (null: absent or deleted). */
export interface OrderChange {
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/**
 * What one order adds to every report: the core's own aggregations run over that order alone.
 * Every aggregation is a sum over orders (an order is counted once per row it reaches), so the sum
 * of these contributions over any set of orders equals the aggregation over the set: this is what
 * makes the rollups exact, and why no report rule is written twice.
 */
export function orderContribution(
  order: OrderDoc,
  timeZone: string,
): { dimension: ReportDimension; row: SalesRow }[] {
  const out: { dimension: ReportDimension; row: SalesRow }[] = [];
  for (const dimension of REPORT_DIMENSIONS) {
    const rows =
      dimension === 'paymentMethod'
        ? aggregatePaymentMethods([order])
        : dimension === 'taxRate'
          ? aggregateTaxRates([order])
          : aggregateSales([order], dimension, { timeZone });
    for (const row of rows) out.push({ dimension, row });
  }
  return out;
}

/** Accumulates contributions by rollup row (the same row may be reached by many orders). */
class DeltaSet {
  readonly rows = new Map<string, RollupDelta>();

  add(order: OrderDoc, timeZone: string, sign: 1 | -1): void {
    for (const { dimension, row } of orderContribution(order, timeZone)) {
      this.bump(order, dimension, 'day', order.businessDay, row, sign);
      this.bump(order, dimension, 'month', order.businessDay.slice(0, 7), row, sign);
    }
  }

  private bump(
    order: OrderDoc,
    dimension: ReportDimension,
    period: 'day' | 'month',
    businessDay: string,
    row: SalesRow,
    sign: 1 | -1,
  ): void {
    const id = `${dimension}\u0000${period}\u0000${order.branchId}\u0000${businessDay}\u0000${row.key}`;
    let d = this.rows.get(id);
    if (!d) {
      d = {
        branchId: order.branchId,
        dimension,
        period,
        businessDay,
        key: row.key,
        label: null,
        quantity: 0,
        orders: 0,
        gross: 0,
        tax: 0,
        net: 0,
        contributors: 0,
      };
      this.rows.set(id, d);
    }
    if (sign === 1) d.label = row.label;
    d.quantity += sign * row.quantity;
    d.orders += sign * row.orders;
    d.gross += sign * row.gross;
    d.tax += sign * row.tax;
    d.net += sign * row.net;
    d.contributors += sign;
  }

  /** Rows that change something, in primary-key order (concurrent writers lock rows in one order). */
  changed(): RollupDelta[] {
    return [...this.rows.entries()]
      .filter(
        ([, d]) =>
          d.label !== null ||
          d.quantity !== 0 ||
          d.orders !== 0 ||
          d.gross !== 0 ||
          d.tax !== 0 ||
          d.net !== 0 ||
          d.contributors !== 0,
      )
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, d]) => d);
  }
}

const CHUNK = 5000;

async function upsertDeltas(tx: Queryable, orgId: string, deltas: RollupDelta[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += CHUNK) {
    await tx.query(
      `INSERT INTO report_rollups AS r (org_id, branch_id, dimension, period, business_day, key,
         label, quantity, orders, gross, tax, net, contributors)
       SELECT $1, d."branchId", d.dimension, d.period, d."businessDay", d.key,
         COALESCE(d.label, ''), d.quantity, d.orders, d.gross, d.tax, d.net, d.contributors
       FROM jsonb_to_recordset($2::jsonb) AS d("branchId" text, dimension text, period text,
         "businessDay" text, key text, label text, quantity bigint, orders bigint, gross bigint,
         tax bigint, net bigint, contributors bigint)
       ON CONFLICT (org_id, dimension, period, branch_id, business_day, key) DO UPDATE SET
         -- '' = a contribution taken away: the row keeps its label (EXCLUDED is the proposed row).
         label = CASE WHEN EXCLUDED.label = '' THEN r.label ELSE EXCLUDED.label END,
         quantity = r.quantity + EXCLUDED.quantity, orders = r.orders + EXCLUDED.orders,
         gross = r.gross + EXCLUDED.gross, tax = r.tax + EXCLUDED.tax, net = r.net + EXCLUDED.net,
         contributors = r.contributors + EXCLUDED.contributors`,
      [orgId, JSON.stringify(deltas.slice(i, i + CHUNK))],
    );
  }
}

/**
 * The branches' current time zones, with the row lock that orders pushes against a time-zone change
 * or a rebuild (FOR SHARE: pushes do not wait for each other). null = the branch's rollups are not
 * built in its current zone, so a push leaves them to the next rebuild.
 */
async function lockBuiltZones(
  tx: Queryable,
  orgId: string,
  branchIds: string[],
): Promise<Map<string, string | null>> {
  const { rows } = await tx.query<{ id: string; time_zone: string; built_zone: string | null }>(
    `SELECT b.id, b.time_zone, s.time_zone AS built_zone
     FROM branches b
     LEFT JOIN report_rollup_state s ON s.org_id = b.org_id AND s.branch_id = b.id
     WHERE b.org_id = $1 AND b.id = ANY ($2::text[])
     ORDER BY b.id FOR SHARE OF b`,
    [orgId, branchIds],
  );
  // Rollups skipped by this write stay stale even if the zone is later set back to the one they
  // were built in: forget that zone, so the next report rebuilds them.
  const skipped = rows.filter((r) => r.built_zone !== null && r.built_zone !== r.time_zone);
  if (skipped.length > 0) {
    await tx.query(
      'DELETE FROM report_rollup_state WHERE org_id = $1 AND branch_id = ANY ($2::text[])',
      [orgId, skipped.map((r) => r.id)],
    );
  }
  return new Map(rows.map((r) => [r.id, r.built_zone === r.time_zone ? r.time_zone : null]));
}

/**
 * Starts the rollups of a branch that has none and no order stored before this transaction (a new
 * branch): empty rollups are exact, so its orders are counted on push from the first one instead of
 * waiting for a rebuild. Then reads the state again: a concurrent first push may have started them
 * meanwhile (its own orders are in them, and ours are added here). The branch rows are held FOR
 * SHARE, so no zone changes and no rebuild runs in between. `touched`: ids this transaction wrote.
 */
async function startEmptyBranches(
  tx: Queryable,
  orgId: string,
  zones: Map<string, string | null>,
  candidates: string[],
  touched: string[],
): Promise<void> {
  const unbuilt = candidates.filter((b) => zones.get(b) === null);
  if (unbuilt.length === 0) return;
  const { rows: started } = await tx.query<{ branch_id: string }>(
    `INSERT INTO report_rollup_state (org_id, branch_id, time_zone)
     SELECT b.org_id, b.id, b.time_zone FROM branches b
     WHERE b.org_id = $1 AND b.id = ANY ($2::text[])
       AND NOT EXISTS (
         SELECT 1 FROM documents d
         WHERE d.org_id = b.org_id AND d.collection = 'orders' AND d.branch_id = b.id
           AND NOT d.deleted AND d.id <> ALL ($3::text[]))
     ON CONFLICT (org_id, branch_id) DO NOTHING
     RETURNING branch_id`,
    [orgId, unbuilt, touched],
  );
  // Rows left from orders since deleted while the rollups were stale: nothing stored adds to them.
  if (started.length > 0) {
    await tx.query(
      'DELETE FROM report_rollups WHERE org_id = $1 AND branch_id = ANY ($2::text[])',
      [orgId, started.map((r) => r.branch_id)],
    );
  }
  const { rows } = await tx.query<{ id: string; time_zone: string }>(
    `SELECT b.id, b.time_zone FROM branches b
     JOIN report_rollup_state s ON s.org_id = b.org_id AND s.branch_id = b.id
     WHERE b.org_id = $1 AND b.id = ANY ($2::text[]) AND s.time_zone = b.time_zone`,
    [orgId, unbuilt],
  );
  for (const r of rows) zones.set(r.id, r.time_zone);
}

/**
 * Applies written orders to the rollups inside the writing transaction: the previous version's
 * contribution is taken away and the new one added, so the rollups never lag nor drift. A deleted
 * order contributes nothing.
 */
export async function applyOrderRollups(
  tx: Queryable,
  orgId: string,
  changes: readonly OrderChange[],
): Promise<void> {
  const parsed = changes.map((c) => ({
    before: c.before ? parsedOrder(c.before) : null,
    after: c.after ? parsedOrder(c.after) : null,
  }));
  const branchIds = new Set<string>();
  for (const c of parsed) {
    if (c.before) branchIds.add(c.before.branchId);
    if (c.after) branchIds.add(c.after.branchId);
  }
  if (branchIds.size === 0) return;
  const zones = await lockBuiltZones(tx, orgId, [...branchIds]);
  // A branch none of whose written orders existed before may be new: start its rollups now.
  const updated = new Set(parsed.flatMap((c) => (c.before ? [c.before.branchId] : [])));
  const touched = parsed.flatMap((c) => (c.after ? [c.after.id] : c.before ? [c.before.id] : []));
  await startEmptyBranches(
    tx,
    orgId,
    zones,
    [...branchIds].filter((b) => !updated.has(b)),
    touched,
  );
  const deltas = new DeltaSet();
  for (const { before, after } of parsed) {
    const zoneBefore = before && zones.get(before.branchId);
    const zoneAfter = after && zones.get(after.branchId);
    if (before && zoneBefore) deltas.add(before, zoneBefore, -1);
    if (after && zoneAfter) deltas.add(after, zoneAfter, 1);
  }
  await upsertDeltas(tx, orgId, deltas.changed());
}

/**
 * Rebuilds one branch's rollups from its stored orders in its current time zone (the backfill, and
 * what follows a time-zone change). Holds the branch row for update, so no push of the branch
 * commits between the read of its orders and the new state.
 */
export async function rebuildBranchRollups(
  tx: Queryable,
  orgId: string,
  branchId: string,
): Promise<void> {
  const { rows: branch } = await tx.query<{ time_zone: string }>(
    'SELECT time_zone FROM branches WHERE org_id = $1 AND id = $2 FOR UPDATE',
    [orgId, branchId],
  );
  const timeZone = branch[0]?.time_zone;
  if (timeZone === undefined) return;
  await tx.query('DELETE FROM report_rollups WHERE org_id = $1 AND branch_id = $2', [
    orgId,
    branchId,
  ]);
  const deltas = new DeltaSet();
  for (let after = ''; ;) {
    const { rows } = await tx.query<{ id: string; data: unknown }>(
      `SELECT id, data FROM documents
       WHERE org_id = $1 AND collection = 'orders' AND branch_id = $2 AND NOT deleted AND id > $3
       ORDER BY id LIMIT 2000`,
      [orgId, branchId, after],
    );
    for (const r of rows) deltas.add(orderDocSchema.parse(r.data), timeZone, 1);
    const last = rows.at(-1);
    if (!last || rows.length < 2000) break;
    after = last.id;
  }
  await upsertDeltas(tx, orgId, deltas.changed());
  await tx.query(
    `INSERT INTO report_rollup_state (org_id, branch_id, time_zone) VALUES ($1, $2, $3)
     ON CONFLICT (org_id, branch_id) DO UPDATE SET time_zone = EXCLUDED.time_zone, built_at = now()`,
    [orgId, branchId, timeZone],
  );
}

/** Rebuilds, before a report reads them, the rollups of branches not built in their current zone. */
export async function ensureRollups(
  pool: pg.Pool,
  orgId: string,
  branchIds: readonly string[],
): Promise<void> {
  const stale = async (db: Queryable, ids: readonly string[]) =>
    (
      await db.query<{ id: string }>(
        `SELECT b.id FROM branches b
         LEFT JOIN report_rollup_state s ON s.org_id = b.org_id AND s.branch_id = b.id
         WHERE b.org_id = $1 AND b.id = ANY ($2::text[]) AND s.time_zone IS DISTINCT FROM b.time_zone`,
        [orgId, ids],
      )
    ).rows.map((r) => r.id);
  for (const branchId of await stale(pool, branchIds)) {
    await withTransaction(pool, async (tx) => {
      // Another report may have rebuilt it while this one waited for the lock.
      await tx.query('SELECT 1 FROM branches WHERE org_id = $1 AND id = $2 FOR UPDATE', [
        orgId,
        branchId,
      ]);
      if ((await stale(tx, [branchId])).length > 0) await rebuildBranchRollups(tx, orgId, branchId);
    });
  }
}

/** An empty BETWEEN: no business day or month lies between "1" and "0". */
const NONE = ['1', '0'] as const;

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The rollup rows that cover a range of business days exactly: its whole months as month rows and
 * the days before the first and after the last whole month as day rows, as three BETWEEN pairs
 * (months, leading days, trailing days).
 */
export function rollupPeriods(from: string, to: string): string[] {
  const firstStart = from.endsWith('-01')
    ? from
    : `${addDays(`${from.slice(0, 7)}-01`, 31).slice(0, 7)}-01`;
  const nextMonth = `${addDays(`${to.slice(0, 7)}-01`, 31).slice(0, 7)}-01`;
  const lastEnd = addDays(nextMonth, -1) === to ? to : addDays(`${to.slice(0, 7)}-01`, -1);
  if (firstStart > lastEnd) return [...NONE, from, to, ...NONE];
  return [
    firstStart.slice(0, 7),
    lastEnd.slice(0, 7),
    ...(from < firstStart ? [from, addDays(firstStart, -1)] : NONE),
    ...(to > lastEnd ? [addDays(lastEnd, 1), to] : NONE),
  ];
}

/**
 * The sales report read from the rollups: the same rows as the full scan over the same orders
 * (`salesReportByScan`). Across branches a key's label is the greatest of its stored labels (an
 * item renamed within the range shows one of its names; amounts are unaffected).
 */
export async function salesFromRollups(
  db: Queryable,
  range: { orgId: string; branchIds: string[]; from: string; to: string },
  by: ReportDimension,
): Promise<SalesRow[]> {
  const { rows } = await db.query<{
    key: string;
    label: string;
    quantity: string;
    orders: string;
    gross: string;
    tax: string;
    net: string;
  }>(
    `SELECT key, max(label) AS label, sum(quantity) AS quantity, sum(orders) AS orders,
       sum(gross) AS gross, sum(tax) AS tax, sum(net) AS net
     FROM report_rollups
     WHERE org_id = $1 AND dimension = $2 AND branch_id = ANY ($3::text[]) AND contributors > 0
       AND ((period = 'month' AND business_day BETWEEN $4 AND $5)
         OR (period = 'day' AND (business_day BETWEEN $6 AND $7 OR business_day BETWEEN $8 AND $9)))
     GROUP BY key`,
    [range.orgId, by, range.branchIds, ...rollupPeriods(range.from, range.to)],
  );
  const out = rows.map((r) => ({
    key: r.key,
    label: r.label,
    quantity: Number(r.quantity),
    orders: Number(r.orders),
    gross: Number(r.gross),
    tax: Number(r.tax),
    net: Number(r.net),
  }));
  return by === 'taxRate'
    ? out.sort((a, b) => Number(a.key) - Number(b.key))
    : out.sort((a, b) => b.gross - a.gross || a.key.localeCompare(b.key));
}
