import { containsAll } from './frozen';
import { ORDER_RECORD_LISTS } from './merge';
import type { OrderDoc } from './schemas';

/**
 * Why `next`, a till's new version of an order, cannot replace `stored`, the version on the till
 * now, or null when it can: `next` lacks a record of `stored` (a void, payment, refund, print
 * request, kitchen bump or status entry), or a line of it or some of its units. No action removes
 * any of these, so `next` was computed from an older version than `stored`: one the till read
 * before replication stored another till's change (a close, a payment) under it. Written, that
 * stale version would drop the change here and, pushed over the server's copy it assumed, be
 * refused for ever when the order is frozen (the branch chaos run's seed 7, schedule 595: a close
 * computed from the paid order replaced the close another till made meanwhile). `updatedAt` cannot
 * tell: another till's version carries that till's clock, older than this action's.
 * `linesMoved`: a split's source, whose moved units and lines leave it on purpose.
 */
export function staleOrderWrite(
  stored: OrderDoc,
  next: OrderDoc,
  options: { readonly linesMoved?: boolean } = {},
): string | null {
  for (const key of ORDER_RECORD_LISTS) {
    if (!containsAll(next[key], stored[key]))
      return `it lacks ${key} entries saved since it was read`;
  }
  if (options.linesMoved) return null;
  const lines = new Map(next.lines.map((l) => [l.id, l]));
  for (const line of stored.lines) {
    const now = lines.get(line.id);
    if (!now || now.quantity < line.quantity)
      return `it lacks units of line ${line.id} saved since it was read`;
  }
  return null;
}
