import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeDocument } from '../escpos';
import { decodeEscPos } from '../virtual-printer/decoder';
import { AT, branch, order, totals } from '../testing/fixtures';
import { receiptLayout } from './documents/receipt';
import { SUPPORTED_COLUMNS } from './resolve';
import type { ReceiptOrder, ReceiptOrderLine } from './types';

const unstyle = (line: string): string => line.replace(/\[(\/?[BUI]|\dx\d|left|center|right)\]/g, '');
// fr-FR money as printed: "1 234,56 €" (the narrow no-break space prints as a space).
const AMOUNT_AT_EDGE = /(-?\d{1,3}(?:[  ]\d{3})*),(\d{2}) €$/;

/**
 * What a customer adds up: the amounts that end at the right edge of the paper between the
 * two rules that frame the item lines.
 */
function amountColumn(lines: string[], columns: number): number[] {
  const text = lines.map(unstyle);
  const first = text.findIndex((l) => /^-+$/.test(l));
  const second = text.findIndex((l, i) => i > first && /^-+$/.test(l));
  return text.slice(first + 1, second).flatMap((l) => {
    const m = AMOUNT_AT_EDGE.exec(l);
    if (!m || l.length !== columns) return [];
    return [Number(m[1]!.replace(/\D/g, '')) * 100 * (m[1]!.startsWith('-') ? -1 : 1) + Number(m[2])];
  });
}

const printed = (o: ReceiptOrder, columns: number, bill = false): string[] =>
  decodeEscPos(encodeDocument(receiptLayout({ branch, order: o, cashierName: 'Léa', printedAt: AT, bill }), { columns }));

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

describe('the amount column of a receipt adds up to its subtotal', () => {
  it.each(SUPPORTED_COLUMNS)('golden order at %i columns (receipt and bill): modifiers are priced inside the line', (columns) => {
    for (const bill of [false, true]) {
      const lines = printed(order, columns, bill);
      expect(sum(amountColumn(lines, columns))).toBe(order.totals.subtotal);
      // The truffle purée is shown with its price, but not as a second amount.
      expect(lines.map(unstyle).join('\n')).toMatch(/\+ Purée à la truffe\s+\(\+2,50 €\)/);
    }
  });

  it('random orders at every width: modifiers, voids, quantities, long names', () => {
    const modifier = fc.record({ name: fc.stringMatching(/^[A-Za-zéèà ]{1,30}$/), priceDelta: fc.integer({ min: -500, max: 5000 }) });
    const line = fc
      .record({
        name: fc.stringMatching(/^[A-Za-zÉéœ ]{1,60}$/),
        unitPrice: fc.integer({ min: 0, max: 200_000 }),
        modifiers: fc.array(modifier, { maxLength: 4 }),
        quantity: fc.integer({ min: 1, max: 40 }),
        voided: fc.integer({ min: 0, max: 40 }),
      })
      .map(({ voided, ...l }, ): Omit<ReceiptOrderLine, 'id'> => ({ ...l, notes: '', voidedQuantity: Math.min(voided, l.quantity) }));
    fc.assert(
      fc.property(fc.array(line, { minLength: 1, maxLength: 12 }), fc.constantFrom(...SUPPORTED_COLUMNS), (raw, columns) => {
        // A line never costs less than nothing (core refuses a negative unit price after modifiers).
        const lines = raw.map((l, i) => ({ ...l, id: `l-${i}`, unitPrice: l.unitPrice + Math.max(0, -l.modifiers.reduce((s, m) => s + m.priceDelta, 0)) }));
        const o: ReceiptOrder = { ...order, lines, payments: [], refunds: [], totals: { ...totals(lines.map((l) => ({ ...l, id: 'l-paella' })), 0, 0) } };
        expect(sum(amountColumn(printed(o, columns), columns))).toBe(o.totals.subtotal);
      }),
      { numRuns: 150 },
    );
  });
});
