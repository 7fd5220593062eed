import type { ShiftReport } from '@comanda/core';
import { shiftReportLayout } from '@comanda/printing/layout';
import type { NewPrintJob, PrintRequestContext } from '@comanda/printing/queue';

/**
 * The print job of an X or Z report, on the receipt printer. Ids are unique per print (a report
 * may be printed as often as a person asks), unlike outbox jobs.
 */
export function reportJob(report: ShiftReport, ctx: PrintRequestContext, tillName: string, now: number): NewPrintJob {
  return {
    id: `report:${report.shiftId}:${report.kind}:${now}`,
    route: 'receipt',
    document: shiftReportLayout({
      kind: report.kind === 'Z' ? 'z' : 'x',
      branch: ctx.branch,
      tillName,
      businessDay: report.businessDay,
      openedAt: report.openedAt,
      at: report.at,
      by: ctx.staffNames[report.operatorId] ?? report.operatorId,
      currency: report.currency,
      orderCount: report.orderCount,
      grossSales: report.grossSales,
      discounts: report.discounts.total,
      refunds: report.refunds.total,
      netSales: report.netSales,
      taxes: report.taxes.map((t) => ({ rateBasisPoints: t.rateBasisPoints, net: t.net, tax: t.tax, gross: t.gross })),
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
    }),
  };
}
