import { z } from 'zod';
import { listSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';
import { kitchenTicketSchema } from '../kitchen/ticket-schema';

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
  /**
   * The till that made the request, and the only one that prints it: tills share orders, and a
   * send on a shared table must reach the kitchen once (see {@link printingTillOf}). Null on
   * requests from before tills shared orders: the order's own till made them.
   */
  tillId: idSchema.nullable().default(null),
  tickets: listSchema(kitchenTicketSchema, 100).default([]),
  /** For `reprint`: the request being copied. */
  reprintOf: idSchema.nullable().default(null),
  /** For `refund`: the refund printed. */
  refundId: idSchema.nullable().default(null),
});
/** A print request (outbox entry). */
export type PrintRequest = z.infer<typeof printRequestSchema>;

/**
 * The job targets of a print request: one per kitchen ticket station, or
 * `'receipt'` for customer documents. Job id = `${request.id}:${target}`.
 */
export function printRequestTargets(request: PrintRequest): string[] {
  if (request.tickets.length > 0) return [...new Set(request.tickets.map((t) => t.stationId))];
  return request.kind === 'kitchen' || request.kind === 'void' || request.kind === 'fire'
    ? []
    : ['receipt'];
}

/**
 * The till that prints `request` of `order`: the one that made it, else (a request from before
 * tills shared orders) the order's own till. Every till's reconciler materialises only its own.
 */
export function printingTillOf(order: { tillId: string }, request: PrintRequest): string {
  return request.tillId ?? order.tillId;
}

/**
 * A new outbox entry stamped from the action's context (`ctx.newId()`, `ctx.at`, `ctx.by`, the
 * acting till `ctx.tillId`); only what differs per kind is passed in.
 */
export function newPrintRequest(
  kind: PrintRequestKind,
  ctx: { newId: () => string; at: number; by: string; tillId?: string },
  fields: Partial<Pick<PrintRequest, 'tickets' | 'reprintOf' | 'refundId'>> = {},
): PrintRequest {
  return {
    id: ctx.newId(),
    kind,
    at: ctx.at,
    by: ctx.by,
    tillId: ctx.tillId ?? null,
    tickets: fields.tickets ?? [],
    reprintOf: fields.reprintOf ?? null,
    refundId: fields.refundId ?? null,
  };
}
