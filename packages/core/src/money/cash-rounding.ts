import { MoneyError, assertMinorUnits, type MinorUnits } from './money';

/** Result of rounding a cash amount: what to collect and the rounding line to print. */
export interface CashRounding {
  /** The amount the customer pays in cash (a multiple of the step). */
  readonly rounded: MinorUnits;
  /** `rounded - amount`; printed as its own "Rounding" line (negative favours the customer). */
  readonly adjustment: MinorUnits;
}

/**
 * Rounds a cash amount to the branch's smallest usable coin step (e.g. 5 for
 * 0.05 in Switzerland or Finland), half up (away from zero), e.g. 1002 → 1000,
 * 1003 → 1005. Step 1 means no rounding. Only cash is rounded; cards pay the
 * exact total, which is why the adjustment is reported separately.
 * @throws {MoneyError} when the step is not a positive integer
 */
export function roundCash(amount: MinorUnits, step: number): CashRounding {
  assertMinorUnits(amount);
  if (!Number.isSafeInteger(step) || step < 1) {
    throw new MoneyError(
      'MONEY_INVALID_ARGUMENT',
      `cash rounding step must be a positive integer, got ${step}`,
    );
  }
  const abs = Math.abs(amount);
  const remainder = abs % step;
  const down = abs - remainder;
  const absRounded = remainder * 2 >= step ? down + step : down;
  // Avoid -0, which breaks equality checks downstream.
  const rounded = amount < 0 && absRounded !== 0 ? -absRounded : absRounded;
  return { rounded: assertMinorUnits(rounded, 'rounded amount'), adjustment: rounded - amount };
}
