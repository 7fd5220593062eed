import { beforeEach, describe, expect, it } from 'vitest';
import { createTillFixture, type TillFixture } from '../testing/till-fixture';
import { createOrderStore, type OrderStore } from './order-store';

let f: TillFixture;
let store: OrderStore;

beforeEach(async () => {
  f = await createTillFixture();
  store = createOrderStore(f.deps);
});

async function sentSteakAndEspresso() {
  await store.getState().newOrder({ type: 'dineIn', table: '4', covers: 2 });
  await store.getState().addItem(f.item('entrecote'), f.menu.modifierGroups, [
    { groupId: 'doneness', optionId: 'saignant' },
    { groupId: 'side', optionId: 'frites' },
  ]);
  await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
  await store.getState().send();
}

const openTabIds = () => {
  let ids: string[] = [];
  f.ports.orders.subscribeOpen((orders) => {
    ids = orders.map((o) => o.id);
  })();
  return ids;
};

describe('void a whole order', () => {
  it('asks for a manager once the kitchen has it, then stores it voided with VOID tickets and an audit event', async () => {
    await sentSteakAndEspresso();
    const id = store.getState().order!.id;
    expect(openTabIds()).toEqual([id]);

    await store.getState().voidOrder('customer left');
    expect(store.getState().pendingApproval?.action).toBe('voidOrder');
    expect(f.ports.state.orders.get(id)!.status).toBe('sent');

    await store.getState().pendingApproval!.run(f.manager.id);
    const stored = f.ports.state.orders.get(id)!;
    expect(stored.status).toBe('voided');
    expect(stored.voidReason).toBe('customer left');
    const voidRequest = stored.printRequests.at(-1)!;
    expect(voidRequest.kind).toBe('void');
    expect(voidRequest.tickets.map((t) => [t.kind, t.stationId])).toEqual([
      ['void', 'grill'],
      ['void', 'bar'],
    ]);
    expect(store.getState().saveState).toBe('saved');
    expect(openTabIds()).toEqual([]);
    expect(await f.ports.orders.list({ status: ['voided'] })).toHaveLength(1);
    expect(f.ports.state.audit.at(-1)).toMatchObject({
      type: 'order.voided',
      approvedBy: f.manager.id,
      staffId: f.cashier.id,
      subjectId: id,
      details: { reason: 'customer left', total: 2900, sentToKitchen: true },
    });
  });

  it('voids an unsent order without a manager and prints nothing', async () => {
    await store.getState().newOrder({ type: 'takeaway' });
    await store.getState().addItem(f.item('espresso'), f.menu.modifierGroups);
    await store.getState().voidOrder('rang up by mistake');
    expect(store.getState().pendingApproval).toBeNull();
    const stored = f.ports.state.orders.get(store.getState().order!.id)!;
    expect(stored.status).toBe('voided');
    expect(stored.printRequests).toEqual([]);
    expect(f.ports.state.audit.at(-1)).toMatchObject({ type: 'order.voided', approvedBy: null, details: { sentToKitchen: false } });
  });

  it('refuses to void an order with a payment and says to refund instead', async () => {
    await sentSteakAndEspresso();
    await store.getState().pay({ method: 'card', amount: 1000, reference: 'A1' });
    await store.getState().voidOrder('changed mind');
    await store.getState().pendingApproval?.run(f.manager.id);
    expect(store.getState().actionError).toMatch(/refund/);
    expect(f.ports.state.orders.get(store.getState().order!.id)!.status).toBe('sent');
    expect(f.ports.state.audit.some((e) => e.type === 'order.voided')).toBe(false);
  });
});

describe('bill and kitchen reprints', () => {
  it('prints the bill before payment; a second bill is audited as a reprint', async () => {
    await sentSteakAndEspresso();
    await store.getState().printBill();
    const first = f.ports.state.orders.get(store.getState().order!.id)!.printRequests.at(-1)!;
    expect(first.kind).toBe('bill');
    expect(f.ports.state.audit.filter((e) => e.type === 'order.reprint')).toHaveLength(0);
    await store.getState().printBill();
    const stored = f.ports.state.orders.get(store.getState().order!.id)!;
    expect(stored.printRequests.filter((r) => r.kind === 'bill')).toHaveLength(2);
    expect(f.ports.state.audit.at(-1)).toMatchObject({ type: 'order.reprint', details: { kind: 'bill' } });
  });

  it('reprints the last grill ticket only, marked as a reprint, and audits it', async () => {
    await sentSteakAndEspresso();
    const send = store.getState().order!.printRequests[0]!;
    await store.getState().reprintKitchen('grill');
    const stored = f.ports.state.orders.get(store.getState().order!.id)!;
    const reprint = stored.printRequests.at(-1)!;
    expect(reprint).toMatchObject({ kind: 'reprint', reprintOf: send.id });
    expect(reprint.tickets.map((t) => [t.stationId, t.reprint])).toEqual([['grill', true]]);
    expect(f.ports.state.audit.at(-1)).toMatchObject({
      type: 'order.reprint',
      subjectId: stored.id,
      details: { requestId: send.id, kind: 'kitchen', stationId: 'grill' },
    });
  });
});
