import type { SalesRow } from '@comanda/core';
import type { BackofficeI18n } from '@comanda/ui';
import type { CsvColumn } from '../lib/csv';

/** A row of `reports.sales` (amounts in minor units), core's aggregation row. */
export type SalesRowView = SalesRow;

/**
 * The sales table's columns, used both for the screen and the CSV so the file holds exactly what
 * is shown: names as shown, amounts as plain decimals in the currency's major units.
 */
export function salesColumns(i18n: BackofficeI18n): (CsvColumn<SalesRowView> & {
  numeric: boolean;
  show: (row: SalesRowView) => string;
})[] {
  const amount = (pick: (r: SalesRowView) => number, header: string) => ({
    header,
    numeric: true,
    value: (r: SalesRowView) => i18n.decimal(pick(r)),
    show: (r: SalesRowView) => i18n.money(pick(r)),
  });
  const count = (pick: (r: SalesRowView) => number, header: string) => ({
    header,
    numeric: true,
    value: pick,
    show: (r: SalesRowView) => String(pick(r)),
  });
  return [
    {
      header: i18n.t('bo.reports.col.label'),
      numeric: false,
      value: (r) => r.label,
      show: (r) => r.label,
    },
    count((r) => r.quantity, i18n.t('bo.reports.col.quantity')),
    count((r) => r.orders, i18n.t('bo.reports.col.orders')),
    amount((r) => r.gross, i18n.t('bo.reports.col.gross')),
    amount((r) => r.tax, i18n.t('bo.reports.col.tax')),
    amount((r) => r.net, i18n.t('bo.reports.col.net')),
  ];
}
