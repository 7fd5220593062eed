import { describe, expect, it } from 'vitest';
import { ModifierSelectionError } from '../menu/modifiers';
import { STEAK, add, newOrder, parisMenu, testContext } from '../testing/fixtures';
import {
  IllegalTransitionError,
  ManagerApprovalRequiredError,
  OrderError,
  addLine,
  addPayment,
  applyDiscount,
  canTransition,
  lastKitchenSends,
  closeOrder,
  createOrder,
  orderDocSchema,
  printRequestTargets,
  removeDiscount,
  requestCustomerPrint,
  requestReprint,
  requiresManagerApproval,
  sendToKitchen,
  updateLineDetails,
  voidLine,
  voidOrder,
  withStatus,
} from './index';

const POLICY = { maxPercentBasisPoints: 1000, maxAmount: 1000 };

describe('order lifecycle', () => {
  it('creates a valid open order document', () => {
    const t = testContext();
    const o = newOrder(t.ctx);
    expect(orderDocSchema.parse(o)).toEqual(o);
    expect(o).toMatchObject({
      id: 'id-1',
      status: 'open',
      schemaVersion: 2,
      updatedAt: t.ctx.at,
      table: '7',
    });
    expect(() => newOrder(t.ctx, { type: 'takeaway' })).toThrow(/takeaway orders have no table/);
    expect(() => createOrder({ ...({} as Parameters<typeof createOrder>[0]) }, t.ctx)).toThrow(
      OrderError,
    );
  });

  it('follows open → sent → paid → closed and rejects illegal moves with typed errors', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK });
    o = sendToKitchen(o, t.ctx);
    expect(o.status).toBe('sent');
    o = addPayment(o, { method: 'card', reference: 'AUTH-1' }, t.ctx);
    expect(o.status).toBe('paid');
    expect(() => add(o, 'espresso', t.ctx)).toThrow(IllegalTransitionError);
    expect(() => voidOrder(o, { reason: 'x' }, t.ctx)).toThrow(IllegalTransitionError);
    o = closeOrder(o, t.ctx);
    expect(o.statusHistory.map((s) => s.status)).toEqual(['open', 'sent', 'paid', 'closed']);
    try {
      closeOrder(o, t.ctx);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(IllegalTransitionError);
      expect(e).toMatchObject({ from: 'closed', code: 'ORDER_ILLEGAL_TRANSITION' });
    }
    expect(canTransition('voided', 'open')).toBe(false);
    expect(() => withStatus(o, 'open', 0, 's')).toThrow(IllegalTransitionError);
    expect(withStatus(o, 'closed', 0, 's')).toBe(o);
  });

  it('every mutation returns a new order and leaves the old one untouched', () => {
    const t = testContext();
    const o1 = newOrder(t.ctx);
    const snapshot = structuredClone(o1);
    t.tick();
    const o2 = add(o1, 'espresso', t.ctx);
    expect(o1).toEqual(snapshot);
    expect(o2.updatedAt).toBe(o1.updatedAt + 1000);
    expect(o2.totals.total).toBe(250);
  });
});

