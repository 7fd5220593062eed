import type { LayoutBlock, LayoutDocument } from '../model';
import type { KitchenTicketInput, KitchenTicketLineInput } from '../types';
import { time } from '../format';

/** Options of a kitchen ticket. */
export interface KitchenTicketOptions {
  ticket: KitchenTicketInput;
  /** Station name as the kitchen knows it ("Grill"). */
  stationName: string;
  /** Branch time zone for the time printed. */
  timeZone: string;
  /** Server / cashier name. */
  by?: string;
}

function lineBlocks(line: KitchenTicketLineInput, sign: string): LayoutBlock[] {
  const seat = line.seat ? ` (seat ${line.seat})` : '';
  const blocks: LayoutBlock[] = [{ kind: 'text', text: `${sign}${line.quantity} x ${line.name}${seat}`, style: { bold: true, size: 2 } }];
  // Modifiers and notes are what cooks miss: bold, and notes inverted so they jump out.
  for (const m of line.modifiers) blocks.push({ kind: 'text', text: `   > ${m}`, style: { bold: true } });
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
  const blocks: LayoutBlock[] = [
    { kind: 'text', text: o.stationName.toUpperCase(), align: 'center', style: { bold: true, size: 2 } },
  ];
  if (t.kind === 'void') blocks.push({ kind: 'text', text: '*** VOID ***', align: 'center', style: { invert: true, bold: true, size: 2 } });
  if (t.kind === 'fire') blocks.push({ kind: 'text', text: `FIRE COURSE ${t.course ?? ''}`.trim(), align: 'center', style: { invert: true, bold: true, size: 2 } });
  if (t.reprint) blocks.push({ kind: 'text', text: 'REPRINT', align: 'center', style: { invert: true, bold: true, size: 2 } });
  const where = t.orderType === 'dineIn' ? `TABLE ${t.table ?? '-'}` : `TAKEAWAY${t.customerName ? ` ${t.customerName}` : ''}`;
  blocks.push({ kind: 'pair', left: `#${t.ticketNumber}`, right: time(t.at, o.timeZone), style: { bold: true, size: 2 } });
  blocks.push({ kind: 'text', text: where, style: { bold: true, size: 2 } });
  const info = [t.covers ? `${t.covers} covers` : '', o.by ? `by ${o.by}` : ''].filter(Boolean).join(' - ');
  if (info) blocks.push({ kind: 'text', text: info });
  blocks.push({ kind: 'rule', char: '=' });
  const sign = t.kind === 'void' ? '-' : '';
  for (const [course, lines] of byCourse(t.lines)) {
    blocks.push({ kind: 'text', text: `Course ${course}`, style: { underline: true } });
    for (const l of lines) blocks.push(...lineBlocks(l, sign));
  }
  const held = t.held ?? [];
  if (held.length > 0) {
    blocks.push({ kind: 'rule' });
    blocks.push({ kind: 'text', text: 'HELD - do not start', style: { bold: true } });
    for (const [course, lines] of byCourse(held)) {
      blocks.push({ kind: 'text', text: `Course ${course}`, style: { underline: true } });
      for (const l of lines) blocks.push({ kind: 'text', text: `${l.quantity} x ${l.name}${l.modifiers.length ? ` (${l.modifiers.join(', ')})` : ''}` });
    }
  }
  blocks.push({ kind: 'rule', char: '=' });
  blocks.push({ kind: 'cut' });
  const what = t.kind === 'void' ? 'VOID' : t.kind === 'fire' ? 'Fire' : 'Ticket';
  return { kind: 'kitchen', title: `${what} #${t.ticketNumber} (${o.stationName})`, blocks };
}
