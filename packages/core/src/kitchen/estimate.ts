import { MAX_PREP_MINUTES } from '../menu/schemas';

/** The longest wait an estimate ever announces; past it the kitchen is overloaded, not slow. */
export const MAX_ESTIMATE_MINUTES = 4 * MAX_PREP_MINUTES;

/** Most tickets a station works on at once; more cooks than that change nothing in the model. */
export const MAX_STATION_PARALLELISM = 20;

/** Parallelism of a station nobody configured: one ticket at a time (the safe, pessimistic guess). */
export const DEFAULT_STATION_PARALLELISM = 1;

/** A piece of kitchen work: one station's part of an order (one send), with its preparation time. */
export interface PrepWork {
  readonly stationId: string;
  /** The longest `prepMinutes` of its lines (items of one ticket are cooked side by side). */
  readonly prepMinutes: number;
}

/** A station's part of an order already in the kitchen and not ready yet. */
export interface QueuedPrepWork extends PrepWork {
  /** When the kitchen started it (`preparing`), or `null` while it waits (`new`). */
  readonly startedAt: number | null;
}

/** What {@link estimateReadyMinutes} needs. */
export interface PrepEstimateInput {
  /** The order being taken, per station (see {@link prepWorkOf}). */
  readonly work: readonly PrepWork[];
  /** Tickets ahead of it: not ready yet, on any station (other stations are ignored). */
  readonly queue: readonly QueuedPrepWork[];
  /** Tickets a station prepares at once (cooks, burners); {@link DEFAULT_STATION_PARALLELISM} when absent. */
  readonly parallelism?: (stationId: string) => number | undefined;
  /** Epoch ms now (to count how far along started tickets are). */
  readonly now: number;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}

/** Minutes of work a queued ticket still needs: at least one while it is not ready (someone still plates it). */
function remainingMinutes(entry: QueuedPrepWork, now: number): number {
  const prep = clamp(entry.prepMinutes, 0, MAX_PREP_MINUTES);
  if (prep === 0) return 0;
  const elapsed = entry.startedAt === null ? 0 : Math.max(0, now - entry.startedAt) / 60_000;
  return Math.max(1, prep - elapsed);
}

/**
 * Minutes until an order taken now is ready, or `null` when nothing of it goes to a station.
 *
 * The model, kept simple so a cashier can explain it: each station works on `parallelism` tickets
 * at once, so the work queued ahead of this order on a station (the remaining minutes of every
 * not-ready ticket there) delays it by `queued / parallelism`; then the station needs the order's
 * own prep time. The order is ready when its slowest station is. Other stations' queues do not
 * matter. The result is a whole number of minutes (rounded up), never negative, at most
 * {@link MAX_ESTIMATE_MINUTES}, and never decreases when a ticket is added to the queue.
 */
export function estimateReadyMinutes(input: PrepEstimateInput): number | null {
  if (input.work.length === 0) return null;
  const own = new Map<string, number>();
  for (const w of input.work) {
    own.set(
      w.stationId,
      Math.max(own.get(w.stationId) ?? 0, clamp(w.prepMinutes, 0, MAX_PREP_MINUTES)),
    );
  }
  const queued = new Map<string, number>();
  for (const q of input.queue) {
    if (!own.has(q.stationId)) continue;
    queued.set(q.stationId, (queued.get(q.stationId) ?? 0) + remainingMinutes(q, input.now));
  }
  let ready = 0;
  for (const [stationId, prep] of own) {
    const configured = input.parallelism?.(stationId) ?? DEFAULT_STATION_PARALLELISM;
    const slots = clamp(Math.floor(configured), 1, MAX_STATION_PARALLELISM);
    ready = Math.max(ready, (queued.get(stationId) ?? 0) / slots + prep);
  }
  // Round before ceiling: 12.000000001 minutes of float noise is still "~12 min".
  return clamp(Math.ceil(Math.round(ready * 1000) / 1000), 0, MAX_ESTIMATE_MINUTES);
}

/** The lines of an order as the estimate reads them. */
export interface PrepLine {
  readonly stationId: string | null;
  readonly itemId: string;
  /** Units still to prepare; a line with none is skipped. */
  readonly quantity: number;
}

/**
 * An order's lines as work per station: the longest `prepMinutes` of the lines going there (items
 * of one ticket are cooked side by side); items without `prepMinutes` count as 0. Lines without a
 * station or without units are skipped. Stations in first-use order.
 */
export function prepWorkOf(
  lines: readonly PrepLine[],
  prepMinutesOf: (itemId: string) => number | undefined,
): PrepWork[] {
  const byStation = new Map<string, number>();
  for (const line of lines) {
    if (line.stationId === null || line.quantity <= 0) continue;
    const prep = clamp(prepMinutesOf(line.itemId) ?? 0, 0, MAX_PREP_MINUTES);
    byStation.set(line.stationId, Math.max(byStation.get(line.stationId) ?? 0, prep));
  }
  return [...byStation].map(([stationId, prepMinutes]) => ({ stationId, prepMinutes }));
}
