import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addPayment,
  applyDiscount,
  refund,
  refundableAmount,
  voidLine,
  voidOrder,
  type OrderDoc,
  type PaymentMethod,
} from '../orders/index';
import { MAX_AMOUNT } from '../common/bounds';
import { closeShift, openShift } from '../shifts/index';
import type { TaxSummaryRow } from '../tax/tax-summary-schema';
import { OPEN_DISCOUNT_POLICY, SHIFT_INPUT, add, newOrder, testContext } from '../testing/fixtures';
import {
  aggregateTaxRates,
  buildXReport,
  buildZReport,
  refundTaxRows,
  type ShiftReport,
} from './index';

const POLICY = OPEN_DISCOUNT_POLICY;
const SHIFT = SHIFT_INPUT;
// Demo items at 10 % (food, soft drinks) and 20 % (alcohol), all priced tax-inclusive.
const ITEMS = ['espresso', 'oeuf-mayo', 'champagne', 'cola', 'tarte-tatin', 'eau-plate'] as const;
const METHOD = fc.constantFrom<PaymentMethod>('cash', 'card', 'other');

const orderSpec = fc.record({
  takeaway: fc.boolean(),
  lines: fc.array(
    fc.record({ item: fc.constantFrom(...ITEMS), quantity: fc.integer({ min: 1, max: 4 }) }),
    { minLength: 1, maxLength: 5 },
  ),
  voidUnit: fc.option(fc.nat(4), { nil: null }),
  discount: fc.option(
    fc.oneof(
      fc.record({ percent: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ amount: fc.integer({ min: 1, max: 800 }), line: fc.nat(4) }),
    ),
    { nil: null },
  ),
  fate: fc.constantFrom('paid', 'paid', 'paid', 'voided', 'open'),
  pays: fc.array(fc.record({ method: METHOD, part: fc.integer({ min: 1, max: 6000 }) }), {
    maxLength: 3,
  }),
  refunds: fc.array(
    fc.oneof(
      fc.record({ line: fc.nat(4), quantity: fc.integer({ min: 1, max: 3 }), method: METHOD }),
      fc.record({ amount: fc.integer({ min: 1, max: 4000 }), method: METHOD }),
    ),
    { maxLength: 3 },
  ),
});

type OrderSpec = typeof orderSpec extends fc.Arbitrary<infer T> ? T : never;

function playOrder(
  s: OrderSpec,
  shiftId: string,
  step: number,
  t: ReturnType<typeof testContext>,
): OrderDoc {
  let o = newOrder(t.ctx, {
    shiftId,
    cashRoundingStep: step,
    ...(s.takeaway ? { type: 'takeaway', table: null, covers: null } : {}),
  });
  for (const l of s.lines) o = add(o, l.item, t.ctx, { quantity: l.quantity });
  const voided = s.voidUnit === null ? undefined : o.lines[s.voidUnit % o.lines.length];
  if (voided && voided.quantity > 1) o = voidLine(o, { lineId: voided.id, quantity: 1 }, t.ctx);
  if (s.discount && 'percent' in s.discount) {
    const value = { type: 'percent' as const, basisPoints: s.discount.percent };
    o = applyDiscount(o, { target: 'order', value }, POLICY, t.ctx);
  } else if (s.discount) {
    const line = o.lines[s.discount.line % o.lines.length]!;
    const value = { type: 'amount' as const, amount: s.discount.amount };
    o = applyDiscount(o, { target: { lineId: line.id }, value }, POLICY, t.ctx);
  }
  if (s.fate === 'voided') return voidOrder(o, { reason: 'test' }, t.ctx);
  if (s.fate === 'open') return o;
  // Paid in parts, the last one by card for whatever is left: every settled order is paid in full.
  for (const p of s.pays) {
    if (o.status !== 'open' || o.totals.due === 0) break;
    const amount = Math.min(p.part, o.totals.due);
    if (amount === o.totals.due) break;
    o =
      p.method === 'cash'
        ? addPayment(o, { method: 'cash', tendered: amount + 500, amount }, t.ctx)
        : p.method === 'card'
          ? addPayment(o, { method: 'card', amount, reference: 'r' }, t.ctx)
          : addPayment(o, { method: 'other', amount, label: 'voucher' }, t.ctx);
  }
  if (o.status === 'open' && o.totals.due > 0) {
    const cash = s.pays[0]?.method === 'cash';
    o = cash
      ? addPayment(o, { method: 'cash', tendered: o.totals.cashDue + 1000 }, t.ctx)
      : addPayment(o, { method: 'card', reference: 'last' }, t.ctx);
  }
  for (const r of s.refunds) {
    if (refundableAmount(o) === 0) break;
    const base = { method: r.method, reason: 'customer', approvedBy: 'manager' };
    try {
      if ('amount' in r) {
        o = refund(o, { ...base, amount: Math.min(r.amount, refundableAmount(o)) }, t.ctx);
      } else {
        const line = o.lines[r.line % o.lines.length]!;
        o = refund(o, { ...base, lines: [{ lineId: line.id, quantity: r.quantity }] }, t.ctx);
      }
    } catch {
      // More units than are left to refund (or a fully voided line): the till refuses it too.
    }
  }
  return o;
}

const sum = (rows: readonly TaxSummaryRow[], k: 'net' | 'tax' | 'gross') =>
  rows.reduce((a, r) => a + r[k], 0);

