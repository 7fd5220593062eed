import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../escpos';
import { decodeEscPos } from '../virtual-printer/decoder';
import { AT, branch, totals, grillTicket, kitchenTicket, order, takeawayBarTicket, voidTicket, xReport, zReport } from '../testing/fixtures';
import type { LayoutDocument } from './model';
import { previewToText, resolveLayout, SUPPORTED_COLUMNS } from './resolve';
import { receiptLayout, refundLayout } from './documents/receipt';
import { kitchenTicketLayout } from './documents/kitchen-ticket';
import { shiftReportLayout } from './documents/report';
import { testPageLayout } from './documents/test-page';
import { withNotice } from './documents/notices';
import { LayoutDocumentSchema } from './schema';
import { fitLogo, logoFromRgba, logoToRgba, type RgbaImage } from './logo';

/** A black diamond on white, as a canvas would hand it over. */
function diamond(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4).fill(255);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (Math.abs(x - width / 2) / width + Math.abs(y - height / 2) / height < 0.5) data.fill(0, (y * width + x) * 4, (y * width + x) * 4 + 3);
    }
  }
  return { width, height, data };
}

const docs: Record<string, LayoutDocument> = {
  receipt: receiptLayout({
    branch,
    order,
    cashierName: 'Léa Bernard',
    printedAt: AT,
    qrData: `https://comanda.example/r/${order.id}`,
    openDrawer: true,
    logo: logoFromRgba(diamond(60, 24)),
  }),
  'receipt-en': receiptLayout({ branch: { ...branch, locale: 'en-GB' }, order, cashierName: 'Léa Bernard', printedAt: AT }),
  'receipt-duplicate': receiptLayout({ branch, order, cashierName: 'Léa Bernard', printedAt: AT + 900_000, copy: 'duplicate' }),
  'receipt-takeaway-rounded': receiptLayout({
    branch,
    order: {
      ...order,
      type: 'takeaway',
      table: null,
      covers: null,
      customerName: 'Ayşe',
      lines: order.lines.slice(0, 2),
      payments: [
        { method: 'card', amount: 5000, tip: 300, tendered: null, change: 0, reference: null },
        { method: 'other', amount: 1000, tip: 0, tendered: null, change: 0, label: 'Ticket Restaurant' },
        { method: 'cash', amount: 885, tip: 0, tendered: 1000, change: 115 },
      ],
      // 3 % off 71,00 € leaves 68,87 €; cash settles at 68,85 € (5-cent rounding).
      totals: { ...totals(order.lines.slice(0, 2), 213, 0), cashRounding: -2, totalDue: 6885, paid: 6885, tips: 300, change: 115, due: 0 },
    },
    cashierName: 'Nour Haddad',
    printedAt: AT,
  }),
  'kitchen-fire': kitchenTicketLayout({
    ticket: { ...kitchenTicket, kind: 'fire', course: 2, lines: kitchenTicket.lines.filter((l) => l.course === 2), held: [] },
    stationName: 'Cuisine',
    timeZone: branch.timeZone,
    locale: 'fr-FR',
  }),
  bill: receiptLayout({ branch, order, cashierName: 'Léa Bernard', printedAt: AT, bill: true }),
  refund: refundLayout({ branch, order, refundId: 'rf-1', cashierName: 'Hugo Martin', printedAt: AT + 3_600_000 }),
  'kitchen-grill': kitchenTicketLayout({ ticket: grillTicket, stationName: 'Grill', timeZone: branch.timeZone, by: 'Léa', locale: 'fr-FR' }),
  'kitchen-kitchen': kitchenTicketLayout({ ticket: kitchenTicket, stationName: 'Kitchen', timeZone: branch.timeZone }),
  'kitchen-void': kitchenTicketLayout({ ticket: voidTicket, stationName: 'Grill', timeZone: branch.timeZone, locale: 'fr-FR' }),
  'kitchen-bar-reprint-rerouted': withNotice(
    kitchenTicketLayout({ ticket: takeawayBarTicket, stationName: 'Bar', timeZone: branch.timeZone }),
    'RE-ROUTED FROM bar-printer',
  ),
  'x-report': shiftReportLayout(xReport),
  'z-report': shiftReportLayout(zReport),
  'test-page': testPageLayout({ printerName: 'Kitchen', host: '192.168.1.50', port: 9100, columns: 48, printedAt: '23/11/2026 19:42' }),
};

/** Decoded lines without the style markers, and with double-width text counted twice. */
function cells(line: string): number {
  let width = 0;
  let size = 1;
  for (const part of line.split(/(\[[^\]]*\])/)) {
    const m = /^\[(\d)x(\d)\]$/.exec(part);
    if (m) size = Number(m[1]);
    else if (!/^\[(\/?[BUI]|left|center|right)\]$/.test(part)) width += part.length * size;
  }
  return width;
}
const unstyle = (line: string): string => line.replace(/\[(\/?[BUI]|\dx\d)\]/g, '');

