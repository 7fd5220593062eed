import { describe, expect, it } from 'vitest';
import { sendToKitchen, voidOrder } from '../orders/index';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { DEFAULT_READY_BOARD_TIMEOUT_MS, newlyReady, readyBoard } from './ready-board';
import { bumpTicket, markServed, stationTickets } from './status';

const MIN = 60_000;

describe('readyBoard', () => {
  it('moves a number from Preparing to Ready when every station is ready, and off after collection or the timeout', () => {
    const t = testContext();
    const sent = (n: number) => {
      let o = add(
        newOrder(t.ctx, {
          type: 'takeaway',
          table: null,
          covers: null,
          ticketNumber: n,
          ticketCode: 'A',
        }),
        'entrecote',
        t.ctx,
        { selection: STEAK },
      );
      o = add(o, 'espresso', t.ctx);
      return sendToKitchen(o, t.ctx, { readyInMinutes: 12 });
    };
    let a = sent(999);
    const b = sent(1000);
    const labels = (board: ReturnType<typeof readyBoard>) => ({
      preparing: board.preparing.map((e) => e.label),
      ready: board.ready.map((e) => e.label),
    });
    const before = readyBoard([b, a], { now: t.ctx.at });
    expect(labels(before)).toEqual({ preparing: ['A-999', 'A-1000'], ready: [] });
    expect(before.preparing[0]!.readyAt).toBe(t.ctx.at + 12 * MIN);

    // One station ready is not enough; both are.
    const [grill, bar] = stationTickets(a);
    a = bumpTicket(a, grill!, { ...t.ctx, at: t.ctx.at + 5 * MIN }, 'ready');
    expect(labels(readyBoard([a, b], { now: t.ctx.at + 5 * MIN })).ready).toEqual([]);
    a = bumpTicket(a, bar!, { ...t.ctx, at: t.ctx.at + 8 * MIN }, 'ready');
    const after = readyBoard([a, b], { now: t.ctx.at + 8 * MIN });
    expect(labels(after)).toEqual({ preparing: ['A-1000'], ready: ['A-999'] });
    expect(after.ready[0]!.since).toBe(t.ctx.at + 8 * MIN);
    expect(newlyReady(before, after)).toEqual([a.id]);
    expect(newlyReady(after, after)).toEqual([]);

    // Leaves after the timeout, or at once when collected; a voided order never shows.
    const late = t.ctx.at + 8 * MIN + DEFAULT_READY_BOARD_TIMEOUT_MS;
    expect(readyBoard([a], { now: late }).ready).toEqual([]);
    expect(readyBoard([a], { now: late, timeoutMs: 60 * MIN }).ready).toHaveLength(1);
    expect(readyBoard([markServed(a, t.ctx)], { now: t.ctx.at + 9 * MIN }).ready).toEqual([]);
    expect(
      readyBoard([voidOrder(b, { reason: 'x', approvedBy: 'm' }, t.ctx)], { now: t.ctx.at }),
    ).toEqual({ preparing: [], ready: [] });
  });
});
