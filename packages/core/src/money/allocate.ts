import { MoneyError, assertMinorUnits, type MinorUnits } from './money';

/**
 * Splits `amount` in proportion to non-negative integer `weights` using the
 * largest-remainder method: every part gets the floor of its exact share, then
 * the leftover units go one by one to the parts with the largest remainders
 * (ties to the earlier part). The parts always sum exactly to `amount`.
 * Negative amounts are split as the mirror of their absolute value.
 *
 * @example allocate(100, [1, 1, 1]) // [34, 33, 33]
 * @throws {MoneyError} on empty/negative/non-integer weights or weights summing to 0 with a non-zero amount
 */
export function allocate(amount: MinorUnits, weights: readonly number[]): MinorUnits[] {
  assertMinorUnits(amount);
  if (weights.length === 0)
    throw new MoneyError('MONEY_INVALID_ARGUMENT', 'allocate needs at least one weight');
  let total = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new MoneyError(
        'MONEY_INVALID_ARGUMENT',
        `allocation weights must be non-negative integers, got ${w}`,
      );
    }
    total += BigInt(w);
  }
  if (total === 0n) {
    if (amount === 0) return weights.map(() => 0);
    throw new MoneyError(
      'MONEY_INVALID_ARGUMENT',
      'cannot allocate a non-zero amount over weights that sum to 0',
    );
  }
  const negative = amount < 0;
  const abs = BigInt(Math.abs(amount));
  const parts: bigint[] = [];
  const remainders: { index: number; rem: bigint }[] = [];
  let given = 0n;
  weights.forEach((w, index) => {
    const exact = abs * BigInt(w);
    const part = exact / total;
    parts.push(part);
    given += part;
    remainders.push({ index, rem: exact % total });
  });
  let leftover = Number(abs - given);
  remainders.sort((a, b) => (a.rem === b.rem ? a.index - b.index : a.rem > b.rem ? -1 : 1));
  for (let i = 0; leftover > 0; i++, leftover--) {
    const target = remainders[i % remainders.length];
    if (target) parts[target.index] = (parts[target.index] ?? 0n) + 1n;
  }
  return parts.map((p) => (negative && p !== 0n ? -Number(p) : Number(p)));
}

/**
 * Splits `amount` into `n` parts as equal as possible (first parts get the extra unit).
 * @example splitEvenly(1000, 3) // [334, 333, 333]
 * @throws {MoneyError} when n is not a positive integer
 */
export function splitEvenly(amount: MinorUnits, n: number): MinorUnits[] {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new MoneyError(
      'MONEY_INVALID_ARGUMENT',
      `cannot split into ${n} parts; need a positive integer`,
    );
  }
  return allocate(
    amount,
    Array.from({ length: n }, () => 1),
  );
}
