import { z } from 'zod';
import { nameSchema } from '../common/bounds';
import { idSchema, isoDateSchema } from '../common/document';
import { currencyCodeSchema } from '../money/currency';
import { commitOrder } from './commit';
import type { OrderContext } from './context';
import { updateOrderDetails } from './details';
import { OrderError } from './errors';
import { EDITABLE_STATUSES, assertStatus } from './lifecycle';
import { ORDER_SCHEMA_VERSION, orderTypeSchema, type OrderDoc } from './schemas';
import { ticketCodeSchema } from './ticket-number';

/** A table and covers belong to dine-in orders only (creating an order, or setting its service later). */
const TABLE_ONLY_WHEN_DINING_IN: [
  (o: { type: string; table: string | null; covers: number | null }) => boolean,
  { message: string; path: string[] },
] = [
  (o) => o.type === 'dineIn' || (o.table === null && o.covers === null),
  { message: 'takeaway orders have no table or covers', path: ['table'] },
];

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
  .refine(...TABLE_ONLY_WHEN_DINING_IN);
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
    kitchenBumps: [],
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

/** Most covers one order can seat. */
const MAX_COVERS = 1000;

/** Input of {@link setOrderService}: how the order is served, set or changed after it started. */
export const orderServiceInputSchema = z
  .object({
    type: orderTypeSchema,
    table: nameSchema.min(1).nullable().default(null),
    covers: z.number().int().positive().max(MAX_COVERS).nullable().default(null),
    customerName: nameSchema.nullable().default(null),
  })
  .refine(...TABLE_ONLY_WHEN_DINING_IN);
/** Input of {@link setOrderService}. */
export type OrderServiceInput = z.input<typeof orderServiceInputSchema>;

/**
 * Sets how an open or sent order is served: dine-in at a table for some covers, or takeaway for
 * a name. An item tap starts an order of the branch's default type; the table comes after.
 * @throws {OrderError} `ORDER_INVALID_INPUT` with the zod message for bad input
 * @throws {IllegalTransitionError} unless the order is open or sent
 */
export function setOrderService(
  order: OrderDoc,
  input: OrderServiceInput,
  ctx: OrderContext,
): OrderDoc {
  assertStatus(order, EDITABLE_STATUSES, 'change the table of');
  const parsed = orderServiceInputSchema.safeParse(input);
  if (!parsed.success) throw new OrderError('ORDER_INVALID_INPUT', z.prettifyError(parsed.error));
  const { type, table, covers, customerName } = parsed.data;
  return updateOrderDetails(order, { type, table, covers, customerName }, ctx);
}
