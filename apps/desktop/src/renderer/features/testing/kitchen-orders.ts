import type { AllergenCode } from '@comanda/core/menu';
import { computeOrderTotals, emptyOrderTotals, orderDocSchema, sendToKitchen, type OrderContext, type OrderDoc } from '@comanda/core/orders';

export const T0 = 1_790_000_000_000;

/** A context at `at` with counter ids (`${prefix}-1`…). */
export function kitchenCtx(at: number, prefix = 'k'): OrderContext {
  let n = 0;
  return { at, by: 'screen-1', newId: () => `${prefix}-${at}-${++n}` };
}

/** An order with a grill line and a kitchen line, sent at `at` (tests of the kitchen display). */
export function sentTwoStationOrder(id: string, at = T0, options: { ticketNumber?: number; type?: 'dineIn' | 'takeaway'; burgerAllergens?: { allergens?: AllergenCode[]; allergenNote?: string } } = {}): OrderDoc {
  const line = (lineId: string, name: string, stationId: string, quantity: number) => ({
    id: `${id}-${lineId}`,
    itemId: lineId,
    name,
    unitPrice: 1200,
    taxClassId: 'vat-10',
    taxRateBasisPoints: 1000,
    taxInclusive: true,
    stationId,
    quantity,
    addedAt: at,
    addedBy: 'staff-1',
  });
  const order = orderDocSchema.parse({
    id,
    schemaVersion: 2,
    branchId: 'branch-1',
    updatedAt: at,
    tillId: 'till-1',
    businessDay: '2026-11-23',
    ticketNumber: options.ticketNumber ?? 1,
    type: options.type ?? 'dineIn',
    table: options.type === 'takeaway' ? null : '7',
    status: 'open',
    currency: 'EUR',
    createdAt: at,
    createdBy: 'staff-1',
    lines: [
      { ...line('burger', 'Burger', 'grill', 2), modifiers: [{ groupId: 'doneness', groupName: 'Cuisson', optionId: 'rare', name: 'Saignant', priceDelta: 0 }], notes: 'no onions', ...options.burgerAllergens },
      line('soup', 'Soup', 'kitchen', 1),
    ],
    totals: emptyOrderTotals(),
  });
  return sendToKitchen({ ...order, totals: computeOrderTotals(order) }, kitchenCtx(at, id));
}