/** The equalities docs/reports.md promises for every printed report. */
function expectLinesAddUp(r: ShiftReport, orders: readonly OrderDoc[]) {
  expect(r.grossSales - r.discounts.total - r.refunds.total).toBe(r.netSales);
  for (const row of r.taxes) expect(row.net + row.tax).toBe(row.gross);
  expect(sum(r.taxes, 'gross')).toBe(r.netSales);
  expect(sum(r.taxes, 'tax')).toBe(r.taxTotal);
  expect(r.taxTotal + r.netOfTax).toBe(r.netSales);
  // Every settled order was paid in full in this shift and open orders took no money.
  expect(r.paymentsTotal - r.refunds.total).toBe(r.netSales + r.cashRounding);
  expect(r.refunds.byMethod.reduce((a, m) => a + m.amount, 0)).toBe(r.refunds.total);
  // Refunds reduce the tax of their rate: per rate, sales' tax minus what the refund slips gave back.
  const byRate = new Map<number, number>();
  const bump = (rate: number, tax: number) => byRate.set(rate, (byRate.get(rate) ?? 0) + tax);
  for (const o of orders) {
    if (!['paid', 'closed', 'refunded'].includes(o.status)) continue;
    for (const row of o.totals.taxes) bump(row.rateBasisPoints, row.tax);
    refundTaxRows(o).forEach((rows) => rows.forEach((row) => bump(row.rateBasisPoints, -row.tax)));
  }
  for (const row of r.taxes) expect(row.tax).toBe(byRate.get(row.rateBasisPoints));
  for (const [rate, tax] of byRate)
    if (tax !== 0) expect(r.taxes.map((x) => x.rateBasisPoints)).toContain(rate);
}

describe('report lines add up (one definition, docs/reports.md)', () => {
  it('property: for random days the X and Z lines add up and refunds reduce the tax of their rate', () => {
    fc.assert(
      fc.property(fc.array(orderSpec, { maxLength: 12 }), fc.constantFrom(1, 5), (specs, step) => {
        const t = testContext();
        const shift = openShift(SHIFT, t.ctx);
        const orders = specs.map((s) => playOrder(s, shift.id, step, t));
        const x = buildXReport(shift, orders, t.ctx.at);
        expectLinesAddUp(x, orders);
        for (const o of orders) {
          const slips = refundTaxRows(o);
          o.refunds.forEach((refunded, i) => {
            const rows = slips[i] ?? [];
            expect(sum(rows, 'gross')).toBe(refunded.amount);
            for (const row of rows) expect(row.net + row.tax).toBe(row.gross);
          });
          // A fully refunded order gives back exactly the tax its receipt printed, rate by rate.
          if (o.totals.refunded === o.totals.total && o.totals.cashRounding === 0) {
            for (const row of o.totals.taxes) {
              const back = slips.flat().filter((r) => r.rateBasisPoints === row.rateBasisPoints);
              expect(sum(back, 'tax')).toBe(row.tax);
            }
          }
        }
        const open = orders.filter((o) => o.status === 'open');
        const closed = closeShift(
          shift,
          { countedCash: 0, varianceLimit: MAX_AMOUNT },
          orders.filter((o) => !open.includes(o)),
          t.ctx,
        );
        const z = buildZReport(
          closed,
          orders.filter((o) => !open.includes(o)),
        );
        expectLinesAddUp(z, orders);
        expect(z.taxes).toEqual(x.taxes);
        // The server's tax-rate rows are the Z's rows.
        const server = aggregateTaxRates(orders).filter((r) => r.gross !== 0 || r.tax !== 0);
        expect(server.map((r) => [Number(r.key), r.net, r.tax, r.gross])).toEqual(
          z.taxes.map((r) => [r.rateBasisPoints, r.net, r.tax, r.gross]),
        );
      }),
      { numRuns: 150 },
    );
  });

  it('a refunded €4.50 at 10 % leaves the Z’s 10 % tax and net sales (the observed day)', () => {
    const t = testContext();
    const shift = openShift(SHIFT, t.ctx);
    let o = add(newOrder(t.ctx, { shiftId: shift.id }), 'champagne', t.ctx);
    o = add(o, 'oeuf-mayo', t.ctx, { quantity: 2 });
    o = addPayment(o, { method: 'card', reference: 'c' }, t.ctx);
    const before = buildXReport(shift, [o], t.ctx.at);
    const egg = o.lines[1]!;
    o = refund(
      o,
      { lines: [{ lineId: egg.id, quantity: 1 }], method: 'cash', reason: 'cold', approvedBy: 'm' },
      t.ctx,
    );
    const after = buildXReport(shift, [o], t.ctx.at);
    const refunded = o.refunds[0]!;
    const [slip] = refundTaxRows(o);
    expect(slip).toEqual([
      expect.objectContaining({ rateBasisPoints: egg.taxRateBasisPoints, gross: refunded.amount }),
    ]);
    const rate = (r: ShiftReport) =>
      r.taxes.find((x) => x.rateBasisPoints === egg.taxRateBasisPoints)!;
    expect(rate(after).tax).toBe(rate(before).tax - slip![0]!.tax);
    expect(slip![0]!.tax).toBeGreaterThan(0);
    expect(after.grossSales).toBe(before.grossSales);
    expect(after.netSales).toBe(before.netSales - refunded.amount);
  });
});
