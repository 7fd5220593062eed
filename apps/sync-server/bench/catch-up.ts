/**
 * The server's side of a till's catch-up (issue 17: 10,000 offline orders acknowledged in ≤ 5 s,
 * ≥ 2,000 docs/s end to end): one till's backlog pushed as the till sends it (requests under the
 * till's 512 KiB body budget, two in flight, in order), against a server in its own process, on
 * Postgres and on PGlite. What the server applies per second bounds every till's catch-up.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkBySize, PUSH_BODY_BUDGET, PUSH_REQUESTS_IN_FLIGHT } from '@comanda/core/sync';
import pino from 'pino';
import { createPairingCode, redeemPairingCode, type DeviceCredential } from '../src/auth/devices';
import { openDatabase } from '../src/db/database';
import { seedDemo } from '../src/seed';
import { ChangeHub } from '../src/sync/change-hub';
import { deviceClient } from '../src/testing/client';
import { orderDoc } from '../src/testing/docs';
import { pgliteDataDir } from '../src/testing/index';
import { spawnServer, type ServerProcess } from './server-process';

export type CatchUpDoc = ReturnType<typeof orderDoc>;

/** The backlog of one till: `n` paid orders of 3 lines (≈ 1.45 KB of JSON each). */
export function backlog(n: number, branchId: string, salt: string): CatchUpDoc[] {
  return Array.from({ length: n }, (_, i) =>
    orderDoc({
      id: `01970000-${salt}-7000-8000-${String(i).padStart(12, '0')}`,
      branchId,
      lines: 3,
      paid: true,
      ticketNumber: i + 1,
    }),
  );
}

/** Pushes `docs` as one till's catch-up; resolves with the seconds until the last is acknowledged. */
export async function pushBacklog(
  trpcUrl: string,
  credential: DeviceCredential,
  docs: CatchUpDoc[],
): Promise<number> {
  // Cut before connecting, and the docs built before the server was asked anything: a connection
  // left idle past the server's keep-alive (5 s) while a large backlog is built fails the next
  // request ("other side closed").
  const queue = chunkBySize(
    docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
    PUSH_BODY_BUDGET,
  );
  const { client } = await deviceClient(trpcUrl, credential);
  const started = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: PUSH_REQUESTS_IN_FLIGHT }, async () => {
      while (next < queue.length) {
        const rows = queue[next++]!;
        const conflicts = await client.sync.push.mutate({
          collection: 'orders',
          rows,
        });
        if (conflicts.length > 0) throw new Error('unexpected conflicts');
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

/**
 * The same catch-up against a server on PGlite (the single-process deployment: one engine in the
 * server's own thread): the data folder is seeded and the till paired before the server opens it.
 */
export async function pgliteCatchUp(orders: number): Promise<{ seconds: number; cpu: number }> {
  const dir = await mkdtemp(join(tmpdir(), 'comanda-bench-pglite-'));
  try {
    const dataDir = await pgliteDataDir(join(dir, 'db'));
    const db = await openDatabase({ dataDir, logger: pino({ level: 'warn' }) });
    let credential: DeviceCredential;
    let branchId: string;
    try {
      const demo = await seedDemo({ db, hub: new ChangeHub(null, pino({ level: 'silent' })) });
      branchId = demo.branchIds[0]!;
      const { code } = await createPairingCode(
        db.pool,
        { orgId: demo.orgId, branchId, createdBy: 'bench' },
        new Date(),
      );
      credential = await redeemPairingCode(db.pool, { code, deviceName: 'bench till' }, new Date());
    } finally {
      await db.close();
    }
    // Built before the server starts: see pushBacklog on idle connections.
    const docs = backlog(orders, branchId, 'cccc');
    const server: ServerProcess = await spawnServer({ COMANDA_DATA_DIR: dataDir });
    try {
      const cpuBefore = await server.metric('process_cpu_seconds_total');
      const seconds = await pushBacklog(`${server.url}/trpc`, credential, docs);
      return { seconds, cpu: (await server.metric('process_cpu_seconds_total')) - cpuBefore };
    } finally {
      await server.close();
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One printed row: time, rate and the goal (≤ 5 s for 10,000, i.e. ≥ 2,000 docs/s). */
export function catchUpLine(engine: string, orders: number, seconds: number, cpu: number): string {
  const rate = orders / seconds;
  return `${engine.padEnd(9)} ${orders} orders in ${seconds.toFixed(1)} s, ${rate.toFixed(0)} docs/s (goal ≥ 2,000 docs/s: ${rate >= 2000 ? 'met' : 'not met'}), server CPU ${((cpu / orders) * 1e6).toFixed(0)} ms per 1,000`;
}
