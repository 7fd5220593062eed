import { addPayment, closeOrder, frozenOrderViolation, orderDocSchema, updateOrderDetails, voidLine, type OrderContext, type OrderDoc } from '@comanda/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openFakeTillDatabase } from '../ports/testing/rx-runtime.js';
import type { TillDatabase } from './database.js';
import { orderRepository } from './order-repository.js';
import { sampleOrder } from './testing/orders.js';

const T = 1_767_261_602_212;
const ctx = (at: number, tillId: string): OrderContext => ({ at, by: 'staff-1', tillId, newId: () => `id-${at}-${tillId}` });

let db: TillDatabase;
afterEach(() => db.close());

/** A paid order, as both tills hold it before either closes it. */
function paidOrder(): OrderDoc {
  const open = orderDocSchema.parse(sampleOrder('bc-2213', { updatedAt: T, createdAt: T }));
  return addPayment(open, { method: 'card', reference: 'ref-1' }, ctx(T + 4, 'bt-1'), { tillId: 'bt-1' });
}

describe('orderRepository: a save computed from an older version than the stored one', () => {
  it('is refused when replication stored another till\'s close after the read (branch chaos seed 7, schedule 595)', async () => {
    db = await openFakeTillDatabase(`stale-${Math.random()}`);
    const orders = orderRepository(db.orders);
    const paid = paidOrder();
    await orders.save(paid);
    // The cashier of till 3 reads the paid order and closes it; before the save lands, the pull
    // stores the close till 1 made a moment earlier (older clock, so newer `updatedAt` says nothing).
    const mine = closeOrder(paid, ctx(T + 12, 'bt-3'));
    const theirs = closeOrder(paid, ctx(T + 11, 'bt-1'));
    await db.orders.upsert(theirs);

    await expect(orders.save(mine)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('statusHistory') });
    expect(await orders.get(paid.id)).toEqual(theirs);
    // What the till would otherwise have pushed over the copy it assumed: refused by the server for ever.
    expect(frozenOrderViolation(theirs, mine)).toMatch(/statusHistory/);
  });

  it('is refused when it would drop a payment or units another till added meanwhile', async () => {
    db = await openFakeTillDatabase(`stale-${Math.random()}`);
    const orders = orderRepository(db.orders);
    const open = orderDocSchema.parse(sampleOrder('o-1', { updatedAt: T, createdAt: T }));
    await orders.save(open);
    const theirs = addPayment(open, { method: 'card', amount: 1000, reference: 'ref-2' }, ctx(T + 1, 'bt-1'), { tillId: 'bt-1' });
    await db.orders.upsert(theirs);
    const mine = updateOrderDetails(open, { customerName: 'Ana' }, ctx(T + 2, 'bt-3'));
    await expect(orders.save(mine)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('payments') });

    const grown = orderDocSchema.parse(sampleOrder('o-2', { updatedAt: T + 1, createdAt: T, quantity: 3 }));
    await orders.save(orderDocSchema.parse(sampleOrder('o-2', { updatedAt: T, createdAt: T })));
    await db.orders.upsert(grown);
    const stale = orderDocSchema.parse(sampleOrder('o-2', { updatedAt: T + 2, createdAt: T, notes: 'stale' }));
    await expect(orders.save(stale)).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining('units of line') });
  });

  it('saves what is computed from the stored version: details edited, a line voided, the order closed', async () => {
    db = await openFakeTillDatabase(`stale-${Math.random()}`);
    const orders = orderRepository(db.orders);
    const open = orderDocSchema.parse(sampleOrder('o-3', { updatedAt: T, createdAt: T }));
    await orders.save(open);
    const named = await orders.save(updateOrderDetails(open, { customerName: 'Ana' }, ctx(T + 1, 'bt-3')));
    const voided = await orders.save(
      voidLine(named, { lineId: 'o-3-l1', quantity: 1, reason: 'spilt', approvedBy: 'manager-1' }, ctx(T + 2, 'bt-3')),
    );
    const paid = await orders.save(addPayment(voided, { method: 'card', reference: 'ref-3' }, ctx(T + 3, 'bt-3'), { tillId: 'bt-3' }));
    await orders.save(closeOrder(paid, ctx(T + 4, 'bt-3')));
    expect((await orders.get('o-3'))?.status).toBe('closed');
  });
});
