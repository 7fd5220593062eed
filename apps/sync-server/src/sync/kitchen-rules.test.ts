import {
  addPayment,
  bumpTicket,
  markServed,
  orderDocSchema,
  sendToKitchen,
  stationTickets,
  type OrderContext,
  type OrderDoc,
} from '@comanda/core';
import type { PushRow, WireDocument } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, deviceClient, httpStatusOf, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { createPairingCode, pairTill, type TestServer } from '../testing/index';

const wire = (order: OrderDoc): WireDocument => ({ ...order, _deleted: false });

describe.each(ENGINES)('kitchen screens (%s)', (engine) => {
  let server: TestServer;
  let paris: string;
  let till: Client;
  let grillScreen: Client;
  let expo: Client;
  let n = 0;
  const newId = () =>
    `0197${String(++n).padStart(4, '0')}-0000-7000-8000-${engine.slice(0, 1)}00000000000`;
  const ctx = (by = 'staff-1'): OrderContext => ({ at: 1_790_000_100_000 + n * 1000, by, newId });

  const push = (client: Client, rows: PushRow[], collection = 'orders') =>
    client.sync.push.mutate({ collection, rows }).then(
      (conflicts) => ({ status: 200, message: '', conflicts }),
      (error: unknown) => ({ status: httpStatusOf(error), message: String(error), conflicts: [] }),
    );
  const update = (client: Client, from: OrderDoc, to: OrderDoc) =>
    push(client, [{ assumedMasterState: wire(from), newDocumentState: wire(to) }]);

  async function pairKitchen(name: string, stations?: string[]): Promise<Client> {
    const { code } = await createPairingCode(server.server, server.demo.orgId, paris);
    const anon = createClient(server.trpcUrl);
    const credential = await anon.auth.pair.mutate({
      code,
      deviceName: name,
      kind: 'kitchen',
      ...(stations ? { stations } : {}),
    });
    return (await deviceClient(server.trpcUrl, credential)).client;
  }

  /** A takeaway sent to the grill and the kitchen, stored by the till. */
  async function sentOrder(): Promise<OrderDoc> {
    const draft = orderDocSchema.parse(orderDoc({ id: newId(), branchId: paris, lines: 2 }));
    const order = sendToKitchen(
      { ...draft, lines: draft.lines.map((l, i) => (i === 0 ? { ...l, stationId: 'grill' } : l)) },
      ctx(),
    );
    expect(
      (await push(till, [{ assumedMasterState: null, newDocumentState: wire(order) }])).status,
    ).toBe(200);
    return order;
  }
  const ticketOf = (order: OrderDoc, station: string) =>
    stationTickets(order).find((t) => t.stationId === station)!;

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = ''] = server.demo.branchIds;
    till = (
      await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, paris))
    ).client;
    grillScreen = await pairKitchen('Grill screen', ['grill']);
    expo = await pairKitchen('Expo');
  });
  afterAll(() => server?.close());

  it('a kitchen screen bumps tickets of its station; a stale bump merges with another screen’s', async () => {
    const order = await sentOrder();
    const byGrill = bumpTicket(order, ticketOf(order, 'grill'), ctx('dev-grill'));
    const byExpo = bumpTicket(order, ticketOf(order, 'kitchen'), ctx('dev-expo'), 'ready');
    const first = await update(grillScreen, order, byGrill);
    expect(first.message).toBe('');
    // The expo screen had not seen the grill's bump: its push is joined with the server's copy.
    const stale = await update(expo, order, byExpo);
    expect(stale.status).toBe(200);
    const { documents } = await till.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 100,
    });
    const stored = orderDocSchema.parse(documents.find((d) => d.id === order.id));
    expect(stationTickets(stored).map((t) => [t.stationId, t.status])).toEqual([
      ['grill', 'preparing'],
      ['kitchen', 'ready'],
    ]);
  });

  it('refuses anything but new bumps of its stations, with the reason', async () => {
    const order = await sentOrder();
    const bumped = bumpTicket(order, ticketOf(order, 'grill'), ctx());
    const cases: [string, Promise<{ status: number | undefined; message: string }>, RegExp][] = [
      [
        'edit',
        update(grillScreen, order, { ...bumped, notes: 'extra' }),
        /may only bump tickets; "notes" changed/,
      ],
      [
        'other station',
        update(grillScreen, order, bumpTicket(order, ticketOf(order, 'kitchen'), ctx())),
        /shows grill; it cannot bump a ticket of kitchen/,
      ],
      [
        'create',
        push(grillScreen, [{ assumedMasterState: null, newDocumentState: wire(bumped) }]),
        /cannot create order/,
      ],
      ['other collection', push(grillScreen, [], 'shifts'), /cannot write "shifts"/],
    ];
    for (const [what, result, message] of cases) {
      const { status, message: got } = await result;
      expect({ what, status }).toEqual({ what, status: 403 });
      expect(got).toMatch(message);
    }
    expect((await update(grillScreen, order, bumped)).status).toBe(200);
    // Removing a bump (rewriting history) is refused too.
    expect((await update(grillScreen, bumped, order)).message).toMatch(/can only be added/);
  });

  it('a till marks a paid order served; bumps of a frozen order are never dropped', async () => {
    const order = await sentOrder();
    const paid = addPayment(order, { method: 'card', reference: 'AUTH' }, ctx());
    expect((await update(till, order, paid)).status).toBe(200);
    const served = markServed(paid, ctx());
    expect((await update(till, paid, served)).status).toBe(200);
    const rewritten = await update(till, served, {
      ...served,
      kitchenBumps: [],
      updatedAt: served.updatedAt + 1,
    });
    // Dropping the bumps is no append: they stay, and the till gets the server's copy (decision
    // 0023: a write lacking what it assumed is answered with the join, never refused for ever).
    expect(rewritten).toMatchObject({
      status: 200,
      conflicts: [{ kitchenBumps: served.kitchenBumps, updatedAt: served.updatedAt + 1 }],
    });
  });

  it('pairing for stations is only for a kitchen screen', async () => {
    const { code } = await createPairingCode(server.server, server.demo.orgId, paris);
    const refused = await createClient(server.trpcUrl)
      .auth.pair.mutate({ code, deviceName: 'Till', kind: 'till', stations: ['grill'] })
      .then(
        () => 200,
        (error: unknown) => httpStatusOf(error),
      );
    expect(refused).toBe(400);
  });
});
