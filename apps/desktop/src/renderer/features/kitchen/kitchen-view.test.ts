import { bumpTicket, markServed, recallServed, stationTickets } from '@comanda/core/kitchen';
import { voidLine } from '@comanda/core/orders';
import { describe, expect, it } from 'vitest';
import { applyKitchenKey, DEFAULT_BUMP_KEYS } from './kitchen-keys';
import { kitchenCtx, sentTwoStationOrder, T0 } from '../testing/kitchen-orders';
import { ageLevel, ageText, allDayCounts, expoCards, lastReady, lastServed, silenceAlarm, stationCards } from './kitchen-view';

const MIN = 60_000;

describe('kitchen view', () => {
  it('a station screen lists its new and preparing tickets in arrival order; ready ones leave it', () => {
    const later = sentTwoStationOrder('b', T0 + MIN, { ticketNumber: 2 });
    const first = sentTwoStationOrder('a', T0);
    expect(stationCards([later, first], ['grill']).map((c) => c.label)).toEqual(['1', '2']);
    const grill = stationTickets(first).find((t) => t.stationId === 'grill')!;
    const started = bumpTicket(first, grill, kitchenCtx(T0 + 2 * MIN));
    expect(stationCards([later, started], ['grill']).map((c) => c.status)).toEqual(['preparing', 'new']);
    const ready = bumpTicket(started, grill, kitchenCtx(T0 + 3 * MIN));
    expect(stationCards([later, ready], ['grill']).map((c) => c.orderId)).toEqual(['b']);
    expect(lastReady([later, ready], ['grill'])?.orderId).toBe('a');
    expect(lastReady([later, ready], ['kitchen'])).toBeNull();
  });

  it('expo: an order is complete when every station is ready; all-day counts what is left to make', () => {
    let order = sentTwoStationOrder('a', T0);
    expect(expoCards([order])[0]).toMatchObject({ complete: false });
    for (const t of stationTickets(order)) order = bumpTicket(order, t, kitchenCtx(T0 + MIN), 'ready');
    expect(expoCards([order])[0]).toMatchObject({ complete: true });
    const two = [sentTwoStationOrder('x', T0), sentTwoStationOrder('y', T0)];
    const voided = voidLine(two[1]!, { lineId: 'y-burger', quantity: 1, approvedBy: 'mgr' }, kitchenCtx(T0 + MIN));
    expect(allDayCounts(stationCards([two[0]!, voided], ['grill', 'kitchen']))).toEqual([
      { name: 'Burger', quantity: 3 },
      { name: 'Soup', quantity: 2 },
    ]);
  });

  it('expo recall: the order served last comes back to the expo screen, ready', () => {
    const ready = (id: string, at: number, n: number) => {
      let o = sentTwoStationOrder(id, at, { ticketNumber: n });
      for (const t of stationTickets(o)) o = bumpTicket(o, t, kitchenCtx(at + MIN), 'ready');
      return o;
    };
    const a = markServed(ready('a', T0, 1), kitchenCtx(T0 + 5 * MIN));
    const b = markServed(ready('b', T0 + MIN, 2), kitchenCtx(T0 + 4 * MIN));
    const c = ready('c', T0 + 2 * MIN, 3);
    expect(expoCards([a, b, c]).map((o) => o.orderId)).toEqual(['c']);
    // Served last is a (at 5 min), although b was sent later.
    expect(lastServed([b, a, c])?.id).toBe('a');
    const back = recallServed(a, kitchenCtx(T0 + 6 * MIN));
    expect(expoCards([back, b, c]).map((o) => [o.orderId, o.complete])).toEqual([['a', true], ['c', true]]);
    expect(lastServed([back, b, c])?.id).toBe('b');
    expect(lastServed([c])).toBeNull();
  });

  it('timers turn yellow then red per order type; the alarm sounds after 10 s without news', () => {
    expect(ageLevel(T0, 'dineIn', T0 + 4 * MIN)).toBe('ok');
    expect(ageLevel(T0, 'dineIn', T0 + 5 * MIN)).toBe('warn');
    expect(ageLevel(T0, 'dineIn', T0 + 8 * MIN)).toBe('late');
    const fast = { dineIn: { warnMin: 5, lateMin: 8 }, takeaway: { warnMin: 2, lateMin: 3 } };
    expect(ageLevel(T0, 'takeaway', T0 + 3 * MIN, fast)).toBe('late');
    expect(ageText(T0, T0 + 65_000)).toBe('1:05');
    expect(ageText(T0 + 5000, T0)).toBe('0:00');
    const online = { online: true, problem: null, offlineSince: null, lastSyncAt: T0 };
    expect(silenceAlarm(online, T0 + 60_000, T0)).toBe(false);
    const offline = { online: false, problem: 'offline', offlineSince: T0, lastSyncAt: T0 };
    expect(silenceAlarm(offline, T0 + 9_999, T0)).toBe(false);
    expect(silenceAlarm(offline, T0 + 10_000, T0)).toBe(true);
    const neverHeard = { online: false, problem: null, offlineSince: null, lastSyncAt: null };
    expect(silenceAlarm(neverHeard, T0 + 5_000, T0)).toBe(false);
    expect(silenceAlarm(neverHeard, T0 + 10_000, T0)).toBe(true);
  });

  it('keys: a digit picks a ticket, the same digit bumps it; arrows move; R recalls', () => {
    const key = (k: string) => DEFAULT_BUMP_KEYS[k]!;
    // Nothing picked yet: the first digit only picks (it never bumps by surprise).
    expect(applyKitchenKey(key('1'), null, 3)).toEqual({ selected: 0, bump: null, recall: false });
    expect(applyKitchenKey(key('Enter'), null, 3).bump).toBeNull();
    expect(applyKitchenKey(key('2'), 0, 3)).toEqual({ selected: 1, bump: null, recall: false });
    expect(applyKitchenKey(key('2'), 1, 3)).toEqual({ selected: 1, bump: 1, recall: false });
    expect(applyKitchenKey(key('9'), 0, 3)).toEqual({ selected: 0, bump: null, recall: false });
    expect(applyKitchenKey(key('Enter'), 2, 3)).toEqual({ selected: 2, bump: 2, recall: false });
    // The picked ticket left the screen (bumped elsewhere): Enter does not bump another one.
    expect(applyKitchenKey(key('Enter'), 2, 2).bump).toBeNull();
    expect(applyKitchenKey(key('ArrowRight'), null, 3).selected).toBe(0);
    expect(applyKitchenKey(key('ArrowRight'), 2, 3).selected).toBe(2);
    expect(applyKitchenKey(key('ArrowLeft'), 0, 3).selected).toBe(0);
    expect(applyKitchenKey(key('r'), 0, 3).recall).toBe(true);
  });
});
