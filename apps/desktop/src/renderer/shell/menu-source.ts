import { menuDocSchema, type MenuDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import type { TillDatabase } from '../data/database.js';
import type { QuickItem } from './quick-order-model.js';

/** Joins menu items with their tax class, sorted for display; unavailable items are left out. */
export function toQuickItems(menu: readonly MenuDoc[]): QuickItem[] {
  const taxes = new Map(menu.flatMap((d) => (d.kind === 'taxClass' ? [[d.id, d] as const] : [])));
  return menu
    .flatMap((d) => (d.kind === 'item' && d.available ? [d] : []))
    .flatMap((item) => {
      const tax = taxes.get(item.taxClassId);
      if (!tax) return [];
      return [
        {
          id: item.id,
          name: item.name,
          price: item.price,
          categoryId: item.categoryId,
          stationId: item.stationId,
          taxClassId: tax.id,
          taxRateBasisPoints: tax.rateBasisPoints,
          taxInclusive: tax.inclusive,
          course: item.course,
        },
      ];
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Subscribes to the menu pulled from the server. A till that was never paired sells from the
 * demo menu so it is usable out of the box; the flag tells the screen to say so.
 */
export function watchMenu(db: TillDatabase, standalone: () => boolean, listener: (items: QuickItem[], demo: boolean) => void): () => void {
  const sub = db.menu.find().$.subscribe((docs) => {
    const menu = docs.flatMap((d) => {
      const parsed = menuDocSchema.safeParse(d.toJSON());
      return parsed.success ? [parsed.data] : [];
    });
    if (menu.length === 0 && standalone()) listener(toQuickItems(buildDemoSeed(0).menu), true);
    else listener(toQuickItems(menu), false);
  });
  return () => sub.unsubscribe();
}
