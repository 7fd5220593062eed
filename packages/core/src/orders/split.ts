import { allocate, splitEvenly } from '../money/allocate';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import type { Discount } from './discount';
import { OrderError } from './errors';
import { activeQuantity } from './line-amounts';
import { EDITABLE_STATUSES, assertStatus } from './lifecycle';
import { getLine } from './lines';
import type { OrderDoc, OrderLine } from './schemas';
import type { TicketRef } from './ticket-number';

/** Units of a line to move to the new order. */
export interface SplitMove {
  readonly lineId: string;
  readonly quantity: number;
}

/** Result of {@link splitBill}. */
export interface SplitResult {
  /** The original order without the moved units. */
  readonly source: OrderDoc;
  /** The new order holding the moved units. */
  readonly target: OrderDoc;
}

function splitLineDiscount(
  discount: Discount | null,
  moved: number,
  kept: number,
): [Discount | null, Discount | null] {
  if (!discount || discount.value.type === 'percent') return [discount, discount];
  // An amount discount is shared by units (largest remainder) so the two parts add up to it.
  const [m = 0, k = 0] = allocate(discount.value.amount, [moved, kept]);
  const part = (amount: number) =>
    amount > 0 ? { ...discount, value: { type: 'amount' as const, amount } } : null;
  return [part(m), part(k)];
}

/**
 * Splits the bill by moving units of lines to a new order (same table and
 * kitchen state, its own `ticket` from the till's counter; `splitFromOrderId`
 * points back). Moved units keep
 * their snapshot prices and their kitchen fired state, so nothing is re-sent.
 * Percent discounts apply to both parts; an amount line discount is shared by
 * units; an order-level amount discount stays on the source.
 * @throws {OrderError} `ORDER_HAS_PAYMENTS` once payments exist, `ORDER_INVALID_QUANTITY` for bad moves
 */
export function splitBill(
  order: OrderDoc,
  moves: readonly SplitMove[],
  ctx: OrderContext,
  ticket: TicketRef,
): SplitResult {
  assertStatus(order, EDITABLE_STATUSES, 'split');
  if (order.payments.length > 0) {
    throw new OrderError('ORDER_HAS_PAYMENTS', 'split the bill before taking payments');
  }
  if (moves.length === 0)
    throw new OrderError('ORDER_INVALID_QUANTITY', 'choose at least one item to move');
  const moving = new Map<string, number>();
  for (const m of moves) moving.set(m.lineId, (moving.get(m.lineId) ?? 0) + m.quantity);
  const sourceLines: OrderLine[] = [];
  const targetLines: OrderLine[] = [];
  for (const [lineId, q] of moving) {
    const line = getLine(order, lineId);
    const active = activeQuantity(line);
    if (!Number.isSafeInteger(q) || q < 1 || q > active) {
      throw new OrderError(
        'ORDER_INVALID_QUANTITY',
        `cannot move ${q} of "${line.name}": ${active} on the order`,
      );
    }
  }
  for (const line of order.lines) {
    const q = moving.get(line.id);
    if (q === undefined) {
      sourceLines.push(line);
      continue;
    }
    const active = activeQuantity(line);
    const firedMoved = Math.min(q, line.firedQuantity);
    const announcedMoved = Math.min(q, Math.max(line.announcedQuantity, line.firedQuantity));
    const [movedDiscount, keptDiscount] = splitLineDiscount(line.discount, q, active - q);
    targetLines.push({
      ...line,
      id: q === active && line.voidedQuantity === 0 ? line.id : ctx.newId(),
      quantity: q,
      voidedQuantity: 0,
      firedQuantity: firedMoved,
      announcedQuantity: announcedMoved,
      discount: movedDiscount,
    });
    if (q < active || line.voidedQuantity > 0) {
      sourceLines.push({
        ...line,
        quantity: line.quantity - q,
        firedQuantity: line.firedQuantity - firedMoved,
        announcedQuantity: Math.max(line.announcedQuantity, line.firedQuantity) - announcedMoved,
        discount: keptDiscount,
      });
    }
  }
  const orderDiscount = order.discount?.value.type === 'percent' ? order.discount : null;
  const target: OrderDoc = {
    ...order,
    id: ctx.newId(),
    // Its own ticket: two bills called out or paid under one number would be mixed up.
    ticketNumber: ticket.ticketNumber,
    ticketCode: ticket.ticketCode ?? '',
    createdAt: ctx.at,
    createdBy: ctx.by,
    lines: targetLines,
    discount: orderDiscount,
    voids: [],
    payments: [],
    cashRounding: 0,
    refunds: [],
    printRequests: [],
    // Its tickets stayed with the source order, so do their bumps.
    kitchenBumps: [],
    statusHistory: [{ status: order.status, at: ctx.at, by: ctx.by }],
    splitFromOrderId: order.id,
  };
  return {
    source: commitOrder({ ...order, lines: sourceLines }, ctx),
    target: commitOrder(target, ctx),
  };
}

/**
 * Splits what is still due on an order into `n` equal payments ("split the
 * bill 3 ways"), differing by at most one minor unit and summing exactly to
 * the due. Take each part with `addPayment`.
 * @throws {MoneyError} when n is not a positive integer
 */
export function splitDueEvenly(order: Pick<OrderDoc, 'totals'>, n: number): number[] {
  return splitEvenly(order.totals.due, n);
}
