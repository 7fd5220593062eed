import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { commitOrder } from './commit';
import {
  OrderError,
  addPayment,
  applyDiscount,
  assertOrderInvariants,
  checkOrderInvariants,
  closeOrder,
  refund,
  sendToKitchen,
  splitBill,
  voidLine,
  voidOrder,
  type OrderDoc,
} from './index';

function sample(): OrderDoc {
  const t = testContext();
  let o = add(newOrder(t.ctx, { cashRoundingStep: 5 }), 'entrecote', t.ctx, { selection: STEAK });
  o = add(o, 'cola', t.ctx, { quantity: 2 });
  o = sendToKitchen(o, t.ctx);
  o = addPayment(o, { method: 'cash', tendered: 5000, tip: 100 }, t.ctx);
  return refund(
    o,
    {
      lines: [{ lineId: o.lines[1]!.id, quantity: 1 }],
      method: 'cash',
      reason: 'flat',
      approvedBy: 'm',
    },
    t.ctx,
  );
}

describe('checkOrderInvariants', () => {
  it('accepts orders built by the core', () => {
    expect(checkOrderInvariants(sample())).toEqual([]);
    expect(() => assertOrderInvariants(sample())).not.toThrow();
  });

  it.each([
    [
      'tampered totals',
      (o: OrderDoc) => ({ ...o, totals: { ...o.totals, total: o.totals.total - 100 } }),
      'stored totals',
    ],
    [
      'free money',
      (o: OrderDoc) => ({ ...o, payments: [{ ...o.payments[0]!, amount: 1 }] }),
      'stored totals',
    ],
    [
      'fired > ordered',
      (o: OrderDoc) => ({
        ...o,
        lines: o.lines.map((l) => ({ ...l, firedQuantity: l.quantity + 1 })),
      }),
      'more fired',
    ],
    [
      'duplicate lines',
      (o: OrderDoc) => ({ ...o, lines: [o.lines[0]!, o.lines[0]!] }),
      'duplicate line',
    ],
    [
      'bad change',
      (o: OrderDoc) => ({ ...o, payments: [{ ...o.payments[0]!, change: 0 }] }),
      'tendered',
    ],
    [
      'unknown refund line',
      (o: OrderDoc) => ({
        ...o,
        refunds: [{ ...o.refunds[0]!, lines: [{ lineId: 'x', quantity: 1, amount: 1 }] }],
      }),
      'unknown line',
    ],
    [
      'voided with payments',
      (o: OrderDoc) => ({ ...o, status: 'voided' as const }),
      'voided order has payments',
    ],
    [
      'refunded, not in full',
      (o: OrderDoc) => ({ ...o, status: 'refunded' as const }),
      'not in full',
    ],
    [
      'duplicate print ids',
      (o: OrderDoc) => ({ ...o, printRequests: [o.printRequests[0]!, o.printRequests[0]!] }),
      'duplicate print',
    ],
    [
      'a card payment with change (overpaid card)',
      (o: OrderDoc) => ({
        ...o,
        payments: [{ ...o.payments[0]!, method: 'card' as const, tendered: null }],
      }),
      'only cash',
    ],
    [
      'a refund without a manager',
      (o: OrderDoc) => ({ ...o, refunds: [{ ...o.refunds[0]!, approvedBy: null }] }),
      'no approving manager',
    ],
    [
      'more units refunded than sold',
      (o: OrderDoc) => ({
        ...o,
        refunds: [{ ...o.refunds[0]!, lines: [{ ...o.refunds[0]!.lines[0]!, quantity: 9 }] }],
      }),
      'refunds more units',
    ],
    [
      'voided units without a void record',
      (o: OrderDoc) => ({
        ...o,
        lines: o.lines.map((l, i) => (i === 0 ? { ...l, voidedQuantity: 1 } : l)),
      }),
      'void records do not add up',
    ],
    [
      'closed with nothing paid',
      (o: OrderDoc) => ({ ...o, status: 'closed' as const, payments: [] }),
      'no payment',
    ],
    [
      'duplicate payment ids',
      (o: OrderDoc) => ({ ...o, payments: [o.payments[0]!, o.payments[0]!] }),
      'duplicate payment',
    ],
  ])('flags %s', (_name, tamper, message) => {
    const bad = tamper(sample());
    expect(checkOrderInvariants(bad).join('\n')).toContain(message);
    expect(() => assertOrderInvariants(bad)).toThrow(OrderError);
  });

  it('flags over-voiding, overpayment, over-refunding and unpaid settled orders', () => {
    const o = sample();
    const fresh = (x: OrderDoc) => ({ ...x, totals: { ...x.totals } });
    expect(
      checkOrderInvariants({
        ...o,
        lines: o.lines.map((l) => ({ ...l, voidedQuantity: l.quantity + 1 })),
      }).join(),
    ).toContain('voids more');
    // One payment of 10× the order: no till could take it, merged or not.
    const tenfold = { ...o, payments: [{ ...o.payments[0]!, amount: o.totals.total * 10 }] };
    expect(checkOrderInvariants(commitOrder(tenfold, { at: o.updatedAt })).join()).toContain(
      'a payment exceeds the whole order',
    );
    const overRefund = { ...o, refunds: [{ ...o.refunds[0]!, amount: o.totals.paid + 1 }] };
    expect(checkOrderInvariants(commitOrder(overRefund, { at: o.updatedAt })).join()).toContain(
      'exceeds what was paid',
    );
    expect(checkOrderInvariants({ ...fresh(o), totals: { ...o.totals, due: 5 } }).join()).toContain(
      'still due',
    );
  });

  it('flags sums beyond safe integers instead of throwing', () => {
    const o = sample();
    const huge = {
      ...o,
      lines: o.lines.map((l) => ({ ...l, unitPrice: Number.MAX_SAFE_INTEGER, quantity: 2 })),
    };
    expect(checkOrderInvariants(huge).join()).toContain('out of range');
  });

  it('property: random sequences of core operations always yield consistent orders', () => {
    const op = fc.constantFrom(
      'add',
      'send',
      'void',
      'pay',
      'close',
      'refund',
      'discount',
      'voidOrder',
      'split',
      'refundLine',
    );
    const policy = { maxPercentBasisPoints: 1000, maxAmount: 500 };
    fc.assert(
      fc.property(fc.array(op, { maxLength: 15 }), fc.integer({ min: 1, max: 10 }), (ops, step) => {
        const t = testContext();
        let o = newOrder(t.ctx, { cashRoundingStep: step });
        for (const [i, name] of ops.entries()) {
          try {
            if (name === 'add')
              o = add(o, i % 2 ? 'espresso' : 'oeuf-mayo', t.ctx, { quantity: 1 + (i % 3) });
            if (name === 'send') o = sendToKitchen(o, t.ctx);
            if (name === 'void' && o.lines[0])
              o = voidLine(o, { lineId: o.lines[0].id, quantity: 1, approvedBy: 'm' }, t.ctx);
            if (name === 'pay') {
              o =
                i % 2
                  ? addPayment(o, { method: 'cash', tendered: 100_000 }, t.ctx)
                  : addPayment(o, { method: 'card', reference: 'r' }, t.ctx);
            }
            if (name === 'close') o = closeOrder(o, t.ctx);
            if (name === 'refund')
              o = refund(o, { amount: 1 + i, method: 'cash', reason: 'r', approvedBy: 'm' }, t.ctx);
            if (name === 'refundLine' && o.lines[0])
              o = refund(
                o,
                {
                  lines: [{ lineId: o.lines[0].id, quantity: 1 }],
                  method: 'card',
                  reason: 'r',
                  approvedBy: 'm',
                },
                t.ctx,
              );
            if (name === 'discount')
              o = applyDiscount(
                o,
                {
                  target: i % 2 || !o.lines[0] ? 'order' : { lineId: o.lines[0].id },
                  value: { type: 'percent', basisPoints: 500 * (1 + (i % 4)) },
                  approvedBy: i % 3 ? 'm' : null,
                },
                policy,
                t.ctx,
              );
            if (name === 'voidOrder')
              o = voidOrder(o, { reason: 'walked out', approvedBy: 'm' }, t.ctx);
            if (name === 'split' && o.lines[0]) {
              const { source, target } = splitBill(
                o,
                [{ lineId: o.lines[0].id, quantity: 1 }],
                t.ctx,
                { ticketCode: 'A', ticketNumber: o.ticketNumber + 1 },
              );
              expect(checkOrderInvariants(target)).toEqual([]);
              o = source;
            }
          } catch (e) {
            if (!(e instanceof Error && 'code' in e)) throw e;
          }
          expect(checkOrderInvariants(o)).toEqual([]);
        }
      }),
    );
  });
});
