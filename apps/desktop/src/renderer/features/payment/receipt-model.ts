import { ticketLabel } from '@comanda/core/orders';
import { previewToRows, receiptLayout, resolveLayout } from '@comanda/printing/layout';
import { receiptBranding } from '@comanda/printing/queue';
import { padRow, type I18n, type PreviewRow, type ReceiptPreviewModel } from '@comanda/ui';
import type { Branch, Order } from '../../till-ports';
import { cartLines } from '../order-entry/view-models';

/**
 * The receipt exactly as the receipt printer will print it: the printing package's layout resolved
 * at the receipt printer's width (a bill before payment). Falls back to a simple on-screen layout
 * if the printing layout rejects the document, so the cashier still sees the order.
 */
export function printedReceiptModel(order: Order, branch: Branch, cashierName: string, printedAt: number, i18n: I18n): ReceiptPreviewModel {
  const columns = branch.printers.find((p) => p.receipts)?.columns ?? 42;
  const paid = order.status === 'paid' || order.status === 'closed' || order.status === 'refunded';
  try {
    // The same logo and QR as the printed receipt (the QR only on a paid receipt, not a bill).
    const { logo, receiptQr } = receiptBranding(branch);
    const qrData = paid ? receiptQr?.(order) : undefined;
    return previewToRows(resolveLayout(receiptLayout({ branch, order, cashierName, printedAt, bill: !paid, logo, qrData }), columns));
  } catch {
    return receiptModel(order, branch, i18n, columns);
  }
}

/** Simple on-screen receipt (lines, taxes, payments) used when the printing layout is unavailable. */
export function receiptModel(order: Order, branch: Branch, i18n: I18n, columns = 42): ReceiptPreviewModel {
  const { t, money, dateTime } = i18n;
  const rows: PreviewRow[] = [
    { text: branch.name, align: 'center', bold: true, large: true },
    ...branch.address.lines.map((l) => ({ text: l, align: 'center' as const })),
    { text: `${branch.address.postalCode} ${branch.address.city}`.trim(), align: 'center' },
    { text: '' },
    { text: padRow(t('order.ticket', { number: ticketLabel(order) }), dateTime(order.createdAt), columns) },
    { text: order.type === 'dineIn' ? t('order.tableN', { table: order.table ?? '—' }) : (order.customerName ?? t('order.takeaway')) },
    { text: '-'.repeat(columns) },
  ];
  for (const line of cartLines(order)) {
    if (line.voided) continue;
    rows.push({ text: padRow(`${line.quantity} ${line.name}`, money(line.amount), columns) });
    for (const m of line.modifiers) rows.push({ text: `   ${m}` });
  }
  const totals = order.totals;
  rows.push({ text: '-'.repeat(columns) });
  if (totals.discountTotal > 0) rows.push({ text: padRow(t('totals.discounts'), money(-totals.discountTotal), columns) });
  for (const tax of totals.taxes) {
    rows.push({ text: padRow(t('totals.taxIncluded', { rate: `${tax.rateBasisPoints / 100} %` }), money(tax.tax), columns) });
  }
  if (totals.cashRounding !== 0) rows.push({ text: padRow(t('totals.rounding'), money(totals.cashRounding), columns) });
  rows.push({ text: padRow(t('totals.total'), money(totals.totalDue), columns), bold: true, large: true });
  for (const p of order.payments) {
    rows.push({ text: padRow(t(p.method === 'card' ? 'payment.card' : 'payment.cash'), money(p.amount), columns) });
    if (p.change > 0) rows.push({ text: padRow(t('payment.change'), money(p.change), columns) });
  }
  for (const r of order.refunds) rows.push({ text: padRow(t('totals.refunded'), money(-r.amount), columns), inverted: true });
  if (branch.receiptFooter) rows.push({ text: '' }, { text: branch.receiptFooter, align: 'center' });
  return { columns, rows };
}
