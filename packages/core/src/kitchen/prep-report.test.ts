import { describe, expect, it } from 'vitest';
import { sendToKitchen } from '../orders/index';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { prepTimeReport } from './prep-report';
import { bumpTicket, stationTickets } from './status';

const takeaway = { type: 'takeaway' as const, table: null, covers: null };
const MIN = 60_000;

describe('prepTimeReport', () => {
  it('measures send → ready per item, station and hour, average and p90, against the estimate told', () => {
    const t = testContext(); // 2026-01-01 10:00 UTC, 11:00 in Paris
    const start = t.ctx.at;
    const orders = [12, 20, 30, 0].map((readyAfter, n) => {
      let o = add(newOrder(t.ctx, { ...takeaway, ticketNumber: n + 1 }), 'entrecote', t.ctx, {
        selection: STEAK,
      });
      o = add(o, 'espresso', t.ctx);
      o = sendToKitchen(o, { ...t.ctx, at: start }, { readyInMinutes: n === 0 ? null : 15 });
      if (readyAfter === 0) return o; // never bumped: not in the report
      for (const ticket of stationTickets(o)) {
        const at = start + (ticket.stationId === 'bar' ? 2 : readyAfter) * MIN;
        o = bumpTicket(o, ticket, { ...t.ctx, at }, 'ready');
      }
      return o;
    });
    expect(prepTimeReport(orders, 'station', { timeZoneOf: () => 'Europe/Paris' })).toEqual([
      {
        key: 'bar',
        label: 'bar',
        tickets: 3,
        actualAverage: 2,
        actualP90: 2,
        estimated: 2,
        estimateAverage: 15,
        estimateP90: 15,
        averageLateness: -13,
      },
      {
        key: 'grill',
        label: 'grill',
        tickets: 3,
        actualAverage: 20.7,
        actualP90: 30,
        estimated: 2,
        estimateAverage: 15,
        estimateP90: 15,
        averageLateness: 10, // (20 − 15 + 30 − 15) / 2
      },
    ]);
    expect(
      prepTimeReport(orders, 'hour', { timeZoneOf: () => 'Europe/Paris' }).map((r) => [
        r.key,
        r.tickets,
      ]),
    ).toEqual([['11', 6]]);
    const items = prepTimeReport(orders, 'item', { timeZoneOf: () => 'Europe/Paris' });
    expect(items.map((r) => [r.key, r.tickets, r.actualP90])).toEqual([
      ['entrecote', 3, 30],
      ['espresso', 3, 2],
    ]);
    expect(prepTimeReport([], 'item', { timeZoneOf: () => 'Europe/Paris' })).toEqual([]);
  });
});
