import { z } from 'zod';
import { epochMsSchema, idSchema } from '../common/document';
import type { OrderContext } from './context';

/**
 * When a field was last set and by which till: the clock of a last-writer-wins field of the
 * order merge (`mergeOrders`). Later `at` wins; equal times fall to the till id, then to the
 * value itself, so every replica picks the same winner.
 */
export const fieldClockSchema = z.strictObject({ at: epochMsSchema, till: idSchema });
/** A field clock. */
export type FieldClock = z.infer<typeof fieldClockSchema>;

/** Order fields merged last-writer-wins (free text and scalars a person edits). */
export const ORDER_LWW_FIELDS = [
  'type',
  'table',
  'covers',
  'customerName',
  'notes',
  'discount',
] as const;
/** An order field merged last-writer-wins. */
export type OrderLwwField = (typeof ORDER_LWW_FIELDS)[number];

/** Line fields merged last-writer-wins. */
export const LINE_LWW_FIELDS = ['notes', 'seat', 'course', 'discount'] as const;
/** A line field merged last-writer-wins. */
export type LineLwwField = (typeof LINE_LWW_FIELDS)[number];

/** Clocks of the order's last-writer-wins fields; a missing clock is older than any edit. */
export const orderEditsSchema = z.strictObject({
  type: fieldClockSchema.optional(),
  table: fieldClockSchema.optional(),
  covers: fieldClockSchema.optional(),
  customerName: fieldClockSchema.optional(),
  notes: fieldClockSchema.optional(),
  discount: fieldClockSchema.optional(),
});
/** Clocks of an order's last-writer-wins fields. */
export type OrderEdits = z.infer<typeof orderEditsSchema>;

/** Clocks of a line's last-writer-wins fields. */
export const lineEditsSchema = z.strictObject({
  notes: fieldClockSchema.optional(),
  seat: fieldClockSchema.optional(),
  course: fieldClockSchema.optional(),
  discount: fieldClockSchema.optional(),
});
/** Clocks of a line's last-writer-wins fields. */
export type LineEdits = z.infer<typeof lineEditsSchema>;

/** The clock an edit made in `ctx` stamps: its time and the till acting (else the staff member). */
export function editClock(ctx: Pick<OrderContext, 'at' | 'by' | 'tillId'>): FieldClock {
  return { at: ctx.at, till: ctx.tillId ?? ctx.by };
}

/** `edits` with `fields` stamped by `ctx`. */
export function stampEdits<K extends string>(
  edits: Partial<Record<K, FieldClock>> | undefined,
  fields: readonly K[],
  ctx: Pick<OrderContext, 'at' | 'by' | 'tillId'>,
): Partial<Record<K, FieldClock>> {
  const clock = editClock(ctx);
  const next: Partial<Record<K, FieldClock>> = { ...edits };
  for (const field of fields) next[field] = clock;
  return next;
}
