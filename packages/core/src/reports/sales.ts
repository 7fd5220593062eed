import { localPartsReader } from '../orders/ticket-number';
import type { OrderDoc } from '../orders/schemas';
import { computeOrderBreakdown } from '../orders/totals';

/** Dimensions sales can be grouped by. */
export type SalesDimension = 'item' | 'category' | 'hour' | 'staff' | 'branch' | 'day';

/** One row of a sales aggregation. */
export interface SalesRow {
  /** Item id, category id, `HH` hour, staff id, branch id or `YYYY-MM-DD` day. */
  readonly key: string;
  /** Item name for `item`, else the key. */
  readonly label: string;
  /** Units sold (item/category) or orders (hour/staff/branch/day). */
  readonly quantity: number;
  readonly orders: number;
  /** What customers paid (after discounts, incl. tax). */
  readonly gross: number;
  readonly tax: number;
  /** gross − tax. */
  readonly net: number;
}

/** Options of {@link aggregateSales}. */
export interface SalesOptions {
  /** IANA zone for `hour` and `day` (the branch's time zone). */
  readonly timeZone: string;
}

const SETTLED = new Set(['paid', 'closed', 'refunded']);

/** When an order counts as sold: its last move to `paid`, else creation. */
export function saleTime(order: Pick<OrderDoc, 'statusHistory' | 'createdAt'>): number {
  for (let i = order.statusHistory.length - 1; i >= 0; i--) {
    const s = order.statusHistory[i];
    if (s?.status === 'paid') return s.at;
  }
  return order.createdAt;
}

/**
 * Aggregates sales of settled orders (paid, closed, refunded) by item,
 * category, hour or day (in `timeZone`, via `Intl`), staff (who opened the
 * order) or branch. Used by the till (its own day) and by the server (all
 * branches), so both show the same numbers. Amounts are per-line totals from
 * `computeOrderBreakdown` (discounts spread, tax per rate group), so the rows
 * of any dimension sum to the orders' totals. Refunds are reported
 * separately (Z report), not subtracted here. Rows sorted by gross, descending.
 */
export function aggregateSales(
  orders: readonly OrderDoc[],
  by: SalesDimension,
  options: SalesOptions,
): SalesRow[] {
  const rows = new Map<
    string,
    {
      key: string;
      label: string;
      quantity: number;
      orders: Set<string>;
      gross: number;
      tax: number;
    }
  >();
  const bump = (
    key: string,
    label: string,
    orderId: string,
    quantity: number,
    gross: number,
    tax: number,
  ) => {
    let r = rows.get(key);
    if (!r) {
      r = { key, label, quantity: 0, orders: new Set(), gross: 0, tax: 0 };
      rows.set(key, r);
    }
    r.quantity += quantity;
    r.orders.add(orderId);
    r.gross += gross;
    r.tax += tax;
  };
  const local = localPartsReader(options.timeZone);
  for (const o of orders) {
    if (!SETTLED.has(o.status)) continue;
    if (by === 'item' || by === 'category') {
      const { lines } = computeOrderBreakdown(o);
      o.lines.forEach((line, i) => {
        const lt = lines[i];
        if (!lt || lt.quantity === 0) return;
        const key = by === 'item' ? line.itemId : (line.categoryId ?? 'uncategorized');
        bump(key, by === 'item' ? line.name : key, o.id, lt.quantity, lt.total, lt.tax);
      });
      continue;
    }
    let key: string;
    if (by === 'hour') key = String(local(saleTime(o)).hour).padStart(2, '0');
    else if (by === 'day') key = local(saleTime(o)).date;
    else if (by === 'staff') key = o.createdBy;
    else key = o.branchId;
    bump(key, key, o.id, 1, o.totals.total, o.totals.taxTotal);
  }
  return [...rows.values()]
    .map((r) => ({
      key: r.key,
      label: r.label,
      quantity: r.quantity,
      orders: r.orders.size,
      gross: r.gross,
      tax: r.tax,
      net: r.gross - r.tax,
    }))
    .sort((a, b) => b.gross - a.gross || a.key.localeCompare(b.key));
}
