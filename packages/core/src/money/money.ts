import { z } from 'zod';
import { MAX_AMOUNT } from '../common/bounds';
import { ComandaError } from '../common/errors';

/** An amount of money in integer minor units (cents for EUR). Never a float. */
export type MinorUnits = number;

/** Why an amount was rejected. */
export type MoneyErrorCode =
  'MONEY_NOT_A_NUMBER' | 'MONEY_NOT_INTEGER' | 'MONEY_UNSAFE' | 'MONEY_INVALID_ARGUMENT';

/** Thrown when a value is not a valid amount of minor units or a money operation gets bad arguments. */
export class MoneyError extends ComandaError {
  declare readonly code: MoneyErrorCode;
  /**
   * @param code which rule was broken
   * @param message human-readable explanation
   */
  constructor(code: MoneyErrorCode, message: string) {
    super(code, message);
  }
}

/**
 * Asserts that `value` is a safe integer number of minor units and returns it.
 * Rejects NaN/Infinity, fractions (e.g. `12.5` cents) and anything beyond
 * `Number.MAX_SAFE_INTEGER`, where integer arithmetic stops being exact.
 * @param value the candidate amount
 * @param label what the amount is, used in the error message (e.g. "unit price")
 * @throws {MoneyError}
 */
export function assertMinorUnits(value: unknown, label = 'amount'): MinorUnits {
  if (typeof value !== 'number' || Number.isNaN(value) || !Number.isFinite(value)) {
    throw new MoneyError(
      'MONEY_NOT_A_NUMBER',
      `${label} must be a finite number of minor units, got ${String(value)}`,
    );
  }
  if (!Number.isInteger(value)) {
    throw new MoneyError(
      'MONEY_NOT_INTEGER',
      `${label} must be an integer number of minor units (e.g. cents), got ${value}`,
    );
  }
  if (!Number.isSafeInteger(value)) {
    throw new MoneyError(
      'MONEY_UNSAFE',
      `${label} ${value} is beyond Number.MAX_SAFE_INTEGER and cannot be exact`,
    );
  }
  return value;
}

/**
 * Zod schema of an amount in minor units: an integer within ±{@link MAX_AMOUNT} (may be negative,
 * e.g. a price delta), so sums of amounts stay safe integers.
 */
export const minorUnitsSchema = z
  .number()
  .int('amount must be an integer number of minor units')
  .min(-MAX_AMOUNT)
  .max(MAX_AMOUNT);

/** Zod schema of a non-negative amount in minor units (prices, payments). */
export const nonNegativeMinorUnitsSchema = minorUnitsSchema.nonnegative();

/** Adds amounts of minor units, checking every operand and the result. */
export function addMoney(...amounts: readonly MinorUnits[]): MinorUnits {
  let sum = 0;
  for (const a of amounts) sum += assertMinorUnits(a);
  return assertMinorUnits(sum, 'sum');
}

/**
 * Multiplies an amount by an integer quantity, exactly.
 * @throws {MoneyError} when the quantity is not an integer or the result is unsafe
 */
export function multiplyMoney(amount: MinorUnits, quantity: number): MinorUnits {
  assertMinorUnits(amount);
  if (!Number.isSafeInteger(quantity)) {
    throw new MoneyError('MONEY_INVALID_ARGUMENT', `quantity must be an integer, got ${quantity}`);
  }
  return assertMinorUnits(amount * quantity, 'product');
}

/**
 * Integer division `numerator / denominator` rounded half away from zero,
 * computed with BigInt so large amounts times rates stay exact.
 * Half away from zero makes a refund the exact mirror of its sale.
 */
export function divRoundHalfAwayFromZero(numerator: bigint, denominator: bigint): bigint {
  if (denominator === 0n) throw new MoneyError('MONEY_INVALID_ARGUMENT', 'division by zero');
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const q = (2n * n + d) / (2n * d);
  return negative ? -q : q;
}
