import { describe, expect, it } from 'vitest';
import { AT, branch, grillTicket, order } from '../testing/fixtures';
import { kitchenTicketLayout } from './documents/kitchen-ticket';
import { receiptLayout } from './documents/receipt';
import { previewToRows } from './preview-rows';
import { resolveLayout } from './resolve';

const text = (doc: Parameters<typeof resolveLayout>[0]) =>
  previewToRows(resolveLayout(doc, 42))
    .rows.map((r) => r.text)
    .join('\n');

describe('ticket numbers on paper', () => {
  it('print the till code with the number, as the screen shows it ("B-12")', () => {
    const receipt = receiptLayout({ branch, order: { ...order, ticketNumber: 12, ticketCode: 'B' }, cashierName: 'Léa', printedAt: AT });
    expect(receipt.title).toContain('#B-12');
    expect(text(receipt)).toContain('#B-12');
    const kitchen = kitchenTicketLayout({ ticket: { ...grillTicket, ticketNumber: 12, ticketCode: 'B' }, stationName: 'Grill', timeZone: branch.timeZone });
    expect(kitchen.title).toContain('#B-12');
    expect(text(kitchen)).toContain('#B-12');
  });
});
