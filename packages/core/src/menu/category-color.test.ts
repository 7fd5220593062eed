import { describe, expect, it } from 'vitest';
import { CATEGORY_PALETTE, categoryColor } from './category-color';
import { parisMenu } from '../testing/fixtures';
import { categoryDocSchema } from './schemas';

describe('categoryColor', () => {
  it('uses the category colour when set, else a stable palette colour from the id', () => {
    expect(categoryColor({ id: 'mains', color: '#123456' })).toBe('#123456');
    const fallback = categoryColor({ id: 'mains', color: null });
    expect(CATEGORY_PALETTE).toContain(fallback);
    expect(categoryColor({ id: 'mains' })).toBe(fallback);
  });

  it('spreads the demo categories over several colours', () => {
    expect(new Set(parisMenu.categories.map((c) => categoryColor(c))).size).toBeGreaterThanOrEqual(
      5,
    );
  });

  it('the menu document accepts #rrggbb or nothing and refuses anything else', () => {
    const base = {
      id: 'c1',
      branchId: null,
      updatedAt: 1,
      schemaVersion: 1,
      kind: 'category',
      name: 'Mains',
    };
    expect(categoryDocSchema.parse(base).color).toBeUndefined();
    expect(categoryDocSchema.parse({ ...base, color: '#A0b1C2' }).color).toBe('#A0b1C2');
    for (const color of ['red', '#fff', '#12345g', 'url(x)'])
      expect(categoryDocSchema.safeParse({ ...base, color }).success).toBe(false);
  });
});
