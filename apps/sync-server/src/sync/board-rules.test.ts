import { orderDocSchema, sendToKitchen, type OrderContext, type OrderDoc } from '@comanda/core';
import type { WireDocument } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, deviceClient, httpStatusOf, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { createPairingCode, pairTill, type TestServer } from '../testing/index';

const wire = (order: OrderDoc): WireDocument => ({ ...order, _deleted: false });
const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => ({ status: 200, message: '' }),
    (error: unknown) => ({ status: httpStatusOf(error), message: String(error) }),
  );

describe.each(ENGINES)('ready boards (%s)', (engine) => {
  let server: TestServer;
  let paris: string;
  let lyon: string;
  let till: Client;
  let lyonTill: Client;
  let board: Client;
  let n = 0;
  const newId = () =>
    `0198${String(++n).padStart(4, '0')}-0000-7000-8000-${engine.slice(0, 1)}00000000000`;
  const ctx = (): OrderContext => ({ at: 1_790_000_100_000 + n * 1000, by: 'staff-1', newId });

  async function sentOrder(client: Client, branchId: string): Promise<OrderDoc> {
    const order = sendToKitchen(
      orderDocSchema.parse(orderDoc({ id: newId(), branchId, lines: 1 })),
      ctx(),
    );
    await client.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: wire(order) }],
    });
    return order;
  }

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = '', lyon = ''] = server.demo.branchIds;
    const pair = async (branchId: string) =>
      (
        await deviceClient(
          server.trpcUrl,
          await pairTill(server.server, server.demo.orgId, branchId),
        )
      ).client;
    till = await pair(paris);
    lyonTill = await pair(lyon);
    const { code } = await createPairingCode(server.server, server.demo.orgId, paris);
    const credential = await createClient(server.trpcUrl).auth.pair.mutate({
      code,
      deviceName: 'Counter TV',
      kind: 'board',
    });
    board = (await deviceClient(server.trpcUrl, credential)).client;
  });
  afterAll(() => server?.close());

  it('pairs by code and pulls only its branch’s orders', async () => {
    const mine = await sentOrder(till, paris);
    const theirs = await sentOrder(lyonTill, lyon);
    const page = await board.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 100,
    });
    const ids = page.documents.map((d) => d.id);
    expect(ids).toContain(mine.id);
    expect(ids).not.toContain(theirs.id);
  });

  it('reads nothing but orders and its branch', async () => {
    for (const collection of ['staff', 'menu']) {
      const pulled = await failure(
        board.sync.pull.query({ collection, checkpoint: null, limit: 10 }),
      );
      expect(pulled.status).toBe(403);
      expect(pulled.message).toContain('only reads the branch’s orders');
    }
  });

  it('every push is refused with 403 and a clear message, even of its branch’s order', async () => {
    const order = await sentOrder(till, paris);
    const served = { ...order, updatedAt: order.updatedAt + 1 };
    const pushed = await failure(
      board.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: wire(order), newDocumentState: wire(served) }],
      }),
    );
    expect(pushed).toEqual({ status: 403, message: expect.stringContaining('cannot push') });
    const created = await failure(
      board.sync.push.mutate({
        collection: 'orders',
        rows: [
          {
            assumedMasterState: null,
            newDocumentState: wire(
              orderDocSchema.parse(orderDoc({ id: newId(), branchId: paris, lines: 1 })),
            ),
          },
        ],
      }),
    );
    expect(created.status).toBe(403);
    expect(
      (await failure(board.sync.presence.mutate({ orderId: null, staffName: null }))).status,
    ).toBe(403);
  });
});
