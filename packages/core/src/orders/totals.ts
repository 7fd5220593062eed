import { allocate } from '../money/allocate';
import { roundCash } from '../money/cash-rounding';
import { assertMinorUnits, type MinorUnits } from '../money/money';
import { computeTaxSummary, type TaxableAmount } from '../tax/tax-summary';
import { activeQuantity, discountAmount, unitPriceWithModifiers } from './line-amounts';
import type { OrderDoc, OrderLine } from './schemas';
import type { OrderTotals } from './totals-schema';

/** How one line contributes to the order total. */
export interface LineTotals {
  readonly lineId: string;
  /** Active units (ordered − voided). */
  readonly quantity: number;
  /** Unit price with modifiers. */
  readonly unitPrice: MinorUnits;
  /** unitPrice × quantity, as priced (tax-inclusive or not). */
  readonly gross: MinorUnits;
  readonly lineDiscount: MinorUnits;
  /** This line's share of the order discount (largest remainder by discounted amount). */
  readonly orderDiscountShare: MinorUnits;
  /** This line's share of its rate group's tax. */
  readonly tax: MinorUnits;
  /** What the customer pays for the line: gross − discounts (+ tax if exclusive). Lines sum to the order total. */
  readonly total: MinorUnits;
}

/** Order totals plus the per-line breakdown they come from. */
export interface OrderBreakdown {
  readonly totals: OrderTotals;
  readonly lines: LineTotals[];
}

/** The fields of an order that determine its totals. */
export type PricedOrder = Pick<
  OrderDoc,
  'lines' | 'discount' | 'payments' | 'refunds' | 'cashRounding' | 'cashRoundingStep'
>;

/**
 * Computes an order's totals and their per-line breakdown.
 *
 * Order of operations (documented in the README):
 * 1. line gross = (unit price + modifier deltas) × active quantity;
 * 2. line discount (percent rounded half up, or amount capped at the line);
 * 3. the order discount is computed on the sum of discounted lines and spread
 *    over lines by largest remainder, so each line knows its net share;
 * 4. tax per rate group on the discounted amounts (see `taxOfGroup`);
 *    exclusive tax is added to the total;
 * 5. cash rounding is the adjustment stored when cash settled the order.
 * Every step is integer arithmetic and the line totals sum to `total` exactly.
 */
export function computeOrderBreakdown(order: PricedOrder): OrderBreakdown {
  return compute(order, true);
}

function compute(order: PricedOrder, withLines: boolean): OrderBreakdown {
  // Plain loops over parallel arrays: this runs on every keystroke of the till and for
  // every order of a report, so it avoids per-line intermediate objects.
  const n = order.lines.length;
  const quantities: number[] = new Array<number>(n);
  const units: number[] = new Array<number>(n);
  const grosses: number[] = new Array<number>(n);
  const lineDiscountsArr: number[] = new Array<number>(n);
  const amounts: number[] = new Array<number>(n);
  let subtotal = 0;
  let lineDiscounts = 0;
  let discountedSum = 0;
  for (let i = 0; i < n; i++) {
    const line = order.lines[i] as OrderLine;
    const quantity = activeQuantity(line);
    const unitPrice = unitPriceWithModifiers(line);
    const gross = assertMinorUnits(unitPrice * quantity, 'line amount');
    const lineDiscount = line.discount ? discountAmount(line.discount.value, gross) : 0;
    quantities[i] = quantity;
    units[i] = unitPrice;
    grosses[i] = gross;
    lineDiscountsArr[i] = lineDiscount;
    amounts[i] = gross - lineDiscount;
    subtotal += gross;
    lineDiscounts += lineDiscount;
    discountedSum += gross - lineDiscount;
  }
  const orderDiscount = order.discount ? discountAmount(order.discount.value, discountedSum) : 0;
  const shares = orderDiscount > 0 ? allocate(orderDiscount, amounts) : null;
  const entries: TaxableAmount[] = new Array<TaxableAmount>(n);
  for (let i = 0; i < n; i++) {
    const line = order.lines[i] as OrderLine;
    if (shares) amounts[i] = (amounts[i] ?? 0) - (shares[i] ?? 0);
    entries[i] = {
      amount: amounts[i] ?? 0,
      rateBasisPoints: line.taxRateBasisPoints,
      inclusive: line.taxInclusive,
    };
  }
  const tax = computeTaxSummary(entries, { perEntry: withLines });
  const lines: LineTotals[] = new Array<LineTotals>(withLines ? n : 0);
  for (let i = 0; withLines && i < n; i++) {
    const line = order.lines[i] as OrderLine;
    const lineTax = tax.entryTax[i] ?? 0;
    lines[i] = {
      lineId: line.id,
      quantity: quantities[i] ?? 0,
      unitPrice: units[i] ?? 0,
      gross: grosses[i] ?? 0,
      lineDiscount: lineDiscountsArr[i] ?? 0,
      orderDiscountShare: shares?.[i] ?? 0,
      tax: lineTax,
      total: (amounts[i] ?? 0) + (line.taxInclusive ? 0 : lineTax),
    };
  }

  const discountTotal = lineDiscounts + orderDiscount;
  const total = assertMinorUnits(subtotal - discountTotal + tax.addedTax, 'order total');
  const totalDue = total + order.cashRounding;
  let paid = 0;
  let tips = 0;
  let change = 0;
  for (const p of order.payments) {
    paid += p.amount;
    tips += p.tip;
    change += p.change;
  }
  let refunded = 0;
  for (const r of order.refunds) refunded += r.amount;
  const due = Math.max(0, totalDue - paid);
  const totals: OrderTotals = {
    subtotal,
    lineDiscounts,
    orderDiscount,
    discountTotal,
    taxes: tax.rows,
    taxTotal: tax.taxTotal,
    total,
    cashRounding: order.cashRounding,
    totalDue,
    paid,
    tips,
    change,
    refunded,
    due,
    cashDue: Math.max(0, roundCash(due, order.cashRoundingStep).rounded),
  };
  return { totals, lines };
}

/**
 * Computes the totals of an order (what the till shows, the receipt prints and
 * the order document snapshots in `totals`). See {@link computeOrderBreakdown}.
 */
export function computeOrderTotals(order: PricedOrder): OrderTotals {
  return compute(order, false).totals;
}

/**
 * Whether an order's stored `totals` snapshot equals a fresh computation; the
 * server uses it to reject documents whose totals were tampered with or
 * computed by an incompatible core version.
 */
export function totalsMatch(order: PricedOrder & Pick<OrderDoc, 'totals'>): boolean {
  return deepEqual(computeOrderTotals(order), order.totals);
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) =>
    deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]),
  );
}
