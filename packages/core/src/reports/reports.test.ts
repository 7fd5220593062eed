import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPayment,
  applyDiscount,
  refund,
  sendToKitchen,
  voidLine,
  voidOrder,
  type OrderDoc,
} from '../orders/index';
import { closeShift, openShift, recordNoSale, ShiftError } from '../shifts/index';
import {
  OPEN_DISCOUNT_POLICY,
  SHIFT_INPUT,
  STEAK,
  add,
  newOrder,
  testContext,
} from '../testing/fixtures';
import { aggregateSales, buildXReport, buildZReport, saleTime } from './index';

const POLICY = OPEN_DISCOUNT_POLICY;
const shiftInput = SHIFT_INPUT;

function day() {
  const t = testContext(Date.UTC(2026, 0, 1, 11, 0));
  let shift = openShift(shiftInput, t.ctx);
  const orders: OrderDoc[] = [];
  // 1: lunch, steak + wine, card with tip
  let a = add(newOrder(t.ctx, { shiftId: shift.id }), 'entrecote', t.ctx, { selection: STEAK });
  a = add(a, 'bordeaux', t.ctx, { selection: [{ groupId: 'wine-glass', optionId: 'glass' }] });
  a = sendToKitchen(a, t.ctx);
  t.tick(3_600_000);
  a = addPayment(a, { method: 'card', reference: 'C1', tip: 300 }, t.ctx);
  orders.push(a);
  // 2: takeaway coffees with a line void and a discount, cash
  let b = add(
    newOrder(t.ctx, { shiftId: shift.id, type: 'takeaway', table: null, covers: null }),
    'espresso',
    t.ctx,
    { quantity: 3 },
  );
  b = voidLine(b, { lineId: b.lines[0]!.id, quantity: 1 }, t.ctx);
  b = applyDiscount(b, { target: 'order', value: { type: 'amount', amount: 50 } }, POLICY, t.ctx);
  b = addPayment(b, { method: 'cash', tendered: 1000 }, t.ctx);
  orders.push(b);
  // 3: voided order
  const c = voidOrder(
    add(newOrder(t.ctx, { shiftId: shift.id }), 'cola', t.ctx),
    { reason: 'test' },
    t.ctx,
  );
  orders.push(c);
  // 4: split payment + partial refund
  t.tick(3_600_000);
  let d = add(newOrder(t.ctx, { shiftId: shift.id }), 'champagne', t.ctx, { quantity: 2 });
  d = addPayment(d, { method: 'cash', tendered: 1000, amount: 1000 }, t.ctx);
  d = addPayment(d, { method: 'other', label: 'voucher' }, t.ctx);
  d = refund(
    d,
    {
      lines: [{ lineId: d.lines[0]!.id, quantity: 1 }],
      method: 'cash',
      reason: 'flat',
      approvedBy: 'm',
    },
    t.ctx,
  );
  orders.push(d);
  // 5: still open
  orders.push(add(newOrder(t.ctx, { shiftId: shift.id }), 'the', t.ctx));
  shift = recordNoSale(shift, 'change', t.ctx);
  return { t, shift, orders };
}

