import { z } from 'zod';
import { isoDateSchema } from '../common/document';
import { nonNegativeMinorUnitsSchema } from '../money/money';
import { wireDocumentSchema } from './replication';

/** Widest range of business days one history search may cover. */
export const MAX_SEARCH_DAYS = 92;
/** Most orders one history search returns. */
export const MAX_SEARCH_RESULTS = 50;

const DAY_MS = 86_400_000;

/**
 * A ticket as the cashier types it: "12" (any till) or "B-12" (till B's), as printed by
 * `ticketLabel`.
 */
export const ticketQuerySchema = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z]{1,2}-)?\d{1,7}$/, 'expected a ticket number like 12 or B-12');

/**
 * Input of `sync.searchOrders`: the branch's orders of any age (older than what tills pull) by
 * business days, optionally by ticket and by total (minor units), newest first. The range is
 * bounded so a search reads at most {@link MAX_SEARCH_DAYS} days of the branch's orders.
 */
export const orderSearchRequestSchema = z
  .strictObject({
    /** First and last business day (inclusive, `YYYY-MM-DD`). */
    from: isoDateSchema,
    to: isoDateSchema,
    ticket: ticketQuerySchema.optional(),
    /** The order's total (`totals.total`), minor units. */
    amount: nonNegativeMinorUnitsSchema.optional(),
    limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).default(20),
  })
  .refine((q) => q.from <= q.to, { message: '`from` must not be after `to`', path: ['to'] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) < MAX_SEARCH_DAYS * DAY_MS, {
    message: `search at most ${MAX_SEARCH_DAYS} days at a time`,
    path: ['to'],
  });
/** A history search. */
export type OrderSearchRequest = z.input<typeof orderSearchRequestSchema>;

/** Output of `sync.searchOrders` (the till parses each with the order schema). */
export const orderSearchResponseSchema = z.strictObject({
  orders: z.array(wireDocumentSchema).max(MAX_SEARCH_RESULTS),
});

/** The ticket query split into its optional till code and number. */
export function parseTicketQuery(ticket: string): { code: string | null; number: number } {
  const [code, number] = ticket.includes('-') ? ticket.split('-') : [null, ticket];
  return { code: code ? code.toUpperCase() : null, number: Number(number) };
}
