import type { MenuDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { benchItemName } from './menu-names.js';

/** The demo menu plus generated items (no modifiers) in extra categories, `items` items in all. */
export function bigMenu(items: number, at: number): MenuDoc[] {
  const demo = buildDemoSeed(at);
  const menu = [...demo.menu];
  const demoItems = menu.filter((d) => d.kind === 'item');
  const template = demoItems.find((d) => d.modifierGroupIds.length === 0) ?? demoItems[0]!;
  const extra = Math.max(0, items - demoItems.length);
  const categories = 16;
  for (let c = 0; c < categories; c++) {
    menu.push({ id: `bench-cat-${c}`, schemaVersion: 1, branchId: null, updatedAt: at, kind: 'category', name: `Carte ${c + 1}`, sort: 100 + c });
  }
  for (let i = 0; i < extra; i++) {
    menu.push({
      ...template,
      id: `bench-item-${i}`,
      name: benchItemName(i),
      categoryId: `bench-cat-${i % categories}`,
      price: 250 + ((i * 37) % 3000),
      modifierGroupIds: [],
      sort: i,
    });
  }
  return menu;
}
