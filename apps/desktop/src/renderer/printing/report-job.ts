import type { ShiftReport } from '@comanda/core';
import { shiftReportDocument } from '@comanda/printing/layout';
import type { NewPrintJob, PrintRequestContext } from '@comanda/printing/queue';

/**
 * The print job of an X or Z report, on the receipt printer. Ids are unique per print (a report
 * may be printed as often as a person asks), unlike outbox jobs.
 */
export function reportJob(report: ShiftReport, ctx: PrintRequestContext, tillName: string, now: number): NewPrintJob {
  return {
    id: `report:${report.shiftId}:${report.kind}:${now}`,
    route: 'receipt',
    document: shiftReportDocument(report, {
      branch: ctx.branch,
      tillName,
      by: ctx.staffNames[report.operatorId] ?? report.operatorId,
    }),
  };
}
