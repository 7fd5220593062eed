import { z } from 'zod';
import {
  MAX_QUANTITY,
  listSchema,
  nameSchema,
  quantitySchema,
  textSchema,
  unitCountSchema,
} from '../common/bounds';
import { ticketCodeSchema } from './ticket-number';
import { branchDocumentBase, epochMsSchema, idSchema, isoDateSchema } from '../common/document';
import { currencyCodeSchema } from '../money/currency';
import { minorUnitsSchema, nonNegativeMinorUnitsSchema } from '../money/money';
import { rateBasisPointsSchema } from '../tax/tax-class';
import { discountSchema } from './discount';
import { lineEditsSchema, orderEditsSchema } from './edits';
import { allergenListSchema, allergenNoteSchema } from '../menu/allergens';
import { kitchenBumpSchema } from '../kitchen/status-schema';
import { printRequestSchema } from './print-request';
import { orderTotalsSchema } from './totals-schema';

/**
 * Schema version of `orders` documents written now. Version 2 added the optional `edits` clocks
 * of the merge's last-writer-wins fields; version 1 documents (no clocks) are still read, their
 * missing clocks count as older than any edit.
 */
export const ORDER_SCHEMA_VERSION = 2;

/** Lifecycle states, see `lifecycle.ts` for the allowed transitions. */
export const orderStatusSchema = z.enum(['open', 'sent', 'paid', 'closed', 'voided', 'refunded']);
/** An order status. */
export type OrderStatus = z.infer<typeof orderStatusSchema>;

/** Dine-in (table, covers) or takeaway. */
export const orderTypeSchema = z.enum(['dineIn', 'takeaway']);
/** An order type. */
export type OrderType = z.infer<typeof orderTypeSchema>;

/** A chosen modifier option, snapshotted (name and price at the time of sale). */
export const lineModifierSchema = z.strictObject({
  groupId: idSchema,
  groupName: nameSchema,
  optionId: idSchema,
  name: nameSchema,
  priceDelta: minorUnitsSchema,
});
/** A chosen modifier, snapshotted on the line. */
export type LineModifier = z.infer<typeof lineModifierSchema>;

/**
 * One order line. Everything needed to price, print and report it is a snapshot
 * taken when it was added, so later menu edits never change past orders.
 * Quantities: `quantity` ordered, `voidedQuantity` removed again (kept for
 * void reports), active = quantity − voidedQuantity; `firedQuantity` is how
 * many active units the kitchen was told to prepare and `announcedQuantity`
 * how many it knows about including held courses, which makes routing
 * deterministic (see `routeKitchen`).
 */
export const orderLineSchema = z.strictObject({
  id: idSchema,
  itemId: idSchema,
  name: nameSchema.min(1),
  categoryId: idSchema.nullable().default(null),
  /** Unit price in minor units before modifiers (branch override already applied). */
  unitPrice: nonNegativeMinorUnitsSchema,
  modifiers: listSchema(lineModifierSchema, 100).default([]),
  taxClassId: idSchema,
  taxRateBasisPoints: rateBasisPointsSchema,
  taxInclusive: z.boolean(),
  stationId: idSchema.nullable(),
  /** Course number (1 fires on the first send; higher courses are held until fired). */
  course: z.number().int().min(1).max(9).default(1),
  seat: z.number().int().positive().max(1000).nullable().default(null),
  notes: textSchema.default(''),
  /** The item's allergens when it was added (snapshot, like the name), for screens and tickets. */
  allergens: allergenListSchema.optional(),
  allergenNote: allergenNoteSchema.optional(),
  quantity: quantitySchema,
  voidedQuantity: unitCountSchema.default(0),
  firedQuantity: unitCountSchema.default(0),
  /** Active units the kitchen knows about, fired or held (≥ firedQuantity). */
  announcedQuantity: unitCountSchema.default(0),
  discount: discountSchema.nullable().default(null),
  addedAt: epochMsSchema,
  addedBy: idSchema,
  /**
   * The till that added the line: only it grows the line in place (`addLine`). Two tills growing
   * one line at once would each raise `quantity` from the same value, and the merge (a max) would
   * keep one of the units; another till's units get a line of their own. Absent on lines added
   * before tills shared orders.
   */
  tillId: idSchema.optional(),
  /** Clocks of the last edits of `notes`, `seat`, `course` and `discount` (see `mergeOrders`). */
  edits: lineEditsSchema.optional(),
});
/** An order line. */
export type OrderLine = z.infer<typeof orderLineSchema>;

/** A record of voiding (removing) some quantity of a line. */
export const lineVoidSchema = z.strictObject({
  id: idSchema,
  lineId: idSchema,
  quantity: quantitySchema,
  /** Whether the kitchen had already been sent these units (waste vs. correction). */
  wasFired: z.boolean(),
  reason: textSchema.default(''),
  at: epochMsSchema,
  by: idSchema,
  approvedBy: idSchema.nullable().default(null),
});
/** A line void record. */
export type LineVoid = z.infer<typeof lineVoidSchema>;

/** Payment methods. `other` covers vouchers, meal tickets, bank transfer… (see `label`). */
export const paymentMethodSchema = z.enum(['cash', 'card', 'other']);
/** A payment method. */
export type PaymentMethod = z.infer<typeof paymentMethodSchema>;

