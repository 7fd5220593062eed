import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import {
  IllegalTransitionError,
  ManagerApprovalRequiredError,
  OrderError,
  RefundExceedsPaidError,
  addPayment,
  applyDiscount,
  closeOrder,
  refund,
  refundableAmount,
  type OrderDoc,
} from './index';

const POLICY = { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 };
const MANAGER = 'staff-hugo';

function paidOrder(): { o: OrderDoc; t: ReturnType<typeof testContext> } {
  const t = testContext();
  let o = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 3 }); // 7.50
  o = add(o, 'confit', t.ctx, { selection: [{ groupId: 'side', optionId: 'legumes' }] }); // 22.50
  o = applyDiscount(o, { target: 'order', value: { type: 'amount', amount: 100 } }, POLICY, t.ctx); // 29.00
  o = addPayment(o, { method: 'card', reference: 'A', tip: 200 }, t.ctx);
  return { o, t };
}

describe('refund', () => {
  it('refunds per line at the price actually paid, summing exactly over partial refunds', () => {
    const { o, t } = paidOrder();
    expect(o.totals.total).toBe(2900);
    const espresso = o.lines[0]!.id;
    // espresso share: 750 − 25 (order discount share) = 725 for 3 units
    let r = refund(
      o,
      {
        lines: [{ lineId: espresso, quantity: 1 }],
        method: 'card',
        reason: 'cold',
        approvedBy: MANAGER,
      },
      t.ctx,
    );
    expect(r.refunds[0]).toMatchObject({
      amount: 242,
      lines: [{ lineId: espresso, quantity: 1, amount: 242 }],
    });
    expect(r.status).toBe('paid');
    expect(r.printRequests.at(-1)).toMatchObject({ kind: 'refund', refundId: r.refunds[0]!.id });
    r = refund(
      r,
      {
        lines: [{ lineId: espresso, quantity: 2 }],
        method: 'card',
        reason: 'cold',
        approvedBy: MANAGER,
      },
      t.ctx,
    );
    expect(r.refunds.reduce((a, x) => a + x.amount, 0)).toBe(725);
    expect(() =>
      refund(
        r,
        {
          lines: [{ lineId: espresso, quantity: 1 }],
          method: 'card',
          reason: 'x',
          approvedBy: MANAGER,
        },
        t.ctx,
      ),
    ).toThrow(RefundExceedsPaidError);
    expect(r.totals.refunded).toBe(725);
  });

  it('refunds an amount and moves to refunded when everything paid is back', () => {
    const { o, t } = paidOrder();
    const closed = closeOrder(o, t.ctx);
    const r = refund(
      closed,
      { amount: 2900, method: 'cash', reason: 'complaint', approvedBy: MANAGER },
      t.ctx,
    );
    expect(r.status).toBe('refunded');
    expect(refundableAmount(r)).toBe(0);
    expect(() =>
      refund(r, { amount: 1, method: 'cash', reason: 'x', approvedBy: MANAGER }, t.ctx),
    ).toThrow(IllegalTransitionError);
  });

  it('rejects refunds without approval, over the paid amount, or malformed', () => {
    const { o, t } = paidOrder();
    const lineId = o.lines[0]!.id;
    expect(() =>
      refund(o, { amount: 100, method: 'card', reason: 'x', approvedBy: null }, t.ctx),
    ).toThrow(ManagerApprovalRequiredError);
    try {
      refund(o, { amount: 3000, method: 'card', reason: 'x', approvedBy: MANAGER }, t.ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RefundExceedsPaidError);
      expect((e as RefundExceedsPaidError).refundable).toBe(2900);
    }
    expect(() =>
      refund(o, { amount: 0, method: 'card', reason: 'x', approvedBy: MANAGER }, t.ctx),
    ).toThrow(OrderError);
    expect(() =>
      refund(
        o,
        {
          amount: 5,
          lines: [{ lineId, quantity: 1 }],
          method: 'card',
          reason: 'x',
          approvedBy: MANAGER,
        },
        t.ctx,
      ),
    ).toThrow(/not both/);
    expect(() =>
      refund(
        o,
        { lines: [{ lineId, quantity: 0 }], method: 'card', reason: 'x', approvedBy: MANAGER },
        t.ctx,
      ),
    ).toThrow(/at least 1/);
    expect(() =>
      refund(
        newOrder(t.ctx),
        { amount: 1, method: 'cash', reason: 'x', approvedBy: MANAGER },
        t.ctx,
      ),
    ).toThrow(IllegalTransitionError);
  });

  it('property: refunds never exceed what was paid, whatever is attempted', () => {
    const attempt = fc.oneof(
      fc.record({
        kind: fc.constant('amount' as const),
        amount: fc.integer({ min: 1, max: 6000 }),
      }),
      fc.record({
        kind: fc.constant('line' as const),
        line: fc.integer({ min: 0, max: 2 }),
        quantity: fc.integer({ min: 1, max: 4 }),
      }),
    );
    fc.assert(
      fc.property(
        fc.array(attempt, { maxLength: 12 }),
        fc.integer({ min: 0, max: 2000 }),
        (attempts, partialCash) => {
          const t = testContext();
          let o = add(newOrder(t.ctx, { cashRoundingStep: 5 }), 'espresso', t.ctx, { quantity: 3 });
          o = add(o, 'entrecote', t.ctx, { selection: STEAK });
          o = add(o, 'ipa', t.ctx, {
            quantity: 2,
            selection: [{ groupId: 'size', optionId: 'm' }],
          });
          if (partialCash > 0) o = addPayment(o, { method: 'cash', tendered: partialCash }, t.ctx);
          o = addPayment(o, { method: 'card', reference: 'r' }, t.ctx);
          const paid = o.totals.paid;
          for (const a of attempts) {
            try {
              o =
                a.kind === 'amount'
                  ? refund(
                      o,
                      { amount: a.amount, method: 'cash', reason: 'p', approvedBy: MANAGER },
                      t.ctx,
                    )
                  : refund(
                      o,
                      {
                        lines: [{ lineId: o.lines[a.line]!.id, quantity: a.quantity }],
                        method: 'card',
                        reason: 'p',
                        approvedBy: MANAGER,
                      },
                      t.ctx,
                    );
            } catch (e) {
              if (!(
                e instanceof RefundExceedsPaidError ||
                e instanceof IllegalTransitionError ||
                e instanceof OrderError
              ))
                throw e;
            }
            const refunded = o.refunds.reduce((s, r) => s + r.amount, 0);
            expect(refunded).toBeLessThanOrEqual(paid);
            expect(o.totals.refunded).toBe(refunded);
            for (const line of o.lines) {
              const units = o.refunds.flatMap((r) => r.lines).filter((l) => l.lineId === line.id);
              expect(units.reduce((s, l) => s + l.quantity, 0)).toBeLessThanOrEqual(
                line.quantity - line.voidedQuantity,
              );
            }
            expect(o.status === 'refunded').toBe(refunded === paid);
          }
        },
      ),
    );
  });
});
