import { EDITABLE_STATUSES } from '../orders/lifecycle';
import type { OrderStatus } from '../orders/schemas';

const DAY_MS = 86_400_000;

/**
 * Statuses that keep an order on every till of its branch whatever its age: the ones in which it
 * can still be edited (a table left open overnight is still the branch's table).
 */
export const SHARED_ORDER_STATUSES: readonly OrderStatus[] = EDITABLE_STATUSES;

/**
 * Start of the window of closed orders a till pulls: orders written (by the server's clock) at or
 * after this instant reach the till whatever their status; older ones only while open.
 * @param now epoch ms
 * @param historyDays the branch's `orderHistoryDays`
 */
export function orderWindowStart(now: number, historyDays: number): number {
  return now - historyDays * DAY_MS;
}
