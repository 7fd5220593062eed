import type { BranchMenu, ResolvedItem } from '@comanda/core/menu';

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

/** The item a scanned code stands for: its id (menus without barcodes), or an exact name. */
export function itemForCode(menu: BranchMenu, code: string): ResolvedItem | null {
  const direct = menu.items[code.trim()];
  if (direct) return direct;
  const folded = fold(code.trim());
  return Object.values(menu.items).find((i) => fold(i.name) === folded) ?? null;
}
