/**
 * Tile colours the till falls back to for a category without its own: light enough for dark text
 * (WCAG AA against #111827) and far enough apart to tell neighbouring categories from each other.
 */
export const CATEGORY_PALETTE = [
  '#fde68a',
  '#bfdbfe',
  '#bbf7d0',
  '#fecaca',
  '#ddd6fe',
  '#fed7aa',
  '#a5f3fc',
  '#f5d0fe',
  '#d9f99d',
  '#e5e7eb',
] as const;

/**
 * The colour of a category's tiles: its own when set, else a palette colour chosen from its id
 * (FNV-1a), so the same category keeps its colour on every till and after every restart.
 */
export function categoryColor(category: {
  readonly id: string;
  readonly color?: string | null;
}): string {
  if (category.color) return category.color;
  let hash = 0x811c9dc5;
  for (let i = 0; i < category.id.length; i++) {
    hash ^= category.id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return CATEGORY_PALETTE[hash % CATEGORY_PALETTE.length]!;
}
