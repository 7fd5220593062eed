import { divRoundHalfAwayFromZero } from '../money/money';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { ManagerApprovalRequiredError, OrderError, RefundExceedsPaidError } from './errors';
import { SETTLED_STATUSES, assertStatus, withStatus } from './lifecycle';
import { getLine } from './lines';
import type { OrderDoc, PaymentMethod, Refund, RefundLine } from './schemas';
import { computeOrderBreakdown, computeOrderTotals } from './totals';
import { newPrintRequest } from './print-request';

/** Input of {@link refund}: either lines with quantities, or a plain amount. */
export interface RefundInput {
  readonly lines?: readonly { readonly lineId: string; readonly quantity: number }[];
  readonly amount?: number;
  readonly method: PaymentMethod;
  readonly reason: string;
  readonly reference?: string | null;
  /** Manager approving the refund (always required). */
  readonly approvedBy: string | null;
}

/**
 * How much of a line's total `units` of its active units are worth. Using the
 * cumulative value means successive partial refunds of a line add up exactly
 * to the line total.
 */
function valueOfUnits(lineTotal: number, active: number, units: number): number {
  if (units >= active) return lineTotal;
  return Number(divRoundHalfAwayFromZero(BigInt(lineTotal) * BigInt(units), BigInt(active)));
}

/** Amount still refundable on an order: paid minus already refunded. */
export function refundableAmount(order: OrderDoc): number {
  const t = computeOrderTotals(order);
  return t.paid - t.refunded;
}

/**
 * Refunds part or all of a paid order, per line and quantity (priced at what
 * the customer actually paid for those units, discounts and tax included) or
 * as a plain amount. A refund can never exceed what was paid: neither in
 * total nor, per line, more units than were sold. A refund that brings the
 * refunded total to the paid total moves the order to `refunded`. A `refund`
 * print request (refund slip) is recorded in the same update.
 * @throws {ManagerApprovalRequiredError} without `approvedBy`
 * @throws {RefundExceedsPaidError} when the refund exceeds what was paid or sold
 * @throws {OrderError} `ORDER_INVALID_INPUT` for neither/both of lines and amount
 */
export function refund(
  order: OrderDoc,
  input: RefundInput,
  ctx: OrderContext,
  options: { readonly tillId?: string; readonly shiftId?: string | null } = {},
): OrderDoc {
  assertStatus(order, SETTLED_STATUSES, 'refund');
  if (!input.approvedBy)
    throw new ManagerApprovalRequiredError('refund', 'refunds need a manager’s approval');
  const hasLines = input.lines !== undefined && input.lines.length > 0;
  if (hasLines === (input.amount !== undefined)) {
    throw new OrderError(
      'ORDER_INVALID_INPUT',
      'refund either lines with quantities or an amount, not both',
    );
  }
  let amount = 0;
  const refundLines: RefundLine[] = [];
  if (hasLines) {
    const breakdown = computeOrderBreakdown(order);
    for (const req of input.lines ?? []) {
      const line = getLine(order, req.lineId);
      if (!Number.isSafeInteger(req.quantity) || req.quantity < 1) {
        throw new OrderError(
          'ORDER_INVALID_QUANTITY',
          `refund quantity must be at least 1, got ${req.quantity}`,
        );
      }
      const lt = breakdown.lines.find((l) => l.lineId === line.id);
      const active = lt?.quantity ?? 0;
      const prior = [...order.refunds.flatMap((r) => r.lines), ...refundLines].filter(
        (l) => l.lineId === line.id,
      );
      const priorQty = prior.reduce((a, l) => a + l.quantity, 0);
      if (priorQty + req.quantity > active) {
        throw new RefundExceedsPaidError(
          active - priorQty,
          `cannot refund ${req.quantity} × "${line.name}": only ${active - priorQty} left to refund`,
        );
      }
      const total = lt?.total ?? 0;
      const lineAmount =
        valueOfUnits(total, active, priorQty + req.quantity) -
        valueOfUnits(total, active, priorQty);
      refundLines.push({ lineId: line.id, quantity: req.quantity, amount: lineAmount });
      amount += lineAmount;
    }
  } else {
    amount = input.amount ?? 0;
    if (!Number.isSafeInteger(amount) || amount < 1) {
      throw new OrderError(
        'ORDER_INVALID_AMOUNT',
        'a refund amount must be a positive whole number of minor units',
      );
    }
  }
  const refundable = refundableAmount(order);
  if (amount > refundable) {
    throw new RefundExceedsPaidError(
      refundable,
      `cannot refund ${amount}: only ${refundable} was paid and not yet refunded`,
    );
  }
  if (amount === 0)
    throw new OrderError('ORDER_INVALID_AMOUNT', 'nothing to refund for these lines');
  const record: Refund = {
    id: ctx.newId(),
    amount,
    method: input.method,
    lines: refundLines,
    reason: input.reason,
    reference: input.reference ?? null,
    at: ctx.at,
    by: ctx.by,
    approvedBy: input.approvedBy,
    tillId: options.tillId ?? order.tillId,
    shiftId: options.shiftId === undefined ? order.shiftId : options.shiftId,
  };
  let next: OrderDoc = {
    ...order,
    refunds: [...order.refunds, record],
    printRequests: [
      ...order.printRequests,
      newPrintRequest('refund', ctx, { refundId: record.id }),
    ],
  };
  if (amount === refundable) next = withStatus(next, 'refunded', ctx.at, ctx.by);
  return commitOrder(next, ctx);
}
