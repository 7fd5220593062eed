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
  if (weights.length === 0) {
    throw new MoneyError('MONEY_INVALID_ARGUMENT', 'allocate needs at least one weight');
  }
  let total = 0;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0) {
      throw new MoneyError(
        'MONEY_INVALID_ARGUMENT',
        `allocation weights must be non-negative integers, got ${w}`,
      );
    }
    total += w;
  }
  if (total === 0) {
    if (amount === 0) return weights.map(() => 0);
    throw new MoneyError(
      'MONEY_INVALID_ARGUMENT',
      'cannot allocate a non-zero amount over weights that sum to 0',
    );
  }
  const abs = Math.abs(amount);
  // Exact in doubles while every product abs × weight stays a safe integer; else BigInt.
  const parts =
    Number.isSafeInteger(total) && abs * total <= Number.MAX_SAFE_INTEGER
      ? allocateSafe(abs, weights, total)
      : allocateBig(abs, weights);
  if (amount < 0)
    for (let i = 0; i < parts.length; i++) parts[i] = parts[i] === 0 ? 0 : -(parts[i] ?? 0);
  return parts;
}

/** Distributes `leftover` units to the largest remainders (ties to the earlier index). */
function distribute<R extends number | bigint>(
  parts: number[],
  rems: R[],
  leftover: number,
): number[] {
  if (leftover === 0) return parts;
  const order = rems.map((_, i) => i);
  order.sort((a, b) => {
    const ra = rems[a] as R;
    const rb = rems[b] as R;
    return ra === rb ? a - b : ra > rb ? -1 : 1;
  });
  for (let i = 0; i < leftover; i++) {
    const idx = order[i % order.length] ?? 0;
    parts[idx] = (parts[idx] ?? 0) + 1;
  }
  return parts;
}

function allocateSafe(abs: number, weights: readonly number[], total: number): number[] {
  const parts: number[] = [];
  const rems: number[] = [];
  let given = 0;
  for (const w of weights) {
    const exact = abs * w;
    const rem = exact % total;
    const part = (exact - rem) / total;
    parts.push(part);
    rems.push(rem);
    given += part;
  }
  return distribute(parts, rems, abs - given);
}

function allocateBig(abs: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, w) => a + BigInt(w), 0n);
  const big = BigInt(abs);
  const parts: number[] = [];
  const rems: bigint[] = [];
  let given = 0n;
  for (const w of weights) {
    const exact = big * BigInt(w);
    const part = exact / total;
    parts.push(Number(part));
    rems.push(exact % total);
    given += part;
  }
  return distribute(parts, rems, Number(big - given));
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
