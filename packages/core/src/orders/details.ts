import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { ORDER_LWW_FIELDS, stampEdits } from './edits';
import { OrderError } from './errors';
import { EDITABLE_STATUSES, assertStatus } from './lifecycle';
import type { OrderDoc } from './schemas';

/** Fields of {@link updateOrderDetails}; omitted ones are left as they are. */
export interface OrderDetails {
  readonly type?: OrderDoc['type'];
  readonly table?: string | null;
  readonly covers?: number | null;
  readonly customerName?: string | null;
  readonly notes?: string;
}

/**
 * Changes how an open order is served (type, table, covers, customer name) or its notes, stamping
 * each changed field's clock so that two tills editing the same order keep the latest edit of
 * each field (see `mergeOrders`). The one writer of these fields ({@link setOrderService} checks
 * a cashier's input and calls it).
 * @throws {IllegalTransitionError} unless open or sent
 * @throws {OrderError} `ORDER_INVALID_INPUT` for a table or covers on a takeaway order
 */
export function updateOrderDetails(
  order: OrderDoc,
  details: OrderDetails,
  ctx: OrderContext,
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'change');
  const fields = ORDER_LWW_FIELDS.filter(
    (f) => f !== 'discount' && details[f] !== undefined && details[f] !== order[f],
  );
  const next = { ...order, ...details };
  if (next.type !== 'dineIn' && (next.table !== null || next.covers !== null))
    throw new OrderError('ORDER_INVALID_INPUT', 'takeaway orders have no table or covers');
  if (fields.length === 0) return order;
  return commitOrder({ ...next, edits: stampEdits(order.edits, fields, ctx) }, ctx);
}
