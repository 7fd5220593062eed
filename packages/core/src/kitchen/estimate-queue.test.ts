import { describe, expect, it } from 'vitest';
import { sendToKitchen, voidOrder } from '../orders/index';
import { STEAK, add, newOrder, testContext } from '../testing/fixtures';
import { estimateOrderReady, kitchenQueue, orderReadyAt } from './estimate-queue';
import { bumpTicket, stationTickets } from './status';

const prep: Record<string, number> = { entrecote: 15, 'soupe-oignon': 8 };
const prepMinutesOf = (id: string) => prep[id];
const takeaway = { type: 'takeaway' as const, table: null, covers: null };

describe('estimateOrderReady over the kitchen queue', () => {
  it('waits behind the not-ready tickets of other orders on the same station, and records the estimate', () => {
    const t = testContext();
    const now = t.ctx.at;
    const steak = (n: number) =>
      sendToKitchen(
        add(newOrder(t.ctx, { ...takeaway, ticketNumber: n }), 'entrecote', t.ctx, {
          selection: STEAK,
        }),
        t.ctx,
      );
    let first = steak(1);
    const second = steak(2);
    const mine = add(newOrder(t.ctx, { ...takeaway, ticketNumber: 3 }), 'entrecote', t.ctx, {
      selection: STEAK,
    });
    const options = { prepMinutesOf, now };
    expect(estimateOrderReady(mine, [], options)).toBe(15);
    expect(estimateOrderReady(mine, [first, second, mine], options)).toBe(45);
    expect(estimateOrderReady(mine, [first, second], { ...options, parallelism: () => 3 })).toBe(
      25,
    );
    expect(kitchenQueue([first, second], prepMinutesOf)).toHaveLength(2);

    // A ready ticket leaves the queue; a voided order too.
    first = bumpTicket(first, stationTickets(first)[0]!, t.ctx, 'ready');
    expect(estimateOrderReady(mine, [first, second], options)).toBe(30);
    const voided = voidOrder(second, { reason: 'gone', approvedBy: 'm' }, t.ctx);
    expect(kitchenQueue([voided], prepMinutesOf)).toEqual([]);

    const sent = sendToKitchen(mine, t.ctx, { readyInMinutes: 30 });
    expect(sent.printRequests[0]!.readyInMinutes).toBe(30);
    expect(orderReadyAt(sent)).toBe(t.ctx.at + 30 * 60_000);
    expect(orderReadyAt(mine)).toBeNull();
    // Nothing left to send: no estimate.
    expect(estimateOrderReady(sent, [], options)).toBeNull();
  });
});
