import { addLine, mergeOrders } from '@comanda/core';
import { describe, expect, it } from 'vitest';
import { createTillFixture } from '../testing/till-fixture';
import { createOrderStore } from './order-store';

/**
 * Tills share the branch's orders: while a table is on screen here, another till adds a line and
 * replication stores that version on this till. The screen follows it, and the next change here
 * applies to it, so both lines count.
 */
describe('order on screen follows the stored order', () => {
  it("shows another till's line and keeps it when this till adds one", async () => {
    const f = await createTillFixture();
    const store = createOrderStore(f.deps);
    await store.getState().newOrder({ type: 'dineIn', table: '5', covers: 2 });
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    const mine = store.getState().order!;

    // Till B's version, as replication stores it here (a newer version than the one on screen).
    f.ports.advance(5_000);
    const fromB = addLine(mine, { item: f.item('tarte-tatin'), modifierGroups: f.menu.modifierGroups }, { at: mine.updatedAt + 5_000, by: 'staff-b', newId: () => 'line-from-b' });
    await f.ports.orders.save(fromB);
    expect(store.getState().order?.lines.map((l) => l.id)).toEqual([mine.lines[0]!.id, 'line-from-b']);

    f.ports.advance(1_000);
    await store.getState().addItem(f.item('double-espresso'), f.menu.modifierGroups);
    const stored = f.ports.state.orders.get(mine.id)!;
    expect(stored.lines.map((l) => l.id)).toContain('line-from-b');
    expect(stored.lines.map((l) => l.itemId)).toEqual(['espresso', 'tarte-tatin', 'double-espresso']);

    // Parked: no longer followed.
    store.getState().park();
    await f.ports.orders.save({ ...stored, notes: 'later', updatedAt: stored.updatedAt + 10_000 });
    expect(store.getState().order).toBeNull();
  });

  it("shows another till's line that a merge stored under this till's own clock", async () => {
    const f = await createTillFixture();
    const store = createOrderStore(f.deps);
    await store.getState().newOrder({ type: 'dineIn', table: '6', covers: 2 });
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    const mine = store.getState().order!;
    // Till B's line, made before this till's last change by its clock: the join replication stores
    // keeps this till's `updatedAt` (the greater), so `updatedAt` alone does not show it is newer.
    const fromB = addLine(mine, { item: f.item('tarte-tatin'), modifierGroups: f.menu.modifierGroups }, { at: mine.updatedAt - 1, by: 'staff-b', newId: () => 'line-from-b' });
    const joined = mergeOrders(mine, fromB);
    expect(joined.updatedAt).toBe(mine.updatedAt);
    await f.ports.orders.save(joined);
    expect(store.getState().order?.lines.map((l) => l.id)).toContain('line-from-b');

    f.ports.advance(1_000);
    await store.getState().addItem(f.item('double-espresso'), f.menu.modifierGroups);
    expect(f.ports.state.orders.get(mine.id)!.lines.map((l) => l.id)).toContain('line-from-b');
  });
});
