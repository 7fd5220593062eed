import { KITCHEN_STATUS_RANK, orderKitchenStatus, stationTickets, type StationTicket } from '@comanda/core/kitchen';
import { ticketLabel, type OrderDoc, type OrderType } from '@comanda/core/orders';

export type { KitchenScope } from '../../till-ports';

/** Minutes after which a ticket's timer turns yellow (`warn`) and red (`late`), per order type. */
export type AgeThresholds = Readonly<Record<OrderType, { readonly warnMin: number; readonly lateMin: number }>>;
export const DEFAULT_AGE_THRESHOLDS: AgeThresholds = {
  dineIn: { warnMin: 5, lateMin: 8 },
  takeaway: { warnMin: 5, lateMin: 8 },
};

/** A ticket on a station screen. */
export interface KitchenCard extends StationTicket {
  readonly orderId: string;
  /** "A-12". */
  readonly label: string;
  readonly orderType: OrderType;
  readonly table: string | null;
  readonly customerName: string | null;
}

/** An order on the expo screen: every station's tickets, complete when each was bumped ready. */
export interface ExpoCard {
  readonly orderId: string;
  readonly label: string;
  readonly orderType: OrderType;
  readonly table: string | null;
  readonly customerName: string | null;
  readonly sentAt: number;
  readonly tickets: readonly KitchenCard[];
  readonly complete: boolean;
}

// Per order version (documents are immutable): a bump changes one order, so one is recomputed.
const cardCache = new WeakMap<OrderDoc, KitchenCard[]>();

function cardsOf(order: OrderDoc): KitchenCard[] {
  const cached = cardCache.get(order);
  if (cached) return cached;
  const cards = computeCards(order);
  cardCache.set(order, cards);
  return cards;
}

function computeCards(order: OrderDoc): KitchenCard[] {
  const header = {
    orderId: order.id,
    label: ticketLabel(order),
    orderType: order.type,
    table: order.table,
    customerName: order.customerName,
  };
  return stationTickets(order).map((t) => ({ ...t, ...header }));
}

const byArrival = (a: { sentAt: number; key?: string; orderId: string }, b: { sentAt: number; key?: string; orderId: string }) =>
  a.sentAt - b.sentAt || ((a.key ?? a.orderId) < (b.key ?? b.orderId) ? -1 : 1);

/**
 * A station screen's tickets to prepare, in arrival order: its stations' tickets that are new or
 * being prepared (a ready ticket leaves the screen; recall brings it back). Voided tickets stay,
 * struck through, until bumped away, so the cook sees the void.
 */
export function stationCards(orders: readonly OrderDoc[], stations: readonly string[]): KitchenCard[] {
  return orders
    .flatMap(cardsOf)
    .filter((c) => stations.includes(c.stationId) && KITCHEN_STATUS_RANK[c.status] < KITCHEN_STATUS_RANK.ready)
    .sort(byArrival);
}

/** The expo screen: orders with something at a station and not yet served, in arrival order. */
export function expoCards(orders: readonly OrderDoc[]): ExpoCard[] {
  return orders
    .filter((o) => {
      const status = orderKitchenStatus(o);
      return status !== 'none' && status !== 'served';
    })
    .map((o): ExpoCard => {
      const tickets = cardsOf(o).filter((t) => !t.voided);
      return {
        orderId: o.id,
        label: ticketLabel(o),
        orderType: o.type,
        table: o.table,
        customerName: o.customerName,
        sentAt: Math.min(...tickets.map((t) => t.sentAt)),
        tickets,
        complete: tickets.every((t) => KITCHEN_STATUS_RANK[t.status] >= KITCHEN_STATUS_RANK.ready),
      };
    })
    .sort(byArrival);
}

/** The ticket a station screen's recall brings back: the one of its stations made ready last. */
export function lastReady(orders: readonly OrderDoc[], stations: readonly string[]): KitchenCard | null {
  let last: KitchenCard | null = null;
  for (const card of orders.flatMap(cardsOf)) {
    if (!stations.includes(card.stationId) || card.status !== 'ready') continue;
    if (!last || (card.reached.ready?.at ?? 0) > (last.reached.ready?.at ?? 0)) last = card;
  }
  return last;
}

/**
 * The order the expo's recall brings back: the one served last (every live ticket served), by the
 * time of its latest serve; null when none is. Served orders leave the expo screen, so this is how
 * an order handed over by mistake comes back.
 */
export function lastServed(orders: readonly OrderDoc[]): OrderDoc | null {
  let last: OrderDoc | null = null;
  let lastAt = -1;
  for (const order of orders) {
    const live = cardsOf(order).filter((c) => !c.voided);
    if (live.length === 0 || live.some((c) => c.status !== 'served')) continue;
    const at = Math.max(...live.map((c) => c.reached.served?.at ?? 0));
    if (at > lastAt) {
      last = order;
      lastAt = at;
    }
  }
  return last;
}

/** "All day": units still to make per item over the cards on screen, most first. */
export function allDayCounts(cards: readonly KitchenCard[]): { name: string; quantity: number }[] {
  const counts = new Map<string, number>();
  for (const card of cards)
    for (const line of card.lines) {
      const left = line.quantity - line.struck;
      if (left > 0) counts.set(line.name, (counts.get(line.name) ?? 0) + left);
    }
  return [...counts.entries()].map(([name, quantity]) => ({ name, quantity })).sort((a, b) => b.quantity - a.quantity || (a.name < b.name ? -1 : 1));
}

/** The timer colour of a ticket sent at `sentAt`. */
export function ageLevel(sentAt: number, orderType: OrderType, now: number, thresholds: AgeThresholds = DEFAULT_AGE_THRESHOLDS): 'ok' | 'warn' | 'late' {
  const minutes = (now - sentAt) / 60_000;
  const t = thresholds[orderType];
  return minutes >= t.lateMin ? 'late' : minutes >= t.warnMin ? 'warn' : 'ok';
}

/** "m:ss" since `sentAt` (never negative: another till's clock may run ahead). */
export function ageText(sentAt: number, now: number): string {
  const seconds = Math.max(0, Math.floor((now - sentAt) / 1000));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/** How long without news from the hub or server before the screen shows its alarm. */
export const SILENCE_ALARM_MS = 10_000;

/**
 * Whether the screen has not heard from the hub or server for {@link SILENCE_ALARM_MS}: it is
 * offline (or the server errs) and its last contact (or its start, before any) is that old.
 */
export function silenceAlarm(
  status: { online: boolean; problem: string | null; offlineSince: number | null; lastSyncAt: number | null },
  now: number,
  startedAt: number,
): boolean {
  if (status.online && status.problem === null) return false;
  const since = status.offlineSince ?? status.lastSyncAt ?? startedAt;
  return now - since >= SILENCE_ALARM_MS;
}
