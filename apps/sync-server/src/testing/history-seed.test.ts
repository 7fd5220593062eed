import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db/database';
import { REPORT_DIMENSIONS, salesReport, salesReportByScan } from '../reports/sales';
import { seedHistory, stampOrder } from './history-seed';
import { historyMenu, playOrder, type OrderSpec } from './order-history';

const spec: OrderSpec = {
  id: '~id~',
  branchId: '~branch~',
  tillId: '~till~',
  businessDay: '2000-01-01',
  ticketNumber: 42, // the table number derives from it
  openedAt: Date.parse('2000-01-01T00:00:00Z'),
  staffId: '~staff~',
  takeaway: false,
  lines: [
    { item: 3, quantity: 2, option: 1 },
    { item: 17, quantity: 1, option: 0 },
  ],
  voidUnit: 0,
  discount: { percent: 1000 },
  fate: 'paid',
  pays: [{ method: 'cash', part: 700, tip: 0 }],
  refunds: [{ line: 1, quantity: 1, method: 'card' }],
};

describe('history seed', () => {
  let db: Database;
  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://', logger: pino({ level: 'silent' }) });
  });
  afterAll(() => db.close());

  it('a stamped template is the order the core plays with those ids, day and times', () => {
    const menu = historyMenu();
    const stamp = {
      id: 'h-00001',
      branch: 'lyon-2',
      till: 'caisse-1',
      staff: 'staff-paul',
      day: '2026-07-14',
      ticket: 42,
      openedAt: Date.parse('2026-07-14T10:31:00Z'),
    };
    const direct = playOrder(
      {
        ...spec,
        id: stamp.id,
        branchId: stamp.branch,
        tillId: stamp.till,
        staffId: stamp.staff,
        businessDay: stamp.day,
        ticketNumber: stamp.ticket,
        openedAt: stamp.openedAt,
      },
      menu,
    );
    expect(stampOrder(JSON.stringify(playOrder(spec, menu)), stamp)).toEqual(direct);
    expect(direct.refunds).toHaveLength(1);
  });

  it('is deterministic by seed, writes exactly the count asked, and its rollups equal the full scan', async () => {
    const a = await seedHistory(db, {
      orgId: 'org-h1',
      orders: 600,
      days: 9,
      seed: 5,
      batch: 150,
    });
    await seedHistory(db, { orgId: 'org-h2', orders: 600, days: 9, seed: 5, batch: 400 });
    expect(a).toEqual({ orders: 600, firstDay: '2025-12-01', lastDay: '2025-12-09' });
    const docs = async (org: string) =>
      (
        await db.pool.query<{
          id: string;
          data: { status: string; refunds: unknown[]; discount: unknown };
        }>('SELECT id, data FROM documents WHERE org_id = $1 ORDER BY id', [org])
      ).rows;
    const [one, two] = await Promise.all([docs('org-h1'), docs('org-h2')]);
    expect(one).toHaveLength(600);
    expect(two).toEqual(one);
    const statuses = new Set(one.map((r) => r.data.status));
    expect([...statuses].sort()).toEqual(expect.arrayContaining(['open', 'paid', 'voided']));
    expect(one.some((r) => r.data.refunds.length > 0)).toBe(true);
    expect(one.some((r) => r.data.discount !== null)).toBe(true);
    // New branches count their orders on push from the first one: no rebuild waits for a report.
    const state = await db.pool.query<{ branch_id: string }>(
      "SELECT branch_id FROM report_rollup_state WHERE org_id = 'org-h1' ORDER BY branch_id",
    );
    expect(state.rows.map((r) => r.branch_id)).toEqual(['lisbon-1', 'lyon-2', 'paris-11']);
    const range = {
      orgId: 'org-h1',
      branchIds: ['paris-11', 'lyon-2', 'lisbon-1'],
      from: '2025-12-02',
      to: '2025-12-08',
    };
    for (const by of REPORT_DIMENSIONS) {
      expect(await salesReport(db.pool, range, by)).toEqual(
        await salesReportByScan(db.pool, range, by),
      );
    }
    const rates = (await salesReport(db.pool, range, 'taxRate')).map((r) => r.key);
    expect(rates).toEqual(['550', '1000', '2000']);
  }, 120_000);
});
