import { z } from 'zod';
import { nameSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';
import { ticketCodeSchema } from '../orders/ticket-number';

/** A presence not refreshed for this long is gone (the till closed, crashed or went offline). */
export const PRESENCE_TTL_MS = 30_000;
/** How often a till on an order says so again (well inside {@link PRESENCE_TTL_MS}). */
export const PRESENCE_REFRESH_MS = 10_000;
/** Most presence entries one stream event carries (a branch has at most 702 tills). */
export const MAX_PRESENCE_ENTRIES = 1000;

/**
 * Which order a till of the branch has on screen, as the server heard it: advisory, never a lock.
 * The server fills in who (device id, till code and name) from the till's credential; `since` is
 * when the till opened this order (server clock), `orderId` null when it left every order.
 */
export const presenceEntrySchema = z.strictObject({
  deviceId: idSchema,
  tillCode: ticketCodeSchema,
  tillName: nameSchema,
  orderId: idSchema.nullable(),
  staffName: nameSchema.nullable(),
  since: epochMsSchema,
});
/** A presence entry. */
export type PresenceEntry = z.infer<typeof presenceEntrySchema>;

/** Input of `sync.presence`: the order this till has on screen (null = none) and who is serving. */
export const presenceRequestSchema = z.strictObject({
  orderId: idSchema.nullable(),
  staffName: nameSchema.nullable(),
});
/** Presence input. */
export type PresenceRequest = z.infer<typeof presenceRequestSchema>;

/** A presence entry as a till keeps it: with the till's own clock time of the last refresh. */
export interface HeardPresence {
  entry: PresenceEntry;
  /** Epoch ms on the receiving till's clock (the server's clock may differ). */
  heardAt: number;
}

/**
 * Who else has each order open: entries of other tills heard within {@link PRESENCE_TTL_MS},
 * grouped by order id. Expiry uses the receiver's clock only, so clock skew cannot keep a
 * presence alive or kill it early.
 */
export function othersByOrder(
  heard: Iterable<HeardPresence>,
  selfDeviceId: string | null,
  now: number,
): Map<string, PresenceEntry[]> {
  const byOrder = new Map<string, PresenceEntry[]>();
  for (const { entry, heardAt } of heard) {
    if (entry.orderId === null || entry.deviceId === selfDeviceId) continue;
    if (now - heardAt >= PRESENCE_TTL_MS) continue;
    const list = byOrder.get(entry.orderId) ?? [];
    list.push(entry);
    byOrder.set(entry.orderId, list);
  }
  return byOrder;
}
