import { z } from 'zod';
import type { LayoutDocument } from './model';

const align = z.enum(['left', 'center', 'right']);
const style = z
  .object({ bold: z.boolean(), underline: z.boolean(), invert: z.boolean(), size: z.union([z.literal(1), z.literal(2)]) })
  .partial();

/** Validates a layout block read back from storage (print jobs live in IndexedDB). */
export const LayoutBlockSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('text'), text: z.string(), align: align.optional(), style: style.optional() }),
  z.object({ kind: z.literal('pair'), left: z.string(), right: z.string(), style: style.optional(), indent: z.number().int().min(0).optional() }),
  z.object({
    kind: z.literal('columns'),
    cells: z.array(z.string()).min(1),
    widths: z.array(z.number().positive()).optional(),
    align: z.array(align).optional(),
    style: style.optional(),
  }),
  z.object({ kind: z.literal('rule'), char: z.enum(['-', '=']).optional() }),
  z.object({ kind: z.literal('feed'), lines: z.number().int().min(0).max(20) }),
  z.object({ kind: z.literal('qr'), data: z.string().min(1).max(1000) }),
  z.object({
    kind: z.literal('image'),
    width: z.number().int().min(8).max(576).multipleOf(8),
    height: z.number().int().min(1).max(2000),
    bitmap: z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'logo bitmap must be base64'),
  }),
  z.object({ kind: z.literal('cut') }),
  z.object({ kind: z.literal('drawer') }),
]);

/** Validates a whole layout document (the payload of a print job). */
export const LayoutDocumentSchema: z.ZodType<LayoutDocument> = z.object({
  kind: z.enum(['receipt', 'refund', 'bill', 'kitchen', 'x-report', 'z-report', 'test-page']),
  title: z.string(),
  blocks: z.array(LayoutBlockSchema),
});
