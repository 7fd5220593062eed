import { z } from 'zod';

const id = z.string().min(1);

/** Schema of `menu-bistro.json`, the shared demo fixture (a flat, hand-written format). */
export const bistroFixtureSchema = z.object({
  about: z.string().optional(),
  currency: z.string().regex(/^[A-Z]{3}$/),
  cashRounding: z.number().int().positive(),
  taxClasses: z.array(
    z.object({
      id,
      name: z.string(),
      ratePermille: z.number().int().min(0).max(1000),
      inclusive: z.boolean(),
    }),
  ),
  stations: z.array(z.object({ id, name: z.string() })),
  modifierGroups: z.array(
    z.object({
      id,
      name: z.string(),
      min: z.number().int().nonnegative(),
      max: z.number().int().positive(),
      options: z.array(z.object({ id, name: z.string(), priceDelta: z.number().int() })),
    }),
  ),
  categories: z.array(z.object({ id, name: z.string(), sort: z.number().int() })),
  items: z.array(
    z.object({
      id,
      categoryId: id,
      name: z.string(),
      price: z.number().int().nonnegative(),
      taxClassId: id,
      stationId: id.nullable(),
      modifierGroupIds: z.array(id),
      barcode: z.string().optional(),
    }),
  ),
  organization: z.object({ name: z.string() }),
  branches: z.array(
    z.object({
      id,
      name: z.string(),
      tills: z.array(id),
      overrides: z
        .array(
          z.object({
            itemId: id,
            price: z.number().int().nonnegative().optional(),
            available: z.boolean().optional(),
          }),
        )
        .default([]),
      printers: z.array(
        z.object({
          id,
          stationIds: z.array(id).default([]),
          receipts: z.boolean().default(false),
          host: z.string(),
          port: z.number().int(),
          columns: z.number().int(),
        }),
      ),
    }),
  ),
  staff: z.array(
    z.discriminatedUnion('role', [
      z.object({
        name: z.string(),
        role: z.literal('owner'),
        email: z.string(),
        password: z.string(),
      }),
      z.object({
        name: z.string(),
        role: z.enum(['manager', 'cashier']),
        branchIds: z.array(id),
        pin: z.string(),
      }),
    ]),
  ),
});
/** The parsed demo fixture. */
export type BistroFixture = z.infer<typeof bistroFixtureSchema>;
