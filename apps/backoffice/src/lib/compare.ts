/** Hour rows of `reports.sales` by `hour` (`key` is the local hour `00`–`23`). */
export interface HourRow {
  key: string;
  orders: number;
  gross: number;
  net: number;
}

/** Totals of a day (or of its first hours). */
export interface DayTotals {
  net: number;
  gross: number;
  orders: number;
  /** Gross per order, rounded to the minor unit; 0 without orders. */
  averageTicket: number;
}

/** Position of an hour in a business day that starts at `startHour` (04:00 → 0, 03:00 → 23). */
function hourIndex(hour: number, startHour: number): number {
  return (((hour - startHour) % 24) + 24) % 24;
}

/**
 * Sums hour rows, optionally only those up to and including `untilHour` of the business day, so
 * "today so far" is compared with the same hours of last week rather than its whole day.
 */
export function totalsOf(
  rows: readonly HourRow[],
  startHour: number,
  untilHour?: number,
): DayTotals {
  const limit = untilHour === undefined ? 23 : hourIndex(untilHour, startHour);
  let net = 0;
  let gross = 0;
  let orders = 0;
  for (const row of rows) {
    if (hourIndex(Number(row.key), startHour) > limit) continue;
    net += row.net;
    gross += row.gross;
    orders += row.orders;
  }
  return { net, gross, orders, averageTicket: orders ? Math.round(gross / orders) : 0 };
}

/** Relative change from `before` to `now` (0.25 = +25 %), null when there is nothing to compare. */
export function change(now: number, before: number): number | null {
  return before === 0 ? null : (now - before) / before;
}

/** Both days side by side per hour of the business day, in its order (for the chart). */
export function hourSeries(
  today: readonly HourRow[],
  lastWeek: readonly HourRow[],
  startHour: number,
): { hour: string; today: number; lastWeek: number }[] {
  const t = new Map(today.map((r) => [Number(r.key), r.net]));
  const l = new Map(lastWeek.map((r) => [Number(r.key), r.net]));
  return Array.from({ length: 24 }, (_, i) => (i + startHour) % 24)
    .filter((h) => t.has(h) || l.has(h))
    .map((h) => ({
      hour: String(h).padStart(2, '0'),
      today: t.get(h) ?? 0,
      lastWeek: l.get(h) ?? 0,
    }));
}
