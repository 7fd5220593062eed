import { commitOrder } from '../orders/commit';
import type { OrderContext } from '../orders/context';
import { OrderError } from '../orders/errors';
import type { OrderDoc } from '../orders/schemas';
import {
  KITCHEN_TICKET_STATUSES,
  type KitchenBump,
  type KitchenTicketStatus,
  type OrderKitchenStatus,
} from './status-schema';
import type { KitchenTicket, KitchenTicketLine } from './ticket-schema';

/** Rank of each ticket status in the lattice (higher wins). */
export const KITCHEN_STATUS_RANK: Readonly<Record<KitchenTicketStatus, number>> = {
  new: 0,
  preparing: 1,
  ready: 2,
  served: 3,
};

/** Identifies one station ticket: the print request that sent it and the station. */
export interface StationTicketRef {
  readonly requestId: string;
  readonly stationId: string;
}

/** The key of a station ticket, the same string as its print job id. */
export function stationTicketKey(ref: StationTicketRef): string {
  return `${ref.requestId}:${ref.stationId}`;
}

/** A ticket line with the units voided since it was sent (`struck`, shown struck through). */
export interface StationTicketLine extends KitchenTicketLine {
  readonly struck: number;
}

/** When a status was first reached by a bump still in force, and who bumped it. */
export interface KitchenStatusReached {
  readonly at: number;
  readonly by: string;
}

/** One ticket a station prepares, with its kitchen status (see {@link stationTickets}). */
export interface StationTicket extends StationTicketRef {
  readonly key: string;
  /** The routed ticket as printed (kind `order` or `fire`). */
  readonly ticket: KitchenTicket;
  readonly sentAt: number;
  /** An earlier ticket of this order went to this station: this one is an addition (or a fired course). */
  readonly addition: boolean;
  readonly status: KitchenTicketStatus;
  readonly reached: Readonly<
    Partial<Record<Exclude<KitchenTicketStatus, 'new'>, KitchenStatusReached>>
  >;
  /** The bumps in force at the current status: what a recall undoes. */
  readonly lastBumps: readonly string[];
  readonly lines: readonly StationTicketLine[];
  /** Every unit of the ticket was voided: nothing left to prepare. */
  readonly voided: boolean;
}

type BumpOf<K extends KitchenBump['kind']> = Extract<KitchenBump, { kind: K }>;

function ticketState(bumps: readonly KitchenBump[]) {
  const recalled = new Set<string>();
  for (const b of bumps) if (b.kind === 'recall') for (const id of b.undoes) recalled.add(id);
  const inForce = bumps.filter(
    (b): b is BumpOf<'bump'> => b.kind === 'bump' && !recalled.has(b.id),
  );
  let status: KitchenTicketStatus = 'new';
  const reached: Partial<Record<BumpOf<'bump'>['to'], KitchenStatusReached>> = {};
  for (const b of inForce) {
    if (KITCHEN_STATUS_RANK[b.to] > KITCHEN_STATUS_RANK[status]) status = b.to;
    const seen = reached[b.to];
    if (!seen || b.at < seen.at || (b.at === seen.at && b.by < seen.by))
      reached[b.to] = { at: b.at, by: b.by };
  }
  const lastBumps = inForce
    .filter((b) => b.to === status)
    .map((b) => b.id)
    .sort();
  return { status, reached, lastBumps };
}

/**
 * The tickets the kitchen prepares for an order, in the order they were sent: every `order` or
 * `fire` ticket with lines of the order's `kitchen` and `fire` print requests (void tickets,
 * reprints and tickets only announcing held courses have nothing to bump). Each ticket's status is
 * a pure function of the order's `kitchenBumps`: the highest status of its bumps that no recall
 * undid. Voided units are struck from the latest tickets of their line first; a ticket whose units
 * were all voided is `voided`.
 */
