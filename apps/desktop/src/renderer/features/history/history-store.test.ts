import { describe, expect, it } from 'vitest';
import { createOrderStore } from '../order-entry/order-store';
import { createTillFixture } from '../testing/till-fixture';
import { createHistoryStore } from './history-store';

describe('history store', () => {
  it('searches by item or table and filters by status', async () => {
    const f = await createTillFixture();
    const orders = createOrderStore(f.deps);
    await orders.getState().newOrder({ type: 'dineIn', table: '9', covers: 2 });
    await orders.getState().addItem(f.menu.items['espresso']!, f.menu.modifierGroups);
    await orders.getState().pay({ method: 'cash', tendered: 250 });
    f.ports.advance(60_000);
    await orders.getState().newOrder({ type: 'takeaway', customerName: 'Ada' });
    await orders.getState().addItem(f.menu.items['tarte-tatin']!, f.menu.modifierGroups);

    const history = createHistoryStore(f.ports, () => 0);
    await history.getState().search();
    expect(history.getState().results.map((o) => o.ticketNumber)).toEqual([2, 1]);
    history.getState().setFilter('paid');
    await history.getState().search();
    expect(history.getState().results.map((o) => o.ticketNumber)).toEqual([1]);
    history.getState().setFilter('all');
    history.getState().setText('tatin');
    await history.getState().search();
    expect(history.getState().results.map((o) => o.customerName)).toEqual(['Ada']);
    history.getState().setText('9');
    await history.getState().search();
    expect(history.getState().results.map((o) => o.table)).toEqual(['9']);
  });
});