/**
 * A payment. `amount` is what it pays of the order (excluding tip); `tip` is
 * extra for staff. Cash: `tendered` handed over and `change` given back
 * (tendered = amount + tip + change). Card: `reference` from the terminal.
 */
export const paymentSchema = z.strictObject({
  id: idSchema,
  method: paymentMethodSchema,
  amount: nonNegativeMinorUnitsSchema,
  tip: nonNegativeMinorUnitsSchema.default(0),
  tendered: nonNegativeMinorUnitsSchema.nullable().default(null),
  change: nonNegativeMinorUnitsSchema.default(0),
  reference: nameSchema.nullable().default(null),
  label: nameSchema.nullable().default(null),
  at: epochMsSchema,
  by: idSchema,
  tillId: idSchema,
  shiftId: idSchema.nullable().default(null),
});
/** A payment. */
export type Payment = z.infer<typeof paymentSchema>;

/** Part of a refund attributed to a line and quantity. */
export const refundLineSchema = z.strictObject({
  lineId: idSchema,
  quantity: quantitySchema,
  amount: nonNegativeMinorUnitsSchema,
});
/** A refunded line part. */
export type RefundLine = z.infer<typeof refundLineSchema>;

/** A refund paid back to the customer (per line/quantity or a plain amount). */
export const refundSchema = z.strictObject({
  id: idSchema,
  amount: nonNegativeMinorUnitsSchema.min(1),
  method: paymentMethodSchema,
  lines: listSchema(refundLineSchema).default([]),
  reason: textSchema.default(''),
  reference: nameSchema.nullable().default(null),
  at: epochMsSchema,
  by: idSchema,
  approvedBy: idSchema.nullable().default(null),
  tillId: idSchema,
  shiftId: idSchema.nullable().default(null),
});
/** A refund. */
export type Refund = z.infer<typeof refundSchema>;

/** A status change, kept for audit and for reports (e.g. when it was paid). */
export const statusChangeSchema = z.strictObject({
  status: orderStatusSchema,
  at: epochMsSchema,
  by: idSchema,
});
/** A status change. */
export type StatusChange = z.infer<typeof statusChangeSchema>;

/**
 * An order (`orders` collection, pushed up by the till that created it).
 * Lines, discounts, payments, refunds, kitchen state and print requests are
 * embedded so one document write is one atomic business event.
 * `totals` is the till's snapshot of `computeOrderTotals(order)`; the server
 * recomputes and compares it.
 */
export const orderDocSchema = z.object({
  ...branchDocumentBase(ORDER_SCHEMA_VERSION),
  schemaVersion: z.union([z.literal(1), z.literal(ORDER_SCHEMA_VERSION)]),
  tillId: idSchema,
  /** Business day (`YYYY-MM-DD`, branch time zone) the ticket number belongs to. */
  businessDay: isoDateSchema,
  /** Human ticket number, per till per business day, starting at 1 (shown with `ticketCode`). */
  ticketNumber: z
    .number()
    .int()
    .positive()
    .max(MAX_QUANTITY * 100),
  /** The till's code ("A"): with the number, unique in the branch and business day ("A-12"). */
  ticketCode: ticketCodeSchema.default(''),
  shiftId: idSchema.nullable().default(null),
  type: orderTypeSchema,
  table: nameSchema.nullable().default(null),
  covers: z.number().int().positive().max(1000).nullable().default(null),
  /** Customer name for takeaway call-outs. */
  customerName: nameSchema.nullable().default(null),
  status: orderStatusSchema,
  currency: currencyCodeSchema,
  /** Snapshot of the branch cash rounding step (minor units). */
  cashRoundingStep: z.number().int().positive().max(100_000).default(1),
  createdAt: epochMsSchema,
  createdBy: idSchema,
  notes: textSchema.default(''),
  lines: listSchema(orderLineSchema).default([]),
  /** Order-level discount, spread over lines in proportion to their amounts. */
  discount: discountSchema.nullable().default(null),
  voids: listSchema(lineVoidSchema).default([]),
  payments: listSchema(paymentSchema).default([]),
  /** Set when a cash payment settled the order at a rounded amount (rounded − exact due). */
  cashRounding: minorUnitsSchema.default(0),
  refunds: listSchema(refundSchema).default([]),
  /** Courses released to the kitchen (course 1 is released by the first send). */
  firedCourses: listSchema(z.number().int().min(1).max(9), 9).default([]),
  printRequests: listSchema(printRequestSchema).default([]),
  /** Kitchen status records of the sent tickets (bumps, recalls, served); see `stationTickets`. */
  kitchenBumps: listSchema(kitchenBumpSchema).default([]),
  statusHistory: listSchema(statusChangeSchema).default([]),
  /** When this order was split off another one. */
  splitFromOrderId: idSchema.nullable().default(null),
  voidReason: textSchema.nullable().default(null),
  /** Clocks of the last edits of `type`, `table`, `covers`, `customerName`, `notes`, `discount`. */
  edits: orderEditsSchema.optional(),
  totals: orderTotalsSchema,
});
/** An order document. */
export type OrderDoc = z.infer<typeof orderDocSchema>;
/** Input type of an order document (fields with defaults may be omitted). */
export type OrderDocInput = z.input<typeof orderDocSchema>;
