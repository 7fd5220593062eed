import { bumpTicket, stationTickets } from '@comanda/core/kitchen';
import { sendToKitchen, type OrderDoc } from '@comanda/core/orders';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEAK, add, newOrder, testContext } from '../../../../packages/core/src/testing/fixtures';
import { ENGINES, startOnEngine } from '../testing/engines';
import { deviceClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { pairTill, type TestServer } from '../testing/index';

const MIN = 60_000;

describe.each(ENGINES)('reports.prepTimes (%s)', (engine) => {
  let server: TestServer & { close(): Promise<void> };
  let owner: Client;
  let paris = '';

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const { client: till } = await deviceClient(
      server.trpcUrl,
      await pairTill(server.server, server.demo.orgId, paris),
    );
    const t = testContext(Date.UTC(2026, 10, 23, 11, 0)); // 12:00 in Paris
    const orders: OrderDoc[] = [10, 20, 40].map((readyAfter, n) => {
      let o = add(
        newOrder(t.ctx, {
          branchId: paris,
          businessDay: '2026-11-23',
          ticketNumber: n + 1,
          type: 'takeaway',
          table: null,
          covers: null,
        }),
        'entrecote',
        t.ctx,
        { selection: STEAK },
      );
      o = sendToKitchen(o, t.ctx, { readyInMinutes: 15 });
      const ticket = stationTickets(o)[0]!;
      return bumpTicket(o, ticket, { ...t.ctx, at: t.ctx.at + readyAfter * MIN }, 'ready');
    });
    await till.sync.push.mutate({
      collection: 'orders',
      rows: orders.map((d) => ({
        assumedMasterState: null,
        newDocumentState: { ...d, _deleted: false },
      })),
    });
  });
  afterAll(() => server?.close());

  const range = { branchId: paris, from: '2026-11-23', to: '2026-11-23' };

  it('reports send → ready per station and hour against the estimate, from the synced bumps', async () => {
    expect(
      await owner.reports.prepTimes.query({ range: { ...range, branchId: paris }, by: 'station' }),
    ).toEqual([
      {
        key: 'grill',
        label: 'grill',
        tickets: 3,
        actualAverage: 23.3,
        actualP90: 40,
        estimated: 3,
        estimateAverage: 15,
        estimateP90: 15,
        averageLateness: 8.3,
      },
    ]);
    const hours = await owner.reports.prepTimes.query({
      range: { ...range, branchId: paris },
      by: 'hour',
    });
    expect(hours.map((h) => [h.key, h.tickets])).toEqual([['12', 3]]);
    const items = await owner.reports.prepTimes.query({
      range: { ...range, branchId: paris },
      by: 'item',
    });
    expect(items.map((h) => [h.key, h.actualP90])).toEqual([['entrecote', 40]]);
  });

  it('refuses a bad dimension or range with a 400', async () => {
    const bad = await owner.reports.prepTimes
      .query({ range: { ...range, branchId: paris }, by: 'table' as 'item' })
      .catch((e: unknown) => e);
    expect(httpStatusOf(bad)).toBe(400);
    const backwards = await owner.reports.prepTimes
      .query({ range: { branchId: paris, from: '2026-11-24', to: '2026-11-01' }, by: 'item' })
      .catch((e: unknown) => e);
    expect(httpStatusOf(backwards)).toBe(400);
  });
});
