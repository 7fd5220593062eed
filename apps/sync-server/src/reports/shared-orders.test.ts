import { buildZReport, orderDocSchema, shiftDocSchema } from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownerClient, type Client } from '../testing/client';
import { closedShiftDoc, orderDoc } from '../testing/docs';
import { pairedTillClient, startTestServer, type TestServer } from '../testing/index';

/**
 * Tills share their branch's orders: a table opened on till A can be paid on till B. A shift's
 * report counts money (payments, refunds, cash) by the records carrying its shift id and sales by
 * the orders opened in it (docs/reports.md), so the server's Z report of B's shift holds B's
 * payment on A's order, and equals what till B computes from the orders it holds.
 */
describe('Z reports when one till pays an order another till opened', () => {
  let server: TestServer;
  let paris: string;
  let tillA: Client;
  let tillB: Client;

  beforeAll(async () => {
    server = await startTestServer();
    paris = server.demo.branchIds[0] ?? '';
    const till = (name: string) => pairedTillClient(server, paris, name);
    tillA = await till('A');
    tillB = await till('B');
  });
  afterAll(() => server?.close());

  it("counts B's payment in B's shift and A's sale in A's shift, as each till computes them", async () => {
    const shiftA = closedShiftDoc('shift-a', paris, 'till-a');
    const shiftB = closedShiftDoc('shift-b', paris, 'till-b');
    const opened = orderDoc({
      id: 'shared-1',
      branchId: paris,
      tillId: 'till-a',
      shiftId: 'shift-a',
      lines: 2,
    });
    const paidByA = orderDoc({
      id: 'shared-1',
      branchId: paris,
      tillId: 'till-a',
      shiftId: 'shift-a',
      lines: 2,
      paid: true,
      updatedAt: opened.updatedAt + 1,
    });
    // The payment is B's: its till and shift.
    const payments = (paidByA.payments as Record<string, unknown>[]).map((p) => ({
      ...p,
      tillId: 'till-b',
      shiftId: 'shift-b',
    }));
    const paidByB = { ...paidByA, payments };
    const push = (
      client: Client,
      collection: 'orders' | 'shifts',
      assumed: unknown,
      next: unknown,
    ) =>
      client.sync.push.mutate({
        collection,
        rows: [{ assumedMasterState: assumed as never, newDocumentState: next as never }],
      });
    expect(await push(tillA, 'orders', null, opened)).toEqual([]);
    expect(await push(tillB, 'orders', opened, paidByB)).toEqual([]);
    expect(await push(tillA, 'shifts', null, shiftA)).toEqual([]);
    expect(await push(tillB, 'shifts', null, shiftB)).toEqual([]);

    const { client: owner } = await ownerClient(
      server.trpcUrl,
      server.demo.owner.email,
      server.demo.owner.password,
    );
    const reports = await owner.reports.zReports.query({
      range: { branchId: paris, from: '2026-11-23', to: '2026-11-23' },
    });
    const a = reports.find((r) => r.shiftId === 'shift-a');
    const b = reports.find((r) => r.shiftId === 'shift-b');
    const total = (paidByA.totals as { total: number }).total;
    expect(b?.paymentsTotal).toBe(total);
    expect(a?.paymentsTotal).toBe(0);
    expect(a?.orderCount).toBe(1);
    expect(b?.orderCount).toBe(0);

    // Each till holds every order of the branch and builds its Z with the same core function.
    const held = [orderDocSchema.parse(paidByB)];
    expect(b).toEqual(buildZReport(shiftDocSchema.parse(shiftB), held));
    expect(a).toEqual(buildZReport(shiftDocSchema.parse(shiftA), held));
  });
});
