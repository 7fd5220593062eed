import { describe, expect, it } from 'vitest';
import { add, newOrder, testContext } from '../testing/fixtures';
import { IllegalTransitionError, OrderError, addPayment, setOrderService } from './index';

describe('setOrderService: the table comes after the first item', () => {
  it('turns a takeaway started by an item tap into table 12 for 3, keeping its lines and ticket', () => {
    const t = testContext();
    let o = add(
      newOrder(t.ctx, { type: 'takeaway', table: null, covers: null }),
      'espresso',
      t.ctx,
    );
    t.tick();
    const served = setOrderService(o, { type: 'dineIn', table: '12', covers: 3 }, t.ctx);
    expect(served).toMatchObject({
      type: 'dineIn',
      table: '12',
      covers: 3,
      ticketNumber: o.ticketNumber,
      updatedAt: o.updatedAt + 1000,
    });
    expect(served.lines).toEqual(o.lines);
    // Stamped like every edit of these fields, so another till's concurrent change merges by time.
    expect(Object.keys(served.edits ?? {}).sort()).toEqual(['covers', 'table', 'type']);
    // And back to takeaway for a name: table and covers go.
    o = setOrderService(served, { type: 'takeaway', customerName: 'Ana' }, t.ctx);
    expect(o).toMatchObject({ type: 'takeaway', table: null, covers: null, customerName: 'Ana' });
  });

  it('refuses a takeaway with a table, bad covers, a too long table name and a paid order', () => {
    const t = testContext();
    const o = add(newOrder(t.ctx), 'espresso', t.ctx);
    for (const bad of [
      { type: 'takeaway', table: '4' },
      { type: 'dineIn', table: '4', covers: 0 },
      { type: 'dineIn', table: '4', covers: 1001 },
      { type: 'dineIn', table: '4', covers: 2.5 },
      { type: 'dineIn', table: '' },
      { type: 'dineIn', table: 'x'.repeat(10_000) },
    ] as const) {
      expect(() => setOrderService(o, bad, t.ctx)).toThrow(OrderError);
    }
    const paid = addPayment(o, { method: 'card', reference: '' }, t.ctx);
    expect(() => setOrderService(paid, { type: 'dineIn', table: '4' }, t.ctx)).toThrow(
      IllegalTransitionError,
    );
  });
});
