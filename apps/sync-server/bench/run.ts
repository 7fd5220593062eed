/**
 * `pnpm --filter @comanda/sync-server bench`
 * 1. Push throughput: 10,000 orders from one till through tRPC (validation, totals check, CAS,
 *    NOTIFY) vs a raw batched INSERT … ON CONFLICT of the same rows into the same Postgres.
 * 2. Load: N simulated tills (default 500), each pushing one order every 10 s and holding a live
 *    stream, for a shortened run (default 30 s): push latency p50/p99, errors, streamed events.
 * The server runs in its own process (`src/main.ts`, as deployed); this process plays the tills.
 * Env: BENCH_ORDERS, BENCH_TILLS, BENCH_SECONDS.
 */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { EventSource } from 'eventsource';
import type { Database } from '../src/db/database';
import pino from 'pino';
import { createPairingCode, redeemPairingCode } from '../src/auth/devices';
import { openDatabase } from '../src/db/database';
import { seedDemo } from '../src/seed';
import { ChangeHub } from '../src/sync/change-hub';
import { createClient, deviceClient } from '../src/testing/client';
import { orderDoc } from '../src/testing/docs';
import { freePort, startPostgres } from '../src/testing/postgres';

/** The server under test, in a child process, plus a direct pool for setup and baselines. */
interface BenchServer {
  url: string;
  services: { db: Database };
  pushSeconds(): Promise<{ sum: number; count: number }>;
  /** One prom-client metric of the server (event-loop lag, GC…); reading resets the lag histogram. */
  metric(name: string, labels?: string): Promise<number>;
  close(): Promise<void>;
}

async function startServerProcess(databaseUrl: string): Promise<BenchServer> {
  const port = await freePort();
  const metricsPort = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      METRICS_PORT: String(metricsPort),
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '20',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    if (i > 600 || child.exitCode !== null) throw new Error('server did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  const db = await openDatabase({
    databaseUrl,
    dataDir: 'unused',
    logger: pino({ level: 'warn' }),
  });
  return {
    url,
    services: { db },
    async pushSeconds() {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const read = (suffix: string) =>
        Number(
          new RegExp(
            `comanda_trpc_duration_seconds_${suffix}\\{procedure="sync.push"\\} ([0-9.e+-]+)`,
          ).exec(text)?.[1] ?? 0,
        );
      return { sum: read('sum'), count: read('count') };
    },
    async metric(name, labels = '') {
      const text = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      const escaped = `${name}${labels}`.replace(/[{}"]/g, (c) => `\\${c}`);
      return Number(new RegExp(`^${escaped} ([0-9.e+-]+)$`, 'm').exec(text)?.[1] ?? NaN);
    },
    async close() {
      child.kill('SIGTERM');
      if (child.exitCode === null) await once(child, 'exit');
      await db.close();
    },
  };
}

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
    console.log(
      `\n== push throughput (${ORDERS} orders, 3 lines each, batches of ${BATCH}, one till) ==`,
    );
    console.log(`raw INSERT … ON CONFLICT: ${rawRate.toFixed(0)} orders/s`);
    console.log(`sync.push over tRPC:      ${pushRate.toFixed(0)} orders/s`);
    console.log(`ratio: ${((pushRate / rawRate) * 100).toFixed(1)} % of raw (goal ≥ 25 %)`);

    // Steady state for the load test: flush what the bulk phase wrote (a checkpoint during the
    // load run stalls commits for up to a second and measures the bulk phase, not the tills).
    await server.services.db.pool.query('CHECKPOINT');
    await server.services.db.pool.query('VACUUM ANALYZE documents');
    await loadTest(server, demo.orgId, trpcUrl);
  } finally {
    await server.close();
    await pg.destroy();
  }
}

