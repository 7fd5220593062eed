import { resolveBranchMenu, type BranchMenu, type MenuDoc } from '@comanda/core/menu';
import { buildDemoSeed } from '@comanda/core/demo';
import { describe, expect, it } from 'vitest';
import { itemForCode, searchItems } from './menu-search';

const seed = buildDemoSeed(0);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');

const matchId = (m: BranchMenu, code: string) => {
  const match = itemForCode(m, code);
  return match.kind === 'item' ? match.item.id : match.kind;
};

describe('menu search and scanned codes', () => {
  it('matches a barcode exactly, in its EAN-13 and UPC-A forms, with surrounding whitespace', () => {
    expect(matchId(menu, '2000000000015')).toBe('cola');
    expect(matchId(menu, ' 200000000059\n')).toBe('weissbier');
    expect(matchId(menu, '0200000000059')).toBe('weissbier');
    expect(matchId(menu, '20000042')).toBe('eau-gazeuse');
    expect(matchId(menu, 'BIERE-IPA-33')).toBe('ipa');
  });

  it('never adds a near miss: a prefix, a wrong check digit or a partial name is no match', () => {
    expect(matchId(menu, '200000000001')).toBe('none');
    expect(matchId(menu, '2000000000016')).toBe('none');
    expect(matchId(menu, 'Cola')).toBe('none'); // the name is "Cola 33 cl"
    expect(searchItems(menu, 'Cola 33').map((i) => i.id)).toEqual(['cola']); // search still finds it by name
  });

  it('still accepts an item id or exact name (menus without barcodes)', () => {
    expect(matchId(menu, 'espresso')).toBe('espresso');
    expect(matchId(menu, 'cola 33 CL')).toBe('cola');
  });

  it('reports a barcode carried by two items instead of picking one', () => {
    const docs: MenuDoc[] = seed.menu.map((d) => (d.id === 'cola' ? { ...d, barcode: '2000000000022' } : d));
    const twice = resolveBranchMenu(docs, seed.overrides, 'paris-11');
    const match = itemForCode(twice, '2000000000022');
    expect(match.kind === 'ambiguous' ? match.items.map((i) => i.id).sort() : match).toEqual(['cola', 'eau-plate']);
  });
});
