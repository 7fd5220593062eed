import { describe, expect, it } from 'vitest';
import { add, newOrder, testContext } from '../testing/fixtures';
import {
  addPayment,
  addsOnlyRecords,
  closeOrder,
  frozenOrderViolation,
  mergeOrders,
  refund,
  voidLine,
} from './index';

describe('frozenOrderViolation', () => {
  const paidOrder = () => {
    const t = testContext();
    const order = add(newOrder(t.ctx), 'soupe-oignon', t.ctx);
    return { t, paid: addPayment(order, { method: 'card', reference: 'AUTH' }, t.ctx) };
  };

  it('a join of two closes keeps the earlier close among the server’s entries: allowed', () => {
    const { t, paid } = paidOrder();
    t.tick();
    const onB = closeOrder(paid, t.as('staff-b'));
    t.tick();
    const onA = closeOrder(paid, t.as('staff-a'));
    // The server stored A's close; B merges it with its own earlier close and pushes the join.
    const joined = mergeOrders(onA, onB);
    expect(joined.statusHistory.map((s) => s.by).slice(-2)).toEqual(['staff-b', 'staff-a']);
    expect(frozenOrderViolation(onA, joined)).toBeNull();
    expect(frozenOrderViolation(onB, joined)).toBeNull();
  });

  it('refuses removing or changing an entry, or changing a fixed field', () => {
    const { t, paid } = paidOrder();
    t.tick();
    const refunded = refund(
      paid,
      { amount: 100, method: 'card', reason: 'cold', approvedBy: 'mgr' },
      t.ctx,
    );
    expect(frozenOrderViolation(paid, refunded)).toBeNull();
    expect(frozenOrderViolation(refunded, paid)).toBe('"refunds" can only be appended to');
    const rewritten = { ...refunded, refunds: refunded.refunds.map((r) => ({ ...r, amount: 1 })) };
    expect(frozenOrderViolation(refunded, rewritten)).toBe('"refunds" can only be appended to');
    const history = [...paid.statusHistory, paid.statusHistory[0]!];
    // A duplicated entry does not stand in for a removed one.
    expect(frozenOrderViolation({ ...paid, statusHistory: history }, paid)).toBe(
      '"statusHistory" can only be appended to',
    );
    expect(frozenOrderViolation(paid, { ...paid, notes: 'edited' })).toBe('"notes" cannot change');
  });
});

describe('addsOnlyRecords', () => {
  it('a paid copy merged into a concurrent void adds records only; a rewritten field or line does not', () => {
    const t = testContext();
    const sent = add(add(newOrder(t.ctx), 'soupe-oignon', t.ctx), 'tarte-tatin', t.ctx);
    t.tick();
    const paid = addPayment(sent, { method: 'card', reference: 'A' }, t.ctx);
    t.tick();
    const line = sent.lines[0]!;
    const voided = voidLine(
      sent,
      { lineId: line.id, quantity: 1, reason: 'cold', approvedBy: 'mgr' },
      t.ctx,
    );
    const joined = mergeOrders(paid, voided);
    expect(addsOnlyRecords(joined, paid)).toBe(true);
    expect(addsOnlyRecords(paid, joined)).toBe(false);
    expect(addsOnlyRecords({ ...joined, notes: 'zz rewritten' }, paid)).toBe(false);
    const renamed = joined.lines.map((l) => (l.id === line.id ? { ...l, name: 'Other' } : l));
    expect(addsOnlyRecords({ ...joined, lines: renamed }, paid)).toBe(false);
  });
});
