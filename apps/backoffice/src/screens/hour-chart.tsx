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

/** One hour of the dashboard's chart, in major units for the axis. */
export interface HourPoint {
  hour: string;
  today: number;
  lastWeek: number;
}

/** Sales by hour, today against last week: its own chunk, so the figures never wait for it. */
export function HourChart({
  series,
  labels,
}: {
  series: HourPoint[];
  labels: { today: string; lastWeek: string };
}) {
  return (
    <ResponsiveContainer width="100%" height={260}>
      <BarChart data={series} accessibilityLayer>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="hour" />
        <YAxis />
        <Tooltip />
        <Legend />
        <Bar dataKey="today" name={labels.today} fill="#1d4ed8" />
        <Bar dataKey="lastWeek" name={labels.lastWeek} fill="#94a3b8" />
      </BarChart>
    </ResponsiveContainer>
  );
}
