import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import {
  OrderError,
  addPayment,
  applyDiscount,
  sendToKitchen,
  splitBill,
  splitDueEvenly,
  voidLine,
} from './index';

const POLICY = { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 };
/** The split's own ticket, as the till's counter would give it. */
const NEXT = { ticketCode: 'A', ticketNumber: 2 };

describe('splitBill', () => {
  it('moves whole and partial lines to a new order keeping kitchen state', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK });
    o = add(o, 'pression', t.ctx, { quantity: 4, selection: [{ groupId: 'size', optionId: 's' }] });
    o = sendToKitchen(o, t.ctx);
    const [steak, beer] = o.lines;
    const { source, target } = splitBill(
      o,
      [
        { lineId: steak!.id, quantity: 1 },
        { lineId: beer!.id, quantity: 1 },
      ],
      t.ctx,
      NEXT,
    );
    expect(source.ticketNumber).toBe(1);
    expect(target).toMatchObject({
      splitFromOrderId: o.id,
      table: '7',
      ticketNumber: 2,
      ticketCode: 'A',
      status: 'sent',
      payments: [],
      printRequests: [],
    });
    expect(target.id).not.toBe(o.id);
    // Mains are course 2: announced to the grill as held, not fired yet.
    expect(
      target.lines.map((l) => [l.itemId, l.quantity, l.firedQuantity, l.announcedQuantity]),
    ).toEqual([
      ['entrecote', 1, 0, 1],
      ['pression', 1, 1, 1],
    ]);
    expect(target.lines[0]!.id).toBe(steak!.id);
    expect(source.lines.map((l) => [l.itemId, l.quantity, l.firedQuantity])).toEqual([
      ['pression', 3, 3],
    ]);
    expect(source.totals.total + target.totals.total).toBe(o.totals.total);
    // Nothing new for the kitchen on either side.
    expect(() => sendToKitchen(source, t.ctx)).toThrow(/nothing new/);
  });

  it('shares amount discounts and keeps percent discounts on both parts', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 3 });
    const lineId = o.lines[0]!.id;
    o = applyDiscount(
      o,
      { target: { lineId }, value: { type: 'amount', amount: 100 } },
      POLICY,
      t.ctx,
    );
    o = applyDiscount(
      o,
      { target: 'order', value: { type: 'percent', basisPoints: 1000 } },
      POLICY,
      t.ctx,
    );
    const { source, target } = splitBill(o, [{ lineId, quantity: 1 }], t.ctx, NEXT);
    expect(target.lines[0]!.discount?.value).toEqual({ type: 'amount', amount: 33 });
    expect(source.lines[0]!.discount?.value).toEqual({ type: 'amount', amount: 67 });
    expect(target.discount?.value).toEqual({ type: 'percent', basisPoints: 1000 });
    const all = splitBill(o, [{ lineId, quantity: 3 }], t.ctx, NEXT);
    expect(all.source.lines).toHaveLength(0);
  });

  it('splits the due evenly between guests, each part payable', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'paella', t.ctx); // 38.00
    o = add(o, 'espresso', t.ctx); // 2.50
    const parts = splitDueEvenly(o, 3);
    expect(parts).toEqual([1350, 1350, 1350]);
    o = addPayment(o, { method: 'card', amount: parts[0]!, reference: 'a' }, t.ctx);
    expect(splitDueEvenly(o, 2)).toEqual([1350, 1350]);
    expect(splitDueEvenly({ totals: { ...o.totals, due: 1001 } }, 2)).toEqual([501, 500]);
  });

  it('refuses after payment and for impossible moves', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 2 });
    const lineId = o.lines[0]!.id;
    expect(() => splitBill(o, [], t.ctx, NEXT)).toThrow(OrderError);
    expect(() => splitBill(o, [{ lineId, quantity: 3 }], t.ctx, NEXT)).toThrow(/cannot move 3/);
    o = addPayment(o, { method: 'card', amount: 100, reference: 'x' }, t.ctx);
    expect(() => splitBill(o, [{ lineId, quantity: 1 }], t.ctx, NEXT)).toThrow(/before taking payments/);
  });

  it('property: splitting never creates or loses money, units or fired units', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ q: fc.integer({ min: 1, max: 5 }), voided: fc.integer({ min: 0, max: 2 }) }),
          { minLength: 1, maxLength: 8 },
        ),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 3000 }),
        (specs, picks, send, orderPercent) => {
          const t = testContext();
          let o = newOrder(t.ctx);
          for (const s of specs) o = add(o, 'tarte-tatin', t.ctx, { quantity: s.q });
          if (send) o = sendToKitchen(o, t.ctx);
          o.lines.forEach((l, i) => {
            const v = Math.min(specs[i]!.voided, l.quantity - 1);
            if (v > 0) o = voidLine(o, { lineId: l.id, quantity: v, approvedBy: 'm' }, t.ctx);
          });
          if (orderPercent > 0) {
            o = applyDiscount(
              o,
              { target: 'order', value: { type: 'percent', basisPoints: orderPercent } },
              POLICY,
              t.ctx,
            );
          }
          const moves = picks
            .map((p, i) => {
              const l = o.lines[i % o.lines.length]!;
              return { lineId: l.id, quantity: 1 + (p % (l.quantity - l.voidedQuantity)) };
            })
            .filter((m, i, all) => all.findIndex((x) => x.lineId === m.lineId) === i);
          const { source, target } = splitBill(o, moves, t.ctx, NEXT);
          const units = (x: typeof o) =>
            x.lines.reduce((a, l) => a + l.quantity - l.voidedQuantity, 0);
          const fired = (x: typeof o) => x.lines.reduce((a, l) => a + l.firedQuantity, 0);
          expect(units(source) + units(target)).toBe(units(o));
          expect(fired(source) + fired(target)).toBe(fired(o));
          expect(source.totals.subtotal + target.totals.subtotal).toBe(o.totals.subtotal);
          for (const x of [source, target]) {
            for (const l of x.lines)
              expect(l.firedQuantity).toBeLessThanOrEqual(l.quantity - l.voidedQuantity);
          }
        },
      ),
    );
  });
});
