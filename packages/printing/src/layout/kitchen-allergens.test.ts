import { describe, expect, it } from 'vitest';
import { kitchenTicketSchema } from '@comanda/core/kitchen';
import { encodeDocument } from '../escpos';
import { EscPosDecoder } from '../virtual-printer';
import { kitchenTicketLayout } from './documents/kitchen-ticket';
import { SUPPORTED_COLUMNS } from './resolve';
import { branch, grillTicket } from '../testing/fixtures';

/** The ticket as the virtual printer reads it: lines with `[I]`…`[/I]` around inverted text. */
function printed(ticket: typeof grillTicket, columns: number, locale?: string): string[] {
  const bytes = encodeDocument(kitchenTicketLayout({ ticket, stationName: 'Grill', timeZone: branch.timeZone, ...(locale ? { locale } : {}) }), { columns });
  const decoder = new EscPosDecoder();
  decoder.push(bytes);
  return decoder.takeLines();
}

const [first, second, third] = grillTicket.lines;
const withAllergens = {
  ...grillTicket,
  lines: [{ ...first!, allergens: ['gluten', 'milk'] as const, allergenNote: 'traces of nuts' }, second!, third!],
  held: [{ ...third!, course: 2, allergens: ['sesame'] as const }],
};

describe('allergens on the kitchen ticket', () => {
  it('a core ticket line with allergens is a valid layout input', () => {
    expect(kitchenTicketSchema.safeParse({ ...withAllergens, orderId: 'o', by: 'lea' }).success).toBe(true);
  });

  it.each(SUPPORTED_COLUMNS)('at %i columns: printed inverted under their line, in the ticket language, only where the menu says so', (columns) => {
    const lines = printed(withAllergens, columns);
    // Wrapped lines are joined back before matching: what matters is the words and their style.
    const words = (ls: string[]) => ls.map((l) => l.replace(/\[\/?[A-Z0-9x]+\]/g, '').trim()).join(' ');
    const flat = words(lines);
    expect(words(lines.filter((l) => l.includes('[I]')))).toContain('!! ALLERGENS: GLUTEN, MILK - traces of nuts');
    expect(flat).toContain('!! ALLERGENS: SESAME');
    expect(flat.match(/ALLERGENS/g)).toHaveLength(2);
    // Under the line it belongs to, before the next line.
    expect(flat.indexOf('ALLERGENS: GLUTEN')).toBeGreaterThan(flat.indexOf(first!.name));
    expect(flat.indexOf('ALLERGENS: GLUTEN')).toBeLessThan(flat.indexOf(second!.name));
    const fr = words(printed(withAllergens, columns, 'fr-FR'));
    expect(fr).toContain('ALLERGÈNES: GLUTEN, LAIT - traces of nuts');
    expect(printed(grillTicket, columns).join('\n')).not.toContain('ALLERG');
  });
});
