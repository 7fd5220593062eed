import { addLine, addPayment, createOrder, resolveBranchMenu, type OrderContext, type OrderDoc } from '@comanda/core';
import { buildDemoSeed } from '@comanda/core/demo';
import { describe, expect, it } from 'vitest';
import { mergeOrderVersions, newerWins } from './collections.js';

const AT = 1_767_261_600_000;
const seed = buildDemoSeed(AT);
const menu = resolveBranchMenu(seed.menu, seed.overrides, 'paris-11');
let n = 0;
const ctx = (till: string, at: number): OrderContext => ({ at, by: 'staff-lea-bernard', tillId: till, newId: () => `0195f0c0-0000-7000-8000-${String(++n).padStart(12, '0')}` });
const item = (id: string) => ({ item: menu.items[id]!, modifierGroups: menu.modifierGroups });
const rx = (order: OrderDoc) => ({ ...order, _deleted: false }) as unknown as Record<string, unknown> & { _deleted: boolean };

/**
 * The till's conflict handler for orders: a master that is another till's version (a plain
 * conflict, e.g. from a server or hub that answers compare-and-set only) and this till's edit merge
 * with core's `mergeOrders`; newer-wins would drop one of them.
 */
describe('order conflict handler', () => {
  const base = addLine(createOrder({ branchId: 'paris-11', tillId: 'till-a', businessDay: '2026-01-01', ticketNumber: 1, type: 'dineIn', table: '4', currency: 'EUR' }, ctx('till-a', AT)), item('soupe-oignon'), ctx('till-a', AT + 1));
  const onA = addLine(base, item('cola'), ctx('till-a', AT + 10));
  const onB = addPayment(base, { method: 'card', amount: 300, reference: 'B-1' }, ctx('till-b', AT + 12));
  const input = { assumedMasterState: rx(base), realMasterState: rx(onA), newDocumentState: rx(onB) };

  it('resolves to the join of both versions: the other till’s line and this till’s payment', async () => {
    const resolved = (await mergeOrderVersions.resolve(input, 'test')) as unknown as OrderDoc;
    expect(resolved.lines.map((l) => l.itemId)).toEqual(['soupe-oignon', 'cola']);
    expect(resolved.payments.map((p) => p.reference)).toEqual(['B-1']);
    expect(resolved.updatedAt).toBe(AT + 12);
    // Newer-wins, the handler before, kept B's version and lost A's cola.
    const newer = (await newerWins.resolve(input, 'test')) as unknown as OrderDoc;
    expect(newer.lines).toHaveLength(1);
  });

  it('counts versions as equal only when their content is, whatever RxDB bookkeeping they carry', async () => {
    const resolved = await mergeOrderVersions.resolve(input, 'test');
    const sameAgain = await mergeOrderVersions.resolve({ ...input, realMasterState: resolved, newDocumentState: rx(onB) }, 'test');
    expect(mergeOrderVersions.isEqual(resolved as never, sameAgain as never, 'test')).toBe(true);
    expect(mergeOrderVersions.isEqual({ ...rx(onA), _rev: '1-x', _meta: { lwt: 1 } }, rx(onA), 'test')).toBe(true);
    // Same `updatedAt` on two tills, different content: not equal (newer-wins said equal).
    const sameTime = { ...rx(onB), updatedAt: onA.updatedAt };
    expect(mergeOrderVersions.isEqual(rx(onA), sameTime, 'test')).toBe(false);
    expect(newerWins.isEqual(rx(onA), sameTime, 'test')).toBe(true);
  });
});