describe('lines', () => {
  it('snapshots item data on the line', () => {
    const t = testContext();
    const o = add(newOrder(t.ctx), 'burger-classique', t.ctx, {
      selection: [...STEAK, { groupId: 'burger-extras', optionId: 'cheddar' }],
      seat: 2,
      notes: 'sans sel',
    });
    expect(o.lines[0]).toMatchObject({
      itemId: 'burger-classique',
      name: 'Burger classique',
      categoryId: 'burgers',
      unitPrice: 1600,
      taxClassId: 'food',
      taxRateBasisPoints: 1000,
      taxInclusive: true,
      stationId: 'grill',
      course: 1,
      seat: 2,
      notes: 'sans sel',
      quantity: 1,
    });
    expect(o.lines[0]?.modifiers.map((m) => m.name)).toEqual([
      'Saignant',
      'Frites maison',
      'Cheddar',
    ]);
    expect(o.totals.total).toBe(1700);
  });

  it('rejects 86d items, bad quantities and bad modifiers', () => {
    const t = testContext();
    const o = newOrder(t.ctx);
    const item = { ...parisMenu.items.paella!, available: false };
    expect(() => addLine(o, { item, modifierGroups: parisMenu.modifierGroups }, t.ctx)).toThrow(
      /not available/,
    );
    expect(() => add(o, 'espresso', t.ctx, { quantity: 0 })).toThrow(OrderError);
    expect(() => add(o, 'entrecote', t.ctx)).toThrow(ModifierSelectionError);
  });

  it('voids unsent units freely, sent units only with approval, and prints VOID for sent units', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'bavette', t.ctx, { selection: STEAK, quantity: 3 });
    const lineId = o.lines[0]!.id;
    o = voidLine(o, { lineId, quantity: 1, reason: 'mistake' }, t.ctx);
    expect(o.lines[0]).toMatchObject({ quantity: 3, voidedQuantity: 1 });
    expect(o.voids[0]).toMatchObject({ quantity: 1, wasFired: false });
    expect(o.printRequests).toHaveLength(0);
    o = sendToKitchen(o, t.ctx);
    expect(() => voidLine(o, { lineId, quantity: 1 }, t.ctx)).toThrow(ManagerApprovalRequiredError);
    expect(() => voidLine(o, { lineId, quantity: 5, approvedBy: 'm' }, t.ctx)).toThrow(
      /only 2 left/,
    );
    o = voidLine(
      o,
      { lineId, quantity: 1, reason: 'customer left', approvedBy: 'staff-hugo' },
      t.ctx,
    );
    const req = o.printRequests.at(-1)!;
    expect(req.kind).toBe('void');
    expect(req.tickets).toEqual([
      expect.objectContaining({
        kind: 'void',
        stationId: 'grill',
        lines: [expect.objectContaining({ quantity: 1, name: "Bavette à l'échalote" })],
      }),
    ]);
    expect(o.lines[0]).toMatchObject({ voidedQuantity: 2, firedQuantity: 1 });
    expect(o.totals.total).toBe(1950);
  });

  it('edits details only before the kitchen saw the line', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx);
    const lineId = o.lines[0]!.id;
    o = updateLineDetails(o, lineId, { notes: 'serré', seat: 1 }, t.ctx);
    expect(o.lines[0]).toMatchObject({ notes: 'serré', seat: 1 });
    o = sendToKitchen(o, t.ctx);
    expect(() => updateLineDetails(o, lineId, { notes: 'x' }, t.ctx)).toThrow(/already sent/);
    expect(() => updateLineDetails(o, 'nope', { notes: 'x' }, t.ctx)).toThrow(/no line nope/);
  });

  it('voids a whole unpaid order, refusing once paid', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'croque', t.ctx, {
      selection: [{ groupId: 'side', optionId: 'salade' }],
    });
    o = add(o, 'cola', t.ctx);
    o = sendToKitchen(o, t.ctx);
    expect(() => voidOrder(o, { reason: 'walked out' }, t.ctx)).toThrow(
      ManagerApprovalRequiredError,
    );
    const voided = voidOrder(o, { reason: 'walked out', approvedBy: 'staff-hugo' }, t.ctx);
    expect(voided).toMatchObject({ status: 'voided', voidReason: 'walked out' });
    expect(voided.totals.total).toBe(0);
    expect(
      voided.printRequests
        .filter((r) => r.kind === 'void')
        .flatMap((r) => r.tickets.map((k) => k.stationId)),
    ).toEqual(['kitchen', 'bar']);
    const paid = addPayment(o, { method: 'card', amount: 100, reference: 'r' }, t.ctx);
    expect(() => voidOrder(paid, { reason: 'x', approvedBy: 'm' }, t.ctx)).toThrow(/refund them/);
  });

  it('voids a whole sent order with one VOID ticket per station, held courses included', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK, quantity: 2 });
    o = add(o, 'tarte-tatin', t.ctx); // course 3: announced as held, not cooked
    o = add(o, 'cola', t.ctx);
    o = sendToKitchen(o, t.ctx);
    o = voidLine(o, { lineId: o.lines[2]!.id, reason: 'spilt', approvedBy: 'm' }, t.ctx);
    o = add(o, 'espresso', t.ctx); // never sent: voided without a ticket
    const before = o.printRequests.length;
    t.tick();
    const voided = voidOrder(o, { reason: '  walked out ', approvedBy: 'staff-hugo' }, t.ctx);
    const requests = voided.printRequests.slice(before);
    expect(requests.map((r) => r.kind)).toEqual(['void']);
    expect(
      requests[0]!.tickets.map((k) => [
        k.kind,
        k.stationId,
        k.lines.map((l) => `${l.quantity} ${l.name}`),
      ]),
    ).toEqual([
      ['void', 'grill', [`2 ${parisMenu.items['entrecote']!.name}`]],
      ['void', 'pastry', [`1 ${parisMenu.items['tarte-tatin']!.name}`]],
    ]);
    expect(voided.voidReason).toBe('walked out');
    expect(voided.statusHistory.at(-1)).toMatchObject({ status: 'voided', at: t.ctx.at });
    // One void record per line still active (the cola was voided before), all approved.
    expect(voided.voids.slice(1).map((v) => [v.quantity, v.wasFired, v.approvedBy])).toEqual([
      [2, true, 'staff-hugo'],
      [1, true, 'staff-hugo'],
      [1, false, 'staff-hugo'],
    ]);
    expect(voided.lines.every((l) => l.firedQuantity === 0 && l.announcedQuantity === 0)).toBe(
      true,
    );
    expect(voided.totals.total).toBe(0);
    expect(() => voidOrder(voided, { reason: 'again', approvedBy: 'm' }, t.ctx)).toThrow(
      IllegalTransitionError,
    );
  });

  it('voids an unsent order without a manager or a ticket, but never without a reason', () => {
    const t = testContext();
    const o = add(newOrder(t.ctx), 'croque', t.ctx, {
      selection: [{ groupId: 'side', optionId: 'salade' }],
    });
    expect(() => voidOrder(o, { reason: '   ' }, t.ctx)).toThrow(/say why/);
    const voided = voidOrder(o, { reason: 'mistake' }, t.ctx);
    expect(voided.status).toBe('voided');
    expect(voided.printRequests).toEqual([]);
    expect(voided.voids).toHaveLength(1);
    expect(voided.voids[0]).toMatchObject({ wasFired: false, approvedBy: null });
    // An empty tab can be voided too (opened by mistake).
    expect(voidOrder(newOrder(t.ctx), { reason: 'empty' }, t.ctx).status).toBe('voided');
  });
});

