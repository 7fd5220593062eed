import { afterEach, describe, expect, it } from 'vitest';
import { encodeDocument } from '../escpos';
import { asCopy } from '../layout/documents/notices';
import { receiptLayout, refundLayout } from '../layout/documents/receipt';
import { labelsFor } from '../layout/labels';
import { SUPPORTED_COLUMNS } from '../layout/resolve';
import { AT, branch, order } from '../testing/fixtures';
import { tcpTransport } from '../transport';
import { EscPosDecoder, startVirtualPrinter, type VirtualPrinter } from '../virtual-printer';
import { MemoryPrintJobStore } from './memory-store';
import { PrintWorker } from './worker';

/** Drawer pulses (`ESC p` / `DLE DC4`) found by decoding the ESC/POS stream command by command. */
function pulses(bytes: Uint8Array): number {
  let n = 0;
  const decoder = new EscPosDecoder((e) => {
    if (e.type === 'drawer') n++;
  });
  decoder.push(bytes);
  return n;
}

const cashReceipt = receiptLayout({ branch, order, cashierName: 'Léa', printedAt: AT, openDrawer: true });
const cashRefund = refundLayout({ branch, order, refundId: 'rf-1', cashierName: 'Léa', printedAt: AT, openDrawer: true });

describe('a copy never pulses the cash drawer', () => {
  it.each(SUPPORTED_COLUMNS)('at %i columns: the original cash receipt pulses once; its copy is marked and does not', (columns) => {
    for (const original of [cashReceipt, cashRefund]) {
      expect(pulses(encodeDocument(original, { columns }))).toBe(1);
      for (const locale of ['fr-FR', 'en-GB']) {
        const copy = encodeDocument(asCopy(original, labelsFor(locale)), { columns });
        expect(pulses(copy)).toBe(0);
        const decoder = new EscPosDecoder();
        decoder.push(copy);
        expect(decoder.takeLines().join('\n')).toContain(locale === 'fr-FR' ? 'DUPLICATA' : 'COPY');
      }
    }
  });

  describe('through the print queue and a virtual printer', () => {
    let p: VirtualPrinter | null = null;
    let w: PrintWorker | null = null;
    afterEach(async () => {
      await w?.stop();
      await p?.close();
    });

    it('"Reprint" of a printed cash receipt prints DUPLICATA and leaves the drawer shut', async () => {
      p = await startVirtualPrinter({ port: 0 });
      const store = new MemoryPrintJobStore();
      w = await PrintWorker.start({
        store,
        transport: tcpTransport(),
        locale: 'fr-FR',
        statusIntervalMs: 0,
        routing: { printers: [{ id: 'till', name: 'Till', host: p.host, port: p.port, columns: 42 }], routes: { receipt: { primary: 'till' } } },
      });
      await w.enqueue({ id: 'r1:receipt', route: 'receipt', document: cashReceipt });
      await p.waitForDocuments(1);
      expect(p.stats.drawerKicks).toBe(1);
      for (let i = 0; i < 50 && (await store.get('r1:receipt'))?.state !== 'printed'; i++) await new Promise((r) => setTimeout(r, 20));
      await w.reprint('r1:receipt');
      const docs = await p.waitForDocuments(2);
      expect(docs[1]!.text).toContain('DUPLICATA');
      expect(docs[1]!.text).not.toContain('[DRAWER');
      expect(p.stats.drawerKicks).toBe(1);
    });
  });
});
