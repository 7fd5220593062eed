import { beforeEach, describe, expect, it } from 'vitest';
import { createOrderStore } from '../order-entry/order-store';
import { createTillFixture, type TillFixture } from '../testing/till-fixture';
import { createShiftStore, type ShiftStore } from './shift-store';

let f: TillFixture;
let shifts: ShiftStore;

beforeEach(async () => {
  f = await createTillFixture();
  shifts = createShiftStore(f.deps);
});

describe('shift store', () => {
  it('opens with a float, records pay-in/out and no-sale with drawer kicks and audit events', async () => {
    await shifts.getState().open(15000);
    const shift = shifts.getState().shift!;
    expect(shift.openingFloat).toBe(15000);
    expect(f.ports.state.shifts.get(shift.id)?.status).toBe('open');

    await shifts.getState().cashMovement('payIn', 2000, 'change from bank');
    await shifts.getState().cashMovement('payOut', 500, 'bread delivery');
    await shifts.getState().noSale('customer needed change');
    expect(f.ports.state.drawerKicks).toBe(3);
    expect(shifts.getState().shift!.noSales).toHaveLength(1);
    expect(f.ports.state.audit.map((e) => e.type)).toEqual([
      'shift.opened',
      'shift.cashMovement',
      'shift.cashMovement',
      'drawer.noSale',
    ]);
  });

  it('refuses a pay-out without a reason', async () => {
    await shifts.getState().open(0);
    await shifts.getState().cashMovement('payOut', 500, '  ');
    expect(shifts.getState().error).toMatch(/reason/);
    expect(shifts.getState().shift!.cashMovements).toHaveLength(0);
  });

  it('X report mid-shift and Z report at close agree with the payments taken', async () => {
    await shifts.getState().open(10000);
    f.setShift(shifts.getState().shift!.id);
    const orders = createOrderStore(f.deps);
    await orders.getState().newOrder({ type: 'takeaway' });
    await orders.getState().addItem(f.menu.items['croque']!, f.menu.modifierGroups, [{ groupId: 'side', optionId: 'frites' }]);
    await orders.getState().pay({ method: 'card', amount: 500, reference: 'A1' });
    await orders.getState().pay({ method: 'cash', tendered: 1000 });
    expect(orders.getState().order!.status).toBe('paid');

    const x = (await shifts.getState().xReport())!;
    expect(x.kind).toBe('X');
    expect(x.payments.filter((p) => p.count > 0).map((p) => [p.method, p.count, p.amount])).toEqual([
      ['cash', 1, 750],
      ['card', 1, 500],
    ]);
    expect(x.grossSales).toBe(1250);
    expect(x.cash.expected).toBe(10750);

    const z = (await shifts.getState().close(10700))!;
    expect(z.kind).toBe('Z');
    expect(z.cash.overShort).toBe(-50);
    expect(z.grossSales).toBe(x.grossSales);
    expect(shifts.getState().shift).toBeNull();
    expect(f.ports.state.shifts.get(x.shiftId)?.status).toBe('closed');
    await shifts.getState().printReport();
    expect(f.ports.state.reports.map((r) => r.kind)).toEqual(['z-report']);
  });
});
