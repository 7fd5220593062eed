// One hour of service on a station screen, fast-forwarded (bench/kitchen.ts, memory section).
// Tickets arrive at TICKETS_PER_MIN, the grill starts each 2 min after it arrives and makes it
// ready at 6 min, expo serves it at 8 min, and the order leaves the screen's list 12 min after
// that (a screen's port keeps recent orders only). The clock steps a second at a time, each step
// rendered like the screen's one-second tick.
import { bumpTicket, markServed, stationTickets } from '@comanda/core/kitchen';
import type { OrderDoc } from '@comanda/core/orders';
import { kitchenCtx, sentTwoStationOrder, T0 } from '../../src/renderer/features/testing/kitchen-orders';

const MIN = 60_000;

export interface ServiceOptions {
  readonly minutes: number;
  readonly ticketsPerMinute: number;
  /** Called with the tickets arrived so far, every `every` tickets: the bench reads the heap there. */
  readonly checkpoint: (tickets: number) => Promise<void>;
  readonly every: number;
  /** Renders the screen with these orders at this time (synchronously). */
  readonly render: (orders: readonly OrderDoc[], now: number) => void;
}

/** Runs the service; returns the tickets that arrived. */
export async function runService(o: ServiceOptions): Promise<number> {
  const gap = MIN / o.ticketsPerMinute;
  let orders: OrderDoc[] = [];
  let arrived = 0;
  const step = (order: OrderDoc, now: number): OrderDoc | null => {
    const age = now - order.createdAt;
    const grill = stationTickets(order).find((t) => t.stationId === 'grill')!;
    if (age >= 20 * MIN) return null;
    if (age >= 8 * MIN) return grill.status === 'served' ? order : markServed(order, kitchenCtx(now));
    if (age >= 6 * MIN && grill.status !== 'ready') return bumpTicket(order, grill, kitchenCtx(now), 'ready');
    if (age >= 2 * MIN && grill.status === 'new') return bumpTicket(order, grill, kitchenCtx(now));
    return order;
  };
  for (let now = T0; now < T0 + o.minutes * MIN; now += 1000) {
    const next: OrderDoc[] = [];
    for (const order of orders) {
      const moved = step(order, now);
      if (moved) next.push(moved);
    }
    while (T0 + arrived * gap <= now) {
      arrived++;
      next.push(sentTwoStationOrder(`s${arrived}`, now, { ticketNumber: arrived }));
      if (arrived % o.every === 0) {
        orders = next;
        o.render(orders, now);
        await o.checkpoint(arrived);
      }
    }
    orders = next;
    o.render(orders, now);
    // Let the page breathe (timers, effects, the collector) now and then, as a real screen does.
    if ((now - T0) % 30_000 === 0) await new Promise((r) => setTimeout(r, 0));
  }
  return arrived;
}
