import { ticketLabel } from '@comanda/core/orders';
import type { LayoutBlock, LayoutDocument, LogoBlock } from '../model';
import type { BranchInfo, ReceiptOrder, ReceiptOrderLine } from '../types';
import { amount, dateTime, money, rate, time } from '../format';
import { labelsFor, type Labels } from '../labels';
import { refundTaxRows } from '@comanda/core/reports';

/** Options of a customer receipt. */
export interface ReceiptOptions {
  branch: BranchInfo;
  order: ReceiptOrder;
  cashierName: string;
  /** Epoch ms the receipt is printed (shown next to the order time on copies). */
  printedAt: number;
  /** 'original' (first print), 'duplicate' (customer asked for a copy) or 'reprint' (re-issued after a printer problem). */
  copy?: 'original' | 'duplicate' | 'reprint';
  /** Bill (pre-payment check) instead of a receipt: no payments, "NOT A RECEIPT" note. */
  bill?: boolean;
  /** URL or text for the footer QR code (e.g. the e-receipt / feedback link). */
  qrData?: string;
  /** Open the cash drawer (cash was taken). */
  openDrawer?: boolean;
  /** Branch logo printed above the header (see `logoFromRgba`). */
  logo?: LogoBlock;
  /** Takeaway: when the guest was told the order would be ready (core's `orderReadyAt`), printed big. */
  readyAt?: number | null;
}

/** Branch name, legal name, address and tax id, centred. */
export function headerBlocks(branch: BranchInfo, L: Labels = labelsFor(branch.locale)): LayoutBlock[] {
  const a = branch.address;
  const blocks: LayoutBlock[] = [{ kind: 'text', text: branch.name, align: 'center', style: { bold: true, size: 2 } }];
  if (branch.legalName) blocks.push({ kind: 'text', text: branch.legalName, align: 'center' });
  for (const l of a.lines) blocks.push({ kind: 'text', text: l, align: 'center' });
  const city = [a.postalCode, a.city].filter(Boolean).join(' ');
  if (city) blocks.push({ kind: 'text', text: city, align: 'center' });
  if (branch.taxId) blocks.push({ kind: 'text', text: `${L.taxId} ${branch.taxId}`, align: 'center' });
  return blocks;
}

/** " (+2,50 €)" (per unit, unbreakable) after a modifier's name, or nothing for a free one. */
function modifierPrice(delta: number, currency: string, locale: string): string {
  if (delta === 0) return '';
  return ` (${delta > 0 ? '+' : ''}${money(delta, currency, locale)})`.replace(/(?<=\S) /g, '\u00a0');
}

function lineBlocks(line: ReceiptOrderLine, currency: string, locale: string): LayoutBlock[] {
  const qty = line.quantity - line.voidedQuantity;
  if (qty <= 0) return [];
  const unit = line.unitPrice + line.modifiers.reduce((s, m) => s + m.priceDelta, 0);
  const blocks: LayoutBlock[] = [{ kind: 'pair', left: `${qty} x ${line.name}`, right: money(unit * qty, currency, locale) }];
  // The line's amount already includes its modifiers: their prices stay inside the text (per
  // unit), never in the amount column, so adding up that column gives the subtotal.
  for (const m of line.modifiers) blocks.push({ kind: 'text', text: `    + ${m.name}${modifierPrice(m.priceDelta, currency, locale)}` });
  if (line.notes) blocks.push({ kind: 'text', text: `    "${line.notes}"` });
  if (qty > 1) blocks.push({ kind: 'text', text: `    ${qty} x ${money(unit, currency, locale)}` });
  return blocks;
}

/** A customer receipt (or a bill before payment). */
export function receiptLayout(o: ReceiptOptions): LayoutDocument {
  const { branch, order } = o;
  const locale = branch.locale ?? 'en';
  const cur = order.currency;
  const m = (n: number): string => money(n, cur, locale);
  const t = order.totals;
  const L = labelsFor(locale);
  const blocks: LayoutBlock[] = [...(o.logo ? [o.logo] : []), ...headerBlocks(branch, L)];
  blocks.push({ kind: 'feed', lines: 1 });
  if (o.copy === 'duplicate' || o.copy === 'reprint') {
    blocks.push({ kind: 'text', text: o.copy === 'duplicate' ? L.duplicate : L.reprint, align: 'center', style: { invert: true, bold: true, size: 2 } });
    blocks.push({ kind: 'text', text: `${L.printed} ${dateTime(o.printedAt, branch.timeZone)}`, align: 'center' });
  }
  if (o.bill) blocks.push({ kind: 'text', text: L.bill, align: 'center', style: { bold: true } });
  blocks.push({ kind: 'pair', left: `${L.ticket} #${ticketLabel(order)}`, right: dateTime(order.createdAt, branch.timeZone), style: { bold: true } });
  const where =
    order.type === 'dineIn'
      ? `${L.table} ${order.table ?? '-'}${order.covers ? ` - ${order.covers} ${L.covers}` : ''}`
      : `${L.takeaway}${order.customerName ? ` - ${order.customerName}` : ''}`;
  blocks.push({ kind: 'text', text: where });
  if (order.type === 'takeaway' && o.readyAt != null) {
    blocks.push({ kind: 'text', text: `${L.readyAround} ${time(o.readyAt, branch.timeZone)}`, style: { bold: true, size: 2 } });
  }
  blocks.push({ kind: 'text', text: `${L.servedBy} ${o.cashierName}` });
  blocks.push({ kind: 'rule' });
  for (const line of order.lines) blocks.push(...lineBlocks(line, cur, locale));
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'pair', left: L.subtotal, right: m(t.subtotal) });
  if (t.discountTotal) blocks.push({ kind: 'pair', left: L.discounts, right: m(-t.discountTotal) });
  blocks.push({ kind: 'pair', left: L.total, right: m(t.total), style: { bold: true, size: 2 } });
  if (t.cashRounding) {
    blocks.push({ kind: 'pair', left: L.cashRounding, right: m(t.cashRounding) });
    blocks.push({ kind: 'pair', left: L.toPay, right: m(t.totalDue), style: { bold: true } });
  }
  blocks.push({ kind: 'feed', lines: 1 }, ...vatTable(t.taxes, cur, locale, L));
  if (!o.bill) {
    blocks.push({ kind: 'rule' });
    for (const p of order.payments) {
      const label = p.method === 'other' && p.label ? p.label : L.method[p.method];
      blocks.push({ kind: 'pair', left: p.reference ? `${label} (${p.reference})` : label, right: m(p.amount + p.tip) });
      if (p.tendered !== null && p.method === 'cash') blocks.push({ kind: 'pair', left: L.tendered, right: m(p.tendered), indent: 2 });
      if (p.tip) blocks.push({ kind: 'pair', left: L.inclTip, right: m(p.tip), indent: 2 });
    }
    if (t.change) blocks.push({ kind: 'pair', left: L.change, right: m(t.change), style: { bold: true } });
    if (t.due) blocks.push({ kind: 'pair', left: L.stillDue, right: m(t.due), style: { bold: true } });
  }
  blocks.push({ kind: 'feed', lines: 1 });
  if (branch.receiptFooter) blocks.push({ kind: 'text', text: branch.receiptFooter, align: 'center' });
  if (o.qrData) blocks.push({ kind: 'qr', data: o.qrData });
  if (o.openDrawer) blocks.push({ kind: 'drawer' });
  blocks.push({ kind: 'cut' });
  return { kind: o.bill ? 'bill' : 'receipt', title: `${o.bill ? 'Bill' : 'Receipt'} #${ticketLabel(order)}`, blocks };
}

