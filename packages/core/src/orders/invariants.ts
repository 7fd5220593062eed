import { MoneyError } from '../money/money';
import { OrderError } from './errors';
import { activeQuantity } from './line-amounts';
import { stationTicketKey, stationTickets } from '../kitchen/status';
import { isFrozenStatus } from './lifecycle';
import type { OrderDoc } from './schemas';
import type { OrderTotals } from './totals-schema';
import { computeOrderTotals } from './totals';

/**
 * Business invariants every order produced by this package satisfies. The sync server checks
 * them on every push (after zod parsing, `sync/order-rules.ts`), so a buggy or tampered till
 * cannot store an order whose money does not add up:
 * - `totals` equals `computeOrderTotals(order)` and the total is not negative;
 * - ids are unique (lines, voids, payments, refunds, print requests); voids and refunds name
 *   lines of the order; per line, voided ≤ ordered, fired ≤ active, the void records add up to
 *   `voidedQuantity`, refunded units ≤ active units;
 * - no payment is larger than the whole order before voids and discounts (cash change is recorded
 *   as `change`, never as an overpayment); cash: tendered = amount + tip + change; card/other: no
 *   tendered, no change. Payments together may exceed the amount due only when two tills took
 *   them at once (see `mergeOrders`, `overpaidAmount`); each one was within the due of its till;
 * - no refund is larger than what was paid, and every refund names its approving manager;
 * - kitchen bumps name a station ticket of the order; a recall undoes bumps of its own ticket;
 * - `paid`, `closed` and `refunded` orders have items and nothing left due; a `refunded` order is
 *   refunded in full; a `voided` order has no payments.
 * Returns human-readable problems; empty means the order is consistent.
 */
export function checkOrderInvariants(order: OrderDoc): string[] {
  let expected: OrderTotals;
  try {
    expected = computeOrderTotals(order);
  } catch (error) {
    // Amounts so large that the sums leave safe integers: nothing else can be checked.
    if (error instanceof MoneyError) return [`amounts are out of range: ${error.message}`];
    throw error;
  }
  const problems: string[] = [];
  const field = (Object.keys(expected) as (keyof OrderTotals)[]).find(
    (key) => JSON.stringify(expected[key]) !== JSON.stringify(order.totals[key]),
  );
  if (field) {
    problems.push(
      `stored totals do not match the recomputed totals (${field}: expected ${JSON.stringify(expected[field])})`,
    );
  }
  problems.push(
    ...duplicateIds(order),
    ...lineProblems(order),
    ...paymentProblems(order),
    ...kitchenBumpProblems(order),
  );
  const t = order.totals;
  if (t.total < 0) problems.push(`the total is negative (${t.total})`);
  if (t.paid > t.totalDue && order.payments.some((p) => p.amount > paymentCeiling(order)))
    problems.push('a payment exceeds the whole order');
  for (const r of order.refunds) {
    if (!r.approvedBy) problems.push(`refund ${r.id} has no approving manager`);
    if (r.amount > t.paid) problems.push(`refund ${r.id} exceeds what was paid`);
  }
  const settled = isFrozenStatus(order.status) && order.status !== 'voided';
  if (settled && t.due !== 0) problems.push(`order is ${order.status} but ${t.due} is still due`);
  if (settled && !order.lines.some((l) => activeQuantity(l) > 0))
    problems.push(`order is ${order.status} but has no items`);
  if (settled && order.payments.length === 0)
    problems.push(`order is ${order.status} but has no payment`);
  if (order.status === 'refunded' && t.refunded < t.paid)
    problems.push('order is refunded but not in full');
  if (order.status === 'voided' && order.payments.length > 0)
    problems.push('a voided order has payments');
  return problems;
}

/**
 * The most one payment can be: the order's total with every unit ordered and no discount, plus a
 * cash rounding step. A till never takes more than its due, which is at most that (merges only add
 * units and voids), so a larger payment is a tampered or broken document.
 */
function paymentCeiling(order: OrderDoc): number {
  const undiscounted = computeOrderTotals({
    ...order,
    lines: order.lines.map((l) => ({ ...l, voidedQuantity: 0, discount: null })),
    discount: null,
    cashRounding: 0,
  });
  return Math.max(undiscounted.total, order.totals.totalDue) + order.cashRoundingStep;
}