describe('discounts', () => {
  it('flags discounts above the percent or amount limit', () => {
    expect(requiresManagerApproval({ type: 'percent', basisPoints: 1000 }, 5000, POLICY)).toBe(
      false,
    );
    expect(requiresManagerApproval({ type: 'percent', basisPoints: 1500 }, 100, POLICY)).toBe(true);
    expect(requiresManagerApproval({ type: 'percent', basisPoints: 1000 }, 20_000, POLICY)).toBe(
      true,
    );
    expect(requiresManagerApproval({ type: 'amount', amount: 1000 }, 20_000, POLICY)).toBe(false);
    expect(requiresManagerApproval({ type: 'amount', amount: 1001 }, 20_000, POLICY)).toBe(true);
    expect(requiresManagerApproval({ type: 'amount', amount: 5000 }, 800, POLICY)).toBe(false);
  });

  it('applies line and order discounts, requiring approval above the limits', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'magret', t.ctx, { selection: STEAK, quantity: 2 }); // 47.00
    const lineId = o.lines[0]!.id;
    o = applyDiscount(
      o,
      { target: { lineId }, value: { type: 'amount', amount: 500 }, reason: 'late' },
      POLICY,
      t.ctx,
    );
    expect(o.totals).toMatchObject({ lineDiscounts: 500, total: 4200 });
    expect(() =>
      applyDiscount(
        o,
        { target: 'order', value: { type: 'percent', basisPoints: 5000 } },
        POLICY,
        t.ctx,
      ),
    ).toThrow(ManagerApprovalRequiredError);
    o = applyDiscount(
      o,
      { target: 'order', value: { type: 'percent', basisPoints: 5000 }, approvedBy: 'staff-hugo' },
      POLICY,
      t.ctx,
    );
    expect(o.discount).toMatchObject({ approvedBy: 'staff-hugo', by: 'staff-lea' });
    expect(o.totals).toMatchObject({ orderDiscount: 2100, total: 2100 });
    expect(() =>
      applyDiscount(
        o,
        { target: 'order', value: { type: 'percent', basisPoints: 0 } },
        POLICY,
        t.ctx,
      ),
    ).toThrow(/invalid discount/);
    o = removeDiscount(o, 'order', t.ctx);
    o = removeDiscount(o, { lineId }, t.ctx);
    expect(o.totals.total).toBe(4700);
    expect(() => removeDiscount(o, { lineId: 'x' }, t.ctx)).toThrow(OrderError);
  });
});

