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
 * A new outbox entry stamped from the action's context (`ctx.newId()`, `ctx.at`, `ctx.by`); only
 * what differs per kind is passed in.
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
    tickets: fields.tickets ?? [],
    reprintOf: fields.reprintOf ?? null,
    refundId: fields.refundId ?? null,
    ...(ctx.tillId !== undefined ? { tillId: ctx.tillId } : {}),
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
