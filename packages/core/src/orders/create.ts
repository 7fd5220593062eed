import { z } from 'zod';
import { idSchema, isoDateSchema } from '../common/document';
import { currencyCodeSchema } from '../money/currency';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { OrderError } from './errors';
import { ORDER_SCHEMA_VERSION, orderTypeSchema, type OrderDoc } from './schemas';
import { ticketCodeSchema } from './ticket-number';

/** Input of {@link createOrder}. */
export const createOrderInputSchema = z
  .object({
    branchId: idSchema,
    tillId: idSchema,
    businessDay: isoDateSchema,
    ticketNumber: z.number().int().positive(),
    ticketCode: ticketCodeSchema.default(''),
    type: orderTypeSchema,
    table: z.string().min(1).nullable().default(null),
    covers: z.number().int().positive().nullable().default(null),
    customerName: z.string().nullable().default(null),
    currency: currencyCodeSchema,
    cashRoundingStep: z.number().int().positive().default(1),
    shiftId: idSchema.nullable().default(null),
    notes: z.string().default(''),
  })
  .refine((o) => o.type === 'dineIn' || (o.table === null && o.covers === null), {
    message: 'takeaway orders have no table or covers',
    path: ['table'],
  });
/** Input of {@link createOrder}. */
export type CreateOrderInput = z.input<typeof createOrderInputSchema>;

/**
 * Creates an empty open order. The id comes from `ctx.newId` (UUIDv7 in
 * production); the ticket number from `nextTicketNumber`, the code from the
 * till's pairing (see `ticketLabel`).
 * @throws {OrderError} `ORDER_INVALID_INPUT` with the zod message for bad input
 */
export function createOrder(input: CreateOrderInput, ctx: OrderContext): OrderDoc {
  const parsed = createOrderInputSchema.safeParse(input);
  if (!parsed.success) throw new OrderError('ORDER_INVALID_INPUT', z.prettifyError(parsed.error));
  const i = parsed.data;
  const order: OrderDoc = {
    id: ctx.newId(),
    schemaVersion: ORDER_SCHEMA_VERSION,
    branchId: i.branchId,
    updatedAt: ctx.at,
    tillId: i.tillId,
    businessDay: i.businessDay,
    ticketNumber: i.ticketNumber,
    ticketCode: i.ticketCode,
    shiftId: i.shiftId,
    type: i.type,
    table: i.table,
    covers: i.covers,
    customerName: i.customerName,
    status: 'open',
    currency: i.currency,
    cashRoundingStep: i.cashRoundingStep,
    createdAt: ctx.at,
    createdBy: ctx.by,
    notes: i.notes,
    lines: [],
    discount: null,
    voids: [],
    payments: [],
    cashRounding: 0,
    refunds: [],
    firedCourses: [],
    printRequests: [],
    statusHistory: [{ status: 'open', at: ctx.at, by: ctx.by }],
    splitFromOrderId: null,
    voidReason: null,
    totals: emptyOrderTotals(),
  };
  return commitOrder(order, ctx);
}

/** The totals of an order with nothing on it: the placeholder a new order starts from before `commitOrder` computes real ones. */
export function emptyOrderTotals(): OrderDoc['totals'] {
  return {
    subtotal: 0,
    lineDiscounts: 0,
    orderDiscount: 0,
    discountTotal: 0,
    taxes: [],
    taxTotal: 0,
    total: 0,
    cashRounding: 0,
    totalDue: 0,
    paid: 0,
    tips: 0,
    change: 0,
    refunded: 0,
    due: 0,
    cashDue: 0,
  };
}
