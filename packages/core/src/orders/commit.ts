import type { OrderContext } from './context';
import type { OrderDoc } from './schemas';
import { computeOrderTotals } from './totals';

/** Stamps an updated order: `updatedAt` from the context and a fresh `totals` snapshot. */
export function commitOrder(order: OrderDoc, ctx: Pick<OrderContext, 'at'>): OrderDoc {
  return { ...order, updatedAt: ctx.at, totals: computeOrderTotals(order) };
}
