import { buildZReport, orderDocSchema, refund, shiftDocSchema } from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { closedShiftDoc, orderDoc } from '../testing/docs';
import { pairTill, startTestServer, type TestServer } from '../testing/index';

describe('reports over synced orders', () => {
  let server: TestServer;
  let owner: Client;
  let paris: string;
  let lyon: string;
  const orders: ReturnType<typeof orderDoc>[] = [];
  const refunded = new Map<string, number>();

  beforeAll(async () => {
    server = await startTestServer();
    [paris = '', lyon = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    for (const branchId of [paris, lyon]) {
      const { client: till } = await deviceClient(
        server.trpcUrl,
        await pairTill(server.server, server.demo.orgId, branchId),
      );
      const mine = [1, 2, 3].map((i) =>
        orderDoc({
          id: `0196000${i}-0000-7000-8000-${branchId.padEnd(12, '0').slice(0, 12)}`,
          branchId,
          lines: i + 1,
          paid: true,
          ticketNumber: i,
          shiftId: `shift-${branchId}`,
        }),
      );
      if (branchId === paris) {
        // One unit of the third order's first line is refunded, approved by the branch's manager.
        const manager = server.demo.staff.find(
          (s) => s.role === 'manager' && s.branchIds.includes(paris),
        )!.id;
        const paid = orderDocSchema.parse(mine[2]);
        const back = refund(
          paid,
          {
            lines: [{ lineId: paid.lines[0]!.id, quantity: 1 }],
            method: 'cash',
            reason: 'cold',
            approvedBy: manager,
          },
          { at: paid.updatedAt + 1000, by: 'staff-1', newId: () => `${paid.id}-r` },
        );
        mine[2] = { ...back, _deleted: false };
        refunded.set(paris, back.refunds[0]!.amount);
      }
      mine.push(
        orderDoc({
          id: `01960009-0000-7000-8000-${branchId.padEnd(12, '0').slice(0, 12)}`,
          branchId,
          lines: 2,
        }),
      ); // open: not a sale
      orders.push(...mine);
      await till.sync.push.mutate({
        collection: 'orders',
        rows: mine.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      });
      await till.sync.push.mutate({
        collection: 'shifts',
        rows: [
          {
            assumedMasterState: null,
            newDocumentState: closedShiftDoc(`shift-${branchId}`, branchId),
          },
        ],
      });
    }
  });
  afterAll(() => server?.close());

  const range = (branchId?: string) => ({
    ...(branchId ? { branchId } : {}),
    from: '2026-11-23',
    to: '2026-11-23',
  });
  const paidTotal = (branchId?: string) =>
    orders
      .filter((o) => o.status === 'paid' && (!branchId || o.branchId === branchId))
      .reduce((sum, o) => sum + (o.totals as { total: number }).total, 0);

  it('sales by branch, item, payment method and tax rate add up to the paid orders', async () => {
    const byBranch = await owner.reports.sales.query({ range: range(), by: 'branch' });
    expect(Object.fromEntries(byBranch.map((r) => [r.key, r.gross]))).toEqual({
      [paris]: paidTotal(paris),
      [lyon]: paidTotal(lyon),
    });
    for (const by of ['item', 'category', 'hour', 'paymentMethod'] as const) {
      const rows = await owner.reports.sales.query({ range: range(paris), by });
      expect(rows.reduce((sum, r) => sum + r.gross, 0)).toBe(paidTotal(paris));
    }
    // Tax-rate rows are the Z's: refunds give back the VAT of their rate (docs/reports.md).
    const rates = await owner.reports.sales.query({ range: range(paris), by: 'taxRate' });
    expect(rates.reduce((sum, r) => sum + r.gross, 0)).toBe(
      paidTotal(paris) - refunded.get(paris)!,
    );
    const card = await owner.reports.sales.query({ range: range(), by: 'paymentMethod' });
    expect(card).toEqual([expect.objectContaining({ key: 'card', orders: 6 })]);
    expect(
      await owner.reports.sales.query({
        range: { from: '2026-12-01', to: '2026-12-02' },
        by: 'item',
      }),
    ).toEqual([]);
  });

  it('hours are in the branch time zone', async () => {
    const hours = await owner.reports.sales.query({ range: range(paris), by: 'hour' });
    // 1_790_000_000_000 ms is 2026-09-21T… UTC; Paris is UTC+2 in September.
    const utcHour = new Date(1_790_000_000_000).getUTCHours();
    expect(hours.map((h) => h.key)).toEqual([String((utcHour + 2) % 24).padStart(2, '0')]);
  });

  it('Z reports come from the core for each closed shift', async () => {
    const reports = await owner.reports.zReports.query({ range: range() });
    expect(reports).toHaveLength(2);
    const parisZ = reports.find((r) => r.branchId === paris)!;
    expect(parisZ.kind).toBe('Z');
    expect(parisZ.orderCount).toBe(3);
    expect(parisZ.grossSales).toBe(paidTotal(paris));
    expect(parisZ.refunds.total).toBe(refunded.get(paris));
    expect(parisZ.grossSales - parisZ.discounts.total - parisZ.refunds.total).toBe(parisZ.netSales);
    expect(parisZ.taxTotal + parisZ.netOfTax).toBe(parisZ.netSales);
    // The server's Z is the till's: the core's buildZReport over the same documents.
    const tillZ = buildZReport(
      shiftDocSchema.parse(closedShiftDoc(`shift-${paris}`, paris)),
      orders.filter((o) => o.branchId === paris).map((o) => orderDocSchema.parse(o)),
    );
    expect(parisZ).toEqual(tillZ);
  });

  it('exports CSV, and refuses bad ranges with a clear message', async () => {
    const { csv, filename } = await owner.reports.salesCsv.query({
      range: range(paris),
      by: 'item',
    });
    expect(filename).toBe('sales-item-2026-11-23-2026-11-23.csv');
    const lines = csv.trim().split('\r\n');
    expect(lines[0]).toBe('key,label,quantity,orders,gross,tax,net');
    expect(lines.slice(1).reduce((sum, l) => sum + Number(l.split(',').at(-3)), 0)).toBe(
      paidTotal(paris),
    );
    const error = await owner.reports.sales
      .query({ range: { from: '2026-11-30', to: '2026-11-01' }, by: 'item' })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(400);
    expect(String(error)).toMatch(/from/);
  });
});
