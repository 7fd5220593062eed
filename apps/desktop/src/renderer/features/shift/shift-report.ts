import { computeCashSummary, type CashSummary } from '@comanda/core/shifts';
import type { Order, Shift } from '../domain';

/** Totals of one payment method within the shift. */
export interface MethodTotal {
  method: 'cash' | 'card' | 'other';
  count: number;
  amount: number;
}

/** Tax collected at one rate (from the orders' core-computed tax summaries). */
export interface TaxTotal {
  rateBasisPoints: number;
  net: number;
  tax: number;
  gross: number;
}

/**
 * X (mid-shift) or Z (close) report of one till shift. Amounts come from the core: payments and
 * refunds as recorded, order totals as snapshotted by `computeOrderTotals`, the drawer from
 * `computeCashSummary`.
 */
export interface ShiftReport {
  kind: 'x' | 'z';
  shiftId: string;
  businessDay: string;
  generatedAt: number;
  orderCount: number;
  grossSales: number;
  discounts: number;
  voidCount: number;
  voidedAmount: number;
  refunds: number;
  refundCount: number;
  tips: number;
  payments: MethodTotal[];
  taxes: TaxTotal[];
  noSales: number;
  cash: CashSummary;
  countedCash: number | null;
  overShort: number | null;
}

export function buildShiftReport(kind: 'x' | 'z', shift: Shift, orders: readonly Order[], now: number): ShiftReport {
  const methods = new Map<MethodTotal['method'], MethodTotal>();
  const taxes = new Map<number, TaxTotal>();
  let grossSales = 0;
  let discounts = 0;
  let refunds = 0;
  let refundCount = 0;
  let tips = 0;
  let voidCount = 0;
  let voidedAmount = 0;
  let orderCount = 0;
  for (const order of orders) {
    const paidHere = order.payments.filter((p) => p.shiftId === shift.id);
    if (paidHere.length > 0 && (order.status === 'paid' || order.status === 'closed' || order.status === 'refunded')) {
      orderCount += 1;
      grossSales += order.totals.total;
      discounts += order.totals.discountTotal;
      for (const row of order.totals.taxes) {
        const t = taxes.get(row.rateBasisPoints) ?? { rateBasisPoints: row.rateBasisPoints, net: 0, tax: 0, gross: 0 };
        t.net += row.net;
        t.tax += row.tax;
        t.gross += row.gross;
        taxes.set(row.rateBasisPoints, t);
      }
    }
    for (const p of paidHere) {
      const m = methods.get(p.method) ?? { method: p.method, count: 0, amount: 0 };
      m.count += 1;
      m.amount += p.amount;
      methods.set(p.method, m);
      tips += p.tip;
    }
    for (const r of order.refunds) {
      if (r.shiftId !== shift.id) continue;
      refunds += r.amount;
      refundCount += 1;
    }
    for (const v of order.voids) {
      voidCount += 1;
      const line = order.lines.find((l) => l.id === v.lineId);
      if (line) voidedAmount += v.quantity * (line.unitPrice + line.modifiers.reduce((s, m) => s + m.priceDelta, 0));
    }
  }
  return {
    kind,
    shiftId: shift.id,
    businessDay: shift.businessDay,
    generatedAt: now,
    orderCount,
    grossSales,
    discounts,
    voidCount,
    voidedAmount,
    refunds,
    refundCount,
    tips,
    payments: [...methods.values()].sort((a, b) => a.method.localeCompare(b.method)),
    taxes: [...taxes.values()].sort((a, b) => a.rateBasisPoints - b.rateBasisPoints),
    noSales: shift.noSales.length,
    cash: computeCashSummary(shift, orders),
    countedCash: shift.close?.countedCash ?? null,
    overShort: shift.close?.overShort ?? null,
  };
}
