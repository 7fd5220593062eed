/**
 * `pnpm --filter @comanda/sync-server bench`
 * 1. Push throughput: 10,000 orders from one till through tRPC (validation, totals check, CAS,
 *    NOTIFY) vs a raw batched INSERT … ON CONFLICT of the same rows into the same Postgres.
 * 2. Catch-up: one till's 10,000 offline orders pushed as the till sends them, against the
 *    server on Postgres and on PGlite (bench/catch-up.ts), with the ≥ 2,000 docs/s goal.
 * 3. Load: N simulated tills (default 500), each pushing one order every 10 s and holding a live
 *    stream, for a shortened run (default 30 s): push latency p50/p99 and throughput per
 *    instance, server event-loop delay and GC, errors, streamed events. Then 2,000 tills on one
 *    instance, then 1,000 tills over two instances sharing one Postgres (LISTEN/NOTIFY fan-out).
 * The server runs in its own process (`src/main.ts`, as deployed), the tills in another
 * (`bench/load-tills.ts`); this process sets up and reads the metrics.
 * Env: BENCH_ORDERS, BENCH_TILLS, BENCH_SECONDS, BENCH_BIG_TILLS, BENCH_TWO_INSTANCE_TILLS,
 * BENCH_SERVER_NODE_ARGS.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pino from 'pino';
import { createPairingCode, redeemPairingCode } from '../src/auth/devices';
import { seedDemo } from '../src/seed';
import { ChangeHub } from '../src/sync/change-hub';
import { deviceClient } from '../src/testing/client';
import { orderDoc } from '../src/testing/docs';
import { startPostgres } from '../src/testing/postgres';
import { backlog, catchUpLine, pgliteCatchUp, pushBacklog } from './catch-up';
import type { LoadPlan, LoadResult } from './load-tills';
import { startServerProcess, type BenchServer } from './server-process';

async function pairTill(server: BenchServer, orgId: string, branchId: string, deviceName: string) {
  const { code } = await createPairingCode(
    server.services.db.pool,
    { orgId, branchId, createdBy: 'bench' },
    new Date(),
  );
  return redeemPairingCode(server.services.db.pool, { code, deviceName }, new Date());
}

const ORDERS = Number(process.env.BENCH_ORDERS ?? 10_000);
const TILLS = Number(process.env.BENCH_TILLS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 30);
/** The 2,000-till run on one instance, and the two-instance run (0 skips either). */
const BIG_TILLS = Number(process.env.BENCH_BIG_TILLS ?? 2_000);
const TWO_INSTANCE_TILLS = Number(process.env.BENCH_TWO_INSTANCE_TILLS ?? 1_000);
let loadRuns = 0;
const BATCH = 100;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const uuid = (n: number, salt: string) =>
  `01970000-${salt}-7000-8000-${String(n).padStart(12, '0')}`;

