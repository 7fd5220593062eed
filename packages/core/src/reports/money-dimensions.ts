import type { OrderDoc } from '../orders/schemas';
import { refundTaxRows } from './refund-tax';
import type { SalesRow } from './sales';

const SETTLED = new Set(['paid', 'closed', 'refunded']);

/**
 * Takings by payment method (`cash`, `card`, `other:<label>`): one row per method with the number
 * of payments (`quantity`), distinct orders and the amount taken. Tips are not included (they are
 * not sales); tax does not apply to a tender, so `tax` is 0 and `net` equals `gross`. Every payment
 * counts, whatever the order's state, because money taken is money in the drawer. Used by the
 * server's reports and available to the till, so both agree. Sorted by amount, descending.
 */
export function aggregatePaymentMethods(orders: readonly OrderDoc[]): SalesRow[] {
  const rows = new Map<
    string,
    { label: string; quantity: number; orders: Set<string>; gross: number }
  >();
  for (const order of orders) {
    for (const p of order.payments) {
      const key = p.method === 'other' && p.label ? `other:${p.label}` : p.method;
      const row = rows.get(key) ?? {
        label: p.label ?? p.method,
        quantity: 0,
        orders: new Set<string>(),
        gross: 0,
      };
      row.quantity += 1;
      row.orders.add(order.id);
      row.gross += p.amount;
      rows.set(key, row);
    }
  }
  return [...rows.entries()]
    .map(([key, r]) => ({
      key,
      label: r.label,
      quantity: r.quantity,
      orders: r.orders.size,
      gross: r.gross,
      tax: 0,
      net: r.gross,
    }))
    .sort((a, b) => b.gross - a.gross || a.key.localeCompare(b.key));
}

/**
 * Sales by tax rate of settled orders (paid, closed, refunded), from each order's tax summary (what
 * receipts printed) minus its refunds' VAT tables (what refund slips printed, see
 * {@link refundTaxRows}), as on the Z report: net + tax = gross per row. `key` is the rate in basis
 * points, `label` the rate as a percentage, `quantity` and `orders` the number of orders with
 * sales at that rate. Sorted by rate.
 */
export function aggregateTaxRates(orders: readonly OrderDoc[]): SalesRow[] {
  const rows = new Map<number, { orders: number; gross: number; tax: number; net: number }>();
  for (const order of orders) {
    if (!SETTLED.has(order.status)) continue;
    for (const t of order.totals.taxes) {
      const row = rows.get(t.rateBasisPoints) ?? { orders: 0, gross: 0, tax: 0, net: 0 };
      row.orders += 1;
      row.gross += t.gross;
      row.tax += t.tax;
      row.net += t.net;
      rows.set(t.rateBasisPoints, row);
    }
    if (order.refunds.length === 0) continue;
    for (const refundRows of refundTaxRows(order)) {
      for (const t of refundRows) {
        const row = rows.get(t.rateBasisPoints) ?? { orders: 0, gross: 0, tax: 0, net: 0 };
        row.gross -= t.gross;
        row.tax -= t.tax;
        row.net -= t.net;
        rows.set(t.rateBasisPoints, row);
      }
    }
  }
  return [...rows.entries()]
    .map(([rate, r]) => ({
      key: String(rate),
      label: `${(rate / 100).toFixed(2)} %`,
      quantity: r.orders,
      ...r,
    }))
    .sort((a, b) => Number(a.key) - Number(b.key));
}