export function stationTickets(
  order: Pick<OrderDoc, 'printRequests' | 'kitchenBumps'>,
): StationTicket[] {
  const sent: {
    requestId: string;
    at: number;
    ticket: KitchenTicket;
    lines: StationTicketLine[];
  }[] = [];
  // Per line, the ticket lines that made its units, oldest first. A VOID ticket strikes units the
  // kitchen was already making, newest first; a VOID before any was made is of held units (never
  // on a ticket to bump). Counted from the tickets, not from the line's quantities: a bill split
  // moves units to another order without voiding them.
  const madeBy = new Map<string, { struck: number; quantity: number }[]>();
  for (const request of order.printRequests) {
    if (request.kind !== 'kitchen' && request.kind !== 'fire' && request.kind !== 'void') continue;
    for (const ticket of request.tickets) {
      if (ticket.kind === 'void') {
        for (const l of ticket.lines) {
          let left = l.quantity;
          for (const made of [...(madeBy.get(l.lineId) ?? [])].reverse()) {
            const n = Math.min(left, made.quantity - made.struck);
            made.struck += n;
            left -= n;
          }
        }
      } else if (ticket.lines.length > 0) {
        const lines = ticket.lines.map((l) => ({ ...l, struck: 0 }));
        for (const l of lines) madeBy.set(l.lineId, [...(madeBy.get(l.lineId) ?? []), l]);
        sent.push({ requestId: request.id, at: request.at, ticket, lines });
      }
    }
  }
  const bumpsByKey = new Map<string, KitchenBump[]>();
  for (const b of order.kitchenBumps) {
    const key = stationTicketKey(b);
    bumpsByKey.set(key, [...(bumpsByKey.get(key) ?? []), b]);
  }
  const seenStations = new Set<string>();
  return sent.map(({ lines, ...s }): StationTicket => {
    const ref = { requestId: s.requestId, stationId: s.ticket.stationId };
    const key = stationTicketKey(ref);
    const addition = seenStations.has(s.ticket.stationId);
    seenStations.add(s.ticket.stationId);
    return {
      ...ref,
      key,
      ticket: s.ticket,
      sentAt: s.at,
      addition,
      ...ticketState(bumpsByKey.get(key) ?? []),
      lines,
      voided: lines.every((l) => l.struck >= l.quantity),
    };
  });
}

/**
 * An order's kitchen status from its live (not voided) station tickets: `none` without any,
 * `served` when all are served, `ready` when all are at least ready, `new` when none was bumped,
 * else `preparing` (some station started, or finished while another has not).
 */
export function orderKitchenStatus(
  order: Pick<OrderDoc, 'printRequests' | 'kitchenBumps'>,
): OrderKitchenStatus {
  const live = stationTickets(order).filter((t) => !t.voided);
  if (live.length === 0) return 'none';
  const lowest = Math.min(...live.map((t) => KITCHEN_STATUS_RANK[t.status]));
  if (lowest > 0) return KITCHEN_TICKET_STATUSES[lowest]!;
  return live.every((t) => t.status === 'new') ? 'new' : 'preparing';
}

/** Only the reference: callers pass whole {@link StationTicket}s. */
function refOf(ref: StationTicketRef): StationTicketRef {
  return { requestId: ref.requestId, stationId: ref.stationId };
}

function findTicket(order: OrderDoc, ref: StationTicketRef): StationTicket {
  const key = stationTicketKey(ref);
  const ticket = stationTickets(order).find((t) => t.key === key);
  if (!ticket)
    throw new OrderError(
      'ORDER_KITCHEN_TICKET_NOT_FOUND',
      `order ${order.ticketNumber} has no kitchen ticket ${key}`,
    );
  return ticket;
}

function withBumps(order: OrderDoc, bumps: KitchenBump[], ctx: Pick<OrderContext, 'at'>): OrderDoc {
  return commitOrder({ ...order, kitchenBumps: [...order.kitchenBumps, ...bumps] }, ctx);
}

