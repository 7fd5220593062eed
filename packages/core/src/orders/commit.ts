import type { OrderContext } from './context';
import { reconciledStatus } from './merge';
import type { OrderDoc } from './schemas';
import { computeOrderTotals } from './totals';

/**
 * Stamps an updated order: `updatedAt` from the context, a fresh `totals` snapshot and the status
 * its money allows (`reconciledStatus`: the same status, unless a merge reopened the order).
 */
export function commitOrder(order: OrderDoc, ctx: Pick<OrderContext, 'at'>): OrderDoc {
  const totals = computeOrderTotals(order);
  return { ...order, updatedAt: ctx.at, totals, status: reconciledStatus(order, totals) };
}
