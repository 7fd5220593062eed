import type { OrderDoc, PaymentMethod } from '../orders/schemas';
import { unitPriceWithModifiers } from '../orders/line-amounts';
import { computeCashSummary, ShiftError, type CashSummary } from '../shifts/shift';
import type { ShiftDoc } from '../shifts/schemas';
import type { TaxSummaryRow } from '../tax/tax-summary-schema';
import { refundTaxRows } from './refund-tax';

/** Totals of one payment method. */
export interface MethodTotals {
  readonly method: PaymentMethod;
  readonly count: number;
  /** Amount applied to orders (excluding tips). */
  readonly amount: number;
  readonly tips: number;
}

/**
 * An X report (mid-shift, shift open) or Z report (at close). Amounts in minor units.
 * Sales figures (gross, tax, discounts, voids) come from the orders the shift
 * settled; money figures (payments, refunds, cash) from the records carrying
 * the shift's id, so an order paid across two shifts is counted where its
 * money went.
 */
export interface ShiftReport {
  readonly kind: 'X' | 'Z';
  readonly shiftId: string;
  readonly branchId: string;
  readonly tillId: string;
  readonly businessDay: string;
  readonly currency: string;
  readonly openedAt: number;
  /** When the report was produced (the close time for a Z report). */
  readonly at: number;
  /** Settled orders (paid, closed or refunded) of the shift. */
  readonly orderCount: number;
  /** Orders of the shift still open or sent (should be 0 on a Z report). */
  readonly openOrderCount: number;
  readonly covers: number;
  /** Who the report is by: the staff who closed the shift (Z), else who opened it (X). */
  readonly operatorId: string;
  /**
   * Settled orders' sales before discounts, tax included (their totals plus their discounts).
   * The lines add up (docs/reports.md): grossSales − discounts − refunds = netSales.
   */
  readonly grossSales: number;
  /** grossSales − discounts − refunds of the shift, tax included: Σ taxes[].gross. */
  readonly netSales: number;
  /** Per rate: settled orders' net, tax and gross minus the shift's refunds at that rate. */
  readonly taxes: TaxSummaryRow[];
  /** Σ taxes[].tax. */
  readonly taxTotal: number;
  /** netSales − taxTotal = Σ taxes[].net. */
  readonly netOfTax: number;
  readonly discounts: { readonly count: number; readonly total: number };
  /** Voided units (before or after the kitchen) and their menu value. */
  readonly voids: { readonly count: number; readonly quantity: number; readonly amount: number };
  /** Voided whole orders. */
  readonly voidedOrders: number;
  readonly payments: MethodTotals[];
  readonly paymentsTotal: number;
  readonly tipsTotal: number;
  readonly refunds: {
    readonly count: number;
    readonly total: number;
    readonly byMethod: MethodTotals[];
  };
  /** Sum of cash rounding lines (positive = customers paid more). */
  readonly cashRounding: number;
  readonly noSales: number;
  readonly cash: CashSummary & {
    readonly counted: number | null;
    readonly overShort: number | null;
  };
}

const METHODS: readonly PaymentMethod[] = ['cash', 'card', 'other'];
const SETTLED = new Set(['paid', 'closed', 'refunded']);

function emptyMethods() {
  return new Map(METHODS.map((m) => [m, { method: m, count: 0, amount: 0, tips: 0 }]));
}

/**
 * Builds the X or Z report of a shift from its orders (pass the orders of the
 * shift's branch and day, whichever till opened them: tills share orders, and
 * records of other shifts are ignored). Uses each
 * order's stored `totals` snapshot, which the server verifies on sync, so a
 * report over 100,000 orders is one linear pass.
 * @param kind 'X' (shift open, mid-shift) or 'Z' (shift closed)
 * @param at report time (epoch ms) for X; a Z report uses the close time
 * @throws {ShiftError} `SHIFT_NOT_CLOSED` for a Z report of an open shift, `SHIFT_CLOSED` for an X report of a closed one
 */
