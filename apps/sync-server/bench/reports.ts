/**
 * `pnpm --filter @comanda/sync-server bench:reports` (also the second half of `bench`)
 * Seeds one year of history for three branches (default 300,000 orders, deterministic) through the
 * push write path, on PGlite and on a Postgres started here, then times every sales report and the
 * dashboard's queries server-side for a day, a week, a month and the year, for all branches and
 * one: p50/p95 through the rollups next to the full scan of order documents (the definition),
 * measured in the same run. Goal: rollup p95 ≤ 300 ms.
 * Env: BENCH_HISTORY_ORDERS, BENCH_ENGINES (pglite,postgres), BENCH_RUNS (rollup samples per
 * report, default 20), BENCH_NAIVE_RUNS (scan samples per range, default 3; 1 for month and year).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { openDatabase, type Database } from '../src/db/database';
import {
  REPORT_DIMENSIONS,
  salesReport,
  salesReportByScan,
  type ReportDimension,
  type ReportRange,
} from '../src/reports/sales';
import { HISTORY_BRANCHES, seedHistory } from '../src/testing/history-seed';
import { startPostgres } from '../src/testing/postgres';

const ORDERS = Number(process.env.BENCH_HISTORY_ORDERS ?? 300_000);
const ENGINES = (process.env.BENCH_ENGINES ?? 'pglite,postgres').split(',');
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const NAIVE_RUNS = Number(process.env.BENCH_NAIVE_RUNS ?? 3);
const ORG = 'org_history';

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

async function time(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

const ms = (v: number) => `${v.toFixed(1)} ms`.padStart(11);

async function benchEngine(engine: string, db: Database): Promise<void> {
  const started = performance.now();
  let last = 0;
  const seeded = await seedHistory(db, {
    orgId: ORG,
    orders: ORDERS,
    seed: 2026,
    onProgress: (n) => {
      if (n - last >= 50_000 || n === ORDERS) {
        last = n;
        console.log(
          `  [${engine}] seeded ${n} orders, ${((performance.now() - started) / 1000).toFixed(0)} s`,
        );
      }
    },
  });
  const seedSeconds = (performance.now() - started) / 1000;
  console.log(
    `  [${engine}] ${seeded.orders} orders ${seeded.firstDay}…${seeded.lastDay} in ${seedSeconds.toFixed(0)} s (${(seeded.orders / seedSeconds).toFixed(0)} orders/s, rollups included)`,
  );
  const today = seeded.lastDay;
  const ranges: [string, string, number][] = [
    ['day', today, 3],
    ['week', addDays(today, -6), 3],
    ['month', addDays(today, -29), 1],
    ['year', seeded.firstDay, 1],
  ];
  const scopes: [string, string[]][] = [
    ['all branches', HISTORY_BRANCHES.map((b) => b.id)],
    ['one branch', ['paris-11']],
  ];
  console.log(
    `\n  ${engine}: p95 server-side, every report (${REPORT_DIMENSIONS.length} groupings) through the rollups vs the full scan`,
  );
  console.log(
    `  ${'range'.padEnd(7)}${'scope'.padEnd(14)}${'rollups p50'.padStart(12)}${'rollups p95'.padStart(12)}${'worst report'.padStart(14)}${'scan p95'.padStart(12)}${'ratio'.padStart(8)}`,
  );
  for (const [name, from, naiveCap] of ranges) {
    for (const [scope, branchIds] of scopes) {
      const range: ReportRange = { orgId: ORG, branchIds, from, to: today };
      const samples: number[] = [];
      let worst: [ReportDimension, number] = ['item', 0];
      for (const by of REPORT_DIMENSIONS) {
        const mine: number[] = [];
        for (let i = 0; i < RUNS; i++) mine.push(await time(() => salesReport(db.pool, range, by)));
        samples.push(...mine);
        const p95 = percentile(mine, 95);
        if (p95 > worst[1]) worst = [by, p95];
      }
      // The scan costs the same whatever the grouping (it reads and parses every order of the range).
      const naive: number[] = [];
      const naiveRuns = Math.min(NAIVE_RUNS, naiveCap === 1 ? 1 : NAIVE_RUNS);
      for (let i = 0; i < naiveRuns; i++)
        naive.push(await time(() => salesReportByScan(db.pool, range, 'item')));
      const fast = percentile(samples, 95);
      const slow = percentile(naive, 95);
      console.log(
        `  ${name.padEnd(7)}${scope.padEnd(14)}${ms(percentile(samples, 50))} ${ms(fast)} ${worst[0].padStart(13)}${ms(slow)} ${`×${(slow / fast).toFixed(0)}`.padStart(7)}`,
      );
    }
  }
  // The dashboard: today by hour, the same weekday last week by hour, top items, payment mix.
  for (const [scope, branchIds] of scopes) {
    const day = (d: string): ReportRange => ({ orgId: ORG, branchIds, from: d, to: d });
    const weekAgo = addDays(today, -7);
    const dashboard = (report: typeof salesReport) =>
      Promise.all([
        report(db.pool, day(today), 'hour'),
        report(db.pool, day(weekAgo), 'hour'),
        report(db.pool, day(today), 'item'),
        report(db.pool, day(today), 'paymentMethod'),
      ]);
    const fast: number[] = [];
    for (let i = 0; i < RUNS; i++) fast.push(await time(() => dashboard(salesReport)));
    const slow: number[] = [];
    for (let i = 0; i < NAIVE_RUNS; i++) slow.push(await time(() => dashboard(salesReportByScan)));
    console.log(
      `  ${'dashbd'.padEnd(7)}${scope.padEnd(14)}${ms(percentile(fast, 50))} ${ms(percentile(fast, 95))} ${'4 queries'.padStart(13)}${ms(percentile(slow, 95))} ${`×${(percentile(slow, 95) / percentile(fast, 95)).toFixed(0)}`.padStart(7)}`,
    );
  }
}

async function main(): Promise<void> {
  const logger = pino({ level: 'warn' });
  console.log(
    `reports bench: ${ORDERS} orders, ${RUNS} rollup samples per report, scan samples ≤ ${NAIVE_RUNS}`,
  );
  for (const engine of ENGINES) {
    if (engine === 'pglite') {
      const dir = await mkdtemp(join(tmpdir(), 'comanda-bench-reports-'));
      const db = await openDatabase({ dataDir: dir, logger });
      try {
        await benchEngine('pglite', db);
      } finally {
        await db.close();
        await rm(dir, { recursive: true, force: true });
      }
    } else if (engine === 'postgres') {
      const pg = await startPostgres();
      const db = await openDatabase({ databaseUrl: pg.url, dataDir: 'unused', logger });
      try {
        await benchEngine('postgres', db);
      } finally {
        await db.close();
        await pg.destroy();
      }
    } else throw new Error(`unknown engine ${engine}`);
  }
}

await main();
