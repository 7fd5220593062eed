import { useI18n } from '../i18n';

export interface TaxRowView {
  /** e.g. "10 %". */
  rateLabel: string;
  tax: number;
  inclusive: boolean;
}

export interface TotalsView {
  subtotal: number;
  /** Positive amount taken off. */
  discounts: number;
  taxes: readonly TaxRowView[];
  /** Cash rounding adjustment (may be negative); 0 hides the row. */
  rounding: number;
  total: number;
  paid: number;
  refunded: number;
  due: number;
}

/** Order totals as computed by `@comanda/core`; this only lays them out. */
export function TotalsPanel({ totals }: { totals: TotalsView }) {
  const { t, money } = useI18n();
  const row = (label: string, amount: number, className = '') => (
    <div className={`cmd-totals-row ${className}`} key={label}>
      <dt>{label}</dt>
      <dd>{money(amount)}</dd>
    </div>
  );
  return (
    <dl className="cmd-totals" aria-label={t('totals.total')}>
      {row(t('totals.subtotal'), totals.subtotal)}
      {totals.discounts !== 0 ? row(t('totals.discounts'), -totals.discounts) : null}
      {totals.taxes.map((tax) =>
        row(t(tax.inclusive ? 'totals.taxIncluded' : 'totals.tax', { rate: tax.rateLabel }), tax.tax, 'cmd-muted'),
      )}
      {totals.rounding !== 0 ? row(t('totals.rounding'), totals.rounding) : null}
      {row(t('totals.total'), totals.total, 'cmd-totals-total')}
      {totals.paid !== 0 ? row(t('totals.paid'), totals.paid) : null}
      {totals.refunded !== 0 ? row(t('totals.refunded'), -totals.refunded) : null}
      {row(t('totals.due'), totals.due, 'cmd-totals-due')}
    </dl>
  );
}
