import { roundCash } from '../money/cash-rounding';
import { assertMinorUnits } from '../money/money';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { OrderError } from './errors';
import { EDITABLE_STATUSES, assertStatus, withStatus } from './lifecycle';
import type { OrderDoc, Payment } from './schemas';
import { computeOrderTotals } from './totals';
import { newPrintRequest } from './print-request';

/** Input of {@link addPayment}. */
export type AddPaymentInput =
  | {
      readonly method: 'cash';
      /** Cash handed over. */
      readonly tendered: number;
      /** Part of the due to pay (default: all of it, rounded to the cash step, or less if tendered is short). */
      readonly amount?: number;
      readonly tip?: number;
    }
  | {
      readonly method: 'card';
      readonly amount?: number;
      readonly tip?: number;
      /** Terminal / acquirer reference (e.g. authorization code). */
      readonly reference: string;
    }
  | {
      readonly method: 'other';
      readonly amount?: number;
      readonly tip?: number;
      /** What it was (voucher, meal ticket, bank transfer…). */
      readonly label: string;
      readonly reference?: string;
    };

/** Options of {@link addPayment}. */
export interface AddPaymentOptions {
  /** Till taking the payment (default: the order's till). */
  readonly tillId?: string;
  /** Shift whose drawer takes it (default: the order's shift). */
  readonly shiftId?: string | null;
  /** Record a `receipt` print request when this payment settles the order (default true). */
  readonly printReceipt?: boolean;
}

/**
 * Records a payment (one of possibly several: split payments). When the
 * order becomes fully paid it moves to `paid` and, unless declined, a
 * `receipt` print request is recorded in the same update.
 *
 * Cash: with no `amount`, pays the whole due rounded to the branch cash step
 * (or everything tendered if less). Paying exactly the rounded due settles
 * the order and stores the difference as `cashRounding` (its own receipt
 * line). `change` = tendered − amount − tip.
 * @throws {OrderError} `ORDER_OVERPAYMENT` when paying more than is due, `ORDER_INVALID_AMOUNT` for bad amounts
 * @throws {IllegalTransitionError} unless the order is open or sent
 */
export function addPayment(
  order: OrderDoc,
  input: AddPaymentInput,
  ctx: OrderContext,
  options: AddPaymentOptions = {},
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'take a payment for');
  const totals = computeOrderTotals(order);
  const tip = assertMinorUnits(input.tip ?? 0, 'tip');
  if (tip < 0) throw new OrderError('ORDER_INVALID_AMOUNT', 'a tip cannot be negative');
  const due = totals.due;
  const cashDue = roundCash(due, order.cashRoundingStep).rounded;
  let amount: number;
  let tendered: number | null = null;
  let change = 0;
  let cashRounding = order.cashRounding;
  if (input.method === 'cash') {
    tendered = assertMinorUnits(input.tendered, 'tendered cash');
    amount = assertMinorUnits(
      input.amount ?? Math.min(cashDue, Math.max(0, tendered - tip)),
      'payment amount',
    );
    if (amount + tip > tendered) {
      throw new OrderError(
        'ORDER_INVALID_AMOUNT',
        `tendered ${tendered} does not cover ${amount + tip}`,
      );
    }
    // The exact due is always acceptable; the rounded due settles with a rounding line.
    if (amount > Math.max(cashDue, due)) {
      throw new OrderError(
        'ORDER_OVERPAYMENT',
        `paying ${amount} but only ${cashDue} is due in cash`,
      );
    }
    if (amount === cashDue && cashDue !== due) cashRounding += cashDue - due;
    change = tendered - amount - tip;
  } else {
    amount = assertMinorUnits(input.amount ?? due, 'payment amount');
    if (amount > due)
      throw new OrderError('ORDER_OVERPAYMENT', `paying ${amount} but only ${due} is due`);
  }
  if (amount < 0) throw new OrderError('ORDER_INVALID_AMOUNT', 'a payment cannot be negative');
  // A due below half a cash step rounds to 0: a 0 cash payment then settles it.
  if (amount === 0 && due > 0 && cashRounding === order.cashRounding) {
    throw new OrderError('ORDER_INVALID_AMOUNT', 'a payment must pay something');
  }
  if (!order.lines.some((l) => l.quantity > l.voidedQuantity)) {
    throw new OrderError('ORDER_EMPTY', 'cannot take payment for an order without items');
  }
  const payment: Payment = {
    id: ctx.newId(),
    method: input.method,
    amount,
    tip,
    tendered,
    change,
    reference:
      input.method === 'card'
        ? input.reference
        : input.method === 'other'
          ? (input.reference ?? null)
          : null,
    label: input.method === 'other' ? input.label : null,
    at: ctx.at,
    by: ctx.by,
    tillId: options.tillId ?? order.tillId,
    shiftId: options.shiftId === undefined ? order.shiftId : options.shiftId,
  };
  let next: OrderDoc = { ...order, payments: [...order.payments, payment], cashRounding };
  if (computeOrderTotals(next).due === 0) {
    next = withStatus(next, 'paid', ctx.at, ctx.by);
    if (options.printReceipt ?? true) {
      next = {
        ...next,
        printRequests: [...next.printRequests, newPrintRequest('receipt', ctx)],
      };
    }
  }
  return commitOrder(next, ctx);
}

/**
 * Closes a paid order (table cleared / day closed). Closed orders can still be refunded.
 * @throws {IllegalTransitionError} unless the order is paid
 */
export function closeOrder(order: OrderDoc, ctx: OrderContext): OrderDoc {
  assertStatus(order, ['paid'], 'close');
  return commitOrder(withStatus(order, 'closed', ctx.at, ctx.by), ctx);
}