async function main(): Promise<void> {
  const pg = await startPostgres();
  const server = await startServerProcess(pg.url);
  try {
    const demo = await seedDemo({
      db: server.services.db,
      hub: new ChangeHub(null, pino({ level: 'silent' })),
    });
    const paris = demo.branchIds[0]!;
    const trpcUrl = `${server.url}/trpc`;
    const docs = Array.from({ length: ORDERS }, (_, i) =>
      orderDoc({ id: uuid(i, 'aaaa'), branchId: paris, lines: 3, paid: true, ticketNumber: i + 1 }),
    );

    // Baseline: the same rows, straight into the documents table in batches, in another org.
    await server.services.db.pool.query(`INSERT INTO orgs (id, name) VALUES ('bench_raw', 'raw')`);
    let started = performance.now();
    for (let i = 0; i < docs.length; i += BATCH) {
      const rows = docs.slice(i, i + BATCH).map(({ _deleted, ...data }) => ({
        id: data.id,
        branch_id: paris,
        data,
        deleted: _deleted,
      }));
      await server.services.db.pool.query(
        `INSERT INTO documents (org_id, collection, id, branch_id, visible_to, data, deleted)
         SELECT 'bench_raw', 'orders', r.id, r.branch_id, ARRAY[r.branch_id], r.data, r.deleted
         FROM jsonb_to_recordset($1::jsonb) AS r(id text, branch_id text, data jsonb, deleted boolean)
         ON CONFLICT (org_id, collection, id) DO NOTHING`,
        [JSON.stringify(rows)],
      );
    }
    const rawRate = ORDERS / ((performance.now() - started) / 1000);

    const { client: till } = await deviceClient(
      trpcUrl,
      await pairTill(server, demo.orgId, paris, 'bench till'),
    );
    // Warm-up, untimed: the server's first pushes run its code unoptimized (the raw side has no
    // JIT to warm), so a short run would measure start-up rather than the push.
    const warmUp = Array.from({ length: 10 * BATCH }, (_, i) =>
      orderDoc({ id: uuid(i, 'ffff'), branchId: paris, lines: 3, paid: true, ticketNumber: i + 1 }),
    );
    for (let i = 0; i < warmUp.length; i += BATCH) {
      await till.sync.push.mutate({
        collection: 'orders',
        rows: warmUp
          .slice(i, i + BATCH)
          .map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      });
    }
    // Server CPU per order: unlike the rates, it holds on a machine busy with other work.
    const cpuBefore = await server.metric('process_cpu_seconds_total');
    started = performance.now();
    for (let i = 0; i < docs.length; i += BATCH) {
      const conflicts = await till.sync.push.mutate({
        collection: 'orders',
        rows: docs
          .slice(i, i + BATCH)
          .map((d) => ({ assumedMasterState: null, newDocumentState: d })),
      });
      if (conflicts.length > 0) throw new Error('unexpected conflicts');
    }
    const pushRate = ORDERS / ((performance.now() - started) / 1000);
    const cpuPerThousand =
      ((await server.metric('process_cpu_seconds_total')) - cpuBefore) * (1000 / ORDERS) * 1000;
    console.log(
      `\n== push throughput (${ORDERS} orders, 3 lines each, batches of ${BATCH}, one till) ==`,
    );
    console.log(`raw INSERT … ON CONFLICT: ${rawRate.toFixed(0)} orders/s`);
    console.log(`sync.push over tRPC:      ${pushRate.toFixed(0)} orders/s`);
    console.log(`ratio: ${((pushRate / rawRate) * 100).toFixed(1)} % of raw (goal ≥ 60 %)`);
    console.log(`server CPU: ${cpuPerThousand.toFixed(0)} ms per 1,000 orders pushed`);

    console.log(
      `\n== catch-up: one till's ${ORDERS} offline orders as the till sends them (requests ≤ 512 KiB, two in flight), server in its own process ==`,
    );
    const catchUpDocs = backlog(ORDERS, paris, 'bbbb');
    const catchUpTill = await pairTill(server, demo.orgId, paris, 'catch-up till');
    const cpuBeforeCatchUp = await server.metric('process_cpu_seconds_total');
    const catchUpSeconds = await pushBacklog(trpcUrl, catchUpTill, catchUpDocs);
    const catchUpCpu = (await server.metric('process_cpu_seconds_total')) - cpuBeforeCatchUp;
    console.log(catchUpLine('Postgres', ORDERS, catchUpSeconds, catchUpCpu));
    const pglite = await pgliteCatchUp(ORDERS);
    console.log(catchUpLine('PGlite', ORDERS, pglite.seconds, pglite.cpu));

    // Steady state for the load test: flush what the bulk phase wrote (a checkpoint during the
    // load run stalls commits for up to a second and measures the bulk phase, not the tills).
    await server.services.db.pool.query('CHECKPOINT');
    await server.services.db.pool.query('VACUUM ANALYZE documents');
    if (TILLS > 0) await loadTest([server], demo.orgId, TILLS, 'one');
    if (BIG_TILLS > 0) await loadTest([server], demo.orgId, BIG_TILLS, 'big');
    if (TWO_INSTANCE_TILLS > 0) {
      // A second server process on the same Postgres: changes reach the other instance's
      // streams through LISTEN/NOTIFY (ChangeHub).
      const second = await startServerProcess(pg.url);
      try {
        await loadTest([server, second], demo.orgId, TWO_INSTANCE_TILLS, 'two');
      } finally {
        await second.close();
      }
    }
  } finally {
    await server.close();
    await pg.destroy();
  }
}

/**
 * N simulated tills (a child process: `bench/load-tills.ts`) against the given server instances,
 * tills spread over them round-robin; prints push p50/p99 and throughput per instance, next to
 * each instance's event-loop delay p99 and major GC time, and the generator's own loop delay.
 */
