import fc from 'fast-check';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertBranch } from '../db/branches';
import { openDatabase, type Database } from '../db/database';
import { ensureOrg } from '../db/orgs';
import { withTransaction } from '../db/tx';
import { applyWrites, type WireDocument } from '../sync/documents';
import { writeRow } from '../sync/rules';
import { historyMenu, playOrder, type OrderSpec } from '../testing/order-history';
import { startPostgres, type TestPostgres } from '../testing/postgres';
import { rollupPeriods } from './rollups';
import { REPORT_DIMENSIONS, salesReport, salesReportByScan } from './sales';

const menu = historyMenu();
// Whole March (month rollups) and days around it (day rollups).
const DAYS = ['2026-02-28', '2026-03-01', '2026-03-29', '2026-03-30', '2026-03-31', '2026-04-01'];
// Paris changes to summer time on 2026-03-29; Kolkata is UTC+05:30 (hours are not whole UTC hours).
const ZONES = ['Europe/Paris', 'Asia/Kolkata', 'America/New_York'];
const BRANCHES = ['b-1', 'b-2'];
const method = fc.constantFrom<'cash' | 'card' | 'other'>('cash', 'card', 'other');

const specFields = fc.record({
  takeaway: fc.boolean(),
  lines: fc.array(
    fc.record({
      item: fc.nat(200),
      quantity: fc.integer({ min: 1, max: 4 }),
      option: fc.nat(5),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  voidUnit: fc.option(fc.nat(4), { nil: null }),
  discount: fc.option(
    fc.oneof(
      fc.record({ percent: fc.integer({ min: 1, max: 5000 }) }),
      fc.record({ amount: fc.integer({ min: 1, max: 800 }), line: fc.nat(4) }),
    ),
    { nil: null },
  ),
  fate: fc.constantFrom<OrderSpec['fate']>('paid', 'paid', 'voided', 'open'),
  pays: fc.array(fc.record({ method, part: fc.integer({ min: 1, max: 6000 }), tip: fc.nat(300) }), {
    maxLength: 3,
  }),
  refunds: fc.array(
    fc.oneof(
      fc.record({ line: fc.nat(4), quantity: fc.integer({ min: 1, max: 3 }), method }),
      fc.record({ amount: fc.integer({ min: 1, max: 4000 }), method }),
    ),
    { maxLength: 2 },
  ),
  staff: fc.constantFrom('staff-a', 'staff-b', 'staff-c'),
  day: fc.nat(DAYS.length - 1),
  // Minutes after 06:00 UTC of the day: orders cross midnight and the DST change in some zones.
  minute: fc.nat(22 * 60),
});

/** A history step: write an order (new or a new version), delete it, push a stale version, or move a branch's zone. */
const step = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('write'),
      order: fc.nat(7),
      spec: specFields,
      branch: fc.nat(1),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete'), order: fc.nat(7) }) },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('stale'), order: fc.nat(7), spec: specFields }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('zone'),
      branch: fc.nat(1),
      zone: fc.nat(ZONES.length - 1),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('report'), from: fc.nat(3), span: fc.nat(5) }),
  },
);

type Fields = typeof specFields extends fc.Arbitrary<infer T> ? T : never;

function toSpec(id: string, branchId: string, f: Fields, ticket: number): OrderSpec {
  const day = DAYS[f.day]!;
  return {
    id,
    branchId,
    tillId: 'till-1',
    businessDay: day,
    ticketNumber: ticket,
    openedAt: Date.parse(`${day}T06:00:00Z`) + f.minute * 60_000,
    staffId: f.staff,
    takeaway: f.takeaway,
    lines: f.lines,
    voidUnit: f.voidUnit,
    discount: f.discount,
    fate: f.fate,
    pays: f.pays,
    refunds: f.refunds,
  };
}

async function write(
  db: Database,
  orgId: string,
  assumed: WireDocument | null,
  next: WireDocument,
) {
  await withTransaction(db.pool, (tx) =>
    applyWrites(
      tx,
      { orgId, branchId: null },
      'orders',
      [writeRow('orders', assumed, next)],
      () => {},
    ),
  );
}

/** Every report through the rollups equals the full scan, for every dimension, branch subset and range. */
async function expectSameReports(
  db: Database,
  orgId: string,
  from: string,
  to: string,
  branches = BRANCHES,
) {
  for (const branchIds of [branches, ...branches.map((b) => [b])]) {
    for (const by of REPORT_DIMENSIONS) {
      const range = { orgId, branchIds, from, to };
      const fast = await salesReport(db.pool, range, by);
      const naive = await salesReportByScan(db.pool, range, by);
      expect({ by, branchIds, from, to, rows: fast }).toEqual({
        by,
        branchIds,
        from,
        to,
        rows: naive,
      });
    }
  }
}

let run = 0;

