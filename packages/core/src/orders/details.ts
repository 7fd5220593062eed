import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { ORDER_LWW_FIELDS, stampEdits } from './edits';
import { OrderError } from './errors';
import { EDITABLE_STATUSES, assertStatus } from './lifecycle';
import type { OrderDoc } from './schemas';

/** Fields of {@link updateOrderDetails}; omitted ones are left as they are. */
export interface OrderDetails {
  readonly table?: string | null;
  readonly covers?: number | null;
  readonly customerName?: string | null;
  readonly notes?: string;
}

/**
 * Changes the table, covers, customer name or notes of an open order, stamping each changed
 * field's clock so that two tills editing the same order keep the latest edit of each field
 * (see `mergeOrders`).
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
    (f) => f !== 'discount' && f !== 'type' && details[f] !== undefined && details[f] !== order[f],
  );
  if (order.type === 'takeaway' && (details.table != null || details.covers != null))
    throw new OrderError('ORDER_INVALID_INPUT', 'takeaway orders have no table or covers');
  if (fields.length === 0) return order;
  return commitOrder({ ...order, ...details, edits: stampEdits(order.edits, fields, ctx) }, ctx);
}