async function loadTest(
  servers: BenchServer[],
  orgId: string,
  tills: number,
  label: string,
): Promise<void> {
  // Two tills per branch, like a real group of restaurants.
  const branches = Math.ceil(tills / 2);
  const prefix = `load-${label.replace(/\W+/g, '-')}-`;
  const db = servers[0]!.services.db;
  await db.pool.query(
    `INSERT INTO branches (org_id, id, name, time_zone) SELECT $1, $3 || g, 'Load ' || g, 'Europe/Paris' FROM generate_series(1, $2) g`,
    [orgId, branches, prefix],
  );
  const plan: LoadPlan = { seconds: SECONDS, tills: [], salt: String(loadRuns++).padStart(4, '0') };
  for (let i = 0; i < tills; i++) {
    const branchId = `${prefix}${(i % branches) + 1}`;
    const server = servers[i % servers.length]!;
    const cred = await pairTill(server, orgId, branchId, `till ${i}`);
    plan.tills.push({ trpcUrl: `${server.url}/trpc`, ...cred, branchId });
  }
  const dir = await mkdtemp(join(tmpdir(), 'comanda-load-'));
  const planFile = join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify(plan));
  // Reading a server's lag histogram resets it: what is read after the run covers the run.
  const gcBefore = await Promise.all(
    servers.map(async (s) => {
      await s.metric('nodejs_eventloop_lag_p99_seconds');
      return s.metric('nodejs_gc_duration_seconds_sum', '{kind="major"}');
    }),
  );
  // The server's own time per push (tRPC middleware to answer), to tell it from time spent
  // before the procedure runs (accept queue, HTTP parsing) or in the generator.
  const pushTime = (s: BenchServer) =>
    Promise.all([
      s.metric('comanda_trpc_duration_seconds_sum', '{procedure="sync.push"}'),
      s.metric('comanda_trpc_duration_seconds_count', '{procedure="sync.push"}'),
      s.metric('comanda_trpc_duration_seconds_bucket', '{le="0.1",procedure="sync.push"}'),
    ]);
  const pushBefore = await Promise.all(servers.map(pushTime));
  const stats = async () =>
    Number(
      (
        await db.pool.query<{ xacts: string }>(
          `SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = current_database()`,
        )
      ).rows[0]!.xacts,
    );
  const xactsBefore = await stats();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/load-tills.ts', planFile], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  await rm(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`load generator exited with ${code}`);
  const result = JSON.parse(output.trim().split('\n').at(-1)!) as LoadResult;
  const xacts = ((await stats()) - xactsBefore) / SECONDS;
  console.log(
    `\n== load: ${tills} tills (${branches} branches) on ${servers.length} instance(s), one order per till every 10 s + live stream (sync.changes), ${SECONDS} s run ==`,
  );
  const goal = tills > 500 ? 250 : 100;
  const all: number[] = [];
  for (const [i, server] of servers.entries()) {
    const latencies = [...(result.latencies[`${server.url}/trpc`] ?? [])].sort((a, b) => a - b);
    all.push(...latencies);
    const loopP99 = (await server.metric('nodejs_eventloop_lag_p99_seconds')) * 1000;
    const majorGc =
      (await server.metric('nodejs_gc_duration_seconds_sum', '{kind="major"}')) - gcBefore[i]!;
    const [sum, count, fast] = (await pushTime(server)).map((v, k) => v - pushBefore[i]![k]!);
    console.log(
      `instance ${i + 1}: ${(latencies.length / SECONDS).toFixed(1)} pushes/s, push p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms (goal ≤ ${goal} ms) | in the server: mean ${((sum! / count!) * 1000).toFixed(1)} ms, ${((fast! / count!) * 100).toFixed(1)} % ≤ 100 ms | event-loop delay p99 ${loopP99.toFixed(1)} ms, major GC ${(majorGc * 1000).toFixed(0)} ms`,
    );
  }
  all.sort((a, b) => a - b);
  console.log(
    `all: ${all.length} pushes, ${result.errors} errors (goal 0), p99 ${percentile(all, 99).toFixed(1)} ms, max ${all.at(-1)?.toFixed(1)} ms; load generator loop delay p99 ${result.loopP99.toFixed(1)} ms`,
  );
  const byPeriod = result.periods.map((ms) => {
    const sorted = [...(ms ?? [])].sort((a, b) => a - b);
    return `${percentile(sorted, 50).toFixed(0)}/${percentile(sorted, 99).toFixed(0)}`;
  });
  console.log(`push p50/p99 ms by 10 s period of the run: ${byPeriod.join(', ')}`);
  console.log(
    `streams open before the run: ${result.connected}/${tills}, change events: ${result.changed}, stream errors: ${result.streamErrors}, database transactions: ${xacts.toFixed(0)}/s`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
