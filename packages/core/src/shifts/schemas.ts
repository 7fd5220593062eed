import { z } from 'zod';
import { listSchema, textSchema } from '../common/bounds';
import { branchDocumentBase, epochMsSchema, idSchema, isoDateSchema } from '../common/document';
import { minorUnitsSchema, nonNegativeMinorUnitsSchema } from '../money/money';

/** Schema version of `shifts` documents. */
export const SHIFT_SCHEMA_VERSION = 1;

/** Cash put into (`payIn`) or taken out of (`payOut`, e.g. paying a supplier) the drawer. */
export const cashMovementSchema = z.strictObject({
  id: idSchema,
  kind: z.enum(['payIn', 'payOut']),
  amount: nonNegativeMinorUnitsSchema.min(1),
  reason: textSchema.min(1),
  at: epochMsSchema,
  by: idSchema,
});
/** A cash movement. */
export type CashMovement = z.infer<typeof cashMovementSchema>;

/** The drawer was opened without a sale (audited, counted on X/Z reports). */
export const noSaleSchema = z.strictObject({
  id: idSchema,
  reason: textSchema.default(''),
  at: epochMsSchema,
  by: idSchema,
});
/** A no-sale drawer opening. */
export type NoSale = z.infer<typeof noSaleSchema>;

/** Cash reconciliation at close: expected (from float, sales, movements) vs. counted. */
export const shiftCloseSchema = z.strictObject({
  at: epochMsSchema,
  by: idSchema,
  expectedCash: minorUnitsSchema,
  countedCash: nonNegativeMinorUnitsSchema,
  /** counted − expected: positive = over, negative = short. */
  overShort: minorUnitsSchema,
  note: textSchema.default(''),
  /** The manager who approved an over/short beyond the branch's `cashVarianceLimit`. */
  approvedBy: idSchema.nullable().default(null),
});
/** Shift close data. */
export type ShiftClose = z.infer<typeof shiftCloseSchema>;

/**
 * A till shift (`shifts` collection): one cash drawer session from opening
 * float to counted close. Orders and payments reference it by `shiftId`.
 */
export const shiftDocSchema = z.object({
  ...branchDocumentBase(SHIFT_SCHEMA_VERSION),
  tillId: idSchema,
  businessDay: isoDateSchema,
  status: z.enum(['open', 'closed']),
  openedAt: epochMsSchema,
  openedBy: idSchema,
  openingFloat: nonNegativeMinorUnitsSchema,
  currency: z.string().regex(/^[A-Z]{3}$/),
  cashMovements: listSchema(cashMovementSchema).default([]),
  noSales: listSchema(noSaleSchema).default([]),
  close: shiftCloseSchema.nullable().default(null),
});
/** A shift document. */
export type ShiftDoc = z.infer<typeof shiftDocSchema>;