/** The VAT table of a receipt or refund slip: per rate, net, tax and gross (sign as given). */
function vatTable(rows: readonly { rateBasisPoints: number; net: number; tax: number; gross: number }[], cur: string, locale: string, L: Labels): LayoutBlock[] {
  const a = (n: number): string => amount(n, cur, locale);
  return [
    { kind: 'columns', cells: [L.vat, L.net, L.tax, L.gross], widths: [2, 3, 3, 3] },
    ...rows.map((r): LayoutBlock => ({ kind: 'columns', cells: [rate(r.rateBasisPoints), a(r.net), a(r.tax), a(r.gross)], widths: [2, 3, 3, 3] })),
  ];
}

/** Options of a refund slip. */
export interface RefundOptions {
  branch: BranchInfo;
  order: ReceiptOrder;
  refundId: string;
  cashierName: string;
  printedAt: number;
  copy?: 'original' | 'duplicate' | 'reprint';
  openDrawer?: boolean;
}

/** A refund receipt for one refund of an order. Throws when the order has no such refund. */
export function refundLayout(o: RefundOptions): LayoutDocument {
  const { branch, order } = o;
  const refund = order.refunds.find((r) => r.id === o.refundId);
  if (!refund) throw new Error(`order ${order.id} has no refund ${o.refundId}`);
  const locale = branch.locale ?? 'en';
  const m = (n: number): string => money(n, order.currency, locale);
  const L = labelsFor(locale);
  const blocks: LayoutBlock[] = headerBlocks(branch, L);
  blocks.push({ kind: 'feed', lines: 1 });
  blocks.push({ kind: 'text', text: L.refund, align: 'center', style: { invert: true, bold: true, size: 2 } });
  if (o.copy === 'duplicate' || o.copy === 'reprint') blocks.push({ kind: 'text', text: o.copy === 'duplicate' ? L.duplicate : L.reprint, align: 'center', style: { bold: true } });
  blocks.push({ kind: 'pair', left: `${L.forTicket} #${ticketLabel(order)}`, right: dateTime(refund.at, branch.timeZone), style: { bold: true } });
  blocks.push({ kind: 'text', text: `${L.servedBy} ${o.cashierName}` });
  blocks.push({ kind: 'rule' });
  for (const rl of refund.lines) {
    const line = order.lines.find((l) => l.id === rl.lineId);
    blocks.push({ kind: 'pair', left: `${rl.quantity} x ${line?.name ?? rl.lineId}`, right: m(-rl.amount) });
  }
  if (refund.reason) blocks.push({ kind: 'text', text: `${L.reason}: ${refund.reason}` });
  blocks.push({ kind: 'rule' });
  blocks.push({ kind: 'pair', left: L.refunded, right: m(-refund.amount), style: { bold: true, size: 2 } });
  blocks.push({ kind: 'pair', left: `${L.paidBackBy} ${L.method[refund.method].toLowerCase()}`, right: m(refund.amount) });
  // The VAT this refund gives back, rate by rate: the same rows the Z report deducts.
  const vat = refundTaxRows(order)[order.refunds.indexOf(refund)] ?? [];
  const negated = vat.map((r) => ({ rateBasisPoints: r.rateBasisPoints, net: -r.net, tax: -r.tax, gross: -r.gross }));
  blocks.push({ kind: 'feed', lines: 1 }, ...vatTable(negated, order.currency, locale, L));
  blocks.push({ kind: 'feed', lines: 2 });
  blocks.push({ kind: 'text', text: `${L.signature}: ____________________` });
  if (o.openDrawer) blocks.push({ kind: 'drawer' });
  blocks.push({ kind: 'cut' });
  return { kind: 'refund', title: `Refund for #${ticketLabel(order)}`, blocks };
}
