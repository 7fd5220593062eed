import { z } from 'zod';

/**
 * The 14 allergens the EU requires a food business to declare (Regulation (EU) No 1169/2011,
 * Annex II), as stable codes. Codes, not names, are stored: the till, the kitchen screen and the
 * printed ticket each show them in their own language.
 */
export const ALLERGEN_CODES = [
  'gluten',
  'crustaceans',
  'eggs',
  'fish',
  'peanuts',
  'soybeans',
  'milk',
  'nuts',
  'celery',
  'mustard',
  'sesame',
  'sulphites',
  'lupin',
  'molluscs',
] as const;

/** One of the 14 EU allergens. */
export const allergenCodeSchema = z.enum(ALLERGEN_CODES, {
  error: () => `an allergen is one of ${ALLERGEN_CODES.join(', ')}`,
});
/** An allergen code. */
export type AllergenCode = z.infer<typeof allergenCodeSchema>;

/** Longest free-text allergen note of an item ("may contain traces of nuts"). */
export const MAX_ALLERGEN_NOTE_LENGTH = 200;

/** An item's allergens: each code at most once, so at most 14. */
export const allergenListSchema = z
  .array(allergenCodeSchema)
  .max(ALLERGEN_CODES.length)
  .refine((list) => new Set(list).size === list.length, {
    message: 'each allergen may be listed only once',
  });

/** A free-text allergen note, bounded. */
export const allergenNoteSchema = z
  .string()
  .max(
    MAX_ALLERGEN_NOTE_LENGTH,
    `an allergen note is at most ${MAX_ALLERGEN_NOTE_LENGTH} characters`,
  );

/** The official short names, per language (what the screens and tickets print). */
export const ALLERGEN_LABELS: Readonly<
  Record<'en' | 'fr', Readonly<Record<AllergenCode, string>>>
> = {
  en: {
    gluten: 'Gluten',
    crustaceans: 'Crustaceans',
    eggs: 'Eggs',
    fish: 'Fish',
    peanuts: 'Peanuts',
    soybeans: 'Soy',
    milk: 'Milk',
    nuts: 'Nuts',
    celery: 'Celery',
    mustard: 'Mustard',
    sesame: 'Sesame',
    sulphites: 'Sulphites',
    lupin: 'Lupin',
    molluscs: 'Molluscs',
  },
  fr: {
    gluten: 'Gluten',
    crustaceans: 'Crustacés',
    eggs: 'Œufs',
    fish: 'Poisson',
    peanuts: 'Arachides',
    soybeans: 'Soja',
    milk: 'Lait',
    nuts: 'Fruits à coque',
    celery: 'Céleri',
    mustard: 'Moutarde',
    sesame: 'Sésame',
    sulphites: 'Sulfites',
    lupin: 'Lupin',
    molluscs: 'Mollusques',
  },
};

/**
 * The label of an allergen in a language (`fr`, `fr-FR`…; English otherwise).
 */
export function allergenLabel(code: AllergenCode, locale = 'en'): string {
  const lang = locale.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  return ALLERGEN_LABELS[lang][code];
}

/**
 * Allergens in the canonical order of {@link ALLERGEN_CODES}, so a line, a ticket and a card
 * always list them the same way whatever order the back office saved them in.
 */
export function sortAllergens(list: readonly AllergenCode[]): AllergenCode[] {
  return ALLERGEN_CODES.filter((c) => list.includes(c));
}

/** What carries allergens: a menu item, an order line, a kitchen ticket line. */
export interface AllergenInfo {
  readonly allergens?: readonly AllergenCode[] | undefined;
  readonly allergenNote?: string | undefined;
}

/**
 * The allergen fields to copy from an item to a line, or a line to a ticket line: the codes in
 * canonical order and a trimmed note, each left out when empty (so documents without allergens
 * stay exactly as before the field existed).
 */
export function allergenSnapshot(from: AllergenInfo): {
  allergens?: AllergenCode[];
  allergenNote?: string;
} {
  const allergens = sortAllergens(from.allergens ?? []);
  const note = (from.allergenNote ?? '').trim();
  return {
    ...(allergens.length > 0 ? { allergens } : {}),
    ...(note !== '' ? { allergenNote: note } : {}),
  };
}
