import { buildZReport, orderDocSchema, shiftDocSchema } from '@comanda/core';
import { previewToText, resolveLayout, shiftReportDocument } from '@comanda/printing/layout';
import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closedShiftDoc, orderDoc } from '../testing/docs';
import {
  failureOf,
  httpStatusOf,
  ownerClient,
  pairedTillClient,
  startTestServer,
  type Client,
  type TestServer,
} from '../testing/index';

/** The Z archive: closed shifts per branch, till and day, each Z equal to the till's own. */
describe('reports.zArchive and reports.zReport', () => {
  let server: TestServer;
  let owner: Client;
  let paris: string;
  const day = '2026-11-23';
  const closer = 'staff-hugo-martin';
  const makeShifts = (paris: string) =>
    ['z-1', 'z-2', 'z-3', 'z-4', 'z-5'].map((id, i) => ({
      ...closedShiftDoc(id, paris, `till-${i % 2}`),
      // Two pairs close at the same instant: ties on the sort key.
      close: {
        ...closedShiftDoc(id, '').close,
        at: 1_790_003_600_000 + Math.floor(i / 2),
        by: closer,
      },
    }));
  const makeOrders = (paris: string) =>
    Array.from({ length: 6 }, (_, i) =>
      orderDoc({
        id: `z-ord-${i}`,
        branchId: paris,
        tillId: `till-${i % 2}`,
        shiftId: `z-${(i % 5) + 1}`,
        ticketNumber: i + 1,
        lines: 1 + i,
        paid: true,
      }),
    );

  let shifts: ReturnType<typeof makeShifts>;
  let orders: ReturnType<typeof makeOrders>;

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    paris = server.demo.branchIds[0]!;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const till = await pairedTillClient(server, paris);
    shifts = makeShifts(paris);
    orders = makeOrders(paris);
    const push = (collection: 'orders' | 'shifts', docs: Record<string, unknown>[]) =>
      till.sync.push.mutate({
        collection,
        rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d as never })),
      });
    expect(await push('orders', orders)).toEqual([]);
    expect(await push('shifts', shifts)).toEqual([]);
  });
  afterAll(() => server?.close());

  const range = () => ({ branchId: paris, from: day, to: day });

  it('lists every closed shift once through pages smaller than the list, ties broken by id', async () => {
    for (const dir of ['asc', 'desc'] as const) {
      const seen: string[] = [];
      for (let offset = 0; offset < 5; offset += 2) {
        const page = await owner.reports.zArchive.query({
          range: range(),
          page: { sort: 'closedAt', dir, offset, size: 2 },
        });
        expect(page.total).toBe(5);
        seen.push(...page.rows.map((r) => r.shiftId));
      }
      expect(seen).toEqual(
        dir === 'asc' ? ['z-1', 'z-2', 'z-3', 'z-4', 'z-5'] : ['z-5', 'z-4', 'z-3', 'z-2', 'z-1'],
      );
    }
    const oneTill = await owner.reports.zArchive.query({
      range: range(),
      tillId: 'till-1',
      page: {},
    });
    expect(oneTill.rows.map((r) => r.shiftId).sort()).toEqual(['z-2', 'z-4']);
    expect(oneTill.rows[0]).toMatchObject({ tillId: 'till-1', businessDay: day, closedBy: closer });
    expect(oneTill.rows[0]?.closedByName).toBeTruthy();
    const empty = await owner.reports.zArchive.query({
      range: { branchId: paris, from: '2026-11-24', to: '2026-11-30' },
      page: {},
    });
    expect(empty).toEqual({ rows: [], total: 0 });
  });

  it("each archived Z equals the till's Z for the same shift to the cent, and prints the same", async () => {
    const held = orders.map((o) => orderDocSchema.parse(o));
    for (const s of shifts) {
      const archived = await owner.reports.zReport.query({ shiftId: s.id });
      if (!archived) throw new Error(`no Z for ${s.id}`);
      const tills = buildZReport(shiftDocSchema.parse(s), held);
      expect(archived.report).toEqual(tills);
      expect(archived.report.grossSales).toBeGreaterThan(0);
      const names = { branch: archived.branch, tillName: s.tillId, by: archived.operatorName };
      const paper = (r: typeof tills) =>
        previewToText(resolveLayout(shiftReportDocument(r, names), 42));
      expect(paper(archived.report)).toEqual(paper(tills));
    }
  });

  it('refuses a bad sort or page size with a 400; another branch or an open shift has no Z', async () => {
    const bad = await failureOf(
      owner.reports.zArchive.query({ range: range(), page: { sort: 'netSales' as 'till' } }),
    );
    expect(httpStatusOf(bad)).toBe(400);
    expect((bad as TRPCClientError<never>).message).toMatch(/closedAt/);
    expect(
      httpStatusOf(
        await failureOf(owner.reports.zArchive.query({ range: range(), page: { size: 500 } })),
      ),
    ).toBe(400);
    expect(await owner.reports.zReport.query({ shiftId: 'no-such-shift' })).toBeNull();
  });
});
