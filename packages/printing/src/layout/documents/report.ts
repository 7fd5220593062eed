import type { LayoutBlock, LayoutDocument } from '../model';
import type { BranchInfo } from '../types';
import { amount, dateTime, money, rate } from '../format';
import { labelsFor } from '../labels';

/**
 * Figures of an X (mid-shift) or Z (closing) report, computed by core's reports module, whose
 * definition the paper follows line by line (docs/reports.md): grossSales − discounts − refunds =
 * netSales = Σ taxes gross = taxTotal + netOfTax; Σ payments − refunds = netSales + cashRounding.
 */
export interface ShiftReportInput {
  kind: 'x' | 'z';
  branch: BranchInfo;
  tillName: string;
  businessDay: string;
  openedAt: number;
  /** Epoch ms the report was taken (the close time for Z). */
  at: number;
  /** Running Z counter (Z reports only). */
  zNumber?: number;
  /** The operator's name ("By"/"Par"). */
  by: string;
  currency: string;
  orderCount: number;
  grossSales: number;
  discounts: number;
  refunds: number;
  netSales: number;
  taxes: { rateBasisPoints: number; net: number; tax: number; gross: number }[];
  taxTotal: number;
  netOfTax: number;
  /** Per method, named in the report's language unless a label (e.g. a voucher's name) is given. */
  payments: { method: 'cash' | 'card' | 'other'; label?: string; count: number; amount: number }[];
  /** Cash rounding lines (positive = customers paid more); printed when not zero. */
  cashRounding?: number;
  tips: number;
  voids: { count: number; amount: number };
  noSales: number;
  cash: {
    openingFloat: number;
    cashSales: number;
    payIns: number;
    payOuts: number;
    cashRefunds: number;
    expected: number;
    counted?: number | null;
    overShort?: number | null;
  };
}

/** An X report (read, shift stays open) or a Z report (shift closed, counters reset). */
export function shiftReportLayout(r: ShiftReportInput): LayoutDocument {
  const locale = r.branch.locale ?? 'en';
  const m = (n: number): string => money(n, r.currency, locale);
  const tz = r.branch.timeZone;
  const L = labelsFor(locale);
  const title = r.kind === 'z' ? `${L.zReport}${r.zNumber ? ` #${r.zNumber}` : ''}` : L.xReport;
  const b: LayoutBlock[] = [
    { kind: 'text', text: r.branch.name, align: 'center', style: { bold: true } },
    { kind: 'text', text: title, align: 'center', style: { bold: true, size: 2, invert: r.kind === 'z' } },
    { kind: 'text', text: r.kind === 'x' ? L.interim : L.endOfShift, align: 'center' },
    { kind: 'pair', left: L.till, right: r.tillName },
    { kind: 'pair', left: L.businessDay, right: r.businessDay },
    { kind: 'pair', left: L.opened, right: dateTime(r.openedAt, tz) },
    { kind: 'pair', left: r.kind === 'z' ? L.closed : L.taken, right: dateTime(r.at, tz) },
    { kind: 'pair', left: L.by[0]!.toUpperCase() + L.by.slice(1), right: r.by },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: L.sales, style: { bold: true } },
    { kind: 'pair', left: L.orders, right: String(r.orderCount) },
    { kind: 'pair', left: L.grossSales, right: m(r.grossSales) },
    { kind: 'pair', left: L.discounts, right: m(-r.discounts) },
    { kind: 'pair', left: L.refunds, right: m(-r.refunds) },
    { kind: 'pair', left: L.netSales, right: m(r.netSales), style: { bold: true } },
    { kind: 'pair', left: `${L.voids} (${r.voids.count})`, right: m(r.voids.amount) },
    { kind: 'pair', left: L.tips, right: m(r.tips) },
    { kind: 'pair', left: L.noSales, right: String(r.noSales) },
    { kind: 'rule' },
    { kind: 'text', text: L.taxes, style: { bold: true } },
    { kind: 'columns', cells: [L.vat, L.net, L.tax, L.gross], widths: [2, 3, 3, 3] },
    ...r.taxes.map((t): LayoutBlock => ({
      kind: 'columns',
      cells: [rate(t.rateBasisPoints), amount(t.net, r.currency, locale), amount(t.tax, r.currency, locale), amount(t.gross, r.currency, locale)],
      widths: [2, 3, 3, 3],
    })),
    { kind: 'pair', left: L.taxTotal, right: m(r.taxTotal) },
    { kind: 'pair', left: L.netOfTax, right: m(r.netOfTax) },
    { kind: 'rule' },
    { kind: 'text', text: L.payments, style: { bold: true } },
    ...r.payments
      .filter((p) => p.count > 0 || p.amount !== 0)
      .map((p): LayoutBlock => ({ kind: 'pair', left: `${p.label ?? L.method[p.method]} (${p.count})`, right: m(p.amount) })),
    ...(r.cashRounding ? [{ kind: 'pair', left: L.cashRounding, right: m(r.cashRounding) } satisfies LayoutBlock] : []),
    { kind: 'rule' },
    { kind: 'text', text: L.cashDrawer, style: { bold: true } },
    { kind: 'pair', left: L.openingFloat, right: m(r.cash.openingFloat) },
    { kind: 'pair', left: L.cashSales, right: m(r.cash.cashSales) },
    { kind: 'pair', left: L.payIns, right: m(r.cash.payIns) },
    { kind: 'pair', left: L.payOuts, right: m(-r.cash.payOuts) },
    { kind: 'pair', left: L.cashRefunds, right: m(-r.cash.cashRefunds) },
    { kind: 'pair', left: L.expected, right: m(r.cash.expected), style: { bold: true } },
  ];
  if (r.cash.counted !== undefined && r.cash.counted !== null) {
    b.push({ kind: 'pair', left: L.counted, right: m(r.cash.counted) });
    const os = r.cash.overShort ?? r.cash.counted - r.cash.expected;
    b.push({ kind: 'pair', left: os >= 0 ? L.over : L.short, right: m(os), style: { bold: true } });
  }
  b.push({ kind: 'feed', lines: 2 }, { kind: 'text', text: `${L.signature}: ____________________` }, { kind: 'cut' });
  return { kind: r.kind === 'z' ? 'z-report' : 'x-report', title: `${title} ${r.tillName} ${r.businessDay}`, blocks: b };
}
