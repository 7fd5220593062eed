import { describe, expect, it } from 'vitest';
import { parisMenu, newOrder, testContext } from '../testing/fixtures';
import { kitchenTicketSchema } from '../kitchen/ticket-schema';
import { addLine, orderDocSchema, sendToKitchen } from '../orders/index';
import {
  ALLERGEN_CODES,
  MAX_ALLERGEN_NOTE_LENGTH,
  allergenLabel,
  allergenListSchema,
  allergenSnapshot,
} from './allergens';
import { itemDocSchema } from './schemas';

const soup = parisMenu.items['soupe-oignon']!;
// The item as stored (the resolved item minus what the branch resolution added).
const { tax: _tax, ...base } = soup;

describe('allergens on menu items', () => {
  it('are the 14 EU codes with en and fr labels', () => {
    expect(ALLERGEN_CODES).toHaveLength(14);
    expect(new Set(ALLERGEN_CODES).size).toBe(14);
    expect(allergenLabel('nuts')).toBe('Nuts');
    expect(allergenLabel('nuts', 'fr-FR')).toBe('Fruits à coque');
    expect(allergenLabel('eggs', 'fr')).toBe('Œufs');
  });

  it('the item schema takes a bounded set and a bounded note, and names what is wrong', () => {
    const ok = itemDocSchema.safeParse({
      ...base,
      allergens: ['milk', 'gluten'],
      allergenNote: 'may contain traces of nuts',
    });
    expect(ok.success).toBe(true);
    expect(itemDocSchema.safeParse(base).success).toBe(true);
    expect(itemDocSchema.safeParse({ ...base, allergens: [...ALLERGEN_CODES] }).success).toBe(true);
    const unknown = itemDocSchema.safeParse({ ...base, allergens: ['peanut'] });
    expect(unknown.error?.issues[0]).toMatchObject({ path: ['allergens', 0] });
    expect(unknown.error?.issues[0]?.message).toMatch(/one of gluten, crustaceans/);
    const twice = allergenListSchema.safeParse(['milk', 'milk']);
    expect(twice.error?.issues[0]?.message).toBe('each allergen may be listed only once');
    expect(allergenListSchema.safeParse([...ALLERGEN_CODES, 'milk']).success).toBe(false);
    const long = itemDocSchema.safeParse({
      ...base,
      allergenNote: 'x'.repeat(MAX_ALLERGEN_NOTE_LENGTH + 1),
    });
    expect(long.error?.issues[0]).toMatchObject({ path: ['allergenNote'] });
    expect(itemDocSchema.safeParse({ ...base, allergens: 'milk' }).success).toBe(false);
  });

  it('snapshots drop empty fields and sort codes the canonical way', () => {
    expect(allergenSnapshot({})).toEqual({});
    expect(allergenSnapshot({ allergens: [], allergenNote: '  ' })).toEqual({});
    expect(allergenSnapshot({ allergens: ['sesame', 'gluten'], allergenNote: ' traces ' })).toEqual(
      { allergens: ['gluten', 'sesame'], allergenNote: 'traces' },
    );
  });
});

describe('allergens travel from the menu to the line and the kitchen ticket', () => {
  it('a line keeps the allergens of the item when it was added; its ticket carries them', () => {
    const t = testContext();
    const item = { ...soup, allergens: ['milk', 'gluten'] as const, allergenNote: 'croutons' };
    let order = addLine(
      newOrder(t.ctx),
      { item: { ...item, allergens: [...item.allergens] }, modifierGroups: {} },
      t.ctx,
    );
    // The menu changes afterwards: the line keeps what the guest was told, and a unit added now
    // goes on a line of its own (growing the first line would print it with the old allergens).
    order = addLine(order, { item: soup, modifierGroups: {} }, t.ctx);
    expect(order.lines[0]).toMatchObject({
      allergens: ['gluten', 'milk'],
      allergenNote: 'croutons',
    });
    expect(order.lines).toHaveLength(2);
    expect(order.lines[1]).not.toHaveProperty('allergens');
    order = sendToKitchen(order, t.ctx);
    expect(orderDocSchema.safeParse(order).success).toBe(true);
    const ticket = order.printRequests.flatMap((r) => r.tickets)[0]!;
    expect(kitchenTicketSchema.parse(ticket).lines.map((l) => l.allergens ?? [])).toEqual([
      ['gluten', 'milk'],
      [],
    ]);
    expect(ticket.lines[0]!.allergenNote).toBe('croutons');
  });
});
