import { useI18n } from '../i18n';

export interface ReportRowView {
  label: string;
  /** Minor units; `count` rows show a number instead. */
  amount?: number;
  count?: number;
  emphasis?: boolean;
}

export interface ReportSectionView {
  title: string;
  rows: readonly ReportRowView[];
}

export interface ReportViewModel {
  kind: 'x' | 'z';
  /** e.g. "Shift 12 · Léa Bernard". */
  subtitle: string;
  generatedAt: number;
  sections: readonly ReportSectionView[];
}

/** X (mid-shift) or Z (close) report laid out as sections of label/amount rows. */
export function ReportView({ report }: { report: ReportViewModel }) {
  const { t, money, dateTime } = useI18n();
  return (
    <article className="cmd-report" aria-label={t(report.kind === 'x' ? 'report.x' : 'report.z')}>
      <header>
        <h2>{t(report.kind === 'x' ? 'report.x' : 'report.z')}</h2>
        <p>
          {report.subtitle} · <time dateTime={new Date(report.generatedAt).toISOString()}>{dateTime(report.generatedAt)}</time>
        </p>
      </header>
      {report.sections.map((s) => (
        <section key={s.title}>
          <h3>{s.title}</h3>
          <dl>
            {s.rows.map((r) => (
              <div key={r.label} className={r.emphasis ? 'cmd-report-row cmd-b' : 'cmd-report-row'}>
                <dt>{r.label}</dt>
                <dd>{r.amount !== undefined ? money(r.amount) : String(r.count ?? '')}</dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </article>
  );
}
