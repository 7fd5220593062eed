import type { LayoutBlock, LayoutDocument } from '../model';
import type { BranchInfo } from '../types';
import { amount, dateTime, money, rate } from '../format';

/** Figures of an X (mid-shift) or Z (closing) report, computed by core's reports module. */
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
  by: string;
  currency: string;
  orderCount: number;
  grossSales: number;
  discounts: number;
  refunds: number;
  netSales: number;
  taxes: { rateBasisPoints: number; net: number; tax: number; gross: number }[];
  payments: { label: string; count: number; amount: number }[];
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
  const title = r.kind === 'z' ? `Z REPORT${r.zNumber ? ` #${r.zNumber}` : ''}` : 'X REPORT';
  const b: LayoutBlock[] = [
    { kind: 'text', text: r.branch.name, align: 'center', style: { bold: true } },
    { kind: 'text', text: title, align: 'center', style: { bold: true, size: 2, invert: r.kind === 'z' } },
    { kind: 'text', text: r.kind === 'x' ? 'Interim - shift remains open' : 'End of shift', align: 'center' },
    { kind: 'pair', left: 'Till', right: r.tillName },
    { kind: 'pair', left: 'Business day', right: r.businessDay },
    { kind: 'pair', left: 'Opened', right: dateTime(r.openedAt, tz) },
    { kind: 'pair', left: r.kind === 'z' ? 'Closed' : 'Taken', right: dateTime(r.at, tz) },
    { kind: 'pair', left: 'By', right: r.by },
    { kind: 'rule', char: '=' },
    { kind: 'text', text: 'SALES', style: { bold: true } },
    { kind: 'pair', left: 'Orders', right: String(r.orderCount) },
    { kind: 'pair', left: 'Gross sales', right: m(r.grossSales) },
    { kind: 'pair', left: 'Discounts', right: m(-r.discounts) },
    { kind: 'pair', left: 'Refunds', right: m(-r.refunds) },
    { kind: 'pair', left: 'NET SALES', right: m(r.netSales), style: { bold: true } },
    { kind: 'pair', left: `Voids (${r.voids.count})`, right: m(r.voids.amount) },
    { kind: 'pair', left: 'Tips', right: m(r.tips) },
    { kind: 'pair', left: 'No-sale drawer opens', right: String(r.noSales) },
    { kind: 'rule' },
    { kind: 'text', text: 'TAXES', style: { bold: true } },
    { kind: 'columns', cells: ['VAT', 'Net', 'Tax', 'Gross'], widths: [2, 3, 3, 3] },
    ...r.taxes.map((t): LayoutBlock => ({
      kind: 'columns',
      cells: [rate(t.rateBasisPoints), amount(t.net, r.currency, locale), amount(t.tax, r.currency, locale), amount(t.gross, r.currency, locale)],
      widths: [2, 3, 3, 3],
    })),
    { kind: 'rule' },
    { kind: 'text', text: 'PAYMENTS', style: { bold: true } },
    ...r.payments.map((p): LayoutBlock => ({ kind: 'pair', left: `${p.label} (${p.count})`, right: m(p.amount) })),
    { kind: 'rule' },
    { kind: 'text', text: 'CASH DRAWER', style: { bold: true } },
    { kind: 'pair', left: 'Opening float', right: m(r.cash.openingFloat) },
    { kind: 'pair', left: 'Cash sales', right: m(r.cash.cashSales) },
    { kind: 'pair', left: 'Pay-ins', right: m(r.cash.payIns) },
    { kind: 'pair', left: 'Pay-outs', right: m(-r.cash.payOuts) },
    { kind: 'pair', left: 'Cash refunds', right: m(-r.cash.cashRefunds) },
    { kind: 'pair', left: 'EXPECTED IN DRAWER', right: m(r.cash.expected), style: { bold: true } },
  ];
  if (r.cash.counted !== undefined && r.cash.counted !== null) {
    b.push({ kind: 'pair', left: 'Counted', right: m(r.cash.counted) });
    const os = r.cash.overShort ?? r.cash.counted - r.cash.expected;
    b.push({ kind: 'pair', left: os >= 0 ? 'Over' : 'SHORT', right: m(os), style: { bold: true } });
  }
  b.push({ kind: 'feed', lines: 2 }, { kind: 'text', text: 'Signature: ____________________' }, { kind: 'cut' });
  return { kind: r.kind === 'z' ? 'z-report' : 'x-report', title: `${title} ${r.tillName} ${r.businessDay}`, blocks: b };
}
