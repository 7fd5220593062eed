import { addPayment } from '../orders/payments';
import type { OrderDoc } from '../orders/schemas';
import { MAX_AMOUNT } from '../common/bounds';
import { openShift, closeShift } from '../shifts/shift';
import type { ShiftDoc } from '../shifts/schemas';
import { STEAK, add, newOrder, parisMenu, testContext } from './fixtures';

const simpleItems = Object.values(parisMenu.items)
  .filter((i) => i.modifierGroupIds.every((g) => (parisMenu.modifierGroups[g]?.min ?? 0) === 0))
  .map((i) => i.id);

/** An open order of `n` lines over the demo menu (a mix of plain items and steaks with modifiers). */
export function bigOrder(n: number): OrderDoc {
  const t = testContext();
  let o = newOrder(t.ctx);
  for (let i = 0; i < n; i++) {
    o =
      i % 7 === 0
        ? add(o, 'entrecote', t.ctx, { selection: STEAK, quantity: 1 + (i % 3), seat: 1 + (i % 4) })
        : add(o, simpleItems[i % simpleItems.length]!, t.ctx, { quantity: 1 + (i % 2) });
  }
  return o;
}

/** A closed shift and `n` settled orders paid by cash, card and other in turn. */
export function shiftWithOrders(n: number): { shift: ShiftDoc; orders: OrderDoc[] } {
  const t = testContext();
  const shift = openShift(
    {
      branchId: 'paris-11',
      tillId: 'comptoir',
      businessDay: '2026-01-01',
      currency: 'EUR',
      openingFloat: 20_000,
    },
    t.ctx,
  );
  // A few real templates, then cheap copies with their own ids (the report reads stored totals).
  const templates: OrderDoc[] = [];
  for (let k = 0; k < 12; k++) {
    let o = newOrder(t.ctx, { shiftId: shift.id, ticketNumber: k + 1 });
    for (let j = 0; j <= k % 5; j++)
      o = add(o, simpleItems[(k * 5 + j) % simpleItems.length]!, t.ctx);
    const method = k % 3;
    o =
      method === 0
        ? addPayment(o, { method: 'cash', tendered: o.totals.due + 500 }, t.ctx)
        : method === 1
          ? addPayment(o, { method: 'card', reference: `A${k}`, tip: k * 10 }, t.ctx)
          : addPayment(o, { method: 'other', label: 'voucher' }, t.ctx);
    templates.push(o);
  }
  const orders: OrderDoc[] = [];
  for (let i = 0; i < n; i++) {
    const tpl = templates[i % templates.length]!;
    orders.push({
      ...tpl,
      id: `o-${i}`,
      payments: tpl.payments.map((p) => ({ ...p, id: `p-${i}` })),
    });
  }
  return { shift: closeShift(shift, { countedCash: 0, varianceLimit: MAX_AMOUNT }, orders, t.ctx), orders };
}