async function loadTest(server: BenchServer, orgId: string, trpcUrl: string): Promise<void> {
  // Two tills per branch, like a real group of restaurants.
  const branches = Math.ceil(TILLS / 2);
  await server.services.db.pool.query(
    `INSERT INTO branches (org_id, id, name, time_zone) SELECT $1, 'load-' || g, 'Load ' || g, 'Europe/Paris' FROM generate_series(1, $2) g`,
    [orgId, branches],
  );
  const anon = createClient(trpcUrl);
  const tills: {
    client: ReturnType<typeof createClient>;
    branchId: string;
    events: EventSource;
  }[] = [];
  let streamed = 0;
  let streamErrors = 0;
  let connected = 0;
  for (let i = 0; i < TILLS; i++) {
    const branchId = `load-${(i % branches) + 1}`;
    const cred = await pairTill(server, orgId, branchId, `till ${i}`);
    const { accessToken } = await anon.auth.deviceToken.mutate({
      deviceId: cred.deviceId,
      deviceSecret: cred.deviceSecret,
    });
    const input = encodeURIComponent(JSON.stringify({ collection: 'orders' }));
    const params = encodeURIComponent(JSON.stringify({ token: accessToken }));
    const events = process.env.BENCH_NO_STREAM
      ? ({ close() {}, addEventListener() {} } as unknown as EventSource)
      : new EventSource(`${trpcUrl}/sync.stream?input=${input}&connectionParams=${params}`);
    events.onmessage = (message) => {
      if (typeof message.data !== 'string') return;
      if (message.data.includes('"documents"')) streamed++;
      else if (message.data.includes('RESYNC')) connected++;
    };
    events.addEventListener('serialized-error', () => streamErrors++);
    tills.push({ client: createClient(trpcUrl, () => accessToken), branchId, events });
  }
  // Measure the steady state: every stream open (it starts with RESYNC), and the orders built
  // up front (each till builds its own on its own machine; here they would share our CPU).
  const openBy = Date.now() + 30_000;
  while (!process.env.BENCH_NO_STREAM && connected < TILLS && Date.now() < openBy) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const perTill = Math.ceil(SECONDS / 10) + 1;
  const prepared = tills.map((t, i) =>
    Array.from({ length: perTill }, (_, k) =>
      orderDoc({ id: uuid(i * perTill + k, 'bbbb'), branchId: t.branchId, lines: 3, paid: true }),
    ),
  );
  console.log(
    `\n== load: ${TILLS} tills (${branches} branches), one order per till every 10 s + live stream, ${SECONDS} s run ==`,
  );
  const latencies: number[] = [];
  let errors = 0;
  const stats = async () =>
    (
      await server.services.db.pool.query<{ xacts: string }>(
        `SELECT xact_commit + xact_rollback AS xacts FROM pg_stat_database WHERE datname = current_database()`,
      )
    ).rows[0]!.xacts;
  const xactsBefore = Number(await stats());
  if (process.env.BENCH_WAITS) {
    const sampler = setInterval(() => {
      void server.services.db.pool
        .query<{ state: string; wait: string; n: string }>(
          `SELECT state, coalesce(wait_event_type || ':' || wait_event, '-') AS wait, count(*) AS n
           FROM pg_stat_activity WHERE backend_type = 'client backend' GROUP BY 1, 2 ORDER BY 3 DESC`,
        )
        .then((r) => console.log(r.rows.map((x) => `${x.state}/${x.wait}=${x.n}`).join('  ')));
    }, 3000);
    setTimeout(() => clearInterval(sampler), SECONDS * 1000);
  }
  // Where a p99 goes: the server's event loop (prom-client's lag histogram, reset by this read),
  // its GC pauses, and this process's own loop (a lagging load generator inflates latencies).
  await server.metric('nodejs_eventloop_lag_p99_seconds');
  const gcBefore = await server.metric('nodejs_gc_duration_seconds_sum', '{kind="major"}');
  const generatorLoop = monitorEventLoopDelay({ resolution: 10 });
  generatorLoop.enable();
  const end = Date.now() + SECONDS * 1000;
  await Promise.all(
    tills.map(async (t, i) => {
      // Spread the tills evenly over the 10 s period.
      await new Promise((r) => setTimeout(r, (i / TILLS) * 10_000));
      let sent = 0;
      while (Date.now() < end) {
        const doc = prepared[i]![sent++]!;
        const before = performance.now();
        try {
          await t.client.sync.push.mutate({
            collection: 'orders',
            rows: [{ assumedMasterState: null, newDocumentState: doc }],
          });
          latencies.push(performance.now() - before);
        } catch (_error) {
          errors++;
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 10_000 - (performance.now() - before))));
      }
    }),
  );
  generatorLoop.disable();
  const serverLoopP99 = (await server.metric('nodejs_eventloop_lag_p99_seconds')) * 1000;
  const serverLoopMax = (await server.metric('nodejs_eventloop_lag_max_seconds')) * 1000;
  const majorGc =
    (await server.metric('nodejs_gc_duration_seconds_sum', '{kind="major"}')) - gcBefore;
  await new Promise((r) => setTimeout(r, 1000));
  for (const t of tills) t.events.close();
  latencies.sort((a, b) => a - b);
  console.log(`pushes: ${latencies.length}, errors: ${errors}`);
  console.log(
    `push latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, max ${latencies.at(-1)?.toFixed(1)} ms (goal p99 ≤ 100 ms, 0 errors)`,
  );
  console.log(
    `server event-loop delay p99 ${serverLoopP99.toFixed(1)} ms, max ${serverLoopMax.toFixed(1)} ms; major GC ${(majorGc * 1000).toFixed(0)} ms in the run; load generator loop delay p99 ${(generatorLoop.percentile(99) / 1e6).toFixed(1)} ms (goal: push p99 ≤ 100 ms)`,
  );
  const { sum, count } = await server.pushSeconds();
  console.log(
    `server-side sync.push time (incl. earlier phases): mean ${((sum / Math.max(1, count)) * 1000).toFixed(1)} ms over ${count} calls`,
  );
  console.log(`streams open before the run: ${connected}/${TILLS}`);
  console.log(
    `database transactions+statements during the run: ${((Number(await stats()) - xactsBefore) / SECONDS).toFixed(0)}/s`,
  );
  console.log(
    `stream events with documents: ${streamed} (each order reaches the 2 tills of its branch), stream errors: ${streamErrors}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
