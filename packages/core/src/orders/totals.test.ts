import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { add, newOrder, parisMenu, testContext } from '../testing/fixtures';
import type { OrderDoc, OrderLine } from './schemas';
import { computeOrderBreakdown, computeOrderTotals, totalsMatch } from './totals';

describe('computeOrderTotals', () => {
  it('prices lines with modifiers and extracts inclusive VAT per rate', () => {
    const t = testContext();
    let o = newOrder(t.ctx);
    o = add(o, 'entrecote', t.ctx, {
      selection: [
        { groupId: 'doneness', optionId: 'bleu' },
        { groupId: 'side', optionId: 'puree' },
      ],
    });
    o = add(o, 'pression', t.ctx, { quantity: 2, selection: [{ groupId: 'size', optionId: 'l' }] });
    const totals = computeOrderTotals(o);
    // 26.50 + 2.50 truffle purée = 29.00 food; 2 × (4.50 + 2.50) = 14.00 alcohol
    expect(totals).toMatchObject({
      subtotal: 4300,
      discountTotal: 0,
      total: 4300,
      due: 4300,
      paid: 0,
    });
    expect(totals.taxes).toEqual([
      { rateBasisPoints: 1000, net: 2636, tax: 264, gross: 2900 },
      { rateBasisPoints: 2000, net: 1167, tax: 233, gross: 1400 },
    ]);
    expect(totals.taxTotal).toBe(497);
    expect(o.totals).toEqual(totals);
    expect(totalsMatch(o)).toBe(true);
    expect(totalsMatch({ ...o, totals: { ...o.totals, total: 1 } })).toBe(false);
    expect(totalsMatch({ ...o, totals: { ...o.totals, taxes: [] } })).toBe(false);
  });

  it('adds exclusive tax on top and allocates it to lines', () => {
    const o = newOrder(testContext().ctx);
    const line = (id: string, unitPrice: number): OrderLine => ({
      id,
      itemId: id,
      name: id,
      categoryId: null,
      unitPrice,
      modifiers: [],
      taxClassId: 'ny',
      taxRateBasisPoints: 888,
      taxInclusive: false,
      stationId: null,
      course: 1,
      seat: null,
      notes: '',
      quantity: 1,
      voidedQuantity: 0,
      firedQuantity: 0,
      announcedQuantity: 0,
      discount: null,
      addedAt: 0,
      addedBy: 's',
    });
    const b = computeOrderBreakdown({ ...o, lines: [line('a', 1000), line('b', 250)] });
    expect(b.totals).toMatchObject({ subtotal: 1250, taxTotal: 111, total: 1361 });
    expect(b.lines.map((l) => l.total)).toEqual([1089, 272]);
  });

  it('applies line then order discounts before tax', () => {
    const t = testContext();
    let o = newOrder(t.ctx);
    o = add(o, 'soupe-oignon', t.ctx, { quantity: 2 }); // 17.00
    o = add(o, 'champagne', t.ctx); // 12.00 at 20 %
    const soup = o.lines[0]!.id;
    o = {
      ...o,
      lines: o.lines.map((l) =>
        l.id === soup ? { ...l, discount: disc({ type: 'amount', amount: 200 }) } : l,
      ),
    };
    o = { ...o, discount: disc({ type: 'percent', basisPoints: 1000 }) };
    const b = computeOrderBreakdown(o);
    // lines after line discount: 1500 + 1200 = 2700; 10 % = 270 split 150/120
    expect(b.totals).toMatchObject({
      subtotal: 2900,
      lineDiscounts: 200,
      orderDiscount: 270,
      discountTotal: 470,
      total: 2430,
    });
    expect(b.lines.map((l) => [l.orderDiscountShare, l.total])).toEqual([
      [150, 1350],
      [120, 1080],
    ]);
    expect(b.totals.taxes).toEqual([
      { rateBasisPoints: 1000, net: 1227, tax: 123, gross: 1350 },
      { rateBasisPoints: 2000, net: 900, tax: 180, gross: 1080 },
    ]);
  });

  it('ignores voided units and caps discounts at the amount', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 3 });
    o = {
      ...o,
      lines: [
        { ...o.lines[0]!, voidedQuantity: 3, discount: disc({ type: 'amount', amount: 999 }) },
      ],
    };
    expect(computeOrderTotals(o)).toMatchObject({
      subtotal: 0,
      discountTotal: 0,
      total: 0,
      taxes: [],
    });
  });

  it('reports cash rounding, paid, tips, change and due', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx, { cashRoundingStep: 5 }), 'cafe-creme', t.ctx, {
      selection: [{ groupId: 'milk', optionId: 'oat' }],
    });
    o = add(o, 'eau-plate', t.ctx);
    o = {
      ...o,
      lines: o.lines.map((l) => ({ ...l, discount: disc({ type: 'percent', basisPoints: 333 }) })),
    };
    const before = computeOrderTotals(o);
    // 4.60 - 0.15 = 4.45 ; 4.00 - 0.13 = 3.87 → 8.32, cash 8.30
    expect(before).toMatchObject({ total: 832, due: 832, cashDue: 830 });
    const paid = {
      ...o,
      cashRounding: -2,
      payments: [
        {
          id: 'p',
          method: 'cash' as const,
          amount: 830,
          tip: 50,
          tendered: 1000,
          change: 120,
          reference: null,
          label: null,
          at: 0,
          by: 's',
          tillId: 't',
          shiftId: null,
        },
      ],
    };
    expect(computeOrderTotals(paid)).toMatchObject({
      total: 832,
      cashRounding: -2,
      totalDue: 830,
      paid: 830,
      tips: 50,
      change: 120,
      due: 0,
      cashDue: 0,
    });
  });

  it('property: line totals sum to the order total and every tax row balances', () => {
    const itemIds = Object.values(parisMenu.items)
      .filter((i) => i.modifierGroupIds.every((g) => (parisMenu.modifierGroups[g]?.min ?? 0) === 0))
      .map((i) => i.id);
    const discountArb = fc.option(
      fc.oneof(
        fc.record({
          type: fc.constant('percent' as const),
          basisPoints: fc.integer({ min: 1, max: 10_000 }),
        }),
        fc.record({
          type: fc.constant('amount' as const),
          amount: fc.integer({ min: 1, max: 50_000 }),
        }),
      ),
      { nil: null },
    );
    const lineArb = fc.record({
      itemId: fc.constantFrom(...itemIds),
      quantity: fc.integer({ min: 1, max: 20 }),
      voided: fc.integer({ min: 0, max: 20 }),
      discount: discountArb,
      exclusive: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(lineArb, { maxLength: 25 }), discountArb, (specs, orderDiscount) => {
        const t = testContext();
        let o: OrderDoc = newOrder(t.ctx);
        for (const s of specs) o = add(o, s.itemId, t.ctx, { quantity: s.quantity });
        o = {
          ...o,
          discount: orderDiscount && disc(orderDiscount),
          lines: o.lines.map((l, i) => {
            const s = specs[i]!;
            return {
              ...l,
              voidedQuantity: Math.min(s.voided, l.quantity),
              discount: s.discount && disc(s.discount),
              taxInclusive: !s.exclusive,
            };
          }),
        };
        const b = computeOrderBreakdown(o);
        expect(b.lines.reduce((a, l) => a + l.total, 0)).toBe(b.totals.total);
        expect(b.lines.reduce((a, l) => a + l.tax, 0)).toBe(b.totals.taxTotal);
        for (const r of b.totals.taxes) expect(r.net + r.tax).toBe(r.gross);
        expect(b.totals.taxes.reduce((a, r) => a + r.gross, 0)).toBe(b.totals.total);
        expect(b.totals.discountTotal).toBeLessThanOrEqual(b.totals.subtotal);
        expect(b.lines.every((l) => l.total >= 0)).toBe(true);
      }),
    );
  });
});

function disc(
  value: { type: 'percent'; basisPoints: number } | { type: 'amount'; amount: number },
) {
  return { id: 'd', value, reason: '', at: 0, by: 's', approvedBy: null };
}