/**
 * Bumps a station ticket to `to`, by default the next status (new → preparing → ready → served).
 * Allowed whatever the order's payment state: a takeaway is often paid before it is cooked.
 * @throws {OrderError} `ORDER_KITCHEN_TICKET_NOT_FOUND` for an unknown ticket;
 *   `ORDER_NOTHING_TO_BUMP` when the ticket is voided or already at or past `to`
 */
export function bumpTicket(
  order: OrderDoc,
  ref: StationTicketRef,
  ctx: OrderContext,
  to?: Exclude<KitchenTicketStatus, 'new'>,
): OrderDoc {
  const ticket = findTicket(order, ref);
  const rank = KITCHEN_STATUS_RANK[ticket.status];
  const target = to ?? KITCHEN_TICKET_STATUSES[rank + 1];
  if (
    ticket.voided ||
    target === undefined ||
    target === 'new' ||
    KITCHEN_STATUS_RANK[target] <= rank
  )
    throw new OrderError(
      'ORDER_NOTHING_TO_BUMP',
      ticket.voided
        ? `kitchen ticket ${ticket.key} was voided`
        : `kitchen ticket ${ticket.key} is already ${ticket.status}`,
    );
  return withBumps(
    order,
    [{ kind: 'bump', id: ctx.newId(), ...refOf(ref), to: target, at: ctx.at, by: ctx.by }],
    ctx,
  );
}

/**
 * Undoes a station ticket's last bump (and any bump to the same status made at once on another
 * screen), so it goes back to the status before.
 * @throws {OrderError} `ORDER_KITCHEN_TICKET_NOT_FOUND`; `ORDER_NOTHING_TO_RECALL` when it is new
 */
export function recallTicket(order: OrderDoc, ref: StationTicketRef, ctx: OrderContext): OrderDoc {
  const ticket = findTicket(order, ref);
  if (ticket.lastBumps.length === 0)
    throw new OrderError('ORDER_NOTHING_TO_RECALL', `kitchen ticket ${ticket.key} is new`);
  return withBumps(
    order,
    [
      {
        kind: 'recall',
        id: ctx.newId(),
        ...refOf(ref),
        undoes: [...ticket.lastBumps],
        at: ctx.at,
        by: ctx.by,
      },
    ],
    ctx,
  );
}

/**
 * Marks every live station ticket of the order served (handed to the table or collected).
 * @throws {OrderError} `ORDER_NOTHING_TO_BUMP` when nothing is left to serve
 */
export function markServed(order: OrderDoc, ctx: OrderContext): OrderDoc {
  const bumps: KitchenBump[] = stationTickets(order)
    .filter((t) => !t.voided && t.status !== 'served')
    .map((t) => ({
      kind: 'bump',
      id: ctx.newId(),
      requestId: t.requestId,
      stationId: t.stationId,
      to: 'served',
      at: ctx.at,
      by: ctx.by,
    }));
  if (bumps.length === 0)
    throw new OrderError(
      'ORDER_NOTHING_TO_BUMP',
      `order ${order.ticketNumber} has nothing to serve`,
    );
  return withBumps(order, bumps, ctx);
}

/**
 * Undoes {@link markServed}: every live ticket of the order that is served goes back to the status
 * it had (the expo's recall, when an order was handed over by mistake). One commit, so the order
 * never shows half served.
 * @throws {OrderError} `ORDER_NOTHING_TO_RECALL` when no ticket of the order is served
 */
export function recallServed(order: OrderDoc, ctx: OrderContext): OrderDoc {
  const bumps: KitchenBump[] = stationTickets(order)
    .filter((t) => !t.voided && t.status === 'served' && t.lastBumps.length > 0)
    .map((t) => ({
      kind: 'recall',
      id: ctx.newId(),
      requestId: t.requestId,
      stationId: t.stationId,
      undoes: [...t.lastBumps],
      at: ctx.at,
      by: ctx.by,
    }));
  if (bumps.length === 0)
    throw new OrderError(
      'ORDER_NOTHING_TO_RECALL',
      `order ${order.ticketNumber} has nothing served to recall`,
    );
  return withBumps(order, bumps, ctx);
}