describe('payments', () => {
  it('takes split payments, settles with cash rounding and gives change', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx, { cashRoundingStep: 5 }), 'cappuccino', t.ctx, {
      quantity: 3,
      selection: [{ groupId: 'milk', optionId: 'soy' }],
    });
    // 3 × 5.20 = 15.60, then 1 % off → 15.44
    o = applyDiscount(
      o,
      { target: 'order', value: { type: 'percent', basisPoints: 100 } },
      POLICY,
      t.ctx,
    );
    expect(o.totals).toMatchObject({ total: 1544, cashDue: 1545 });
    o = addPayment(o, { method: 'card', amount: 1000, tip: 100, reference: 'A1' }, t.ctx);
    expect(o.status).toBe('open');
    expect(o.totals).toMatchObject({ paid: 1000, tips: 100, due: 544, cashDue: 545 });
    expect(() => addPayment(o, { method: 'card', amount: 600, reference: 'x' }, t.ctx)).toThrow(
      /only 544 is due/,
    );
    expect(() => addPayment(o, { method: 'cash', tendered: 500, amount: 545 }, t.ctx)).toThrow(
      /does not cover/,
    );
    o = addPayment(o, { method: 'cash', tendered: 2000 }, t.ctx);
    expect(o.payments[1]).toMatchObject({
      method: 'cash',
      amount: 545,
      tendered: 2000,
      change: 1455,
    });
    expect(o.totals).toMatchObject({
      cashRounding: 1,
      totalDue: 1545,
      paid: 1545,
      due: 0,
      change: 1455,
    });
    expect(o.status).toBe('paid');
    const receipt = o.printRequests.at(-1)!;
    expect(receipt.kind).toBe('receipt');
    expect(printRequestTargets(receipt)).toEqual(['receipt']);
  });

  it('settles a remaining due smaller than half a cash step by rounding it away', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx, { cashRoundingStep: 5 }), 'espresso', t.ctx);
    o = addPayment(o, { method: 'card', amount: 248, reference: 'x' }, t.ctx);
    expect(o.totals).toMatchObject({ due: 2, cashDue: 0 });
    o = addPayment(o, { method: 'cash', tendered: 0 }, t.ctx);
    expect(o.totals).toMatchObject({ cashRounding: -2, totalDue: 248, due: 0 });
    expect(o.status).toBe('paid');
  });

  it('accepts partial cash and other methods, and can skip the receipt', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'tartare-saumon', t.ctx);
    o = addPayment(o, { method: 'cash', tendered: 500 }, t.ctx);
    expect(o.totals.due).toBe(850);
    expect(() => addPayment(o, { method: 'cash', tendered: 0 }, t.ctx)).toThrow(
      /must pay something/,
    );
    expect(() => addPayment(o, { method: 'card', reference: 'x', tip: -1 }, t.ctx)).toThrow(
      /negative/,
    );
    o = addPayment(o, { method: 'other', label: 'Ticket Restaurant', reference: 'TR-9' }, t.ctx, {
      printReceipt: false,
      shiftId: 'sh',
    });
    expect(o.payments[1]).toMatchObject({
      method: 'other',
      label: 'Ticket Restaurant',
      amount: 850,
      shiftId: 'sh',
    });
    expect(o.status).toBe('paid');
    expect(o.printRequests).toHaveLength(0);
    expect(() => addPayment(newOrder(t.ctx), { method: 'card', reference: 'x' }, t.ctx)).toThrow(
      OrderError,
    );
  });

  it('prints bills before and receipts after payment, and reprints', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'espresso', t.ctx);
    expect(() => requestCustomerPrint(o, 'receipt', t.ctx)).toThrow(IllegalTransitionError);
    o = requestCustomerPrint(o, 'bill', t.ctx);
    o = sendToKitchen(o, t.ctx);
    o = addPayment(o, { method: 'card', reference: 'x' }, t.ctx, { printReceipt: false });
    o = requestCustomerPrint(o, 'receipt', t.ctx);
    const receiptId = o.printRequests.at(-1)!.id;
    o = requestReprint(o, receiptId, t.ctx);
    expect(o.printRequests.map((r) => r.kind)).toEqual(['bill', 'kitchen', 'receipt', 'reprint']);
    expect(o.printRequests.at(-1)).toMatchObject({ reprintOf: receiptId, tickets: [] });
    expect(printRequestTargets(o.printRequests.at(-1)!)).toEqual(['receipt']);
    expect(() => requestReprint(o, 'nope', t.ctx)).toThrow(OrderError);
    expect(new Set(o.printRequests.map((r) => r.id)).size).toBe(4);
  });

  it('reprints the last kitchen ticket of one station only, marked as a reprint', () => {
    const t = testContext();
    let o = add(newOrder(t.ctx), 'entrecote', t.ctx, { selection: STEAK });
    o = add(o, 'espresso', t.ctx);
    o = sendToKitchen(o, t.ctx);
    const firstSend = o.printRequests[0]!.id;
    o = add(o, 'cola', t.ctx);
    o = sendToKitchen(o, t.ctx);
    const secondSend = o.printRequests[1]!.id;
    expect(lastKitchenSends(o).map((s) => [s.stationId, s.requestId])).toEqual([
      ['grill', firstSend],
      ['bar', secondSend],
    ]);
    t.tick();
    o = requestReprint(o, firstSend, t.as('staff-lea'), { stationIds: ['grill'] });
    const reprint = o.printRequests.at(-1)!;
    expect(reprint).toMatchObject({ kind: 'reprint', reprintOf: firstSend });
    expect(reprint.tickets.map((k) => [k.stationId, k.reprint, k.at])).toEqual([
      ['grill', true, t.ctx.at],
    ]);
    expect(printRequestTargets(reprint)).toEqual(['grill']);
    // The reprint is not itself "the last send": reprinting again copies the same original.
    expect(lastKitchenSends(o).find((s) => s.stationId === 'grill')?.requestId).toBe(firstSend);
    expect(() => requestReprint(o, secondSend, t.ctx, { stationIds: ['grill'] })).toThrow(
      /no ticket to grill/,
    );
  });
});
