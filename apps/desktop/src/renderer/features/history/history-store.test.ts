import { describe, expect, it, vi } from 'vitest';
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

  it('searches older orders on the server by the typed ticket over 92 days, and adopts one to open it', async () => {
    const f = await createTillFixture();
    const orders = createOrderStore(f.deps);
    await orders.getState().newOrder({ type: 'dineIn', table: '4', covers: 2 });
    await orders.getState().addItem(f.menu.items['espresso']!, f.menu.modifierGroups);
    await orders.getState().pay({ method: 'cash', tendered: 250 });
    // An order the till no longer holds (older than its pull window), as the server has it.
    const old = { ...orders.getState().order!, id: 'old-order', ticketNumber: 12, businessDay: '2026-09-01' };
    const queries: unknown[] = [];
    const ports = {
      ...f.ports,
      orders: {
        ...f.ports.orders,
        searchServer: (query: Parameters<typeof f.ports.orders.searchServer>[0]) => {
          queries.push(query);
          return Promise.resolve([old]);
        },
      },
    };
    const history = createHistoryStore(ports, () => 0);
    history.getState().setText(' A-12 ');
    await history.getState().searchServer('2026-11-23');
    expect(queries).toEqual([{ from: '2026-08-24', to: '2026-11-23', ticket: 'A-12' }]);
    expect(history.getState().serverResults?.map((o) => o.id)).toEqual(['old-order']);
    // Words that are not a ticket search the whole range.
    history.getState().setText('tatin');
    expect(history.getState().serverResults).toBeNull();
    await history.getState().searchServer('2026-11-23');
    expect(queries.at(-1)).toEqual({ from: '2026-08-24', to: '2026-11-23' });

    await history.getState().adopt(old);
    expect(await f.ports.orders.get('old-order')).toEqual(old);
    // Adopting twice keeps the stored version (no conflict, no new version).
    await history.getState().adopt(old);
    expect(f.ports.state.orders.get('old-order')).toEqual(old);
  });

  it('follows the orders stored while it is open: another till\'s order appears, a burst costs one more search', async () => {
    const f = await createTillFixture();
    const orders = createOrderStore(f.deps);
    await orders.getState().newOrder({ type: 'dineIn', table: '3', covers: 2 });
    await orders.getState().addItem(f.menu.items['espresso']!, f.menu.modifierGroups);
    const mine = orders.getState().order!;
    let lists = 0;
    const ports = { ...f.ports, orders: { ...f.ports.orders, list: (q: Parameters<typeof f.ports.orders.list>[0]) => ((lists += 1), f.ports.orders.list(q)) } };
    const history = createHistoryStore(ports, () => 0);
    await history.getState().search();
    expect(history.getState().results.map((o) => o.id)).toEqual([mine.id]);

    const stop = history.getState().follow();
    expect(lists).toBe(1); // following does not search by itself: the screen searched on open
    // Another till's order, as a pull stores it: the open screen shows it without a new search call.
    f.ports.advance(1_000);
    const theirs = { ...mine, id: 'other-till-order', tillId: 'till-b', ticketNumber: 7, createdAt: f.ports.clock.now(), updatedAt: f.ports.clock.now() };
    await f.ports.orders.save(theirs);
    await vi.waitFor(() => expect(history.getState().results.map((o) => o.id)).toEqual(['other-till-order', mine.id]));
    expect(lists).toBe(2);

    // Five orders stored at once (as during a search): one search now, one more after it, not five.
    f.ports.advance(1_000);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        f.ports.orders.save({ ...theirs, id: `burst-${i}`, ticketNumber: 8 + i, createdAt: f.ports.clock.now() + i, updatedAt: f.ports.clock.now() + i }),
      ),
    );
    await vi.waitFor(() => expect(history.getState().results).toHaveLength(7));
    await vi.waitFor(() => expect(history.getState().loading).toBe(false));
    expect(lists).toBe(4);

    // Stopped: later orders wait for the next search.
    stop();
    const before = lists;
    await f.ports.orders.save({ ...theirs, id: 'after-stop', ticketNumber: 20, updatedAt: f.ports.clock.now() + 1 });
    await new Promise((r) => setTimeout(r, 10));
    expect(lists).toBe(before);
    expect(history.getState().results.map((o) => o.id)).not.toContain('after-stop');
  });
});
