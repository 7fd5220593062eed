import { describe, expect, it } from 'vitest';
import { add, newOrder, testContext } from '../testing/fixtures';
import {
  addPayment,
  closeOrder,
  frozenOrderViolation,
  splitBill,
  staleOrderWrite,
  updateOrderDetails,
  voidLine,
} from './index';

describe('staleOrderWrite', () => {
  const paidOrder = () => {
    const t = testContext();
    const order = add(newOrder(t.ctx), 'soupe-oignon', t.ctx, { quantity: 2 });
    t.tick();
    return { t, paid: addPayment(order, { method: 'card', reference: 'AUTH' }, t.ctx) };
  };

  it('a close computed from the paid order over the close another till stored meanwhile (seed 7, schedule 595)', () => {
    const { t, paid } = paidOrder();
    t.tick();
    const theirs = closeOrder(paid, t.as('staff-b'));
    t.tick();
    const mine = closeOrder(paid, t.as('staff-a'));
    expect(staleOrderWrite(theirs, mine)).toMatch(/statusHistory/);
    // Written and pushed over the server's copy it assumed, the server refuses it for ever.
    expect(frozenOrderViolation(theirs, mine)).toMatch(/statusHistory/);
  });

  it('names a payment, a void or units of a line the new version lacks', () => {
    const { t } = paidOrder();
    const open = add(newOrder(t.ctx), 'soupe-oignon', t.ctx);
    t.tick();
    const paidPart = addPayment(open, { method: 'card', amount: 100, reference: 'A' }, t.ctx);
    const named = updateOrderDetails(open, { customerName: 'Ana' }, t.ctx);
    expect(staleOrderWrite(paidPart, named)).toMatch(/payments/);
    const lineId = open.lines[0]!.id;
    const voided = voidLine(
      open,
      { lineId, quantity: 1, reason: 'cold', approvedBy: 'mgr' },
      t.ctx,
    );
    expect(staleOrderWrite(voided, named)).toMatch(/voids/);
    const grown = add(open, 'soupe-oignon', t.ctx);
    expect(grown.lines).toHaveLength(1);
    expect(staleOrderWrite(grown, named)).toMatch(/units of line/);
  });

  it('accepts every action computed from the stored version, and a split source with linesMoved', () => {
    const { t, paid } = paidOrder();
    t.tick();
    expect(staleOrderWrite(paid, closeOrder(paid, t.ctx))).toBeNull();
    const open = add(newOrder(t.ctx), 'soupe-oignon', t.ctx, { quantity: 2 });
    const lineId = open.lines[0]!.id;
    t.tick();
    expect(staleOrderWrite(open, updateOrderDetails(open, { table: '9' }, t.ctx))).toBeNull();
    expect(
      staleOrderWrite(
        open,
        voidLine(open, { lineId, quantity: 1, reason: 'cold', approvedBy: 'mgr' }, t.ctx),
      ),
    ).toBeNull();
    const { source } = splitBill(open, [{ lineId, quantity: 2 }], t.ctx, { ticketNumber: 2 });
    expect(staleOrderWrite(open, source)).toMatch(/units of line/);
    expect(staleOrderWrite(open, source, { linesMoved: true })).toBeNull();
  });
});
