import { describe, expect, it } from 'vitest';
import { ComandaError } from '../common/errors';
import fixture from './menu-bistro.json';
import { buildDemoSeed } from './index';

describe('buildDemoSeed', () => {
  const seed = buildDemoSeed(1_700_000_000_000);

  it('produces validated menu documents of every kind', () => {
    const kinds = new Map<string, number>();
    for (const d of seed.menu) kinds.set(d.kind, (kinds.get(d.kind) ?? 0) + 1);
    expect(Object.fromEntries(kinds)).toEqual({
      taxClass: 3,
      station: 4,
      category: 9,
      modifierGroup: 6,
      item: 45,
    });
    const alcohol = seed.menu.find((d) => d.id === 'alcohol');
    expect(alcohol).toMatchObject({ kind: 'taxClass', rateBasisPoints: 2000, inclusive: true });
    const entrecote = seed.menu.find((d) => d.id === 'entrecote');
    expect(entrecote).toMatchObject({ kind: 'item', price: 2650, stationId: 'grill', course: 2 });
    expect(seed.menu.every((d) => d.updatedAt === 1_700_000_000_000 && d.branchId === null)).toBe(
      true,
    );
  });

  it('keeps accented, Greek and Turkish names intact', () => {
    const names = seed.menu.map((d) => ('name' in d ? d.name : ''));
    expect(names).toContain('Γύρος πίτα (gyros)');
    expect(names).toContain('Şiş kebap');
    expect(names).toContain('Œuf mayonnaise');
  });

  it('builds branches with overrides and printers', () => {
    expect(seed.branches.map((b) => b.id)).toEqual(['paris-11', 'lyon-2']);
    const lyon = seed.branches[1]!;
    expect(lyon).toMatchObject({
      branchId: 'lyon-2',
      currency: 'EUR',
      timeZone: 'Europe/Paris',
      cashRoundingStep: 1,
    });
    expect(lyon.printers.find((p) => p.id === 'receipt-printer')).toMatchObject({
      receipts: true,
      stationIds: ['bar'],
    });
    expect(seed.overrides).toEqual([
      expect.objectContaining({ id: 'lyon-2:entrecote', price: 2850, available: null }),
      expect.objectContaining({ id: 'lyon-2:paella', price: null, available: false }),
      expect.objectContaining({ id: 'lyon-2:escargots', price: null, available: false }),
    ]);
  });

  it('separates till staff (plain PIN, to be hashed by the caller) from owners', () => {
    expect(seed.staff).toEqual([
      {
        id: 'staff-hugo-martin',
        name: 'Hugo Martin',
        role: 'manager',
        branchIds: ['paris-11'],
        pin: '2468',
      },
      {
        id: 'staff-lea-bernard',
        name: 'Léa Bernard',
        role: 'cashier',
        branchIds: ['paris-11'],
        pin: '1357',
      },
      {
        id: 'staff-nour-haddad',
        name: 'Nour Haddad',
        role: 'cashier',
        branchIds: ['lyon-2'],
        pin: '8642',
      },
    ]);
    expect(seed.owners).toEqual([
      { name: 'Camille Durand', email: 'owner@lacoste.example', password: 'change-me-owner-2026' },
    ]);
  });

  it('rejects a malformed fixture and colliding ids', () => {
    expect(() => buildDemoSeed(0, { ...fixture, currency: 'euro' })).toThrow(ComandaError);
    const colliding = { ...fixture, stations: [...fixture.stations, { id: 'food', name: 'Food' }] };
    expect(() => buildDemoSeed(0, colliding)).toThrow(/duplicate menu id "food"/);
  });
});
