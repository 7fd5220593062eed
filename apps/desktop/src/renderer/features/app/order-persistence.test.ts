import { describe, expect, it } from 'vitest';
import type { PrintJobView, SyncStatus } from '../../till-ports';
import { createOrderStore } from '../order-entry/order-store';
import { createTillFixture } from '../testing/till-fixture';
import { orderPersistence } from './order-persistence';

const sync = (unsynced: string[]): SyncStatus => ({ online: true, paired: true, unsyncedOrderIds: unsynced, pendingCount: unsynced.length, lastSyncAt: null, error: null });
const job = (id: string, state: PrintJobView['state']): PrintJobView => ({
  id, orderId: 'o', requestId: id.split(':')[0]!, target: id.split(':')[1]!, state, attempts: 1, error: null, updatedAt: 0,
});

/** A dine-in order with `items`, sent to the kitchen through the till's order store. */
async function sentOrder(items: string[]) {
  const f = await createTillFixture();
  const store = createOrderStore(f.deps);
  await store.getState().newOrder({ type: 'dineIn', table: '4', covers: 2 });
  for (const id of items) await store.getState().addItem(f.menu.items[id]!, f.menu.modifierGroups);
  await store.getState().send();
  return { f, order: store.getState().order! };
}

describe('orderPersistence', () => {
  it('is synced only when saved and acknowledged, printed only when every expected job printed', async () => {
    const { order } = await sentOrder(['escargots', 'espresso']);
    const request = order.printRequests[0]!;
    const kitchen = `${request.id}:kitchen`;
    const bar = `${request.id}:bar`;

    expect(orderPersistence(order, 'saved', sync([order.id]), [])).toEqual({ saved: 'saved', synced: false, printed: 'printing' });
    expect(orderPersistence(order, 'saving', sync([]), []).synced).toBe(false);
    expect(orderPersistence(order, 'saved', sync([]), [job(kitchen, 'printed')]).printed).toBe('printing');
    expect(orderPersistence(order, 'saved', sync([]), [job(kitchen, 'printed'), job(bar, 'printed')])).toEqual({
      saved: 'saved',
      synced: true,
      printed: 'printed',
    });
    expect(orderPersistence(order, 'saved', sync([]), [job(kitchen, 'printed'), job(bar, 'may-have-printed')]).printed).toBe('may-have-printed');
    expect(orderPersistence(order, 'failed', sync([]), [job(kitchen, 'failed')])).toEqual({ saved: 'failed', synced: false, printed: 'failed' });
  });
});

describe('orderPersistence on a shared order', () => {
  it('waits only for the jobs this till prints (another till prints what it sent)', async () => {
    const { f, order } = await sentOrder(['escargots']);
    const request = order.printRequests[0]!;
    const elsewhere = { ...order, printRequests: [{ ...request, tillId: 'another-till' }] };
    expect(orderPersistence(elsewhere, 'saved', sync([]), [], f.deps.ports.device.tillId).printed).toBe('none');
    expect(orderPersistence(order, 'saved', sync([]), [], f.deps.ports.device.tillId).printed).toBe('printing');
  });
});