async function playHistory(db: Database, steps: readonly unknown[]) {
  const orgId = `org-prop-${++run}`;
  await ensureOrg(db.pool, { id: orgId, name: 'Prop' });
  for (const [i, b] of BRANCHES.entries()) {
    await upsertBranch(db.pool, orgId, { id: b, name: b, timeZone: ZONES[i]! });
  }
  const masters = new Map<string, WireDocument>();
  let ticket = 0;
  for (const raw of steps) {
    const s = raw as {
      kind: string;
      order?: number;
      spec?: Fields;
      branch?: number;
      zone?: number;
      from?: number;
      span?: number;
    };
    const id = `order-${s.order ?? 0}`;
    const master = masters.get(id) ?? null;
    if (s.kind === 'write' && s.spec) {
      // A new version keeps the order's branch (an order never moves); a new order takes the step's.
      const branchId = master ? String(master.branchId) : BRANCHES[s.branch ?? 0]!;
      const next = { ...playOrder(toSpec(id, branchId, s.spec, ++ticket), menu), _deleted: false };
      await write(db, orgId, master, next);
      masters.set(id, next);
    } else if (s.kind === 'delete' && master) {
      const next = { ...master, _deleted: true };
      await write(db, orgId, master, next);
      masters.set(id, next);
    } else if (s.kind === 'stale' && master && s.spec) {
      // A till that missed the latest version: a conflict, nothing written, rollups unchanged.
      const stale = {
        ...playOrder(toSpec(id, String(master.branchId), s.spec, ++ticket), menu),
        _deleted: false,
      };
      await write(db, orgId, { ...stale, notes: 'not the master' }, stale);
    } else if (s.kind === 'zone') {
      const b = BRANCHES[s.branch ?? 0]!;
      await upsertBranch(db.pool, orgId, { id: b, name: b, timeZone: ZONES[s.zone ?? 0]! });
    } else if (s.kind === 'report') {
      const from = DAYS[s.from ?? 0]!;
      const to = DAYS[Math.min(DAYS.length - 1, (s.from ?? 0) + (s.span ?? 0))]!;
      await expectSameReports(db, orgId, from, to);
    }
  }
  await expectSameReports(db, orgId, DAYS[0]!, DAYS.at(-1)!);
  return orgId;
}

describe('rollup periods', () => {
  const day = fc
    .integer({ min: Date.parse('2024-01-01'), max: Date.parse('2027-12-31') })
    .map((t) => new Date(t - (t % 86_400_000)).toISOString().slice(0, 10));
  it('property: the whole months and the days around them cover the range exactly, each day once', () => {
    fc.assert(
      fc.property(day, fc.nat(500), (from, span) => {
        const to = new Date(Date.parse(from) + span * 86_400_000).toISOString().slice(0, 10);
        const [m1, m2, a1, a2, b1, b2] = rollupPeriods(from, to);
        const covered: string[] = [];
        const end = Date.parse(to) + 40 * 86_400_000;
        for (let t = Date.parse(from) - 40 * 86_400_000; t <= end; t += 86_400_000) {
          const d = new Date(t).toISOString().slice(0, 10);
          const n =
            Number(d.slice(0, 7) >= m1! && d.slice(0, 7) <= m2!) +
            Number(d >= a1! && d <= a2!) +
            Number(d >= b1! && d <= b2!);
          if (n > 1) throw new Error(`${d} counted ${n} times`);
          if (n === 1) covered.push(d);
        }
        expect(covered[0]).toBe(from);
        expect(covered.at(-1)).toBe(to);
        expect(covered).toHaveLength(span + 1);
      }),
      { numRuns: 200 },
    );
  });
});

describe.each(['pglite', 'postgres'] as const)('report rollups are exact (%s)', (engine) => {
  let db: Database;
  let postgres: TestPostgres | null = null;

  beforeAll(async () => {
    postgres = engine === 'postgres' ? await startPostgres() : null;
    db = await openDatabase({
      databaseUrl: postgres?.url,
      dataDir: 'memory://',
      logger: pino({ level: 'silent' }),
    });
  }, 120_000);

  afterAll(async () => {
    await db?.close();
    await postgres?.destroy();
  });

  it('property: random histories (edits, refunds, voids, deletes, stale re-pushes, zone changes) give every report the full scan gives, to the cent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 16 }), async (steps) => {
        await playHistory(db, steps);
      }),
      { numRuns: 15 },
    );
  }, 300_000);

  it('a write skipped while the zone changed is counted even when the zone is set back', async () => {
    const orgId = `org-zone-${++run}`;
    await ensureOrg(db.pool, { id: orgId, name: 'Zone' });
    const branch = (timeZone: string) =>
      upsertBranch(db.pool, orgId, { id: 'b-1', name: 'b', timeZone });
    await branch('Europe/Paris');
    const fields = fc.sample(specFields, { numRuns: 1, seed: 3 })[0]!;
    const paid = { ...fields, fate: 'paid' as const, refunds: [] };
    const v1 = { ...playOrder(toSpec('o-1', 'b-1', paid, 1), menu), _deleted: false };
    await write(db, orgId, null, v1);
    await expectSameReports(db, orgId, DAYS[0]!, DAYS.at(-1)!, ['b-1']);
    await branch('Asia/Kolkata');
    const v2 = {
      ...playOrder(toSpec('o-1', 'b-1', { ...paid, day: 4 }, 2), menu),
      _deleted: false,
    };
    await write(db, orgId, v1, v2);
    await branch('Europe/Paris');
    await expectSameReports(db, orgId, DAYS[0]!, DAYS.at(-1)!, ['b-1']);
  });

  it('a branch whose rollups were never built (data from before the migration) is backfilled exactly', async () => {
    const steps = fc.sample(fc.array(step, { minLength: 10, maxLength: 10 }), {
      numRuns: 1,
      seed: 7,
    })[0]!;
    const orgId = await playHistory(db, steps);
    await db.pool.query('DELETE FROM report_rollups WHERE org_id = $1', [orgId]);
    await db.pool.query('DELETE FROM report_rollup_state WHERE org_id = $1', [orgId]);
    await expectSameReports(db, orgId, DAYS[0]!, DAYS.at(-1)!);
    const { rows } = await db.pool.query(
      'SELECT count(*)::int AS n FROM report_rollup_state WHERE org_id = $1',
      [orgId],
    );
    expect(rows[0]).toEqual({ n: 2 });
  }, 120_000);
});
