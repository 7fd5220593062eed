import { describe, expect, it } from 'vitest';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { applyDiscount, mergeOrders, sendToKitchen, voidLine } from './index';

const ticketLines = (o: ReturnType<typeof newOrder>) =>
  o.printRequests.flatMap((r) =>
    r.tickets.flatMap((t) => t.lines.map((l) => `${l.quantity}× ${l.name}`)),
  );

describe('addLine: the same item again grows its line', () => {
  it('two taps on the same item make one 2× line, on screen and on the kitchen ticket', () => {
    const t = testContext();
    let o = add(
      newOrder(t.ctx, { type: 'takeaway', table: null, covers: null }),
      'soupe-oignon',
      t.ctx,
    );
    o = add(o, 'soupe-oignon', t.ctx);
    expect(o.lines).toHaveLength(1);
    expect(o.lines[0]!.quantity).toBe(2);
    expect(o.totals.total).toBe(2 * o.lines[0]!.unitPrice);
    o = sendToKitchen(o, t.ctx);
    expect(ticketLines(o)).toEqual([`2× ${o.lines[0]!.name}`]);
  });

  it('same modifiers merge; other modifiers, seat, notes or course make their own line', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK });
    expect(o.lines.map((l) => l.quantity)).toEqual([2]);
    o = add(o, 'entrecote', t.ctx, {
      selection: [
        { groupId: 'doneness', optionId: 'bleu' },
        { groupId: 'side', optionId: 'frites' },
      ],
    });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, seat: 2 });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, notes: 'no salt' });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, course: 3 });
    expect(o.lines.map((l) => l.quantity)).toEqual([2, 1, 1, 1, 1]);
    // A quantity adds up too.
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, quantity: 3 });
    expect(o.lines[0]!.quantity).toBe(5);
  });

  it('a line the kitchen already has, a discounted or a partly voided line is never grown', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'soupe-oignon', t.ctx);
    o = sendToKitchen(o, t.ctx);
    o = add(o, 'soupe-oignon', t.ctx);
    expect(o.lines.map((l) => l.quantity)).toEqual([1, 1]);
    // The next ticket carries exactly the new unit.
    const before = o.printRequests.length;
    o = sendToKitchen(o, t.ctx);
    expect(ticketLines({ ...o, printRequests: o.printRequests.slice(before) })).toEqual([
      `1× ${o.lines[1]!.name}`,
    ]);

    let d = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 2 });
    d = applyDiscount(
      d,
      { target: { lineId: d.lines[0]!.id }, value: { type: 'percent', basisPoints: 1000 } },
      { maxPercentBasisPoints: 10_000, maxAmount: 1_000_000 },
      t.ctx,
    );
    d = add(d, 'espresso', t.ctx);
    expect(d.lines.map((l) => l.quantity)).toEqual([2, 1]);

    let v = add(newOrder(t.ctx), 'espresso', t.ctx, { quantity: 2 });
    v = voidLine(v, { lineId: v.lines[0]!.id, quantity: 1, reason: 'wrong' }, t.ctx);
    v = add(v, 'espresso', t.ctx);
    expect(v.lines.map((l) => [l.quantity, l.voidedQuantity])).toEqual([
      [2, 1],
      [1, 0],
    ]);
  });
});

describe('addLine on a table two tills share', () => {
  it('grows only its own till’s line: two tills adding the same item at once keep every unit', () => {
    // Found by the branch chaos test: both tills grew one line from 1 to 2 and the merge (a max
    // of the quantities) kept 2 units of the 3 the tills had taken.
    const t = testContext();
    const onA = { ...t.ctx, tillId: 'till-a' };
    const base = add(newOrder(onA), 'soupe-oignon', onA);
    t.tick();
    const a = add(base, 'soupe-oignon', { ...t.ctx, tillId: 'till-a' });
    const b = add(base, 'soupe-oignon', { ...t.ctx, tillId: 'till-b' });
    expect(a.lines.map((l) => l.quantity)).toEqual([2]);
    expect(b.lines.map((l) => [l.quantity, l.tillId])).toEqual([
      [1, 'till-a'],
      [1, 'till-b'],
    ]);
    const merged = mergeOrders(a, b);
    expect(merged.lines.reduce((units, l) => units + l.quantity, 0)).toBe(3);
    expect(mergeOrders(b, a)).toEqual(merged);
  });
});
