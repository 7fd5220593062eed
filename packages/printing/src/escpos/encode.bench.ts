import ReceiptPrinterEncoder from '@point-of-sale/receipt-printer-encoder';
import { afterAll, bench, describe } from 'vitest';
import menu from '../../../core/src/demo/menu-bistro.json' with { type: 'json' };
import { receiptLayout } from '../layout/documents/receipt';
import { previewToText, resolveLayout } from '../layout/resolve';
import { AT, branch, order } from '../testing/fixtures';
import { encodeDocument, encodePreview } from './render';

// A receipt with 30 order lines (every other one multilingual: accents, €, Greek, Turkish).
const lines = Array.from({ length: 30 }, (_, i) => {
  const item = menu.items[(i * 7) % menu.items.length]!;
  return { id: `l${i}`, name: item.name, unitPrice: item.price, modifiers: [], notes: '', quantity: 1 + (i % 3), voidedQuantity: 0 };
});
const doc = receiptLayout({ branch, order: { ...order, lines }, cashierName: 'Léa Bernard', printedAt: AT, qrData: 'https://comanda.example/r/1' });
const preview = resolveLayout(doc, 48);
const text = previewToText(preview);

const samples: number[] = [];
afterAll(() => {
  const sorted = samples.sort((a, b) => a - b);
  const pct = (p: number): string => (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN).toFixed(3);
  console.log(`30-line receipt, layout + ESC/POS over ${sorted.length} runs: p50 ${pct(50)} ms, p99 ${pct(99)} ms (goal ≤ 1 ms)`);
});

describe('encode a 30-line receipt (goal ≤ 1 ms)', () => {
  bench('baseline: plain string join of the same printed lines', () => {
    new TextEncoder().encode(text.join('\n'));
  });
  bench('comanda: layout + ESC/POS with automatic code pages', () => {
    const t0 = performance.now();
    encodeDocument(doc, { columns: 48 });
    samples.push(performance.now() - t0);
  });
  bench('comanda: ESC/POS only (preview already laid out)', () => {
    encodePreview(preview, { columns: 48 });
  });
  bench(
    'reference: receipt-printer-encoder composer with codepage("auto")',
    () => {
      const e = new ReceiptPrinterEncoder({ language: 'esc-pos', columns: 48 }).initialize().codepage('auto');
      for (const l of text) e.line(l);
      e.qrcode('https://comanda.example/r/1').cut('partial').encode();
    },
    { time: 300, iterations: 5 },
  );
});
