import { describe, expect, expectTypeOf, it } from 'vitest';
import type { BranchDoc } from '@comanda/core/branch';
import type { KitchenTicket } from '@comanda/core/kitchen';
import type { OrderDoc } from '@comanda/core/orders';
import type { BranchInfo, KitchenTicketInput, ReceiptOrder } from './types';
import { previewToRows } from './preview-rows';
import { resolveLayout } from './resolve';
import { kitchenTicketLayout } from './documents/kitchen-ticket';
import { grillTicket, branch } from '../testing/fixtures';

describe('inputs accept core documents as they are', () => {
  it('OrderDoc, BranchDoc and KitchenTicket are assignable to the layout inputs', () => {
    expectTypeOf<OrderDoc>().toExtend<ReceiptOrder>();
    expectTypeOf<BranchDoc>().toExtend<BranchInfo>();
    expectTypeOf<KitchenTicket>().toExtend<KitchenTicketInput>();
  });
});

describe('preview rows for the till', () => {
  it('keeps normal rows padded and gives large rows their alignment', () => {
    const doc = kitchenTicketLayout({ ticket: { ...grillTicket, kind: 'void' }, stationName: 'Grill', timeZone: branch.timeZone });
    const { columns, rows } = previewToRows(resolveLayout(doc, 32));
    expect(columns).toBe(32);
    expect(rows[0]).toEqual({ text: 'GRILL', align: 'center', bold: true, inverted: false, large: true });
    expect(rows[1]).toMatchObject({ text: '*** VOID ***', align: 'center', inverted: true, large: true });
    expect(rows.find((r) => r.text.startsWith('=='))).toEqual({ text: '='.repeat(32), bold: false, inverted: false, large: false });
    for (const r of rows) expect(r.large ? r.text.length * 2 : r.text.length).toBeLessThanOrEqual(32);
  });
});
