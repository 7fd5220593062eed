import { assertMinorUnits, divRoundHalfAwayFromZero, type MinorUnits } from '../money/money';
import type { DiscountValue } from './discount';
import type { OrderLine } from './schemas';

/** Units of a line still on the order (ordered minus voided). */
export function activeQuantity(line: Pick<OrderLine, 'quantity' | 'voidedQuantity'>): number {
  return line.quantity - line.voidedQuantity;
}

/** Unit price including modifier deltas (never below zero). */
export function unitPriceWithModifiers(
  line: Pick<OrderLine, 'unitPrice' | 'modifiers'>,
): MinorUnits {
  let unit = line.unitPrice;
  for (const m of line.modifiers) unit += m.priceDelta;
  return Math.max(0, assertMinorUnits(unit, 'unit price with modifiers'));
}

/**
 * The amount a discount takes off `base` (minor units): percent rounded half
 * up to the unit, amount capped at the base so nothing goes negative.
 */
export function discountAmount(value: DiscountValue | null, base: MinorUnits): MinorUnits {
  if (!value || base <= 0) return 0;
  if (value.type === 'amount') return Math.min(value.amount, base);
  return Number(divRoundHalfAwayFromZero(BigInt(base) * BigInt(value.basisPoints), 10_000n));
}
