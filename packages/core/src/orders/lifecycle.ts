import { IllegalTransitionError } from './errors';
import { orderStatusSchema, type OrderDoc, type OrderStatus } from './schemas';

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
 * States in which an order is frozen: every status that is not editable. The till's actions refuse
 * to change lines, discounts, payments or voids in these states, and the sync server refuses a push
 * that does (it imports this list; there is no second copy).
 */
export const FROZEN_STATUSES: readonly OrderStatus[] = orderStatusSchema.options.filter(
  (status) => !EDITABLE_STATUSES.includes(status),
);

/**
 * Lists of a frozen order that may still grow, never shrink or change: refunds (`refund`),
 * print requests (receipt copies, refund slips), the status history and the kitchen's bumps (a
 * takeaway is paid before it is cooked; a closed table's plates are still cleared as served).
 */
export const APPEND_ONLY_WHEN_FROZEN = [
  'refunds',
  'printRequests',
  'statusHistory',
  'kitchenBumps',
] as const;

/**
 * Every field of a frozen order that may still change: the append-only lists plus what closing or
 * a refund moves (`status`, the `totals` snapshot, `updatedAt`). Anything else is fixed.
 */
export const MUTABLE_WHEN_FROZEN: readonly (keyof OrderDoc)[] = [
  ...APPEND_ONLY_WHEN_FROZEN,
  'status',
  'totals',
  'updatedAt',
];

/** Whether an order in `status` is frozen (see {@link FROZEN_STATUSES}). */
export function isFrozenStatus(status: OrderStatus): boolean {
  return FROZEN_STATUSES.includes(status);
}

/**
 * Whether `to` can follow `from` through zero or more allowed transitions. A till that was
 * offline pushes only its latest state, so the server sees e.g. `sent` → `closed` (via `paid`).
 */
export function canReach(from: OrderStatus, to: OrderStatus): boolean {
  const seen = new Set<OrderStatus>([from]);
  const queue: OrderStatus[] = [from];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    if (next === to) return true;
    for (const after of ORDER_TRANSITIONS[next]) {
      if (!seen.has(after)) {
        seen.add(after);
        queue.push(after);
      }
    }
  }
  return false;
}

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
