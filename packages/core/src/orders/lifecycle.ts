import { IllegalTransitionError } from './errors';
import type { OrderDoc, OrderStatus } from './schemas';

/**
 * Allowed status transitions:
 * open → sent (kitchen send) | paid (takeaway paid at once) | voided;
 * sent → sent (another send) | paid | voided;
 * paid → closed | refunded (in full); closed → refunded (in full).
 * A partial refund keeps the order paid/closed with a refund recorded.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  open: ['sent', 'paid', 'voided'],
  sent: ['sent', 'paid', 'voided'],
  paid: ['closed', 'refunded'],
  closed: ['refunded'],
  voided: [],
  refunded: [],
};

/** Whether the order may move from `from` to `to`. */
export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ORDER_TRANSITIONS[from].includes(to);
}

/**
 * Throws unless the order is in one of `allowed` states.
 * @throws {IllegalTransitionError}
 */
export function assertStatus(
  order: Pick<OrderDoc, 'status'>,
  allowed: readonly OrderStatus[],
  action: string,
): void {
  if (!allowed.includes(order.status)) throw new IllegalTransitionError(order.status, action);
}

/** States in which lines, discounts and payments may still change. */
export const EDITABLE_STATUSES: readonly OrderStatus[] = ['open', 'sent'];
/** States after payment (refundable, receipt printable). */
export const SETTLED_STATUSES: readonly OrderStatus[] = ['paid', 'closed'];

/**
 * The order with a new status recorded in `statusHistory` (no-op if unchanged).
 * @throws {IllegalTransitionError} when the transition is not allowed
 */
export function withStatus<T extends OrderDoc>(
  order: T,
  to: OrderStatus,
  at: number,
  by: string,
): T {
  if (order.status === to) return order;
  if (!canTransition(order.status, to))
    throw new IllegalTransitionError(order.status, `move to ${to}`);
  return { ...order, status: to, statusHistory: [...order.statusHistory, { status: to, at, by }] };
}
