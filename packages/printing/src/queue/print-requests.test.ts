import { afterEach, describe, expect, it } from 'vitest';
import { addPayment, refund, requestReprint, sendToKitchen, voidLine, type OrderDoc } from '@comanda/core/orders';
import { STEAK, add, newOrder, testContext } from '../../../core/src/testing/fixtures';
import { tcpTransport } from '../transport';
import { startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { branch } from '../testing/fixtures';
import { MemoryPrintJobStore } from './memory-store';
import { jobsForPrintRequest, type PrintRequestContext } from './print-requests';
import { previewToText, resolveLayout, type LayoutDocument } from '../layout';
import { PrintWorker } from './worker';

const ctx: PrintRequestContext = {
  branch,
  stationNames: { kitchen: 'Cuisine', grill: 'Grill', bar: 'Bar', pastry: 'Pâtisserie' },
  staffNames: { 'staff-lea': 'Léa Bernard', 'staff-hugo': 'Hugo Martin' },
  receiptQr: (o) => `https://comanda.example/r/${o.id}`,
};

const printers: VirtualPrinter[] = [];
let worker: PrintWorker | undefined;
afterEach(async () => {
  await worker?.stop();
  await Promise.all(printers.splice(0).map((p) => p.close()));
});

describe('core print requests → jobs → paper', () => {
  it('prints an order from send to refund on the right printers, exactly once each', async () => {
    const t = testContext();
    let o: OrderDoc = newOrder(t.ctx);
    o = add(o, 'entrecote', t.ctx, { selection: STEAK, seat: 1, notes: 'sans sel' });
    o = add(o, 'gyros', t.ctx, { selection: [{ groupId: 'side', optionId: 'frites' }] });
    o = add(o, 'sis-kebap', t.ctx, { selection: [{ groupId: 'side', optionId: 'legumes' }] });
    o = add(o, 'weissbier', t.ctx, { selection: [{ groupId: 'size', optionId: 'l' }] });
    o = sendToKitchen(o, t.ctx);
    t.tick();
    const gyros = o.lines.find((l) => l.itemId === 'gyros')!;
    // Voiding fired units records the VOID ticket in the same update.
    o = voidLine(o, { lineId: gyros.id, quantity: 1, reason: 'erreur', approvedBy: 'staff-hugo' }, t.ctx);
    // Settling the order records its receipt request; then the kitchen and the guest want copies.
    o = addPayment(o, { method: 'cash', tendered: 10_000 }, t.ctx);
    const receiptRequest = o.printRequests.find((r) => r.kind === 'receipt')!;
    o = requestReprint(o, o.printRequests[0]!.id, t.ctx);
    o = requestReprint(o, receiptRequest.id, t.ctx);
    o = refund(o, { lines: [{ lineId: o.lines.find((l) => l.itemId === 'weissbier')!.id, quantity: 1 }], method: 'cash', reason: 'renversée', approvedBy: 'staff-hugo' }, t.ctx);

    const [grill, bar, receipts] = await Promise.all([startVirtualPrinter({ port: 0 }), startVirtualPrinter({ port: 0 }), startVirtualPrinter({ port: 0 })]);
    printers.push(grill, bar, receipts);
    const store = new MemoryPrintJobStore();
    worker = await PrintWorker.start({
      store,
      transport: tcpTransport(),
      locale: 'fr-FR',
      statusIntervalMs: 0,
      routing: {
        printers: [
          { id: 'grill', name: 'Grill', host: grill.host, port: grill.port, columns: 42 },
          { id: 'bar', name: 'Bar', host: bar.host, port: bar.port, columns: 32 },
          { id: 'caisse', name: 'Caisse', host: receipts.host, port: receipts.port, columns: 48 },
        ],
        routes: { grill: { primary: 'grill' }, bar: { primary: 'bar' }, receipt: { primary: 'caisse' } },
      },
    });
    // The reconciler may run more than once (e.g. after a restart): ids make it harmless.
    for (let pass = 0; pass < 2; pass++) {
      for (const request of o.printRequests) for (const job of jobsForPrintRequest(o, request, ctx)) await worker.enqueue(job);
    }
    const jobs = await worker.jobs();
    expect(jobs.map((j) => j.id.split(':')[1])).toEqual(['grill', 'bar', 'grill', 'receipt', 'grill', 'bar', 'receipt', 'receipt']);
    const done = async (): Promise<boolean> => (await worker!.jobs(['printed'])).length === jobs.length;
    for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 20));
    expect(await done()).toBe(true);

    const grillText = grill.documents.map((d) => d.text);
    expect(grillText).toHaveLength(3);
    // Course 1 is fired; the steak (course 2 on the demo menu) is announced as held, note included.
    expect(grillText[0]).toContain('[2x2]1 x Γύρος πίτα');
    expect(grillText[0]).toContain('> Frites maison');
    expect(grillText[0]).toContain('[2x2]1 x Şiş kebap');
    expect(grillText[0]).toMatch(/EN ATTENTE[\s\S]*1 x Entrecôte 300 g \(Saignant, Frites\smaison\) ! sans sel/);
    expect(grillText[1]).toContain('*** ANNULÉ ***');
    expect(grillText[1]).toContain('-1 x Γύρος πίτα');
    expect(grillText[2]).toContain('RÉIMPRESSION');
    expect(bar.documents.map((d) => d.text)).toEqual([expect.stringContaining('Weißbier'), expect.stringContaining('RÉIMPRESSION')]);
    const [receipt, duplicate, refundSlip] = receipts.documents.map((d) => d.text);
    expect(receipts.documents).toHaveLength(3);
    expect(receipt).toContain('[DRAWER pin2]');
    expect(receipt).not.toContain('DUPLICATA');
    expect(duplicate).toContain('DUPLICATA');
    expect(duplicate).not.toContain('[DRAWER');
    expect(receipt).toContain('Espèces');
    expect(receipt).toContain(`[QR https://comanda.example/r/${o.id}]`);
    expect(refundSlip).toContain('REMBOURSEMENT');
    expect(refundSlip).toContain('Weißbier');
    expect([...grill.documents, ...bar.documents, ...receipts.documents].every((d) => d.complete)).toBe(true);
  });

  it('makes no job for a station set to screen only, and the same jobs as before for print or both', () => {
    const t = testContext();
    let o: OrderDoc = newOrder(t.ctx, { type: 'takeaway', table: null, covers: null });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK });
    o = add(o, 'weissbier', t.ctx, { selection: [{ groupId: 'size', optionId: 'l' }] });
    const printed = sendToKitchen(o, t.ctx);
    const screened = sendToKitchen(o, { ...t.ctx, screenOnlyStations: ['grill'] });
    const ids = (order: OrderDoc) => order.printRequests.flatMap((r) => jobsForPrintRequest(order, r, ctx)).map((j) => j.id.split(':')[1]);
    expect(ids(printed)).toEqual(['grill', 'bar']);
    expect(ids(screened)).toEqual(['bar']);
    expect(screened.printRequests[0]!.tickets.map((k) => k.stationId)).toEqual(['grill', 'bar']);
  });

  it('prints on a takeaway receipt when the guest was told it would be ready, in the preview too', () => {
    const t = testContext();
    let o: OrderDoc = newOrder(t.ctx, { type: 'takeaway', table: null, covers: null });
    o = add(o, 'entrecote', t.ctx, { selection: STEAK });
    o = sendToKitchen(o, t.ctx, { readyInMinutes: 25 });
    o = addPayment(o, { method: 'card', reference: 'x' }, t.ctx);
    const receipt = jobsForPrintRequest(o, o.printRequests.find((r) => r.kind === 'receipt')!, ctx)[0]!.document as LayoutDocument;
    // 2026-01-01 10:00 UTC is 11:00 in Paris; 25 minutes later, printed double size.
    expect(receipt.blocks).toContainEqual({ kind: 'text', text: 'Prête vers 11:25', style: { bold: true, size: 2 } });
    expect(previewToText(resolveLayout(receipt, 48))).toContain([...'Prête vers 11:25'].join(' '));
    const untold = addPayment(sendToKitchen(add(newOrder(t.ctx, { type: 'takeaway', table: null, covers: null }), 'entrecote', t.ctx, { selection: STEAK }), t.ctx), { method: 'card', reference: 'x' }, t.ctx);
    expect(previewToText(resolveLayout(jobsForPrintRequest(untold, untold.printRequests.at(-1)!, ctx)[0]!.document as LayoutDocument, 48)).join('\n')).not.toContain('P r ê t e');
  });
});
