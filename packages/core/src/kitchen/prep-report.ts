import { localPartsReader } from '../orders/ticket-number';
import type { OrderDoc } from '../orders/schemas';
import { stationTickets } from './status';

/** How the prep-time report groups tickets. */
export const PREP_REPORT_DIMENSIONS = ['item', 'station', 'hour'] as const;
/** A prep-time report dimension. */
export type PrepReportDimension = (typeof PREP_REPORT_DIMENSIONS)[number];

/** One row of the prep-time report: actual minutes from send to ready vs the estimate told. */
export interface PrepReportRow {
  /** Item id, station id or `HH` hour the ticket was sent (branch time zone). */
  readonly key: string;
  /** Item name as sold, station id, or the hour. */
  readonly label: string;
  /** Station tickets (for items: tickets carrying the item) that reached ready. */
  readonly tickets: number;
  /** Minutes from send to ready, one decimal. */
  readonly actualAverage: number;
  readonly actualP90: number;
  /** Tickets whose send recorded an estimate (`readyInMinutes`); the estimate columns cover them. */
  readonly estimated: number;
  readonly estimateAverage: number | null;
  readonly estimateP90: number | null;
  /** Average of actual − estimate over the estimated tickets (positive: later than told). */
  readonly averageLateness: number | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Nearest-rank p90 of a non-empty list. */
function p90(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.9) - 1)]!;
}

const average = (values: readonly number[]) => values.reduce((s, v) => s + v, 0) / values.length;

/**
 * Preparation times from the kitchen's bumps: for every station ticket that reached `ready` (the
 * earliest bump still in force), the minutes since it was sent, against the estimate recorded on
 * its send, grouped by item, station or hour of the send (in the order's branch time zone,
 * `timeZoneOf(branchId)`, so several branches can be reported at once). Voided tickets and
 * tickets never bumped ready are left out. Rows sorted by key.
 */
export function prepTimeReport(
  orders: readonly OrderDoc[],
  by: PrepReportDimension,
  options: { readonly timeZoneOf: (branchId: string) => string },
): PrepReportRow[] {
  const readers = new Map<string, ReturnType<typeof localPartsReader>>();
  const hourOf = (branchId: string, at: number) => {
    const zone = options.timeZoneOf(branchId);
    let read = readers.get(zone);
    if (!read) readers.set(zone, (read = localPartsReader(zone)));
    return read(at).hour;
  };
  const groups = new Map<
    string,
    { label: string; actual: number[]; estimate: number[]; late: number[] }
  >();
  const add = (key: string, label: string, actual: number, estimate: number | null) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { label, actual: [], estimate: [], late: [] }));
    g.actual.push(actual);
    if (estimate !== null) {
      g.estimate.push(estimate);
      g.late.push(actual - estimate);
    }
  };
  for (const order of orders) {
    const estimateOf = new Map(order.printRequests.map((r) => [r.id, r.readyInMinutes]));
    for (const t of stationTickets(order)) {
      const ready = t.reached.ready ?? t.reached.served;
      if (t.voided || !ready) continue;
      const actual = Math.max(0, ready.at - t.sentAt) / 60_000;
      const estimate = estimateOf.get(t.requestId) ?? null;
      if (by === 'station') add(t.stationId, t.stationId, actual, estimate);
      else if (by === 'hour') {
        const hour = String(hourOf(order.branchId, t.sentAt)).padStart(2, '0');
        add(hour, hour, actual, estimate);
      } else {
        const itemOf = new Map(order.lines.map((l) => [l.id, l.itemId]));
        for (const line of t.lines) {
          if (line.struck >= line.quantity) continue;
          add(itemOf.get(line.lineId) ?? line.lineId, line.name, actual, estimate);
        }
      }
    }
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({
      key,
      label: g.label,
      tickets: g.actual.length,
      actualAverage: round1(average(g.actual)),
      actualP90: round1(p90(g.actual)),
      estimated: g.estimate.length,
      estimateAverage: g.estimate.length ? round1(average(g.estimate)) : null,
      estimateP90: g.estimate.length ? round1(p90(g.estimate)) : null,
      averageLateness: g.late.length ? round1(average(g.late)) : null,
    }));
}
