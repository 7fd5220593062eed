import { buildBarcodeIndex, itemsForBarcode, type BranchMenu, type ResolvedItem } from '@comanda/core/menu';

const fold = (text: string) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/** Items whose name (accents ignored) contains every word of the query, in menu order. */
export function searchItems(menu: BranchMenu, query: string, limit = 60): ResolvedItem[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const out: ResolvedItem[] = [];
  for (const category of menu.categories) {
    for (const item of category.items) {
      const name = fold(item.name);
      if (words.every((w) => name.includes(w))) out.push(item);
      if (out.length >= limit) return out;
    }
  }
  return out;
}

// One index per resolved menu object: a menu sync produces a new object, so the index follows it.
const barcodeIndexes = new WeakMap<BranchMenu, Map<string, ResolvedItem[]>>();

/** Items carrying exactly this barcode (EAN/UPC forms compared as one); several means a menu mistake. */
export function itemsForScan(menu: BranchMenu, code: string): readonly ResolvedItem[] {
  let index = barcodeIndexes.get(menu);
  if (!index) {
    index = buildBarcodeIndex(menu.categories.flatMap((c) => c.items));
    barcodeIndexes.set(menu, index);
  }
  return itemsForBarcode(index, code);
}

/** What a scanned or typed code stands for. */
export type CodeMatch =
  | { kind: 'item'; item: ResolvedItem }
  /** Several items carry this barcode: the till asks rather than guesses. */
  | { kind: 'ambiguous'; items: readonly ResolvedItem[] }
  | { kind: 'none' };

/**
 * The item a code stands for, exactly: its barcode, else its id (menus without barcodes), else its
 * exact name (accents ignored). A scan never falls back to a partial match.
 */
export function itemForCode(menu: BranchMenu, code: string): CodeMatch {
  const trimmed = code.trim();
  const scanned = itemsForScan(menu, trimmed);
  if (scanned.length === 1 && scanned[0]) return { kind: 'item', item: scanned[0] };
  if (scanned.length > 1) return { kind: 'ambiguous', items: scanned };
  const direct = menu.items[trimmed];
  if (direct) return { kind: 'item', item: direct };
  const folded = fold(trimmed);
  const named = Object.values(menu.items).find((i) => fold(i.name) === folded);
  return named ? { kind: 'item', item: named } : { kind: 'none' };
}
