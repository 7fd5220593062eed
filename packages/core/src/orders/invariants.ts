import { OrderError } from './errors';
import { activeQuantity } from './line-amounts';
import type { OrderDoc } from './schemas';
import { totalsMatch } from './totals';

/**
 * Business invariants every order produced by this package satisfies. The
 * sync server checks them on push (after zod parsing) so a buggy or
 * tampered till cannot store an order whose money does not add up.
 * Returns human-readable problems; empty means the order is consistent.
 */
export function checkOrderInvariants(order: OrderDoc): string[] {
  const problems: string[] = [];
  if (!totalsMatch(order)) problems.push('stored totals do not match the recomputed totals');
  const ids = new Set<string>();
  for (const line of order.lines) {
    if (ids.has(line.id)) problems.push(`duplicate line id ${line.id}`);
    ids.add(line.id);
    if (line.voidedQuantity > line.quantity)
      problems.push(`line ${line.id} voids more than it ordered`);
    if (line.firedQuantity > Math.max(0, activeQuantity(line))) {
      problems.push(`line ${line.id} has more fired than active units`);
    }
  }
  const t = order.totals;
  if (t.paid > t.totalDue) problems.push('payments exceed the amount due');
  if (t.refunded > t.paid) problems.push('refunds exceed payments');
  for (const r of order.refunds) {
    for (const rl of r.lines)
      if (!ids.has(rl.lineId)) problems.push(`refund ${r.id} names unknown line ${rl.lineId}`);
  }
  for (const p of order.payments) {
    if (p.method === 'cash' && p.tendered !== null && p.tendered !== p.amount + p.tip + p.change) {
      problems.push(`cash payment ${p.id}: tendered ≠ amount + tip + change`);
    }
  }
  const settled =
    order.status === 'paid' || order.status === 'closed' || order.status === 'refunded';
  if (settled && t.due !== 0) problems.push(`order is ${order.status} but ${t.due} is still due`);
  if (order.status === 'refunded' && t.refunded !== t.paid)
    problems.push('order is refunded but not in full');
  if (order.status === 'voided' && order.payments.length > 0)
    problems.push('a voided order has payments');
  const requestIds = new Set(order.printRequests.map((r) => r.id));
  if (requestIds.size !== order.printRequests.length) problems.push('duplicate print request ids');
  return problems;
}

/**
 * Throws when {@link checkOrderInvariants} finds problems.
 * @throws {OrderError} `ORDER_INVALID_INPUT` listing every problem
 */
export function assertOrderInvariants(order: OrderDoc): void {
  const problems = checkOrderInvariants(order);
  if (problems.length > 0) {
    throw new OrderError(
      'ORDER_INVALID_INPUT',
      `order ${order.id} is inconsistent: ${problems.join('; ')}`,
    );
  }
}
