import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTRPC } from '../api/client';
import { change, hourSeries, totalsOf, type DayTotals } from '../lib/compare';
import { todayAndLastWeek, localHour } from '../lib/days';
import { deviceHealth } from '../lib/health';
import { formattingBranch, useShell } from '../shell/context';

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
  const zone = formattingBranch(shell);
  const startHour = zone?.businessDayStartHour ?? 0;
  const now = Date.now();
  const { today, lastWeek } = todayAndLastWeek(now, zone?.timeZone ?? 'UTC', startHour);
  const scope = branch ? { branchId: branch.id } : {};
  // Today's figures are read again when owner.live signals a change (see api/live.ts), not polled.
  const live = { retry: false } as const;
  const byHourToday = useQuery({
    ...trpc.reports.sales.queryOptions({ range: { ...scope, from: today, to: today }, by: 'hour' }),
    ...live,
  });
  const byHourLastWeek = useQuery(
    trpc.reports.sales.queryOptions({
      range: { ...scope, from: lastWeek, to: lastWeek },
      by: 'hour',
    }),
  );
  const items = useQuery({
    ...trpc.reports.sales.queryOptions({ range: { ...scope, from: today, to: today }, by: 'item' }),
    ...live,
  });
  const payments = useQuery({
    ...trpc.reports.sales.queryOptions({
      range: { ...scope, from: today, to: today },
      by: 'paymentMethod',
    }),
    ...live,
  });
  const health = useQuery({
    ...trpc.owner.syncHealth.queryOptions(branch ? { branchId: branch.id } : undefined),
    refetchInterval: 30_000,
  });
  const hour = Number(localHour(now, zone?.timeZone ?? 'UTC'));
  const todayTotals = totalsOf(byHourToday.data ?? [], startHour);
  const lastWeekTotals = totalsOf(byHourLastWeek.data ?? [], startHour, hour);
  const stale = (health.data ?? []).filter((d) => deviceHealth(d, now).status === 'stale').length;
  const series = hourSeries(byHourToday.data ?? [], byHourLastWeek.data ?? [], startHour).map(
    (p) => ({
      ...p,
      today: Number(i18n.decimal(p.today)),
      lastWeek: Number(i18n.decimal(p.lastWeek)),
    }),
  );

  return (
    <section
      aria-labelledby="dash-title"
      // Busy until the figures of the first paint are read (the first-paint bench waits on it).
      aria-busy={[byHourToday, byHourLastWeek, items, payments].some((q) => q.isPending)}
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
          ) : (
            <ResponsiveContainer width="100%" height={260}>
              <BarChart data={series} accessibilityLayer>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="hour" />
                <YAxis />
                <Tooltip />
                <Legend />
                <Bar dataKey="today" name={i18n.t('bo.dash.today')} fill="#1d4ed8" />
                <Bar dataKey="lastWeek" name={i18n.t('bo.dash.lastWeek')} fill="#94a3b8" />
              </BarChart>
            </ResponsiveContainer>
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
