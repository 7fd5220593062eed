import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDemoSeed } from '../demo/index';
import {
  ModifierSelectionError,
  buildLineModifiers,
  resolveBranchMenu,
  validateModifierSelection,
  type MenuDoc,
} from './index';

const seed = buildDemoSeed(1);
const paris = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
const lyon = resolveBranchMenu(seed.menu, seed.overrides, 'lyon-2');
const groups = paris.modifierGroups;
const burger = paris.items['burger-classique']!;

describe('validateModifierSelection', () => {
  it('accepts a valid selection and snapshots it in group order', () => {
    const selection = [
      { groupId: 'burger-extras', optionId: 'bacon' },
      { groupId: 'side', optionId: 'puree' },
      { groupId: 'doneness', optionId: 'a-point' },
    ];
    expect(validateModifierSelection(burger, groups, selection)).toBeNull();
    expect(buildLineModifiers(burger, groups, selection)).toEqual([
      {
        groupId: 'doneness',
        groupName: 'Cuisson',
        optionId: 'a-point',
        name: 'À point',
        priceDelta: 0,
      },
      {
        groupId: 'side',
        groupName: 'Side',
        optionId: 'puree',
        name: 'Purée à la truffe',
        priceDelta: 250,
      },
      {
        groupId: 'burger-extras',
        groupName: 'Extras',
        optionId: 'bacon',
        name: 'Bacon',
        priceDelta: 150,
      },
    ]);
  });

  it('names the group and the rule when too few are chosen', () => {
    const error = validateModifierSelection(burger, groups, [
      { groupId: 'side', optionId: 'frites' },
    ]);
    expect(error).toBeInstanceOf(ModifierSelectionError);
    expect(error).toMatchObject({ groupId: 'doneness', groupName: 'Cuisson', rule: 'min' });
    expect(error?.message).toBe('Cuisson: choose at least 1 (chosen 0)');
  });

  it.each([
    [
      'max',
      [
        { groupId: 'doneness', optionId: 'bleu' },
        { groupId: 'side', optionId: 'frites' },
        { groupId: 'side', optionId: 'salade' },
      ],
      'Side',
    ],
    [
      'unknownOption',
      [
        { groupId: 'doneness', optionId: 'raw' },
        { groupId: 'side', optionId: 'frites' },
      ],
      'Cuisson',
    ],
    [
      'duplicateOption',
      [
        { groupId: 'doneness', optionId: 'bleu' },
        { groupId: 'doneness', optionId: 'bleu' },
      ],
      'Cuisson',
    ],
    ['unknownGroup', [{ groupId: 'milk', optionId: 'oat' }], 'Milk'],
  ] as const)('reports rule %s', (rule, selection, groupName) => {
    const error = validateModifierSelection(burger, groups, selection);
    expect(error).toMatchObject({ rule, groupName });
    expect(() => buildLineModifiers(burger, groups, selection)).toThrow(ModifierSelectionError);
  });

  it('reports a group missing from the menu', () => {
    const item = { name: 'Ghost', modifierGroupIds: ['nope'] };
    expect(validateModifierSelection(item, groups, [])).toMatchObject({
      rule: 'unknownGroup',
      groupId: 'nope',
    });
  });

  it('property: valid iff every group count is within [min, max]', () => {
    const extras = groups['burger-extras']!;
    fc.assert(
      fc.property(
        fc.subarray(extras.options.map((o) => o.id)),
        fc.constantFrom('bleu', 'saignant'),
        (picked, done) => {
          const selection = [
            { groupId: 'doneness', optionId: done },
            { groupId: 'side', optionId: 'frites' },
            ...picked.map((optionId) => ({ groupId: 'burger-extras', optionId })),
          ];
          const error = validateModifierSelection(burger, groups, selection);
          if (picked.length <= extras.max) expect(error).toBeNull();
          else expect(error).toMatchObject({ rule: 'max', groupId: 'burger-extras' });
        },
      ),
    );
  });
});

describe('resolveBranchMenu', () => {
  it('applies branch price overrides and 86s', () => {
    expect(paris.items.entrecote).toMatchObject({
      price: 2650,
      overridden: false,
      available: true,
    });
    expect(lyon.items.entrecote).toMatchObject({
      price: 2850,
      basePrice: 2650,
      overridden: true,
      available: true,
    });
    expect(lyon.items.paella?.available).toBe(false);
    expect(paris.items.paella?.available).toBe(true);
    expect(lyon.items.espresso?.tax).toEqual({ rateBasisPoints: 1000, inclusive: true });
  });

  it('orders categories and items and keeps 86d items visible', () => {
    expect(paris.categories.map((c) => c.id)).toEqual([
      'starters',
      'mains',
      'burgers',
      'world',
      'desserts',
      'hot-drinks',
      'soft-drinks',
      'beer',
      'wine',
    ]);
    expect(lyon.categories[0]?.items.map((i) => i.id)).toContain('escargots');
    expect(Object.keys(paris.stations)).toEqual(['kitchen', 'grill', 'bar', 'pastry']);
    expect(Object.keys(paris.taxClasses)).toEqual(['food', 'soft', 'alcohol']);
  });

  it('ignores other branches’ docs and marks items with a missing tax class unavailable', () => {
    const extra: MenuDoc[] = [
      {
        kind: 'item',
        id: 'lyon-special',
        schemaVersion: 1,
        branchId: 'lyon-2',
        updatedAt: 1,
        name: 'Quenelle',
        categoryId: 'mains',
        price: 1900,
        taxClassId: 'food',
        stationId: 'kitchen',
        modifierGroupIds: [],
        course: 2,
        available: true,
        sort: 0,
      },
      {
        kind: 'item',
        id: 'broken',
        schemaVersion: 1,
        branchId: null,
        updatedAt: 1,
        name: 'Broken',
        categoryId: 'mains',
        price: 100,
        taxClassId: 'missing',
        stationId: null,
        modifierGroupIds: [],
        course: 1,
        available: true,
        sort: 0,
      },
    ];
    const p = resolveBranchMenu([...seed.menu, ...extra], seed.overrides, 'paris-11');
    const l = resolveBranchMenu([...seed.menu, ...extra], seed.overrides, 'lyon-2');
    expect(p.items['lyon-special']).toBeUndefined();
    expect(l.items['lyon-special']?.available).toBe(true);
    expect(p.items.broken).toMatchObject({ available: false, tax: null });
  });
});
