import { useQuery } from '@tanstack/react-query';
import { useDeferredValue, useMemo } from 'react';
import { useTRPC } from '../api/client';
import { change, hourSeries, totalsOf, type DayTotals } from '../lib/compare';
import { localHour } from '../lib/days';
import { deviceHealth } from '../lib/health';
import { chunk } from '../shell/chunk';
import { useShell } from '../shell/context';
import { dashboardQueries } from './dashboard-queries';
import type { HourPoint } from './hour-chart';

/** The charting library (most of the dashboard's bytes), loaded once the figures are shown. */
export const hourChart = chunk(() => import('./hour-chart').then((m) => m.HourChart));

const NO_SERIES: HourPoint[] = [];

/** The headline figures: message, how to read it from a day's totals, whether it is money. */
const KPIS = [
  ['bo.dash.net', (t: DayTotals) => t.net, true],
  ['bo.dash.orders', (t: DayTotals) => t.orders, false],
  ['bo.dash.avgTicket', (t: DayTotals) => t.averageTicket, true],
] as const;

/** Today so far against the same weekday last week, sales by hour, top items, payment mix. */
export function Dashboard() {
  const shell = useShell();
  const { i18n, branch } = shell;
  const trpc = useTRPC();
  const now = Date.now();
  const q = dashboardQueries(trpc, shell, now);
  const startHour = q.startHour;
  // Today's figures are read again when owner.live signals a change (see api/live.ts), not polled.
  const live = { retry: false } as const;
  const byHourToday = useQuery({ ...q.byHourToday, ...live });
  const byHourLastWeek = useQuery(q.byHourLastWeek);
  const items = useQuery({ ...q.items, ...live });
  const payments = useQuery({ ...q.payments, ...live });
  const health = useQuery({ ...q.health, refetchInterval: 30_000 });
  const hour = Number(localHour(now, q.timeZone));
  const todayTotals = totalsOf(byHourToday.data ?? [], startHour);
  const lastWeekTotals = totalsOf(byHourLastWeek.data ?? [], startHour, hour);
  const stale = (health.data ?? []).filter((d) => deviceHealth(d, now).status === 'stale').length;
  const series = useMemo(
    () =>
      hourSeries(byHourToday.data ?? [], byHourLastWeek.data ?? [], startHour).map((p) => ({
        ...p,
        today: Number(i18n.decimal(p.today)),
        lastWeek: Number(i18n.decimal(p.lastWeek)),
      })),
    [byHourToday.data, byHourLastWeek.data, startHour, i18n],
  );
  // The chart draws in a background render after the figures are on screen: drawing it in the
  // same commit held the figures' first paint back by most of a second on this machine.
  const chartSeries = useDeferredValue(series, NO_SERIES);
  const busy = [byHourToday, byHourLastWeek, items, payments].some((query) => query.isPending);
  // Its 430 kB are fetched and evaluated only after the figures: evaluated while they arrived,
  // they held the first paint back on a loaded machine.
  const HourChart = hourChart.useLoaded(!busy && series.length > 0);

  return (
    <section
      aria-labelledby="dash-title"
      // Busy until the figures of the first paint are read (the first-paint bench waits on it).
      aria-busy={busy}
    >
      <h1 id="dash-title">
        {i18n.t('bo.dash.title')} · {branch?.name ?? i18n.t('bo.allBranches')}
      </h1>
      {stale > 0 && (
        <p className="warning" role="alert">
          {i18n.plural('bo.dash.staleTills', stale)}
        </p>
      )}
      <div className="kpis">
        {KPIS.map(([key, pick, money]) => (
          <Kpi
            key={key}
            label={i18n.t(key)}
            pick={pick}
            money={money}
            today={todayTotals}
            before={lastWeekTotals}
          />
        ))}
      </div>
      <div className="panels">
        <figure className="panel chart">
          <figcaption>{i18n.t('bo.dash.byHour')}</figcaption>
          {series.length === 0 ? (
            <p>{i18n.t('bo.dash.noSales')}</p>
          ) : HourChart && chartSeries === series ? (
            <HourChart
              series={chartSeries}
              labels={{ today: i18n.t('bo.dash.today'), lastWeek: i18n.t('bo.dash.lastWeek') }}
            />
          ) : (
            <p className="loading">{i18n.t('bo.loading')}</p>
          )}
        </figure>
        <RankedList title={i18n.t('bo.dash.top')} rows={(items.data ?? []).slice(0, 5)} />
        <RankedList title={i18n.t('bo.dash.payments')} rows={payments.data ?? []} />
      </div>
    </section>
  );
}

interface KpiProps {
  label: string;
  today: DayTotals;
  before: DayTotals;
  pick: (t: DayTotals) => number;
  money?: boolean;
}

function Kpi({ label, today, before, pick, money }: KpiProps) {
  const { i18n, locale } = useShell();
  const show = (v: number) => (money ? i18n.money(v) : String(v));
  const delta = change(pick(today), pick(before));
  const percent = new Intl.NumberFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', {
    style: 'percent',
    signDisplay: 'exceptZero',
    maximumFractionDigits: 0,
  });
  return (
    <div className="kpi">
      <p className="kpi-label">{label}</p>
      <p className="kpi-value">{show(pick(today))}</p>
      <p className="kpi-before">
        {i18n.t('bo.dash.lastWeek')}: {show(pick(before))}
        {delta !== null && ` (${percent.format(delta)})`}
      </p>
    </div>
  );
}

function RankedList({
  title,
  rows,
}: {
  title: string;
  rows: { key: string; label: string; gross: number }[];
}) {
  const { i18n } = useShell();
  return (
    <div className="panel">
      <h2>{title}</h2>
      {rows.length === 0 ? (
        <p>{i18n.t('bo.dash.noSales')}</p>
      ) : (
        <ol className="ranked">
          {rows.map((r) => (
            <li key={r.key}>
              <span>{r.label}</span> <span className="num">{i18n.money(r.gross)}</span>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
