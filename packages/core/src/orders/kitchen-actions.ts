import { routeKitchen } from '../kitchen/routing';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { OrderError } from './errors';
import { activeQuantity } from './line-amounts';
import { EDITABLE_STATUSES, assertStatus, withStatus } from './lifecycle';
import type { OrderDoc } from './schemas';
import { newPrintRequest } from './print-request';

/** Courses released by a send: everything for takeaway; for dine-in the lowest course on the first send. */
function coursesToRelease(order: OrderDoc): number[] {
  const courses = order.lines
    .filter((l) => l.stationId !== null && activeQuantity(l) > 0)
    .map((l) => l.course);
  if (order.type === 'takeaway')
    return [...new Set([...order.firedCourses, ...courses])].sort((a, b) => a - b);
  if (order.firedCourses.length > 0 || courses.length === 0) return order.firedCourses;
  return [Math.min(...courses)];
}

/**
 * Sends the order to the kitchen: routes new units of released courses,
 * announces held courses and voids removed units, records the tickets as one
 * `kitchen` print request (outbox) in the same order update and moves the
 * order to `sent`. On the first dine-in send the lowest course is released;
 * later courses are held until {@link fireCourse}. `options.readyInMinutes` records the
 * preparation-time estimate given to the guest (see `estimateOrderReady`) on the request.
 * @throws {IllegalTransitionError} unless the order is open or sent
 * @throws {OrderError} `ORDER_EMPTY` without active lines, `ORDER_NOTHING_TO_SEND` when nothing changed since the last send
 */
export function sendToKitchen(
  order: OrderDoc,
  ctx: OrderContext,
  options: { readonly readyInMinutes?: number | null } = {},
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'send to the kitchen');
  if (!order.lines.some((l) => activeQuantity(l) > 0)) {
    throw new OrderError('ORDER_EMPTY', 'add at least one item before sending the order');
  }
  const firedCourses = coursesToRelease(order);
  const routing = routeKitchen(order, { kind: 'send', releasedCourses: firedCourses }, ctx);
  if (routing.tickets.length === 0 && order.status === 'sent') {
    throw new OrderError('ORDER_NOTHING_TO_SEND', 'nothing new to send to the kitchen');
  }
  const next: OrderDoc = {
    ...withStatus(order, 'sent', ctx.at, ctx.by),
    lines: routing.lines,
    firedCourses,
    printRequests:
      routing.tickets.length > 0
        ? [
            ...order.printRequests,
            newPrintRequest('kitchen', ctx, {
              tickets: routing.tickets,
              readyInMinutes: options.readyInMinutes ?? null,
            }),
          ]
        : order.printRequests,
  };
  return commitOrder(next, ctx);
}

/**
 * Releases a held course ("fire mains"): its units go to their stations on
 * `fire` tickets, recorded as a `fire` print request.
 * @throws {IllegalTransitionError} unless the order was sent
 * @throws {OrderError} `ORDER_NOTHING_TO_SEND` when the course is already fired or has nothing to fire
 */
export function fireCourse(order: OrderDoc, course: number, ctx: OrderContext): OrderDoc {
  assertStatus(order, ['sent'], 'fire a course of');
  if (order.firedCourses.includes(course)) {
    throw new OrderError('ORDER_NOTHING_TO_SEND', `course ${course} has already been fired`);
  }
  const routing = routeKitchen(order, { kind: 'fire', course }, ctx);
  if (routing.tickets.length === 0) {
    throw new OrderError('ORDER_NOTHING_TO_SEND', `course ${course} has nothing to fire`);
  }
  return commitOrder(
    {
      ...order,
      lines: routing.lines,
      firedCourses: [...order.firedCourses, course].sort((a, b) => a - b),
      printRequests: [
        ...order.printRequests,
        newPrintRequest('fire', ctx, { tickets: routing.tickets }),
      ],
    },
    ctx,
  );
}

/**
 * Records a reprint of an earlier print request: kitchen tickets are copied
 * and marked `reprint: true` (printed as REPRINT); receipts are re-rendered
 * from the order. A reprint is the only way a ticket prints twice.
 * `options.stationIds` limits a kitchen reprint to those stations (the grill
 * lost its ticket; the bar must not get a second one).
 * @throws {OrderError} `ORDER_PRINT_REQUEST_NOT_FOUND` for an unknown request id, or when no ticket of it went to the chosen stations
 */
export function requestReprint(
  order: OrderDoc,
  requestId: string,
  ctx: OrderContext,
  options: { readonly stationIds?: readonly string[] } = {},
): OrderDoc {
  const original = order.printRequests.find((r) => r.id === requestId);
  if (!original)
    throw new OrderError(
      'ORDER_PRINT_REQUEST_NOT_FOUND',
      `no print request ${requestId} on this order`,
    );
  const only = options.stationIds;
  const tickets = only
    ? original.tickets.filter((t) => only.includes(t.stationId))
    : original.tickets;
  if (only && tickets.length === 0) {
    throw new OrderError(
      'ORDER_PRINT_REQUEST_NOT_FOUND',
      `print request ${requestId} sent no ticket to ${only.join(', ')}`,
    );
  }
  return commitOrder(
    {
      ...order,
      printRequests: [
        ...order.printRequests,
        newPrintRequest('reprint', ctx, {
          tickets: tickets.map((t) => ({ ...t, reprint: true, at: ctx.at, by: ctx.by })),
          reprintOf: original.reprintOf ?? original.id,
          refundId: original.refundId,
        }),
      ],
    },
    ctx,
  );
}

/**
 * Records a customer document print: `bill` (the check, before payment) or
 * `receipt` (after payment).
 * @throws {IllegalTransitionError} bill only while open/sent, receipt only once paid
 */
export function requestCustomerPrint(
  order: OrderDoc,
  kind: 'bill' | 'receipt',
  ctx: OrderContext,
): OrderDoc {
  assertStatus(
    order,
    kind === 'bill' ? EDITABLE_STATUSES : ['paid', 'closed', 'refunded'],
    `print a ${kind} for`,
  );
  return commitOrder(
    {
      ...order,
      printRequests: [...order.printRequests, newPrintRequest(kind, ctx)],
    },
    ctx,
  );
}

/** The latest kitchen print request that sent a ticket to a station (see {@link lastKitchenSends}). */
export interface StationLastSend {
  readonly stationId: string;
  readonly requestId: string;
  /** `kitchen` (a send), `fire` (a course released) or `void`. */
  readonly kind: 'kitchen' | 'fire' | 'void';
  readonly at: number;
}

/**
 * Per station, the most recent send, fire or void that printed there: what a
 * "reprint the grill ticket" button reprints. Reprints themselves are skipped
 * so reprinting twice copies the same original. Stations in first-use order.
 */
export function lastKitchenSends(order: Pick<OrderDoc, 'printRequests'>): StationLastSend[] {
  const byStation = new Map<string, StationLastSend>();
  for (const request of order.printRequests) {
    const kind = request.kind;
    if (kind !== 'kitchen' && kind !== 'fire' && kind !== 'void') continue;
    for (const ticket of request.tickets) {
      byStation.set(ticket.stationId, {
        stationId: ticket.stationId,
        requestId: request.id,
        kind,
        at: request.at,
      });
    }
  }
  return [...byStation.values()];
}
