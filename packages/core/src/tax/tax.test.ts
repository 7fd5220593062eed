import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MoneyError } from '../money/money';
import { computeTaxSummary, mergeTaxRows, permilleToBasisPoints, taxOfGroup } from './index';

const VAT10 = { rateBasisPoints: 1000, inclusive: true } as const;
const VAT20 = { rateBasisPoints: 2000, inclusive: true } as const;
const SALES_888 = { rateBasisPoints: 888, inclusive: false } as const;

describe('taxOfGroup', () => {
  it('extracts inclusive tax: 11.00 at 10 % is 10.00 + 1.00', () => {
    expect(taxOfGroup(1100, VAT10)).toEqual({ net: 1000, tax: 100, gross: 1100 });
    // 4.50 at 20 %: 450/6 = 75 exactly
    expect(taxOfGroup(450, VAT20)).toEqual({ net: 375, tax: 75, gross: 450 });
    // 2.50 at 10 %: 250/11 = 22.727 → 23
    expect(taxOfGroup(250, VAT10)).toEqual({ net: 227, tax: 23, gross: 250 });
  });
  it('adds exclusive tax, rounding half away from zero', () => {
    expect(taxOfGroup(1000, SALES_888)).toEqual({ net: 1000, tax: 89, gross: 1089 });
    expect(taxOfGroup(625, { rateBasisPoints: 800, inclusive: false })).toEqual({
      net: 625,
      tax: 50,
      gross: 675,
    });
    // 0.5 cent rounds up; the negative mirror rounds down
    expect(taxOfGroup(25, { rateBasisPoints: 1000, inclusive: false }).tax).toBe(3);
    expect(taxOfGroup(-25, { rateBasisPoints: 1000, inclusive: false }).tax).toBe(-3);
  });
  it('rejects non-integer amounts', () => {
    expect(() => taxOfGroup(10.5, VAT10)).toThrow(MoneyError);
  });
  it('converts the fixture per-mille rates', () => {
    expect(permilleToBasisPoints(100)).toBe(1000);
    expect(permilleToBasisPoints(55)).toBe(550);
  });
  it('property: net + tax = gross exactly for any amount and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e13, max: 1e13 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.boolean(),
        (amount, rateBasisPoints, inclusive) => {
          const t = taxOfGroup(amount, { rateBasisPoints, inclusive });
          expect(t.net + t.tax).toBe(t.gross);
          expect(inclusive ? t.gross : t.net).toBe(amount);
          // the tax is the exact tax rounded: within half a unit
          const exact = inclusive
            ? (amount * rateBasisPoints) / (10_000 + rateBasisPoints)
            : (amount * rateBasisPoints) / 10_000;
          expect(Math.abs(t.tax - exact)).toBeLessThanOrEqual(0.5 + 1e-6 * Math.abs(exact));
        },
      ),
    );
  });
});

describe('computeTaxSummary', () => {
  it('rounds per rate group, not per line', () => {
    // Three 2.50 lines at 10 %: per-line rounding would give 3 × 23 = 69; per group 750/11 = 68.18 → 68.
    const s = computeTaxSummary([
      { amount: 250, ...VAT10 },
      { amount: 250, ...VAT10 },
      { amount: 250, ...VAT10 },
    ]);
    expect(s.rows).toEqual([{ rateBasisPoints: 1000, net: 682, tax: 68, gross: 750 }]);
    expect(s.entryTax).toEqual([23, 23, 22]);
    expect(s.addedTax).toBe(0);
  });
  it('keeps one row per rate, ascending, merging inclusive and exclusive modes', () => {
    const s = computeTaxSummary([
      { amount: 600, ...VAT20 },
      { amount: 1100, ...VAT10 },
      { amount: 1000, rateBasisPoints: 1000, inclusive: false },
    ]);
    expect(s.rows).toEqual([
      { rateBasisPoints: 1000, net: 2000, tax: 200, gross: 2200 },
      { rateBasisPoints: 2000, net: 500, tax: 100, gross: 600 },
    ]);
    expect(s.taxTotal).toBe(300);
    expect(s.addedTax).toBe(100);
    expect(s.gross).toBe(2800);
  });
  it('handles an empty order and zero amounts', () => {
    expect(computeTaxSummary([])).toEqual({
      rows: [],
      taxTotal: 0,
      addedTax: 0,
      gross: 0,
      entryTax: [],
    });
    expect(computeTaxSummary([{ amount: 0, ...VAT10 }])).toMatchObject({ rows: [], entryTax: [0] });
  });
  it('merges rows of many summaries', () => {
    const a = computeTaxSummary([{ amount: 1100, ...VAT10 }]).rows;
    const b = computeTaxSummary([
      { amount: 600, ...VAT20 },
      { amount: 550, ...VAT10 },
    ]).rows;
    expect(mergeTaxRows([a, b])).toEqual([
      { rateBasisPoints: 1000, net: 1500, tax: 150, gross: 1650 },
      { rateBasisPoints: 2000, net: 500, tax: 100, gross: 600 },
    ]);
    expect(a).toEqual([{ rateBasisPoints: 1000, net: 1000, tax: 100, gross: 1100 }]);
  });
  it('property: every row balances, entry taxes sum to the total, gross = inclusive amounts + exclusive amounts + added tax', () => {
    const entry = fc.record({
      amount: fc.integer({ min: 0, max: 1e9 }),
      rateBasisPoints: fc.constantFrom(0, 550, 1000, 2000, 888, 2100),
      inclusive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 40 }), (entries) => {
        const s = computeTaxSummary(entries);
        for (const r of s.rows) expect(r.net + r.tax).toBe(r.gross);
        expect(s.entryTax.reduce((a, b) => a + b, 0)).toBe(s.taxTotal);
        const amounts = entries.reduce((a, e) => a + e.amount, 0);
        expect(s.gross).toBe(amounts + s.addedTax);
        expect(new Set(s.rows.map((r) => r.rateBasisPoints)).size).toBe(s.rows.length);
      }),
    );
  });
});
