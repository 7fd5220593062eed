import { z } from 'zod';
import { listSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';

/**
 * Kitchen statuses of one station ticket, in lattice order: a ticket moves
 * new → preparing → ready → served (served at the table, or collected at the counter).
 */
export const KITCHEN_TICKET_STATUSES = ['new', 'preparing', 'ready', 'served'] as const;
/** A station ticket's kitchen status. */
export type KitchenTicketStatus = (typeof KITCHEN_TICKET_STATUSES)[number];

/** An order's kitchen status, derived from its station tickets (`none`: nothing sent to a station). */
export const ORDER_KITCHEN_STATUSES = ['none', ...KITCHEN_TICKET_STATUSES] as const;
/** An order's kitchen status. */
export type OrderKitchenStatus = (typeof ORDER_KITCHEN_STATUSES)[number];

/** The statuses a bump can move a ticket to. */
export const kitchenBumpTargetSchema = z.enum(['preparing', 'ready', 'served']);

const ticketRef = {
  /** Record id (unique in the order). */
  id: idSchema,
  /** The `kitchen` or `fire` print request that sent the ticket. */
  requestId: idSchema,
  /** The station the ticket went to: with `requestId`, the ticket's key (and its print job id). */
  stationId: idSchema,
  at: epochMsSchema,
  /** Staff id, or the kitchen screen's device id when nobody signs in there. */
  by: idSchema,
};

/**
 * A kitchen status record, appended to `order.kitchenBumps` and never changed afterwards:
 * - `bump`: the ticket reached `to` (a kitchen screen's bump, the till's "served");
 * - `recall`: undoes the bumps it names (the last bump, and any concurrent twin of it).
 * A ticket's status is a pure function of the set of records (see `stationTickets`), so the
 * order merge takes their union and two screens and a till acting at once lose nothing.
 */
export const kitchenBumpSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('bump'), ...ticketRef, to: kitchenBumpTargetSchema }),
  z.strictObject({
    kind: z.literal('recall'),
    ...ticketRef,
    undoes: listSchema(idSchema, 20).min(1),
  }),
]);
/** A kitchen bump or recall record. */
export type KitchenBump = z.infer<typeof kitchenBumpSchema>;
