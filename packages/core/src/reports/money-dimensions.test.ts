import { describe, expect, it } from 'vitest';
import { addPayment } from '../orders/index';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { aggregatePaymentMethods, aggregateTaxRates } from './index';

function sales() {
  const t = testContext(Date.UTC(2026, 0, 1, 11, 0));
  let a = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK });
  a = add(a, 'bordeaux', t.ctx, { selection: [{ groupId: 'wine-glass', optionId: 'glass' }] });
  const half = Math.floor(a.totals.totalDue / 2);
  a = addPayment(a, { method: 'card', reference: 'C1', amount: half, tip: 200 }, t.ctx);
  a = addPayment(a, { method: 'cash', tendered: a.totals.due }, t.ctx);
  let b = add(newOrder(t.ctx), 'espresso', t.ctx);
  b = addPayment(b, { method: 'other', label: 'Ticket Resto' }, t.ctx);
  const open = add(newOrder(t.ctx), 'espresso', t.ctx);
  return { orders: [a, b, open], a, b };
}

describe('payment-method and tax-rate dimensions', () => {
  it('adds up takings per method, tips excluded, with labelled other methods', () => {
    const { orders, a, b } = sales();
    const rows = aggregatePaymentMethods(orders);
    const taken = [a, b].flatMap((o) => o.payments).reduce((s, p) => s + p.amount, 0);
    expect(rows.reduce((s, r) => s + r.gross, 0)).toBe(taken);
    expect(rows.map((r) => r.key).sort()).toEqual(['card', 'cash', 'other:Ticket Resto']);
    expect(rows.find((r) => r.key === 'other:Ticket Resto')).toMatchObject({
      label: 'Ticket Resto',
      quantity: 1,
      orders: 1,
    });
    expect(rows.every((r) => r.net === r.gross && r.tax === 0)).toBe(true);
  });

  it('splits settled sales by rate exactly as the orders taxed them, ignoring open orders', () => {
    const { orders, a, b } = sales();
    const rows = aggregateTaxRates(orders);
    expect(rows.map((r) => r.key)).toEqual(['1000', '2000']);
    expect(rows[1]!.label).toBe('20.00 %');
    for (const r of rows) expect(r.net + r.tax).toBe(r.gross);
    expect(rows.reduce((s, r) => s + r.gross, 0)).toBe(a.totals.total + b.totals.total);
    expect(rows.reduce((s, r) => s + r.tax, 0)).toBe(a.totals.taxTotal + b.totals.taxTotal);
  });
});
