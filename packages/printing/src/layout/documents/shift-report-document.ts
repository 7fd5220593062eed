import type { ShiftReport } from '@comanda/core/reports';
import type { LayoutDocument } from '../model';
import type { BranchInfo } from '../types';
import { shiftReportLayout } from './report';

/** Names a report's ids stand for on paper. */
export interface ShiftReportNames {
  branch: BranchInfo;
  tillName: string;
  /** The operator's name (core's `operatorId` resolved by the caller). */
  by: string;
}

/**
 * The printed layout of core's X or Z report: the one mapping from a `ShiftReport` to paper,
 * used by the till when it prints and by the back office's Z archive, so both show the same lines
 * from the same figures.
 */
export function shiftReportDocument(report: ShiftReport, names: ShiftReportNames): LayoutDocument {
  return shiftReportLayout({
    kind: report.kind === 'Z' ? 'z' : 'x',
    branch: names.branch,
    tillName: names.tillName,
    businessDay: report.businessDay,
    openedAt: report.openedAt,
    at: report.at,
    by: names.by,
    currency: report.currency,
    orderCount: report.orderCount,
    grossSales: report.grossSales,
    discounts: report.discounts.total,
    refunds: report.refunds.total,
    netSales: report.netSales,
    taxes: report.taxes.map((t) => ({
      rateBasisPoints: t.rateBasisPoints,
      net: t.net,
      tax: t.tax,
      gross: t.gross,
    })),
    taxTotal: report.taxTotal,
    netOfTax: report.netOfTax,
    payments: report.payments.map((p) => ({ method: p.method, count: p.count, amount: p.amount })),
    cashRounding: report.cashRounding,
    tips: report.tipsTotal,
    voids: { count: report.voids.count, amount: report.voids.amount },
    noSales: report.noSales,
    cash: {
      openingFloat: report.cash.openingFloat,
      cashSales: report.cash.cashSales,
      payIns: report.cash.payIns,
      payOuts: report.cash.payOuts,
      cashRefunds: report.cash.cashRefunds,
      expected: report.cash.expected,
      counted: report.cash.counted,
      overShort: report.cash.overShort,
    },
  });
}

/** A branch document's fields that receipts and reports print (empty texts print nothing). */
export function printedBranch(branch: {
  name: string;
  legalName?: string | null | undefined;
  address: BranchInfo['address'];
  taxId?: string | null | undefined;
  timeZone: string;
  locale?: string | undefined;
  currency: string;
  receiptFooter?: string | null | undefined;
}): BranchInfo {
  return {
    name: branch.name,
    legalName: branch.legalName || undefined,
    address: branch.address,
    taxId: branch.taxId || undefined,
    timeZone: branch.timeZone,
    locale: branch.locale,
    currency: branch.currency,
    receiptFooter: branch.receiptFooter || undefined,
  };
}
