import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../demo/index';
import {
  itemDocSchema,
  menuReferenceProblems,
  menuRemovalProblems,
  type ItemDoc,
  type MenuDoc,
} from './index';

const menu = buildDemoSeed(1).menu;
const item = menu.find(
  (d): d is ItemDoc => d.kind === 'item' && d.stationId !== null && d.modifierGroupIds.length > 0,
)!;

describe('menu references', () => {
  it('the demo menu is whole', () => {
    expect(menuReferenceProblems(menu)).toEqual([]);
  });

  it('names the field at fault: missing documents and documents of the wrong kind', () => {
    const broken = {
      ...item,
      categoryId: 'nowhere',
      taxClassId: item.stationId!,
      modifierGroupIds: [...item.modifierGroupIds, 'gone'],
    } as MenuDoc;
    const problems = menuReferenceProblems(menu.map((d) => (d.id === item.id ? broken : d)));
    expect(problems.map((p) => [p.id, p.field])).toEqual([
      [item.id, 'categoryId'],
      [item.id, 'taxClassId'],
      [item.id, `modifierGroupIds.${item.modifierGroupIds.length}`],
    ]);
    expect(problems[0]!.message).toMatch(/no category nowhere/);
    expect(problems[1]!.message).toMatch(/is a station, not a taxClass/);
  });

  it('a category is deleted only when empty; an unused one goes', () => {
    const category = menu.find((d) => d.id === item.categoryId)!;
    const [problem] = menuRemovalProblems(menu, [category.id]);
    expect(problem).toMatchObject({ id: category.id });
    expect(problem!.message).toMatch(/still used by \d+ item\(s\).*move or delete them first/);
    // With its items, it goes.
    const inside = menu.filter((d) => d.kind === 'item' && d.categoryId === category.id);
    expect(menuRemovalProblems(menu, [category.id, ...inside.map((d) => d.id)])).toEqual([]);
    const empty = { ...category, id: 'empty-category', name: 'Empty' };
    expect(menuRemovalProblems([...menu, empty], [empty.id])).toEqual([]);
  });

  it('prep time and colour are bounded', () => {
    const base = itemDocSchema.parse(item);
    expect(itemDocSchema.safeParse({ ...base, prepMinutes: 12, color: '#1f7a4d' }).success).toBe(
      true,
    );
    expect(itemDocSchema.safeParse({ ...base, prepMinutes: 241 }).success).toBe(false);
    expect(itemDocSchema.safeParse({ ...base, prepMinutes: 1.5 }).success).toBe(false);
    const red = itemDocSchema.safeParse({ ...base, color: 'red' });
    expect(red.error?.issues[0]).toMatchObject({
      path: ['color'],
      message: expect.stringMatching(/#/),
    });
  });
});
