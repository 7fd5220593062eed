import { printRequestTargets, ticketLabel } from '@comanda/core/orders';
import { beforeEach, describe, expect, it } from 'vitest';
import { createTillFixture, type TillFixture } from '../testing/till-fixture';
import { createOrderStore, type OrderStore } from './order-store';

let f: TillFixture;
let store: OrderStore;

beforeEach(async () => {
  f = await createTillFixture();
  store = createOrderStore(f.deps);
});

async function dineInWithSteak() {
  await store.getState().newOrder({ type: 'dineIn', table: '12', covers: 2 });
  await store.getState().addItem(f.item('entrecote'), f.menu.modifierGroups, [
    { groupId: 'doneness', optionId: 'a-point' },
    { groupId: 'side', optionId: 'puree' },
  ]);
}

describe('order store', () => {
  it('says saved only once the port committed the write', async () => {
    await store.getState().newOrder({ type: 'takeaway' });
    const pending = store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    expect(store.getState().saveState).toBe('saving');
    await pending;
    expect(store.getState().saveState).toBe('saved');
    const stored = f.ports.state.orders.get(store.getState().order!.id)!;
    expect(stored.lines.map((l) => l.name)).toEqual(['Espresso']);
    expect(stored.totals.total).toBe(250);
    expect(stored.ticketNumber).toBe(1);
  });

  it('shows a failed save and keeps the change for a retry', async () => {
    await store.getState().newOrder({ type: 'takeaway' });
    f.ports.failNextWrites(1);
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    expect(store.getState().saveState).toBe('failed');
    expect(store.getState().saveError).toMatch(/could not commit/);
    expect(f.ports.state.orders.get(store.getState().order!.id)!.lines).toHaveLength(0);
    await store.getState().retrySave();
    expect(store.getState().saveState).toBe('saved');
    expect(f.ports.state.orders.get(store.getState().order!.id)!.lines).toHaveLength(1);
  });

  it('prices modifiers through core and refuses a selection under a group minimum', async () => {
    await dineInWithSteak();
    expect(store.getState().order!.totals.total).toBe(2650 + 250);
    await store.getState().addItem(f.item('bavette'), f.menu.modifierGroups, [{ groupId: 'side', optionId: 'frites' }]);
    expect(store.getState().actionError).toMatch(/Cuisson/);
    expect(store.getState().order!.lines).toHaveLength(1);
  });

  it('re-sends only new lines and fires a held dessert course', async () => {
    await dineInWithSteak();
    await store.getState().send();
    const first = store.getState().order!.printRequests;
    expect(first).toHaveLength(1);
    expect(first[0]!.tickets.flatMap((t) => t.lines.map((l) => l.name))).toEqual([f.item('entrecote').name]);

    await store.getState().addItem(f.item('tarte-tatin'), f.menu.modifierGroups);
    await store.getState().send();
    const second = store.getState().order!.printRequests[1]!;
    // The steak is not sent again; the dessert (course 3) is announced as held, not cooked yet.
    expect(second.tickets.flatMap((t) => t.lines.map((l) => l.name))).toEqual([]);
    expect(second.tickets.flatMap((t) => t.held.map((l) => l.name))).toEqual([f.item('tarte-tatin').name]);

    await store.getState().fire(3);
    const fire = store.getState().order!.printRequests[2]!;
    expect(fire.kind).toBe('fire');
    expect(fire.tickets.map((t) => [t.stationId, t.lines.map((l) => l.name)])).toEqual([['pastry', [f.item('tarte-tatin').name]]]);
    expect(store.getState().saveState).toBe('saved');
  });

  it('asks for a manager before voiding a line the kitchen has, then voids and audits it', async () => {
    await dineInWithSteak();
    await store.getState().send();
    const lineId = store.getState().order!.lines[0]!.id;
    await store.getState().voidLine(lineId, 1, 'customer changed mind');
    expect(store.getState().pendingApproval?.action).toBe('voidLine');
    expect(store.getState().order!.lines[0]!.voidedQuantity).toBe(0);

    await store.getState().pendingApproval!.run(f.manager.id);
    const order = store.getState().order!;
    expect(order.lines[0]!.voidedQuantity).toBe(1);
    expect(order.printRequests.at(-1)!.kind).toBe('void');
    expect(order.totals.total).toBe(0);
    const audit = f.ports.state.audit.at(-1)!;
    expect(audit).toMatchObject({ type: 'order.lineVoided', approvedBy: f.manager.id, subjectId: order.id });
  });

  it('completes a split payment only when fully paid, then prints the receipt', async () => {
    await dineInWithSteak(); // 29.00
    await store.getState().pay({ method: 'card', amount: 1000, reference: 'AUTH-1' });
    expect(store.getState().order!.status).toBe('open');
    expect(store.getState().order!.totals.due).toBe(1900);
    expect(store.getState().order!.printRequests.some((r) => r.kind === 'receipt')).toBe(false);

    await store.getState().pay({ method: 'cash', tendered: 2000 });
    const order = store.getState().order!;
    expect(order.status).toBe('paid');
    expect(order.payments.map((p) => [p.method, p.amount, p.change])).toEqual([
      ['card', 1000, 0],
      ['cash', 1900, 100],
    ]);
    expect(order.printRequests.filter((r) => r.kind === 'receipt')).toHaveLength(1);
    expect(f.ports.state.drawerKicks).toBe(1);

    await store.getState().printReceipt();
    expect(store.getState().order!.printRequests.at(-1)!.kind).toBe('reprint');
    expect(f.ports.state.audit.at(-1)!.type).toBe('order.reprint');
  });

  it('refuses to overpay', async () => {
    await dineInWithSteak();
    await store.getState().pay({ method: 'card', amount: 5000, reference: 'X' });
    expect(store.getState().actionError).toBeTruthy();
    expect(store.getState().order!.payments).toHaveLength(0);
  });

  it('refunds one line with manager approval and audits it', async () => {
    await dineInWithSteak();
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    await store.getState().pay({ method: 'cash', tendered: 5000 });
    const espresso = store.getState().order!.lines[1]!;
    await store.getState().refund({ lines: [{ lineId: espresso.id, quantity: 1 }], method: 'cash', reason: 'cold', approvedBy: null });
    expect(store.getState().pendingApproval?.action).toBe('refund');
    await store.getState().pendingApproval!.run(f.manager.id);
    const order = store.getState().order!;
    expect(order.refunds.map((r) => r.amount)).toEqual([250]);
    expect(order.totals.refunded).toBe(250);
    expect(f.ports.state.audit.at(-1)).toMatchObject({ type: 'order.refunded', approvedBy: f.manager.id });
  });

  it('splits the bill by items into a second stored order', async () => {
    await dineInWithSteak();
    await store.getState().addItem(f.item('tarte-tatin'), f.menu.modifierGroups);
    const tatin = store.getState().order!.lines[1]!;
    const target = await store.getState().splitByItems([{ lineId: tatin.id, quantity: 1 }]);
    expect(target).not.toBeNull();
    // The new bill is called out and paid under its own ticket.
    const source = store.getState().order!;
    expect(ticketLabel(target!)).not.toBe(ticketLabel(source));
    expect(target!.ticketNumber).toBe(source.ticketNumber + 1);
    expect(target!.ticketCode).toBe(f.ports.device.tillCode);
    expect(f.ports.state.orders.get(target!.id)!.totals.total).toBe(850);
    expect(f.ports.state.orders.get(store.getState().order!.id)!.totals.total).toBe(2900);
  });

  it('writes both bills of a split in one transaction, and on a failed write neither', async () => {
    await dineInWithSteak();
    await store.getState().addItem(f.item('tarte-tatin'), f.menu.modifierGroups);
    const sourceId = store.getState().order!.id;
    const tatin = store.getState().order!.lines[1]!;
    const before = f.ports.state.saves;
    f.ports.failNextWrites(1);
    const failed = await store.getState().splitByItems([{ lineId: tatin.id, quantity: 1 }]);
    expect(failed).toBeNull();
    expect(store.getState().saveState).toBe('failed');
    // Nothing was written: the stored order still holds the tart, and no second bill exists.
    expect([...f.ports.state.orders.keys()]).toEqual([sourceId]);
    expect(f.ports.state.orders.get(sourceId)!.lines).toHaveLength(2);

    // Another change before the retry saves the new bill with it, never the source alone.
    await store.getState().setLineDetails(store.getState().order!.lines[0]!.id, { notes: 'no salt' });
    expect(store.getState().saveState).toBe('saved');
    expect(f.ports.state.saves).toBe(before + 1);
    const stored = [...f.ports.state.orders.values()];
    expect(stored.map((o) => o.lines.map((l) => l.name))).toEqual([[f.item('entrecote').name], [f.item('tarte-tatin').name]]);
  });

  it('retries a failed split as one write of both bills', async () => {
    await dineInWithSteak();
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    const espresso = store.getState().order!.lines[1]!;
    f.ports.failNextWrites(1);
    await store.getState().splitByItems([{ lineId: espresso.id, quantity: 1 }]);
    expect(f.ports.state.orders.size).toBe(1);
    await store.getState().retrySave();
    expect(store.getState().saveState).toBe('saved');
    expect([...f.ports.state.orders.values()].map((o) => o.totals.total).sort()).toEqual([250, 2900]);
  });

  it('grows an unsent line but adds a new line for more of a sent one', async () => {
    await dineInWithSteak();
    const lineId = store.getState().order!.lines[0]!.id;
    await store.getState().increment(lineId, f.menu);
    expect(store.getState().order!.lines.map((l) => l.quantity)).toEqual([2]);
    await store.getState().send();
    await store.getState().increment(lineId, f.menu);
    const lines = store.getState().order!.lines;
    expect(lines.map((l) => l.quantity)).toEqual([2, 1]);
    expect(lines[1]!.modifiers.map((m) => m.optionId)).toEqual(['a-point', 'puree']);
  });

  it('an item tapped with no order open starts one of the branch default type, and a second tap grows its line', async () => {
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    const order = store.getState().order!;
    expect(order.type).toBe('takeaway');
    expect(order.ticketNumber).toBe(1);
    const espresso = order.lines[0]!.id;
    await store.getState().addItem(f.item('soupe-oignon'), f.menu.modifierGroups);
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    const lines = store.getState().order!.lines;
    expect(lines.map((l) => [l.itemId, l.quantity])).toEqual([
      ['espresso', 2],
      ['soupe-oignon', 1],
    ]);
    // The grown line is the selected one (edit/void act on what was just tapped).
    expect(store.getState().selectedLineId).toBe(espresso);
    expect(f.ports.state.orders.get(order.id)!.lines.map((l) => l.quantity)).toEqual([2, 1]);
  });

  it('a branch set to dine-in starts a dine-in order without a table', async () => {
    const dineIn = createOrderStore({ ...f.deps, branch: () => ({ ...f.branch, defaultOrderType: 'dineIn' }) });
    await dineIn.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    expect(dineIn.getState().order).toMatchObject({ type: 'dineIn', table: null, covers: null });
  });

  it('sets the table and covers after the first item, and says why it cannot on a paid order', async () => {
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    await store.getState().setService({ type: 'dineIn', table: '12', covers: 3 });
    const id = store.getState().order!.id;
    expect(f.ports.state.orders.get(id)).toMatchObject({ type: 'dineIn', table: '12', covers: 3, ticketNumber: 1 });
    await store.getState().payInFull('card');
    expect(store.getState().order!.status).toBe('paid');
    await store.getState().setService({ type: 'dineIn', table: '14' });
    expect(store.getState().actionError).toMatch(/paid/);
    expect(f.ports.state.orders.get(id)!.table).toBe('12');
  });

  it('pays the whole due in one tap, in exact cash rounded to the cash step', async () => {
    const rounding = createOrderStore({ ...f.deps, branch: () => ({ ...f.branch, cashRoundingStep: 300 }) });
    await rounding.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    await rounding.getState().addItem(f.item('soupe-oignon'), f.menu.modifierGroups);
    expect(rounding.getState().order!.totals.due).toBe(1100);
    await rounding.getState().payInFull('cash');
    const paid = rounding.getState().order!;
    expect(paid.status).toBe('paid');
    expect(paid.payments).toEqual([expect.objectContaining({ method: 'cash', amount: 1200, tendered: 1200, change: 0 })]);
  });
});

describe('station output', () => {
  it('records a screen-only station on the kitchen request so it never becomes a print job', async () => {
    const screen = createOrderStore({ ...f.deps, branch: () => ({ ...f.branch, stationSettings: [{ stationId: 'grill', output: 'screen', parallelism: 1 }] }) });
    await screen.getState().newOrder({ type: 'takeaway' });
    await screen.getState().addItem(f.item('entrecote'), f.menu.modifierGroups, [
      { groupId: 'doneness', optionId: 'a-point' },
      { groupId: 'side', optionId: 'puree' },
    ]);
    await screen.getState().send();
    const request = f.ports.state.orders.get(screen.getState().order!.id)!.printRequests[0]!;
    expect(request.tickets.map((t) => t.stationId)).toEqual(['grill']);
    expect(request.screenOnly).toEqual(['grill']);
    expect(printRequestTargets(request)).toEqual([]);
  });
});
