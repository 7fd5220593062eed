import { z } from 'zod';
import { epochMsSchema, idSchema } from '../common/document';
import { ticketCodeSchema } from '../orders/ticket-number';

/** A line as printed on a kitchen ticket (quantity is the delta for this ticket). */
export const kitchenTicketLineSchema = z.object({
  lineId: idSchema,
  name: z.string(),
  quantity: z.number().int().positive(),
  /** Modifier option names, in selection order. */
  modifiers: z.array(z.string()).default([]),
  notes: z.string().default(''),
  seat: z.number().int().positive().nullable().default(null),
  course: z.number().int().min(1),
});
/** A kitchen ticket line. */
export type KitchenTicketLine = z.infer<typeof kitchenTicketLineSchema>;

/**
 * What one station receives for one kitchen event.
 * - `order`: new units to prepare (fired courses), plus `held` lines of later courses for information;
 * - `void`: units to stop preparing (removed or reduced lines), printed loudly as VOID;
 * - `fire`: a held course is released ("FIRE course 2").
 * `reprint: true` marks a copy of an earlier ticket (printed as REPRINT).
 */
export const kitchenTicketSchema = z.object({
  stationId: idSchema,
  kind: z.enum(['order', 'void', 'fire']),
  orderId: idSchema,
  ticketNumber: z.number().int().positive(),
  /** The till's code; the ticket reads `ticketLabel(...)` ("A-12"). */
  ticketCode: ticketCodeSchema.default(''),
  orderType: z.enum(['dineIn', 'takeaway']),
  table: z.string().nullable(),
  covers: z.number().int().positive().nullable(),
  customerName: z.string().nullable().default(null),
  /** For `fire` tickets: the course released. */
  course: z.number().int().min(1).nullable().default(null),
  lines: z.array(kitchenTicketLineSchema),
  held: z.array(kitchenTicketLineSchema).default([]),
  at: epochMsSchema,
  by: idSchema,
  reprint: z.boolean().default(false),
});
/** A kitchen ticket. */
export type KitchenTicket = z.infer<typeof kitchenTicketSchema>;
