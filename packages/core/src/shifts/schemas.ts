import { z } from 'zod';
import { branchDocumentBase, epochMsSchema, idSchema, isoDateSchema } from '../common/document';
import { minorUnitsSchema, nonNegativeMinorUnitsSchema } from '../money/money';

/** Schema version of `shifts` documents. */
export const SHIFT_SCHEMA_VERSION = 1;

/** Cash put into (`payIn`) or taken out of (`payOut`, e.g. paying a supplier) the drawer. */
export const cashMovementSchema = z.object({
  id: idSchema,
  kind: z.enum(['payIn', 'payOut']),
  amount: nonNegativeMinorUnitsSchema.min(1),
  reason: z.string().min(1),
  at: epochMsSchema,
  by: idSchema,
});
/** A cash movement. */
export type CashMovement = z.infer<typeof cashMovementSchema>;

/** The drawer was opened without a sale (audited, counted on X/Z reports). */
export const noSaleSchema = z.object({
  id: idSchema,
  reason: z.string().default(''),
  at: epochMsSchema,
  by: idSchema,
});
/** A no-sale drawer opening. */
export type NoSale = z.infer<typeof noSaleSchema>;

/** Cash reconciliation at close: expected (from float, sales, movements) vs. counted. */
export const shiftCloseSchema = z.object({
  at: epochMsSchema,
  by: idSchema,
  expectedCash: minorUnitsSchema,
  countedCash: nonNegativeMinorUnitsSchema,
  /** counted − expected: positive = over, negative = short. */
  overShort: minorUnitsSchema,
  note: z.string().default(''),
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
  cashMovements: z.array(cashMovementSchema).default([]),
  noSales: z.array(noSaleSchema).default([]),
  close: shiftCloseSchema.nullable().default(null),
});
/** A shift document. */
export type ShiftDoc = z.infer<typeof shiftDocSchema>;