function duplicateIds(order: OrderDoc): string[] {
  const lists = {
    line: order.lines,
    void: order.voids,
    payment: order.payments,
    refund: order.refunds,
    'print request': order.printRequests,
    'kitchen bump': order.kitchenBumps,
  };
  return Object.entries(lists)
    .filter(([, list]) => new Set(list.map((x) => x.id)).size !== list.length)
    .map(([kind]) => `duplicate ${kind} ids`);
}

function lineProblems(order: OrderDoc): string[] {
  const problems: string[] = [];
  const voided = new Map<string, number>();
  const refunded = new Map<string, number>();
  const lineIds = new Set(order.lines.map((l) => l.id));
  for (const v of order.voids) {
    if (!lineIds.has(v.lineId)) problems.push(`void ${v.id} names unknown line ${v.lineId}`);
    voided.set(v.lineId, (voided.get(v.lineId) ?? 0) + v.quantity);
  }
  for (const r of order.refunds) {
    const units = new Map<string, number>();
    for (const rl of r.lines) {
      if (!lineIds.has(rl.lineId)) problems.push(`refund ${r.id} names unknown line ${rl.lineId}`);
      units.set(rl.lineId, (units.get(rl.lineId) ?? 0) + rl.quantity);
    }
    // Per refund: two tills refunding the same unit at once both gave money back (both kept).
    for (const [lineId, n] of units) refunded.set(lineId, Math.max(refunded.get(lineId) ?? 0, n));
  }
  for (const line of order.lines) {
    if (line.voidedQuantity > line.quantity)
      problems.push(`line ${line.id} voids more than it ordered`);
    if ((voided.get(line.id) ?? 0) !== line.voidedQuantity)
      problems.push(`line ${line.id}: the void records do not add up to its voided quantity`);
    // Against units ordered: a void racing a send on another till leaves fired units voided until
    // the next send's VOID ticket settles them (kitchen routing).
    if (line.firedQuantity > line.quantity)
      problems.push(`line ${line.id} has more fired units than it ordered`);
    // Against units ordered: a void racing a refund on another till may leave fewer active.
    if ((refunded.get(line.id) ?? 0) > line.quantity)
      problems.push(`line ${line.id} refunds more units than were sold`);
  }
  return problems;
}

function kitchenBumpProblems(order: OrderDoc): string[] {
  if (order.kitchenBumps.length === 0) return [];
  const problems: string[] = [];
  const tickets = new Set(stationTickets(order).map((t) => t.key));
  const ticketOfBump = new Map(
    order.kitchenBumps.filter((b) => b.kind === 'bump').map((b) => [b.id, stationTicketKey(b)]),
  );
  for (const b of order.kitchenBumps) {
    const key = stationTicketKey(b);
    if (!tickets.has(key)) problems.push(`kitchen bump ${b.id} names unknown ticket ${key}`);
    if (b.kind === 'recall' && b.undoes.some((id) => ticketOfBump.get(id) !== key))
      problems.push(`recall ${b.id} undoes something other than a bump of its ticket`);
  }
  return problems;
}

function paymentProblems(order: OrderDoc): string[] {
  const problems: string[] = [];
  for (const p of order.payments) {
    if (p.method === 'cash') {
      if (p.tendered !== null && p.tendered !== p.amount + p.tip + p.change)
        problems.push(`cash payment ${p.id}: tendered ≠ amount + tip + change`);
      if (p.tendered === null && p.change !== 0)
        problems.push(`cash payment ${p.id}: change without a tendered amount`);
    } else if (p.tendered !== null || p.change !== 0) {
      // Only cash gives change: a card or voucher paying more than due is an overpayment.
      problems.push(`${p.method} payment ${p.id}: only cash has a tendered amount and change`);
    }
  }
  return problems;
}

/**
 * Throws when {@link checkOrderInvariants} finds problems.
 * @throws {OrderError} `ORDER_INVALID_INPUT` listing every problem
 */
export function assertOrderInvariants(order: OrderDoc): void {
  const problems = checkOrderInvariants(order);
  if (problems.length > 0) {
    throw new OrderError(
      'ORDER_INVALID_INPUT',
      `order ${order.id} is inconsistent: ${problems.join('; ')}`,
    );
  }
}
