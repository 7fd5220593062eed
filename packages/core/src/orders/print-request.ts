import { z } from 'zod';
import { listSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';
import { MAX_ESTIMATE_MINUTES } from '../kitchen/estimate';
import { kitchenTicketSchema } from '../kitchen/ticket-schema';
import type { OrderContext } from './context';

/**
 * Kinds of print requests:
 * `kitchen` (send: new lines, maybe voids), `void` (voids of fired lines),
 * `fire` (a held course released), `bill` (pre-payment check for the table),
 * `receipt` (customer receipt after payment), `refund` (refund slip),
 * `reprint` (copy of an earlier request, see `reprintOf`).
 */
export const printRequestKindSchema = z.enum([
  'kitchen',
  'void',
  'fire',
  'bill',
  'receipt',
  'refund',
  'reprint',
]);
/** A print request kind. */
export type PrintRequestKind = z.infer<typeof printRequestKindSchema>;

/**
 * The print outbox entry stored inside the order in the same write as the
 * change that must print. Kitchen kinds carry the routed tickets (a snapshot:
 * routing cannot be recomputed later because fired state moves on); receipt
 * kinds are rendered from the order itself. The till's reconciler turns each
 * request into idempotent print jobs `${request.id}:${stationId | 'receipt'}`
 * (see {@link printRequestTargets}).
 */
export const printRequestSchema = z.strictObject({
  id: idSchema,
  kind: printRequestKindSchema,
  at: epochMsSchema,
  by: idSchema,
  tickets: listSchema(kitchenTicketSchema, 100).default([]),
  /** For `reprint`: the request being copied. */
  reprintOf: idSchema.nullable().default(null),
  /** For `refund`: the refund printed. */
  refundId: idSchema.nullable().default(null),
  /**
   * The till that recorded it: its outbox prints it (see {@link printsOnTill}). Absent from
   * requests recorded before tills shared orders; those print on the order's own till.
   */
  tillId: idSchema.optional(),
  /**
   * Stations of `tickets` set to "screen" when the request was made: their tickets are shown on
   * kitchen screens and never printed. A snapshot, so changing the setting later never prints or
   * drops a ticket already sent.
   */
  screenOnly: listSchema(idSchema, 100).default([]),
  /**
   * For `kitchen` sends: the preparation-time estimate told to the guest when it was sent (minutes
   * from `at`, see `estimateReadyMinutes`), printed on takeaway receipts and compared with the
   * actual time in the prep-time report; `null` when none was made.
   */
  readyInMinutes: z.number().int().min(0).max(MAX_ESTIMATE_MINUTES).nullable().default(null),
});
/** A print request (outbox entry). */
export type PrintRequest = z.infer<typeof printRequestSchema>;

/**
 * The job targets of a print request: one per kitchen ticket station except screen-only ones, or
 * `'receipt'` for customer documents. Job id = `${request.id}:${target}`.
 */
export function printRequestTargets(request: PrintRequest): string[] {
  if (request.tickets.length > 0) {
    const stations = new Set(request.tickets.map((t) => t.stationId));
    for (const id of request.screenOnly) stations.delete(id);
    return [...stations];
  }
  return request.kind === 'kitchen' || request.kind === 'void' || request.kind === 'fire'
    ? []
    : ['receipt'];
}

/**
 * A new outbox entry stamped from the action's context (`ctx.newId()`, `ctx.at`, `ctx.by`,
 * `ctx.screenOnlyStations`); only what differs per kind is passed in. A reprint is someone asking
 * for paper, so it prints even for a screen-only station.
 */
export function newPrintRequest(
  kind: PrintRequestKind,
  ctx: Pick<OrderContext, 'newId' | 'at' | 'by' | 'screenOnlyStations' | 'tillId'>,
  fields: Partial<Pick<PrintRequest, 'tickets' | 'reprintOf' | 'refundId' | 'readyInMinutes'>> = {},
): PrintRequest {
  const screenOnly = new Set(kind === 'reprint' ? [] : (ctx.screenOnlyStations ?? []));
  return {
    id: ctx.newId(),
    kind,
    at: ctx.at,
    by: ctx.by,
    tickets: fields.tickets ?? [],
    reprintOf: fields.reprintOf ?? null,
    refundId: fields.refundId ?? null,
    ...(ctx.tillId !== undefined ? { tillId: ctx.tillId } : {}),
    readyInMinutes: fields.readyInMinutes ?? null,
    screenOnly: [
      ...new Set((fields.tickets ?? []).map((t) => t.stationId).filter((id) => screenOnly.has(id))),
    ],
  };
}

/**
 * Whether `tillId`'s print outbox prints a request of `order`. Every till of a branch holds the
 * branch's shared orders, print requests included; only the till that recorded a request prints
 * it, so a kitchen ticket or a receipt prints once whichever tills pulled the order (a reprint is
 * a request of its own). A request without a till (recorded before orders were shared) prints on
 * the order's own till.
 */
export function printsOnTill(
  order: { readonly tillId: string },
  request: Pick<PrintRequest, 'tillId'>,
  tillId: string,
): boolean {
  return (request.tillId ?? order.tillId) === tillId;
}
