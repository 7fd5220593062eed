import { allergenLabel } from '@comanda/core/menu';
import { ticketLabel } from '@comanda/core/orders';
import type { LayoutBlock, LayoutDocument } from '../model';
import type { KitchenTicketInput, KitchenTicketLineInput } from '../types';
import { time } from '../format';
import { labelsFor, type Labels } from '../labels';

/** Options of a kitchen ticket. */
export interface KitchenTicketOptions {
  ticket: KitchenTicketInput;
  /** Station name as the kitchen knows it ("Grill"). */
  stationName: string;
  /** Branch time zone for the time printed. */
  timeZone: string;
  /** Server / cashier name. */
  by?: string;
  /** Language of the printed words (default English). */
  locale?: string;
}

/** "ALLERGENS: GLUTEN, MILK - traces of nuts", or '' when the line has none. */
function allergenText(line: KitchenTicketLineInput, L: Labels, locale: string | undefined): string {
  const names = (line.allergens ?? []).map((a) => allergenLabel(a, locale).toUpperCase());
  const what = [names.join(', '), line.allergenNote ?? ''].filter(Boolean).join(' - ');
  return what ? `${L.allergens}: ${what}` : '';
}

function lineBlocks(line: KitchenTicketLineInput, sign: string, L: Labels, locale: string | undefined): LayoutBlock[] {
  const blocks: LayoutBlock[] = [{ kind: 'text', text: `${sign}${line.quantity} x ${line.name}`, style: { bold: true, size: 2 } }];
  if (line.seat) blocks.push({ kind: 'text', text: `   ${L.seat} ${line.seat}`, style: { underline: true } });
  // Modifiers and notes are what cooks miss: bold, and notes inverted so they jump out.
  for (const m of line.modifiers) blocks.push({ kind: 'text', text: `   > ${m}`, style: { bold: true } });
  // Allergens are a guest's safety: inverted like notes, and on every line that has them.
  const allergens = allergenText(line, L, locale);
  if (allergens) blocks.push({ kind: 'text', text: ` !! ${allergens} `, style: { invert: true, bold: true } });
  if (line.notes) blocks.push({ kind: 'text', text: ` ! ${line.notes} `, style: { invert: true, bold: true } });
  return blocks;
}

function byCourse(lines: KitchenTicketLineInput[]): Map<number, KitchenTicketLineInput[]> {
  const out = new Map<number, KitchenTicketLineInput[]>();
  for (const l of [...lines].sort((a, b) => a.course - b.course)) out.set(l.course, [...(out.get(l.course) ?? []), l]);
  return out;
}

/** A ticket for one kitchen station: new items, a VOID, or a "fire course" call. */
export function kitchenTicketLayout(o: KitchenTicketOptions): LayoutDocument {
  const t = o.ticket;
  const L = labelsFor(o.locale);
  const blocks: LayoutBlock[] = [
    { kind: 'text', text: o.stationName.toUpperCase(), align: 'center', style: { bold: true, size: 2 } },
  ];
  if (t.kind === 'void') blocks.push({ kind: 'text', text: L.void, align: 'center', style: { invert: true, bold: true, size: 2 } });
  if (t.kind === 'fire') blocks.push({ kind: 'text', text: `${L.fireCourse} ${t.course ?? ''}`.trim(), align: 'center', style: { invert: true, bold: true, size: 2 } });
  if (t.reprint) blocks.push({ kind: 'text', text: L.reprint, align: 'center', style: { invert: true, bold: true, size: 2 } });
  const where = (t.orderType === 'dineIn' ? `${L.table} ${t.table ?? '-'}` : `${L.takeaway}${t.customerName ? ` ${t.customerName}` : ''}`).toUpperCase();
  blocks.push({ kind: 'pair', left: `#${ticketLabel(t)}`, right: time(t.at, o.timeZone), style: { bold: true, size: 2 } });
  blocks.push({ kind: 'text', text: where, style: { bold: true, size: 2 } });
  const info = [t.covers ? `${t.covers} ${L.covers}` : '', o.by ? `${L.by} ${o.by}` : ''].filter(Boolean).join(' - ');
  if (info) blocks.push({ kind: 'text', text: info });
  blocks.push({ kind: 'rule', char: '=' });
  const sign = t.kind === 'void' ? '-' : '';
  for (const [course, lines] of byCourse(t.lines)) {
    blocks.push({ kind: 'text', text: `${L.course} ${course}`, style: { underline: true } });
    for (const l of lines) blocks.push(...lineBlocks(l, sign, L, o.locale));
  }
  const held = t.held ?? [];
  if (held.length > 0) {
    blocks.push({ kind: 'rule' });
    blocks.push({ kind: 'text', text: L.held, style: { bold: true } });
    for (const [course, lines] of byCourse(held)) {
      blocks.push({ kind: 'text', text: `${L.course} ${course}`, style: { underline: true } });
      for (const l of lines) {
        const mods = l.modifiers.length ? ` (${l.modifiers.join(', ')})` : '';
        const allergens = allergenText(l, L, o.locale);
        blocks.push({ kind: 'text', text: `${l.quantity} x ${l.name}${mods}${l.notes ? ` ! ${l.notes}` : ''}${allergens ? ` !! ${allergens}` : ''}` });
      }
    }
  }
  blocks.push({ kind: 'rule', char: '=' });
  blocks.push({ kind: 'cut' });
  const what = t.kind === 'void' ? 'VOID' : t.kind === 'fire' ? 'Fire' : 'Ticket';
  return { kind: 'kitchen', title: `${what} #${ticketLabel(t)} (${o.stationName})`, blocks };
}
