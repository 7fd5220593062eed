import { z } from 'zod';
import { listSchema, nameSchema } from '../common/bounds';
import { documentBase, branchDocumentBase, idSchema } from '../common/document';
import { minorUnitsSchema, nonNegativeMinorUnitsSchema } from '../money/money';
import { rateBasisPointsSchema } from '../tax/tax-class';
import { allergenListSchema, allergenNoteSchema } from './allergens';
import { barcodeSchema } from './barcode';

/** Schema version of every `menu` collection document. */
export const MENU_SCHEMA_VERSION = 1;

const menuBase = documentBase(MENU_SCHEMA_VERSION);
/** Display order of categories and items. */
const sortSchema = z.number().int().min(-1_000_000).max(1_000_000);
/** A display colour for a category or item button: `#rrggbb`. */
export const menuColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'a colour is # followed by 6 hexadecimal digits, e.g. #1f7a4d');
/** Longest preparation time an item may announce (minutes). */
export const MAX_PREP_MINUTES = 240;

/** A tax class (`kind: 'taxClass'`): items reference it; lines snapshot its rate. */
export const taxClassDocSchema = z.object({
  ...menuBase,
  kind: z.literal('taxClass'),
  name: nameSchema.min(1),
  rateBasisPoints: rateBasisPointsSchema,
  inclusive: z.boolean(),
});
/** A tax class document. */
export type TaxClassDoc = z.infer<typeof taxClassDocSchema>;

/** A kitchen/bar station (`kind: 'station'`): where a printed ticket goes. */
export const stationDocSchema = z.object({
  ...menuBase,
  kind: z.literal('station'),
  name: nameSchema.min(1),
});
/** A station document. */
export type StationDoc = z.infer<typeof stationDocSchema>;

/** A menu category (`kind: 'category'`), ordered by `sort`. */
export const categoryDocSchema = z.object({
  ...menuBase,
  kind: z.literal('category'),
  name: nameSchema.min(1),
  sort: sortSchema.default(0),
  /** Tile colour on the till (`#rrggbb`); without it the till picks one from a fixed palette by id (see `categoryColor`). */
  color: menuColorSchema.optional(),
});
/** A category document. */
export type CategoryDoc = z.infer<typeof categoryDocSchema>;

/** One choice inside a modifier group, with its price delta (may be negative, e.g. "no cheese -0.50"). */
export const modifierOptionSchema = z.strictObject({
  id: idSchema,
  name: nameSchema.min(1),
  priceDelta: minorUnitsSchema,
});
/** One choice inside a modifier group. */
export type ModifierOption = z.infer<typeof modifierOptionSchema>;

/** A modifier group (`kind: 'modifierGroup'`): pick between `min` and `max` options. */
export const modifierGroupDocSchema = z
  .object({
    ...menuBase,
    kind: z.literal('modifierGroup'),
    name: nameSchema.min(1),
    min: z.number().int().nonnegative().max(100),
    max: z.number().int().positive().max(100),
    options: listSchema(modifierOptionSchema, 100).min(1),
  })
  .refine((g) => g.min <= g.max, { message: 'min must not exceed max', path: ['min'] })
  .refine((g) => g.min <= g.options.length, {
    message: 'min exceeds the number of options',
    path: ['min'],
  });
/** A modifier group document. */
export type ModifierGroupDoc = z.infer<typeof modifierGroupDocSchema>;

/** A sellable item (`kind: 'item'`). `stationId: null` means nothing is printed in the kitchen. */
export const itemDocSchema = z.object({
  ...menuBase,
  kind: z.literal('item'),
  name: nameSchema.min(1),
  categoryId: idSchema,
  /** Base price in minor units; inclusive or exclusive of tax per the tax class. */
  price: nonNegativeMinorUnitsSchema,
  taxClassId: idSchema,
  stationId: idSchema.nullable(),
  modifierGroupIds: listSchema(idSchema, 100).default([]),
  /** Default course for dine-in (1 = starters/fire at once, 2 = mains…). */
  course: z.number().int().min(1).max(9).default(1),
  /** Globally available; a branch override can still 86 it locally. */
  available: z.boolean().default(true),
  sort: sortSchema.default(0),
  /**
   * What a scanner reads for this item (bottled drinks, retail goods): an EAN-8/13 or UPC-A
   * with a valid check digit, or a free in-house code. Optional; see `barcode.ts`.
   */
  barcode: barcodeSchema.optional(),
  /** Minutes the kitchen usually needs (shown on tickets and screens); optional. */
  prepMinutes: z.number().int().min(0).max(MAX_PREP_MINUTES).optional(),
  color: menuColorSchema.optional(),
  /** The EU allergens it contains (codes, see `allergens.ts`); copied onto order lines. */
  allergens: allergenListSchema.optional(),
  /** Free text for what the codes do not say ("may contain traces of nuts"). */
  allergenNote: allergenNoteSchema.optional(),
});
/** An item document. */
export type ItemDoc = z.infer<typeof itemDocSchema>;

/** Any document of the `menu` collection, discriminated by `kind`. */
export const menuDocSchema = z.discriminatedUnion('kind', [
  taxClassDocSchema,
  stationDocSchema,
  categoryDocSchema,
  modifierGroupDocSchema,
  itemDocSchema,
]);
/** Any document of the `menu` collection. */
export type MenuDoc = z.infer<typeof menuDocSchema>;
/** The `kind` values of menu documents. */
export type MenuDocKind = MenuDoc['kind'];

/** Schema version of `branchOverrides` documents. */
export const BRANCH_OVERRIDE_SCHEMA_VERSION = 1;

/**
 * A per-branch override of one item (`branchOverrides` collection): a different
 * price and/or availability (86'd). `null` fields inherit the menu item.
 * Conventional id: `${branchId}:${itemId}` so there is at most one per pair.
 */
export const branchOverrideDocSchema = z.object({
  ...branchDocumentBase(BRANCH_OVERRIDE_SCHEMA_VERSION),
  itemId: idSchema,
  price: nonNegativeMinorUnitsSchema.nullable().default(null),
  available: z.boolean().nullable().default(null),
});
/** A branch override document. */
export type BranchOverrideDoc = z.infer<typeof branchOverrideDocSchema>;

/** The conventional id of the override of `itemId` in `branchId`. */
export function branchOverrideId(branchId: string, itemId: string): string {
  return `${branchId}:${itemId}`;
}
