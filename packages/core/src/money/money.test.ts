import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MoneyError,
  addMoney,
  allocate,
  assertMinorUnits,
  currencyInfo,
  divRoundHalfAwayFromZero,
  formatMoney,
  minorUnitsSchema,
  multiplyMoney,
  parseMajorUnits,
  roundCash,
  splitEvenly,
  toMajorUnits,
} from './index';

describe('assertMinorUnits', () => {
  it('accepts safe integers', () => {
    expect(assertMinorUnits(0)).toBe(0);
    expect(assertMinorUnits(-1250)).toBe(-1250);
    expect(assertMinorUnits(Number.MAX_SAFE_INTEGER)).toBe(Number.MAX_SAFE_INTEGER);
  });
  it.each([
    [NaN, 'MONEY_NOT_A_NUMBER'],
    [Infinity, 'MONEY_NOT_A_NUMBER'],
    ['12', 'MONEY_NOT_A_NUMBER'],
    [12.5, 'MONEY_NOT_INTEGER'],
    [0.1 + 0.2, 'MONEY_NOT_INTEGER'],
    [Number.MAX_SAFE_INTEGER + 1, 'MONEY_UNSAFE'],
    [-Number.MAX_SAFE_INTEGER - 2, 'MONEY_UNSAFE'],
  ])('rejects %s with %s', (value, code) => {
    try {
      assertMinorUnits(value, 'unit price');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(MoneyError);
      expect((e as MoneyError).code).toBe(code);
      expect((e as MoneyError).message).toContain('unit price');
    }
  });
  it('zod schema rejects fractions and unsafe values', () => {
    expect(minorUnitsSchema.safeParse(12.5).success).toBe(false);
    expect(minorUnitsSchema.safeParse(2 ** 60).success).toBe(false);
    expect(minorUnitsSchema.safeParse(-5).success).toBe(true);
  });
});

describe('arithmetic', () => {
  it('adds and multiplies exactly, refusing overflow', () => {
    expect(addMoney(1, 2, 3)).toBe(6);
    expect(multiplyMoney(1250, 3)).toBe(3750);
    expect(() => multiplyMoney(1250, 1.5)).toThrow(MoneyError);
    expect(() => addMoney(Number.MAX_SAFE_INTEGER, 1)).toThrow(/MAX_SAFE_INTEGER/);
  });
  it('divides rounding half away from zero', () => {
    expect(divRoundHalfAwayFromZero(5n, 2n)).toBe(3n);
    expect(divRoundHalfAwayFromZero(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAwayFromZero(4n, 3n)).toBe(1n);
    expect(divRoundHalfAwayFromZero(5n, -3n)).toBe(-2n);
    expect(() => divRoundHalfAwayFromZero(1n, 0n)).toThrow(MoneyError);
  });
});

describe('currency and formatting', () => {
  it('knows minor digits', () => {
    expect(currencyInfo('EUR').minorDigits).toBe(2);
    expect(currencyInfo('JPY').minorDigits).toBe(0);
    expect(currencyInfo('KWD').minorDigits).toBe(3);
    expect(currencyInfo('MXN').minorDigits).toBe(2);
    expect(() => currencyInfo('euro')).toThrow(MoneyError);
  });
  it('formats with Intl in the given locale', () => {
    expect(formatMoney(123456, 'EUR', 'en-US')).toBe('€1,234.56');
    expect(formatMoney(123456, 'EUR', 'fr-FR').replace(/\s/g, ' ')).toBe('1 234,56 €');
    expect(formatMoney(-5, 'EUR', 'en-US')).toBe('-€0.05');
    expect(formatMoney(500, 'JPY', 'ja-JP')).toMatch(/500/);
    expect(formatMoney(1234, 'KWD', 'en')).toMatch(/1\.234/);
  });
  it('converts to and from major units without float error', () => {
    expect(toMajorUnits(5, 2)).toBe('0.05');
    expect(toMajorUnits(-1205, 2)).toBe('-12.05');
    expect(toMajorUnits(7, 0)).toBe('7');
    expect(parseMajorUnits('12,5', 2)).toBe(1250);
    expect(parseMajorUnits(' -0.07 ', 2)).toBe(-7);
    expect(parseMajorUnits('3', 0)).toBe(3);
    expect(() => parseMajorUnits('1.234', 2)).toThrow(MoneyError);
    expect(() => parseMajorUnits('abc', 2)).toThrow(MoneyError);
  });
  it('round-trips any amount through major units', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 3 }),
        (amount, digits) => {
          expect(parseMajorUnits(toMajorUnits(amount, digits), digits)).toBe(amount);
        },
      ),
    );
  });
});

describe('allocate / splitEvenly', () => {
  it('uses the largest remainder', () => {
    expect(allocate(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(allocate(5, [3, 7])).toEqual([2, 3]);
    expect(allocate(-100, [1, 1, 1])).toEqual([-34, -33, -33]);
    expect(allocate(0, [0, 0])).toEqual([0, 0]);
    expect(allocate(10, [0, 1])).toEqual([0, 10]);
    expect(splitEvenly(1000, 3)).toEqual([334, 333, 333]);
  });
  it('rejects bad weights', () => {
    expect(() => allocate(10, [])).toThrow(MoneyError);
    expect(() => allocate(10, [1, -1])).toThrow(MoneyError);
    expect(() => allocate(10, [0.5])).toThrow(MoneyError);
    expect(() => allocate(10, [0, 0])).toThrow(MoneyError);
    expect(() => splitEvenly(10, 0)).toThrow(MoneyError);
  });
  it('property: parts sum to the whole and stay within one unit of the exact share', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.array(fc.integer({ min: 0, max: 1e6 }), { minLength: 1, maxLength: 30 }),
        (amount, weights) => {
          fc.pre(weights.some((w) => w > 0));
          const parts = allocate(amount, weights);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = (amount * (weights[i] ?? 0)) / total;
            expect(Math.abs(p - exact)).toBeLessThan(1 + 1e-6 * Math.abs(exact));
          });
        },
      ),
    );
  });
  it('property: an even split differs by at most one unit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 50 }),
        (amount, n) => {
          const parts = splitEvenly(amount, n);
          expect(parts).toHaveLength(n);
          expect(parts.reduce((a, b) => a + b, 0)).toBe(amount);
          expect(Math.max(...parts) - Math.min(...parts)).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('roundCash', () => {
  it('rounds half up to the step and reports the adjustment', () => {
    expect(roundCash(1002, 5)).toEqual({ rounded: 1000, adjustment: -2 });
    expect(roundCash(1003, 5)).toEqual({ rounded: 1005, adjustment: 2 });
    expect(roundCash(1005, 5)).toEqual({ rounded: 1005, adjustment: 0 });
    expect(roundCash(1047, 10)).toEqual({ rounded: 1050, adjustment: 3 });
    expect(roundCash(-3, 5)).toEqual({ rounded: -5, adjustment: -2 });
    expect(roundCash(-2, 5)).toEqual({ rounded: 0, adjustment: 2 });
    expect(roundCash(1234, 1)).toEqual({ rounded: 1234, adjustment: 0 });
    expect(() => roundCash(100, 0)).toThrow(MoneyError);
  });
  it('property: result is a multiple of the step within half a step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 1, max: 100 }),
        (amount, step) => {
          const { rounded, adjustment } = roundCash(amount, step);
          expect(rounded % step === 0).toBe(true);
          expect(rounded - amount).toBe(adjustment);
          expect(Math.abs(adjustment) * 2).toBeLessThanOrEqual(step);
        },
      ),
    );
  });
});