describe.each(SUPPORTED_COLUMNS)('golden documents at %i columns', (columns) => {
  it.each(Object.keys(docs))('%s: layout → ESC/POS → virtual printer decode matches the golden file', async (name) => {
    const doc = docs[name]!;
    // Every document survives the trip through the job store's validation unchanged.
    expect(LayoutDocumentSchema.parse(JSON.parse(JSON.stringify(doc)))).toEqual(doc);
    const decoded = decodeEscPos(encodeDocument(doc, { columns }));
    await expect(decoded.join('\n') + '\n').toMatchFileSnapshot(`./__golden__/${name}-${columns}.txt`);

    // Every character the fixture uses exists in some selected code page: nothing became '?'.
    expect(decoded.join('\n')).not.toMatch(/[?\ufffd]/);
    // Nothing runs past the paper edge.
    for (const line of decoded.filter((l) => !/^\[(QR|IMAGE)/.test(l))) expect(cells(line), line).toBeLessThanOrEqual(columns);
    // WYSIWYG: the on-screen preview is, character for character, what the printer printed.
    const preview = resolveLayout(doc, columns);
    const printedText = decoded.filter((l) => !/^\[(QR|CUT|DRAWER|IMAGE)/.test(l)).map(unstyle);
    const previewText = preview.lines
      .filter((l) => l.kind === 'text')
      .map((l) => l.spans.map((s) => s.text).join('').trimEnd());
    expect(printedText.map((l) => l.trimEnd()).filter(Boolean)).toEqual(previewText.filter(Boolean));
    expect(previewToText(preview).length).toBeGreaterThan(3);
  });
});

describe('multilingual fixture items reach the paper intact', () => {
  it.each(SUPPORTED_COLUMNS)('at %i columns every item name and modifier prints exactly', (columns) => {
    const text = decodeEscPos(encodeDocument(docs.receipt!, { columns })).map(unstyle).join(' ');
    const flat = text.replace(/\s+/g, ' ');
    for (const l of order.lines.filter((x) => x.quantity > x.voidedQuantity)) {
      for (const word of l.name.split(' ')) expect(flat).toContain(word);
      for (const m of l.modifiers) for (const w of m.name.split(' ')) expect(flat).toContain(w);
    }
    expect(flat).toContain('€');
    expect(flat).toContain('Γύρος');
    expect(flat).toContain('Şiş');
    expect(flat).toContain('Œuf');
    expect(flat).toContain('cebulką');
  });
});

describe('logo', () => {
  it('packs dark pixels as dots, pads the width to 8 and survives the round trip', () => {
    const logo = logoFromRgba(diamond(60, 24));
    expect([logo.width, logo.height]).toEqual([64, 24]);
    const rgba = logoToRgba(logo);
    const dot = (x: number, y: number): boolean => rgba.data[(y * 64 + x) * 4] === 0;
    expect(dot(30, 12)).toBe(true); // centre of the diamond
    expect(dot(0, 0)).toBe(false);
    expect(dot(63, 12)).toBe(false); // padding is white
    expect(decodeEscPos(encodeDocument(docs.receipt!, { columns: 48 }))[0]).toBe('[IMAGE 64x24]');
  });

  it('treats transparent pixels as paper and rejects impossible sizes', () => {
    const clear = { width: 8, height: 1, data: new Uint8ClampedArray(32) }; // black but fully transparent
    expect(logoToRgba(logoFromRgba(clear)).data[0]).toBe(255);
    expect(() => logoFromRgba({ width: 800, height: 10, data: new Uint8ClampedArray(32_000) })).toThrow(/576/);
  });

  it('fitLogo shrinks to the box keeping the aspect ratio, and keeps what already fits', () => {
    const big = diamond(1000, 500);
    const fitted = fitLogo(big, 384, 192);
    expect([fitted.width, fitted.height]).toEqual([384, 192]);
    expect(fitLogo(diamond(2000, 100), 384, 192)).toMatchObject({ width: 384, height: 19 });
    expect(fitLogo(diamond(10, 4000), 384, 192)).toMatchObject({ width: 1, height: 192 });
    const small = diamond(60, 24);
    expect(fitLogo(small, 384, 192)).toBe(small);
    const logo = logoFromRgba(fitted);
    const rgba = logoToRgba(logo);
    expect(rgba.data[(96 * 384 + 192) * 4]).toBe(0); // the diamond's centre stays black
    expect(rgba.data[0]).toBe(255); // its corner stays paper
  });
});

describe('hostile or odd text', () => {
  it('a note with control characters or emoji cannot inject commands or break the width', () => {
    const doc = receiptLayout({
      branch,
      order: { ...order, lines: [{ ...order.lines[0]!, notes: 'cut\x1dV\x00 here \x1b@ 🎂🎂 ok' }] },
      cashierName: 'Léa',
      printedAt: AT,
    });
    const decoded = decodeEscPos(encodeDocument(doc, { columns: 32 }));
    expect(decoded.filter((l) => l.startsWith('[CUT'))).toHaveLength(1);
    const note = decoded.find((l) => l.includes('here'))!;
    expect(note).toContain('"cut V here @ ?? ok"');
    for (const line of decoded.filter((l) => !/^\[(QR|IMAGE)/.test(l))) expect(cells(line), line).toBeLessThanOrEqual(32);
  });
});

describe('layout document validation', () => {
  it('rejects a corrupted stored document with a clear message', () => {
    const bad = { kind: 'kitchen', title: 'x', blocks: [{ kind: 'text', text: 3 }] };
    expect(() => LayoutDocumentSchema.parse(bad)).toThrow(/text/);
    expect(() => LayoutDocumentSchema.parse({ ...bad, blocks: [{ kind: 'image', width: 12, height: 1, bitmap: 'AA==' }] })).toThrow(/multiple of 8/);
  });
});
