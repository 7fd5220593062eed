import {
  aggregatePaymentMethods,
  aggregateSales,
  aggregateTaxRates,
  buildZReport,
  orderDocSchema,
  shiftDocSchema,
  type SalesRow,
  type ShiftDoc,
  type ShiftReport,
} from '@comanda/core';
import type pg from 'pg';
import type { Queryable } from '../db/tx';
import { ensureRollups, salesFromRollups, type ReportDimension } from './rollups';

export { REPORT_DIMENSIONS, type ReportDimension } from './rollups';

export interface ReportRange {
  orgId: string;
  /** Branches to include (already authorized). */
  branchIds: string[];
  /** Business days, inclusive, `YYYY-MM-DD` in each branch's time zone. */
  from: string;
  to: string;
}

export async function branchZones(
  db: Queryable,
  orgId: string,
  branchIds: string[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; time_zone: string }>(
    'SELECT id, time_zone FROM branches WHERE org_id = $1 AND id = ANY ($2::text[])',
    [orgId, branchIds],
  );
  return new Map(rows.map((r) => [r.id, r.time_zone]));
}

export async function loadDocs<T>(
  db: Queryable,
  collection: 'orders' | 'shifts',
  range: ReportRange,
  parse: (v: unknown) => T,
): Promise<T[]> {
  const { rows } = await db.query<{ data: unknown }>(
    `SELECT data FROM documents
     WHERE org_id = $1 AND collection = $2 AND branch_id = ANY ($3::text[]) AND NOT deleted
       AND data ->> 'businessDay' BETWEEN $4 AND $5
     ORDER BY branch_id, id`,
    [range.orgId, collection, range.branchIds, range.from, range.to],
  );
  return rows.map((r) => parse(r.data));
}

/**
 * Sales over a business-day range, read from the rollups maintained on push (rebuilt first for a
 * branch whose rollups are missing or in another time zone). Equal to {@link salesReportByScan}.
 */
export async function salesReport(
  pool: pg.Pool,
  range: ReportRange,
  by: ReportDimension,
): Promise<SalesRow[]> {
  await ensureRollups(pool, range.orgId, range.branchIds);
  return salesFromRollups(pool, range, by);
}

/**
 * The definition of the sales report, by a full scan of the range's order documents: per branch
 * the core's `aggregateSales` runs in that branch's time zone (hours and days are local), then rows
 * with the same key are added up. The rollups are tested and benchmarked against it.
 */
export async function salesReportByScan(
  db: Queryable,
  range: ReportRange,
  by: ReportDimension,
): Promise<SalesRow[]> {
  const orders = await loadDocs(db, 'orders', range, (v) => orderDocSchema.parse(v));
  if (by === 'paymentMethod') return aggregatePaymentMethods(orders);
  if (by === 'taxRate') return aggregateTaxRates(orders);
  const zones = await branchZones(db, range.orgId, range.branchIds);
  const merged = new Map<
    string,
    {
      key: string;
      label: string;
      quantity: number;
      orders: number;
      gross: number;
      tax: number;
      net: number;
    }
  >();
  for (const branchId of range.branchIds) {
    const mine = orders.filter((o) => o.branchId === branchId);
    if (mine.length === 0) continue;
    for (const row of aggregateSales(mine, by, { timeZone: zones.get(branchId) ?? 'UTC' })) {
      const m = merged.get(row.key);
      if (!m) merged.set(row.key, { ...row });
      else {
        m.quantity += row.quantity;
        m.orders += row.orders;
        m.gross += row.gross;
        m.tax += row.tax;
        m.net += row.net;
      }
    }
  }
  return [...merged.values()].sort((a, b) => b.gross - a.gross || a.key.localeCompare(b.key));
}

/** Z reports of the closed shifts in the range, built by the core from each shift's orders. */
export async function zReports(db: Queryable, range: ReportRange): Promise<ShiftReport[]> {
  const shifts: ShiftDoc[] = (
    await loadDocs(db, 'shifts', range, (v) => shiftDocSchema.parse(v))
  ).filter((s) => s.status === 'closed');
  const orders = await loadDocs(db, 'orders', range, (v) => orderDocSchema.parse(v));
  // Every order of the branch and day, not only the shift's till's: tills share orders, so a
  // payment in this shift may sit on an order another till opened (core picks records by shift id).
  return shifts.map((shift) =>
    buildZReport(
      shift,
      orders.filter((o) => o.branchId === shift.branchId && o.businessDay === shift.businessDay),
    ),
  );
}

/** RFC 4180 CSV (quotes doubled, fields with separators quoted); amounts stay in minor units. */
export function toCsv(rows: readonly SalesRow[]): string {
  const header = ['key', 'label', 'quantity', 'orders', 'gross', 'tax', 'net'];
  const cell = (v: string | number) => {
    const s = String(v);
    // A leading =, +, - or @ would run as a formula in a spreadsheet: prefix it.
    const safe = /^[=+\-@]/.test(s) && typeof v === 'string' ? `'${s}` : s;
    return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return (
    [
      header.join(','),
      ...rows.map((r) =>
        [r.key, r.label, r.quantity, r.orders, r.gross, r.tax, r.net].map(cell).join(','),
      ),
    ].join('\r\n') + '\r\n'
  );
}
