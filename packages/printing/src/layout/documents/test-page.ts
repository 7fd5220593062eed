import type { LayoutBlock, LayoutDocument } from '../model';

/** Options of a printer test page. */
export interface TestPageOptions {
  printerName: string;
  host: string;
  port: number;
  columns: number;
  printedAt: string;
}

/** A test page: width ruler, styles, code pages (€, accents, Greek, Turkish, Polish), QR, cut. */
export function testPageLayout(o: TestPageOptions): LayoutDocument {
  const ruler = Array.from({ length: o.columns }, (_, i) => String((i + 1) % 10)).join('');
  const blocks: LayoutBlock[] = [
    { kind: 'text', text: 'TEST PAGE', align: 'center', style: { bold: true, size: 2 } },
    { kind: 'text', text: o.printerName, align: 'center' },
    { kind: 'text', text: `${o.host}:${o.port} - ${o.columns} columns`, align: 'center' },
    { kind: 'text', text: o.printedAt, align: 'center' },
    { kind: 'text', text: ruler },
    { kind: 'rule' },
    { kind: 'text', text: 'Normal text' },
    { kind: 'text', text: 'Bold text', style: { bold: true } },
    { kind: 'text', text: 'Underlined text', style: { underline: true } },
    { kind: 'text', text: ' Inverted text ', style: { invert: true } },
    { kind: 'text', text: 'Double size', style: { size: 2 } },
    { kind: 'text', text: 'left' },
    { kind: 'text', text: 'center', align: 'center' },
    { kind: 'text', text: 'right', align: 'right' },
    { kind: 'rule' },
    { kind: 'text', text: 'Euro: 12,50 € - Œuf, Bœuf' },
    { kind: 'text', text: 'Français: àâçéèêëîïôûùüÿ' },
    { kind: 'text', text: 'Deutsch: Käsespätzle, Weißbier' },
    { kind: 'text', text: 'Español: Paella señorita' },
    { kind: 'text', text: 'Ελληνικά: Γύρος πίτα' },
    { kind: 'text', text: 'Türkçe: Şiş kebap, ğüşıöç İ' },
    { kind: 'text', text: 'Polski: Pierogi ruskie z cebulką' },
    { kind: 'qr', data: `comanda:test:${o.host}:${o.port}` },
    { kind: 'cut' },
  ];
  return { kind: 'test-page', title: `Test page (${o.printerName})`, blocks };
}
