import { z } from 'zod';
import { listSchema, nameSchema, quantitySchema, textSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';
import { allergenListSchema, allergenNoteSchema } from '../menu/allergens';
import { ticketCodeSchema } from '../orders/ticket-number';

/** A line as printed on a kitchen ticket (quantity is the delta for this ticket). */
export const kitchenTicketLineSchema = z.strictObject({
  lineId: idSchema,
  name: nameSchema,
  quantity: quantitySchema,
  /** Modifier option names, in selection order. */
  modifiers: listSchema(nameSchema, 100).default([]),
  notes: textSchema.default(''),
  /** The line's allergens (absent when the menu says none). */
  allergens: allergenListSchema.optional(),
  allergenNote: allergenNoteSchema.optional(),
  seat: z.number().int().positive().max(1000).nullable().default(null),
  course: z.number().int().min(1).max(9),
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
export const kitchenTicketSchema = z.strictObject({
  stationId: idSchema,
  kind: z.enum(['order', 'void', 'fire']),
  orderId: idSchema,
  ticketNumber: z.number().int().positive().max(1_000_000),
  /** The till's code; the ticket reads `ticketLabel(...)` ("A-12"). */
  ticketCode: ticketCodeSchema.default(''),
  orderType: z.enum(['dineIn', 'takeaway']),
  table: nameSchema.nullable(),
  covers: z.number().int().positive().max(1000).nullable(),
  customerName: nameSchema.nullable().default(null),
  /** For `fire` tickets: the course released. */
  course: z.number().int().min(1).max(9).nullable().default(null),
  lines: listSchema(kitchenTicketLineSchema),
  held: listSchema(kitchenTicketLineSchema).default([]),
  at: epochMsSchema,
  by: idSchema,
  reprint: z.boolean().default(false),
});
/** A kitchen ticket. */
export type KitchenTicket = z.infer<typeof kitchenTicketSchema>;
