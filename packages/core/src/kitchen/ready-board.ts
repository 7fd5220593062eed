import { ticketLabel } from '../orders/ticket-number';
import type { OrderDoc } from '../orders/schemas';
import { orderReadyAt } from './estimate-queue';
import { orderKitchenStatus, stationTickets } from './status';

/** Default time a ready number stays on the board when nobody marks it collected: 10 minutes. */
export const DEFAULT_READY_BOARD_TIMEOUT_MS = 10 * 60_000;

/** A number on the customer ready board. */
export interface ReadyBoardEntry {
  readonly orderId: string;
  /** What the guest holds: "A-12". */
  readonly label: string;
  readonly ticketNumber: number;
  /** When it was sent (Preparing) or became ready (Ready). */
  readonly since: number;
  /** When the guest was told it would be ready (`orderReadyAt`), for the Preparing column. */
  readonly readyAt: number | null;
}

/** The two columns of the customer ready board. */
export interface ReadyBoard {
  /** Sent and not ready yet, oldest first. */
  readonly preparing: readonly ReadyBoardEntry[];
  /** Ready and not collected, oldest first; a number leaves when served or after the timeout. */
  readonly ready: readonly ReadyBoardEntry[];
}

/**
 * The ready board from the branch's orders: an order is "preparing" while any live station ticket
 * of it is new or preparing, "ready" once all are ready (since the last of them became ready),
 * and leaves the board when it is served (collected) or `timeoutMs` after it became ready. Voided
 * orders and orders with nothing for the kitchen never show.
 */
export function readyBoard(
  orders: readonly OrderDoc[],
  options: { readonly now: number; readonly timeoutMs?: number },
): ReadyBoard {
  const timeout = options.timeoutMs ?? DEFAULT_READY_BOARD_TIMEOUT_MS;
  const preparing: ReadyBoardEntry[] = [];
  const ready: ReadyBoardEntry[] = [];
  for (const order of orders) {
    if (order.status === 'voided') continue;
    const status = orderKitchenStatus(order);
    if (status === 'none' || status === 'served') continue;
    const live = stationTickets(order).filter((t) => !t.voided);
    const base = {
      orderId: order.id,
      label: ticketLabel(order),
      ticketNumber: order.ticketNumber,
      readyAt: orderReadyAt(order),
    };
    if (status === 'ready') {
      const since = Math.max(...live.map((t) => t.reached.ready?.at ?? t.sentAt));
      if (options.now - since < timeout) ready.push({ ...base, since });
    } else {
      preparing.push({ ...base, since: Math.min(...live.map((t) => t.sentAt)) });
    }
  }
  // Numbers compare as numbers: as text "A-1000" would come before "A-999".
  const byTime = (a: ReadyBoardEntry, b: ReadyBoardEntry) =>
    a.since - b.since || a.ticketNumber - b.ticketNumber || (a.label < b.label ? -1 : 1);
  return { preparing: preparing.sort(byTime), ready: ready.sort(byTime) };
}

/** The numbers ready on `next` that were not on `previous`: what the board chimes for and highlights. */
export function newlyReady(previous: ReadyBoard, next: ReadyBoard): string[] {
  const before = new Set(previous.ready.map((e) => e.orderId));
  return next.ready.filter((e) => !before.has(e.orderId)).map((e) => e.orderId);
}
