import { z } from 'zod';
import { textSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';
import { nonNegativeMinorUnitsSchema } from '../money/money';

/** How a discount is expressed: a percentage (in basis points, 1000 = 10 %) or a fixed amount. */
export const discountValueSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('percent'), basisPoints: z.number().int().min(1).max(10_000) }),
  z.strictObject({ type: z.literal('amount'), amount: nonNegativeMinorUnitsSchema.min(1) }),
]);
/** A discount value. */
export type DiscountValue = z.infer<typeof discountValueSchema>;

/** A discount applied to a line or to the whole order, with who gave and who approved it. */
export const discountSchema = z.strictObject({
  id: idSchema,
  value: discountValueSchema,
  reason: textSchema.default(''),
  at: epochMsSchema,
  by: idSchema,
  /** Manager who approved it when it exceeded the branch limits, else null. */
  approvedBy: idSchema.nullable().default(null),
});
/** A discount on a line or order. */
export type Discount = z.infer<typeof discountSchema>;