export function buildShiftReport(
  kind: 'X' | 'Z',
  shift: ShiftDoc,
  orders: readonly OrderDoc[],
  at: number,
): ShiftReport {
  if (kind === 'Z' && (shift.status !== 'closed' || !shift.close)) {
    throw new ShiftError(
      'SHIFT_NOT_CLOSED',
      'close the shift (count the drawer) before printing the Z report',
    );
  }
  if (kind === 'X' && shift.status !== 'open') {
    throw new ShiftError('SHIFT_CLOSED', 'the shift is closed; print its Z report instead');
  }
  const payments = emptyMethods();
  const refunds = emptyMethods();
  const taxByRate = new Map<number, TaxSummaryRow>();
  let orderCount = 0;
  let openOrderCount = 0;
  let covers = 0;
  let grossSales = 0;
  let discountCount = 0;
  let discountTotal = 0;
  let voidCount = 0;
  let voidQuantity = 0;
  let voidAmount = 0;
  let voidedOrders = 0;
  let cashRounding = 0;
  let refundCount = 0;
  let refundTotal = 0;
  const addTax = (row: TaxSummaryRow, sign: 1 | -1) => {
    const acc = taxByRate.get(row.rateBasisPoints);
    if (acc) {
      acc.net += sign * row.net;
      acc.tax += sign * row.tax;
      acc.gross += sign * row.gross;
    } else
      taxByRate.set(row.rateBasisPoints, {
        rateBasisPoints: row.rateBasisPoints,
        net: sign * row.net,
        tax: sign * row.tax,
        gross: sign * row.gross,
      });
  };
  for (const o of orders) {
    for (const p of o.payments) {
      if (p.shiftId !== shift.id) continue;
      const m = payments.get(p.method);
      if (m) {
        m.count += 1;
        m.amount += p.amount;
        m.tips += p.tip;
      }
    }
    // A refund gives back the tax of its rates in the shift that paid it out.
    const refundTaxes = o.refunds.some((r) => r.shiftId === shift.id) ? refundTaxRows(o) : [];
    o.refunds.forEach((r, i) => {
      if (r.shiftId !== shift.id) return;
      for (const row of refundTaxes[i] ?? []) addTax(row, -1);
      const m = refunds.get(r.method);
      if (m) {
        m.count += 1;
        m.amount += r.amount;
      }
      refundCount += 1;
      refundTotal += r.amount;
    });
    if (o.shiftId !== shift.id) continue;
    if (o.status === 'voided') voidedOrders += 1;
    if (o.status === 'open' || o.status === 'sent') openOrderCount += 1;
    if (o.voids.length > 0) {
      const lines = new Map(o.lines.map((l) => [l.id, l]));
      for (const v of o.voids) {
        const line = lines.get(v.lineId);
        voidCount += 1;
        voidQuantity += v.quantity;
        voidAmount += line ? unitPriceWithModifiers(line) * v.quantity : 0;
      }
    }
    if (!SETTLED.has(o.status)) continue;
    orderCount += 1;
    covers += o.covers ?? 0;
    const t = o.totals;
    grossSales += t.total + t.discountTotal;
    cashRounding += t.cashRounding;
    if (t.discountTotal > 0) {
      discountTotal += t.discountTotal;
      discountCount += (o.discount ? 1 : 0) + o.lines.reduce((a, l) => a + (l.discount ? 1 : 0), 0);
    }
    for (const row of t.taxes) addTax(row, 1);
  }
  const paymentRows = [...payments.values()];
  // A rate whose sales were all refunded nets to nothing: no row of zeros on paper.
  const taxes = [...taxByRate.values()]
    .filter((r) => r.gross !== 0 || r.tax !== 0)
    .sort((a, b) => a.rateBasisPoints - b.rateBasisPoints);
  const taxTotal = taxes.reduce((a, r) => a + r.tax, 0);
  const netSales = grossSales - discountTotal - refundTotal;
  const cash = computeCashSummary(shift, orders);
  return {
    kind,
    shiftId: shift.id,
    branchId: shift.branchId,
    tillId: shift.tillId,
    businessDay: shift.businessDay,
    currency: shift.currency,
    openedAt: shift.openedAt,
    at: kind === 'Z' && shift.close ? shift.close.at : at,
    operatorId: shift.close?.by ?? shift.openedBy,
    orderCount,
    openOrderCount,
    covers,
    grossSales,
    netSales,
    taxes,
    taxTotal,
    netOfTax: netSales - taxTotal,
    discounts: { count: discountCount, total: discountTotal },
    voids: { count: voidCount, quantity: voidQuantity, amount: voidAmount },
    voidedOrders,
    payments: paymentRows,
    paymentsTotal: paymentRows.reduce((a, m) => a + m.amount, 0),
    tipsTotal: paymentRows.reduce((a, m) => a + m.tips, 0),
    refunds: { count: refundCount, total: refundTotal, byMethod: [...refunds.values()] },
    cashRounding,
    noSales: shift.noSales.length,
    cash: {
      ...cash,
      counted: shift.close?.countedCash ?? null,
      overShort: shift.close?.overShort ?? null,
    },
  };
}

/** The X report of an open shift at `at`. See {@link buildShiftReport}. */
export function buildXReport(
  shift: ShiftDoc,
  orders: readonly OrderDoc[],
  at: number,
): ShiftReport {
  return buildShiftReport('X', shift, orders, at);
}

/** The Z report of a closed shift. See {@link buildShiftReport}. */
export function buildZReport(shift: ShiftDoc, orders: readonly OrderDoc[]): ShiftReport {
  return buildShiftReport('Z', shift, orders, shift.close?.at ?? 0);
}
