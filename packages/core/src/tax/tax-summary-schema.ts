import { z } from 'zod';
import { minorUnitsSchema } from '../money/money';
import { rateBasisPointsSchema } from './tax-class';

/** One row of a tax summary: the net, tax and gross of everything at one rate. net + tax = gross exactly. */
export const taxSummaryRowSchema = z.strictObject({
  rateBasisPoints: rateBasisPointsSchema,
  net: minorUnitsSchema,
  tax: minorUnitsSchema,
  gross: minorUnitsSchema,
});
/** One row of a tax summary. */
export type TaxSummaryRow = z.infer<typeof taxSummaryRowSchema>;
