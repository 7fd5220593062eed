import { z } from 'zod';
import { listSchema } from '../common/bounds';
import { minorUnitsSchema, nonNegativeMinorUnitsSchema } from '../money/money';
import { taxSummaryRowSchema } from '../tax/tax-summary-schema';

/**
 * Totals of an order, as computed by `computeOrderTotals` and snapshotted in
 * the order document. All amounts are minor units.
 * - `subtotal`: sum of active lines at menu prices (as priced: tax-inclusive or not);
 * - `lineDiscounts` + `orderDiscount` = `discountTotal`;
 * - `taxes`: one row per rate (net + tax = gross exactly), `taxTotal` their tax;
 * - `total` = subtotal − discountTotal + exclusive taxes (what the customer owes);
 * - `cashRounding`: the rounding line when cash settled the order; `totalDue` = total + cashRounding;
 * - `paid` (excl. tips), `tips`, `change` given, `refunded`;
 * - `due` = max(0, totalDue − paid); `cashDue` = `due` rounded to the cash step.
 */
export const orderTotalsSchema = z.strictObject({
  subtotal: minorUnitsSchema,
  lineDiscounts: nonNegativeMinorUnitsSchema,
  orderDiscount: nonNegativeMinorUnitsSchema,
  discountTotal: nonNegativeMinorUnitsSchema,
  taxes: listSchema(taxSummaryRowSchema, 100),
  taxTotal: minorUnitsSchema,
  total: minorUnitsSchema,
  cashRounding: minorUnitsSchema,
  totalDue: minorUnitsSchema,
  paid: nonNegativeMinorUnitsSchema,
  tips: nonNegativeMinorUnitsSchema,
  change: nonNegativeMinorUnitsSchema,
  refunded: nonNegativeMinorUnitsSchema,
  due: nonNegativeMinorUnitsSchema,
  cashDue: nonNegativeMinorUnitsSchema,
});
/** Totals of an order. */
export type OrderTotals = z.infer<typeof orderTotalsSchema>;
