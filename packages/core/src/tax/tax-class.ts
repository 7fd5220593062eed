import { z } from 'zod';

/**
 * A tax rate in basis points (1/100 of a percent): 1000 = 10 %, 550 = 5.5 %,
 * 810 = 8.1 %. Basis points cover every VAT rate in use in Europe exactly;
 * the demo fixture's `ratePermille` is converted on import (× 10).
 */
export const rateBasisPointsSchema = z.number().int().min(0).max(10_000);

/** The pricing fields of a tax class (also snapshotted into each order line). */
export const taxRuleSchema = z.strictObject({
  /** Rate in basis points, see {@link rateBasisPointsSchema}. */
  rateBasisPoints: rateBasisPointsSchema,
  /** `true`: menu prices include the tax (European VAT); `false`: tax is added on top (US sales tax). */
  inclusive: z.boolean(),
});

/** The pricing fields of a tax class. */
export type TaxRule = z.infer<typeof taxRuleSchema>;

/** Converts a per-mille rate (as in the demo fixture: 100 = 10 %) to basis points. */
export function permilleToBasisPoints(ratePermille: number): number {
  return rateBasisPointsSchema.parse(ratePermille * 10);
}