describe('X and Z reports', () => {
  it('summarizes sales, tax, payments, discounts, voids, refunds, no-sales and cash', () => {
    const { t, shift, orders } = day();
    const x = buildXReport(shift, orders, t.ctx.at);
    expect(x).toMatchObject({
      kind: 'X',
      orderCount: 3,
      openOrderCount: 1,
      voidedOrders: 1,
      noSales: 1,
      covers: 4,
    });
    // 26.50 + 7.00 = 33.50 ; 5.00 (− 0.50 discount) ; 24.00 (12.00 refunded)
    expect(x.grossSales).toBe(3350 + 500 + 2400);
    expect(x.netSales).toBe(x.grossSales - 50 - 1200);
    expect(x.taxes.reduce((s, r) => s + r.gross, 0)).toBe(x.netSales);
    expect(x.netOfTax).toBe(x.netSales - x.taxes.reduce((s, r) => s + r.tax, 0));
    expect(x.payments).toEqual([
      { method: 'cash', count: 2, amount: 1450, tips: 0 },
      { method: 'card', count: 1, amount: 3350, tips: 300 },
      { method: 'other', count: 1, amount: 1400, tips: 0 },
    ]);
    expect(x.paymentsTotal).toBe(6200);
    expect(x.tipsTotal).toBe(300);
    expect(x.discounts).toEqual({ count: 1, total: 50 });
    expect(x.voids).toEqual({ count: 2, quantity: 2, amount: 250 + 450 });
    expect(x.refunds).toMatchObject({ count: 1, total: 1200 });
    expect(x.cash).toMatchObject({
      openingFloat: 10_000,
      cashSales: 1450,
      cashRefunds: 1200,
      expected: 10_250,
      counted: null,
    });
    expect(() => buildZReport(shift, orders)).toThrow(ShiftError);

    const closed = closeShift(shift, { countedCash: 10_300, varianceLimit: 500 }, orders, t.ctx);
    const z = buildZReport(closed, orders);
    expect(z).toMatchObject({
      kind: 'Z',
      at: closed.close!.at,
      cash: { expected: 10_250, counted: 10_300, overShort: 50 },
    });
    expect(() => buildXReport(closed, orders, 0)).toThrow(ShiftError);
  });

  it('property: Z report payment totals equal the sum of the shift’s payments', () => {
    const orderSpec = fc.record({
      items: fc.array(
        fc.constantFrom('espresso', 'oeuf-mayo', 'champagne', 'cola', 'tarte-tatin'),
        { minLength: 1, maxLength: 5 },
      ),
      pays: fc.array(
        fc.record({
          method: fc.constantFrom('cash', 'card', 'other'),
          part: fc.integer({ min: 1, max: 5000 }),
          tip: fc.integer({ min: 0, max: 300 }),
        }),
        { maxLength: 3 },
      ),
      otherShift: fc.boolean(),
      discount: fc.integer({ min: 0, max: 5000 }),
    });
    fc.assert(
      fc.property(
        fc.array(orderSpec, { maxLength: 15 }),
        fc.integer({ min: 1, max: 5 }),
        (specs, step) => {
          const t = testContext();
          const shift = openShift(shiftInput, t.ctx);
          const orders = specs.map((s) => {
            let o = newOrder(t.ctx, {
              shiftId: s.otherShift ? 'other' : shift.id,
              cashRoundingStep: step,
            });
            for (const item of s.items) o = add(o, item, t.ctx);
            if (s.discount > 0)
              o = applyDiscount(
                o,
                { target: 'order', value: { type: 'percent', basisPoints: s.discount } },
                POLICY,
                t.ctx,
              );
            for (const p of s.pays) {
              if (o.status !== 'open') break;
              const amount = Math.min(p.part, o.totals.due);
              o =
                p.method === 'cash'
                  ? addPayment(
                      o,
                      { method: 'cash', tendered: amount + p.tip + 1000, amount, tip: p.tip },
                      t.ctx,
                    )
                  : p.method === 'card'
                    ? addPayment(o, { method: 'card', amount, tip: p.tip, reference: 'r' }, t.ctx)
                    : addPayment(o, { method: 'other', amount, tip: p.tip, label: 'v' }, t.ctx);
            }
            return o;
          });
          const closed = closeShift(shift, { countedCash: 0, varianceLimit: 0, approvedBy: 'manager-1' }, orders, t.ctx);
          const z = buildZReport(closed, orders);
          const shiftPayments = orders
            .flatMap((o) => o.payments)
            .filter((p) => p.shiftId === shift.id);
          expect(z.paymentsTotal).toBe(shiftPayments.reduce((a, p) => a + p.amount, 0));
          expect(z.tipsTotal).toBe(shiftPayments.reduce((a, p) => a + p.tip, 0));
          expect(z.payments.reduce((a, m) => a + m.count, 0)).toBe(shiftPayments.length);
          const settled = orders.filter((o) => o.shiftId === shift.id && o.status === 'paid');
          // every settled order is fully paid by this shift, so sales + rounding = money taken
          expect(z.grossSales - z.discounts.total + z.cashRounding).toBe(
            settled.reduce((a, o) => a + o.totals.paid, 0),
          );
          for (const r of z.taxes) expect(r.net + r.tax).toBe(r.gross);
          expect(z.cash.expected).toBe(10_000 + z.payments[0]!.amount + z.payments[0]!.tips);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('aggregateSales', () => {
  it('groups by item, category, hour (local time), day, staff and branch', () => {
    const { orders } = day();
    const tz = { timeZone: 'Europe/Paris' };
    const items = aggregateSales(orders, 'item', tz);
    expect(items.map((r) => [r.key, r.quantity, r.gross])).toEqual([
      ['entrecote', 1, 2650],
      ['champagne', 2, 2400],
      ['bordeaux', 1, 700],
      ['espresso', 2, 450],
    ]);
    expect(items.find((r) => r.key === 'champagne')).toMatchObject({
      label: 'Coupe de champagne',
      tax: 400,
      net: 2000,
    });
    const categories = aggregateSales(orders, 'category', tz);
    expect(categories.map((r) => r.key)).toEqual(['wine', 'mains', 'hot-drinks']);
    const total = orders
      .filter((o) => ['paid', 'closed', 'refunded'].includes(o.status))
      .reduce((a, o) => a + o.totals.total, 0);
    for (const dim of ['item', 'category', 'hour', 'staff', 'branch', 'day'] as const) {
      expect(aggregateSales(orders, dim, tz).reduce((a, r) => a + r.gross, 0)).toBe(total);
    }
    // paid at 12:00Z and 13:00Z → 13h and 14h in Paris (UTC+1 in January)
    expect(aggregateSales(orders, 'hour', tz).map((r) => [r.key, r.orders])).toEqual([
      ['13', 2],
      ['14', 1],
    ]);
    expect(
      aggregateSales(orders, 'hour', { timeZone: 'UTC' })
        .map((r) => r.key)
        .sort(),
    ).toEqual(['12', '13']);
    expect(aggregateSales(orders, 'day', tz)).toEqual([
      expect.objectContaining({ key: '2026-01-01', orders: 3 }),
    ]);
    expect(aggregateSales(orders, 'staff', tz)).toEqual([
      expect.objectContaining({ key: 'staff-lea', orders: 3 }),
    ]);
    expect(aggregateSales(orders, 'branch', tz)).toEqual([
      expect.objectContaining({ key: 'paris-11', gross: total }),
    ]);
    expect(saleTime({ statusHistory: [], createdAt: 5 })).toBe(5);
  });
});
