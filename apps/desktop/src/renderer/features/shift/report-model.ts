import type { I18n, ReportViewModel } from '@comanda/ui';
import type { ShiftReport } from './shift-report';

const percent = (basisPoints: number) => `${basisPoints / 100} %`;

/** Lays a shift report out for `ReportView` in the cashier's language. */
export function reportViewModel(report: ShiftReport, subtitle: string, t: I18n['t']): ReportViewModel {
  const method = (m: string) => t(m === 'card' ? 'payment.card' : m === 'cash' ? 'payment.cash' : 'report.other');
  return {
    kind: report.kind === 'X' ? 'x' : 'z',
    subtitle,
    generatedAt: report.at,
    sections: [
      {
        title: t('report.sales'),
        rows: [
          { label: t('report.orders'), count: report.orderCount },
          // The printed Z's order and signs (docs/reports.md): gross − discounts − refunds = net.
          { label: t('report.gross'), amount: report.grossSales },
          { label: t('totals.discounts'), amount: -report.discounts.total },
          { label: t('report.refunds', { count: report.refunds.count }), amount: -report.refunds.total },
          { label: t('report.net'), amount: report.netSales, emphasis: true },
          { label: t('report.voids', { count: report.voids.quantity }), amount: report.voids.amount },
          { label: t('report.tips'), amount: report.tipsTotal },
          ...(report.cashRounding !== 0 ? [{ label: t('totals.rounding'), amount: report.cashRounding }] : []),
          { label: t('report.noSales'), count: report.noSales },
        ],
      },
      {
        title: t('payment.payments'),
        rows: report.payments.filter((p) => p.count > 0).map((p) => ({ label: `${method(p.method)} (${p.count})`, amount: p.amount })),
      },
      {
        title: t('report.taxes'),
        rows: [
          ...report.taxes.flatMap((r) => [
            { label: t('report.taxRow', { rate: percent(r.rateBasisPoints) }), amount: r.tax },
            { label: t('report.netRow', { rate: percent(r.rateBasisPoints) }), amount: r.net },
          ]),
          { label: t('report.taxTotal'), amount: report.taxTotal },
          { label: t('report.netOfTax'), amount: report.netOfTax, emphasis: true },
        ],
      },
      {
        title: t('report.drawer'),
        rows: [
          { label: t('shift.float'), amount: report.cash.openingFloat },
          { label: t('report.cashSales'), amount: report.cash.cashSales },
          { label: t('shift.payIn'), amount: report.cash.payIns },
          { label: t('shift.payOut'), amount: -report.cash.payOuts },
          { label: t('report.cashRefunds'), amount: -report.cash.cashRefunds },
          { label: t('report.expected'), amount: report.cash.expected, emphasis: true },
          ...(report.cash.counted !== null ? [{ label: t('shift.counted'), amount: report.cash.counted }] : []),
          ...(report.cash.overShort !== null ? [{ label: t('report.overShort'), amount: report.cash.overShort, emphasis: true }] : []),
        ],
      },
    ],
  };
}
