import { describe, expect, it } from 'vitest';
import { change, hourSeries, totalsOf, type HourRow } from './compare';

const row = (key: string, net: number, orders = 1): HourRow => ({
  key,
  orders,
  net,
  gross: Math.round(net * 1.1),
});

describe('today against the same weekday last week', () => {
  const lastWeek = [row('09', 1000, 2), row('12', 5000, 3), row('23', 700), row('01', 300)];

  it('compares only the hours elapsed so far, in business-day order (04:00 start)', () => {
    expect(totalsOf(lastWeek, 4, 12)).toMatchObject({ net: 6000, orders: 5 });
    // 01:00 belongs to the end of the business day: 23:00 is before it, 01:00 after 23:00.
    expect(totalsOf(lastWeek, 4, 23)).toMatchObject({ net: 6700, orders: 6 });
    expect(totalsOf(lastWeek, 4, 1)).toMatchObject({ net: 7000, orders: 7 });
    expect(totalsOf(lastWeek, 4)).toMatchObject({ net: 7000, orders: 7 });
  });

  it('averages the ticket on gross, rounded to the cent, 0 without orders', () => {
    expect(totalsOf([row('10', 1000, 3)], 0).averageTicket).toBe(367);
    expect(totalsOf([], 0)).toEqual({ net: 0, gross: 0, orders: 0, averageTicket: 0 });
  });

  it('gives no change against an empty day', () => {
    expect(change(100, 0)).toBeNull();
    expect(change(150, 100)).toBe(0.5);
  });

  it('lines both days up hour by hour from the start of the business day', () => {
    expect(hourSeries([row('10', 50)], lastWeek, 4).map((p) => p.hour)).toEqual([
      '09',
      '10',
      '12',
      '23',
      '01',
    ]);
  });
});
