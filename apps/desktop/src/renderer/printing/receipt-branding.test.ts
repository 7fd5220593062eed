import { addPayment, createOrder, orderDocSchema } from '@comanda/core';
import { logoFromRgba } from '@comanda/printing/layout';
import { createI18n } from '@comanda/ui';
import { afterEach, describe, expect, it } from 'vitest';
import { DocumentRepository } from '../data/repository.js';
import { printedReceiptModel } from '../features/payment/receipt-model.js';
import { createOrderStore } from '../features/order-entry/order-store.js';
import { createTillFixture } from '../features/testing/till-fixture.js';
import { add, branchWithPrinters, clock, type Cleanup } from './testing/till-printers.js';
import { startTillPrinting } from './till-printing.js';

const cleanup: Cleanup = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

/** A 60 × 24 black bar: a logo padded to 64 dots. */
const logo = logoFromRgba({ width: 60, height: 24, data: new Uint8ClampedArray(60 * 24 * 4).map((_, i) => (i % 4 === 3 ? 255 : 0)) });

describe('receipt branding: the branch logo and QR from the back office reach the printed receipt', () => {
  it('prints the logo as a raster image and the QR with the order id, after the branch changes', async () => {
    const { receipt, host, db } = await branchWithPrinters(cleanup);
    const printing = await startTillPrinting({ db, host, branchId: () => 'paris-11', tillId: 'comptoir', worker: { statusIntervalMs: 0, backoffMs: 50 } });
    cleanup.push(() => printing.stop());
    // The branch document as replication delivers it after the owner's upload.
    const branch = await db.branches.findOne('paris-11').exec();
    await branch!.incrementalPatch({ logo, receiptQr: 'https://cafe.example/r/{order}', updatedAt: 2 });

    const c = clock();
    let order = createOrder({ branchId: 'paris-11', tillId: 'comptoir', businessDay: '2026-01-01', ticketNumber: 999, type: 'takeaway', currency: 'EUR' }, c.ctx());
    order = addPayment(add(order, 'espresso', c.ctx()), { method: 'card', reference: 'A1' }, c.ctx());
    await new DocumentRepository(db.orders, orderDocSchema, 'order').save(order);

    const [printed] = await receipt.waitForDocuments(1, 10_000);
    expect(printed!.lines[0]).toBe('[IMAGE 64x24]');
    expect(printed!.lines).toContain(`[QR https://cafe.example/r/${order.id}]`);
  });
});

describe('receipt branding on the payment screen', () => {
  it('previews the logo as its dots and the QR content on a paid receipt, not on a bill', async () => {
    const f = await createTillFixture();
    const branch = { ...f.branch, logo, receiptQr: 'https://cafe.example/r/{order}' };
    const store = createOrderStore(f.deps);
    await store.getState().newOrder({ type: 'takeaway' });
    await store.getState().addItem(f.menu.items['espresso']!, f.menu.modifierGroups);
    const i18n = createI18n('en', 'EUR', 'Europe/Paris');
    const bill = printedReceiptModel(store.getState().order!, branch, 'Léa', f.ports.clock.now(), i18n);
    expect(bill.rows[0]?.image).toMatchObject({ width: 64, height: 24 });
    expect(bill.rows.some((r) => r.text.startsWith('[QR]'))).toBe(false);
    await store.getState().pay({ method: 'cash', tendered: 500 });
    const order = store.getState().order!;
    const paid = printedReceiptModel(order, branch, 'Léa', f.ports.clock.now(), i18n);
    expect(paid.rows[0]?.image?.data[0]).toBe(0); // the bar's first dot is black
    expect(paid.rows.map((r) => r.text)).toContain(`[QR] https://cafe.example/r/${order.id}`);
  });
});
