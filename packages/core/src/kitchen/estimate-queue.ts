import { activeQuantity } from '../orders/line-amounts';
import type { OrderDoc } from '../orders/schemas';
import {
  estimateReadyMinutes,
  prepWorkOf,
  type PrepEstimateInput,
  type QueuedPrepWork,
} from './estimate';
import { KITCHEN_STATUS_RANK, stationTickets, type StationTicket } from './status';

/** Looks up an item's `prepMinutes` (menu item field); `undefined` when the menu does not say. */
export type PrepMinutesOf = (itemId: string) => number | undefined;

/** The longest `prepMinutes` of the items on a station ticket (0 when none is known). */
export function ticketPrepMinutes(
  order: Pick<OrderDoc, 'lines'>,
  ticket: Pick<StationTicket, 'lines'>,
  prepMinutesOf: PrepMinutesOf,
): number {
  const itemOf = new Map(order.lines.map((l) => [l.id, l.itemId]));
  let prep = 0;
  for (const line of ticket.lines) {
    const itemId = itemOf.get(line.lineId);
    if (itemId !== undefined) prep = Math.max(prep, prepMinutesOf(itemId) ?? 0);
  }
  return prep;
}

/**
 * The kitchen's queue: every live station ticket of `orders` not ready yet (`new` or
 * `preparing`), with its prep time and when it was started. Voided tickets and orders are left out.
 */
export function kitchenQueue(
  orders: readonly OrderDoc[],
  prepMinutesOf: PrepMinutesOf,
): QueuedPrepWork[] {
  const queue: QueuedPrepWork[] = [];
  for (const order of orders) {
    if (order.status === 'voided') continue;
    for (const t of stationTickets(order)) {
      if (t.voided || KITCHEN_STATUS_RANK[t.status] >= KITCHEN_STATUS_RANK.ready) continue;
      queue.push({
        stationId: t.stationId,
        prepMinutes: ticketPrepMinutes(order, t, prepMinutesOf),
        startedAt: t.reached.preparing?.at ?? null,
      });
    }
  }
  return queue;
}

/**
 * Minutes until the units of `order` not sent yet would be ready if sent now, behind every ticket
 * of the other `orders` still in the kitchen (see {@link estimateReadyMinutes}); `null` when
 * nothing new goes to a station.
 */
export function estimateOrderReady(
  order: OrderDoc,
  orders: readonly OrderDoc[],
  options: {
    readonly prepMinutesOf: PrepMinutesOf;
    readonly parallelism?: PrepEstimateInput['parallelism'];
    readonly now: number;
  },
): number | null {
  const unsent = order.lines.map((l) => ({
    stationId: l.stationId,
    itemId: l.itemId,
    quantity: activeQuantity(l) - l.firedQuantity,
  }));
  return estimateReadyMinutes({
    work: prepWorkOf(unsent, options.prepMinutesOf),
    queue: kitchenQueue(
      orders.filter((o) => o.id !== order.id),
      options.prepMinutesOf,
    ),
    ...(options.parallelism ? { parallelism: options.parallelism } : {}),
    now: options.now,
  });
}

/**
 * When the guest was told the order would be ready (epoch ms): the latest kitchen send with an
 * estimate, its time plus the minutes announced; `null` when no send recorded one.
 */
export function orderReadyAt(order: Pick<OrderDoc, 'printRequests'>): number | null {
  for (const r of [...order.printRequests].reverse()) {
    if (r.kind === 'kitchen' && r.readyInMinutes !== null) return r.at + r.readyInMinutes * 60_000;
  }
  return null;
}
