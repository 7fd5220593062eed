import type { OrderDocInput } from '@comanda/core';

/**
 * A valid order for store tests: tax-inclusive lines, totals worked out by hand for the simple
 * case (no discounts, one VAT rate) so the tests do not depend on the pricing engine.
 */
export function sampleOrder(id: string, overrides: Partial<OrderDocInput> & { unitPrice?: number; quantity?: number } = {}): OrderDocInput {
  const { unitPrice = 1200, quantity = 2, ...rest } = overrides;
  const gross = unitPrice * quantity;
  const net = Math.round((gross * 10000) / 11000);
  return {
    id,
    schemaVersion: 1,
    branchId: 'branch-1',
    updatedAt: 1_700_000_000_000,
    tillId: 'till-1',
    businessDay: '2026-11-23',
    ticketNumber: 1,
    type: 'takeaway',
    status: 'open',
    currency: 'EUR',
    createdAt: 1_700_000_000_000,
    createdBy: 'staff-1',
    lines: [
      {
        id: `${id}-l1`,
        itemId: 'item-espresso',
        name: 'Espresso',
        unitPrice,
        taxClassId: 'vat-10',
        taxRateBasisPoints: 1000,
        taxInclusive: true,
        stationId: 'bar',
        quantity,
        addedAt: 1_700_000_000_000,
        addedBy: 'staff-1',
      },
    ],
    totals: {
      subtotal: gross,
      lineDiscounts: 0,
      orderDiscount: 0,
      discountTotal: 0,
      taxes: [{ rateBasisPoints: 1000, net, tax: gross - net, gross }],
      taxTotal: gross - net,
      total: gross,
      cashRounding: 0,
      totalDue: gross,
      paid: 0,
      tips: 0,
      change: 0,
      refunded: 0,
      due: gross,
      cashDue: gross,
    },
    ...rest,
  };
}
