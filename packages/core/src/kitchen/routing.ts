import { allergenSnapshot } from '../menu/allergens';
import { activeQuantity } from '../orders/line-amounts';
import type { OrderDoc, OrderLine } from '../orders/schemas';
import type { KitchenTicket, KitchenTicketLine } from './ticket-schema';

/** What to route. */
export type RoutingMode =
  /** A kitchen send: new units of released courses, announce held ones, and any voids. */
  | { readonly kind: 'send'; readonly releasedCourses: readonly number[] }
  /** Release one held course: its units go out on `fire` tickets. */
  | { readonly kind: 'fire'; readonly course: number }
  /** Only tell stations about removed units (after a void). */
  | { readonly kind: 'voids' };

/** Result of routing: the tickets to print and the lines with their new fired state. */
export interface KitchenRouting {
  /** Per station: `void` tickets first (stop cooking), then `order` or `fire` tickets. */
  readonly tickets: KitchenTicket[];
  /** The order's lines with `firedQuantity`/`announcedQuantity` advanced to what the tickets say. */
  readonly lines: OrderLine[];
}

/** Whether a course is released: courses up to the highest one fired go straight to the kitchen. */
export function isCourseReleased(course: number, releasedCourses: readonly number[]): boolean {
  return releasedCourses.some((c) => course <= c);
}

function ticketLine(line: OrderLine, quantity: number): KitchenTicketLine {
  return {
    lineId: line.id,
    name: line.name,
    quantity,
    modifiers: line.modifiers.map((m) => m.name),
    notes: line.notes,
    ...allergenSnapshot(line),
    seat: line.seat,
    course: line.course,
  };
}

interface StationBucket {
  news: KitchenTicketLine[];
  held: KitchenTicketLine[];
  voids: KitchenTicketLine[];
}

/**
 * Routes an order to kitchen stations from its fired state. Pure and
 * deterministic: the same order always yields the same tickets, and the
 * returned lines record what was routed, so routing the result again yields
 * nothing (no ticket is ever printed twice by accident).
 *
 * Per line with a station (active = quantity − voided):
 * - released course: `active − fired` new units → `order` ticket;
 * - held course: `active − announced` units → listed as `held` ("to follow");
 * - fewer active units than the kitchen knows about → `void` ticket for the difference.
 * Lines without a station (e.g. bottled drinks served at the counter) never print.
 */
export function routeKitchen(
  order: OrderDoc,
  mode: RoutingMode,
  meta: { readonly at: number; readonly by: string },
): KitchenRouting {
  const stations = new Map<string, StationBucket>();
  const bucket = (id: string) => {
    let b = stations.get(id);
    if (!b) {
      b = { news: [], held: [], voids: [] };
      stations.set(id, b);
    }
    return b;
  };
  const lines = order.lines.map((line) => {
    if (line.stationId === null) return line;
    const active = activeQuantity(line);
    let fired = line.firedQuantity;
    let announced = Math.max(line.announcedQuantity, fired);
    if (announced > active) {
      bucket(line.stationId).voids.push(ticketLine(line, announced - active));
      announced = active;
      fired = Math.min(fired, active);
    }
    if (mode.kind === 'send') {
      if (isCourseReleased(line.course, mode.releasedCourses)) {
        if (active > fired) bucket(line.stationId).news.push(ticketLine(line, active - fired));
        fired = active;
        announced = active;
      } else if (active > announced) {
        bucket(line.stationId).held.push(ticketLine(line, active - announced));
        announced = active;
      }
    } else if (mode.kind === 'fire' && line.course === mode.course && active > fired) {
      bucket(line.stationId).news.push(ticketLine(line, active - fired));
      fired = active;
      announced = active;
    }
    if (fired === line.firedQuantity && announced === line.announcedQuantity) return line;
    return { ...line, firedQuantity: fired, announcedQuantity: announced };
  });

  const header = {
    orderId: order.id,
    ticketNumber: order.ticketNumber,
    ticketCode: order.ticketCode,
    orderType: order.type,
    table: order.table,
    covers: order.covers,
    customerName: order.customerName,
    at: meta.at,
    by: meta.by,
    reprint: false,
  };
  const tickets: KitchenTicket[] = [];
  for (const [stationId, b] of stations) {
    if (b.voids.length > 0) {
      tickets.push({ ...header, stationId, kind: 'void', course: null, lines: b.voids, held: [] });
    }
    if (mode.kind === 'fire' && b.news.length > 0) {
      tickets.push({
        ...header,
        stationId,
        kind: 'fire',
        course: mode.course,
        lines: b.news,
        held: [],
      });
    } else if (b.news.length > 0 || b.held.length > 0) {
      tickets.push({
        ...header,
        stationId,
        kind: 'order',
        course: null,
        lines: b.news,
        held: b.held,
      });
    }
  }
  return { tickets, lines };
}
