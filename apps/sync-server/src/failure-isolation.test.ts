import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from './testing/client';
import { ENGINES, startOnEngine, type Engine } from './testing/engines';
import { pairTill, type TestServer } from './testing/index';

/**
 * One caller's failure is its own. On PGlite the pool has a single connection and pg-pool drops a
 * connection whose query failed; the replacement used to be refused by the socket server while
 * the old one was still closing ("Too many connections" → EPIPE → 503 for the next caller).
 */
describe.each(ENGINES)('one caller’s failure never fails another on %s', (engine: Engine) => {
  let server: TestServer;
  let hostile: Client;
  let honest: Client;
  beforeAll(async () => {
    server = await startOnEngine(engine);
    const paris = server.demo.branchIds[0] ?? '';
    const till = async (name: string) =>
      (
        await deviceClient(
          server.trpcUrl,
          await pairTill(server.server, server.demo.orgId, paris, name),
        )
      ).client;
    hostile = await till('hostile');
    honest = await till('honest');
  });
  afterAll(() => server?.close());

  it('alternating failing and valid queries on the pool: every valid one succeeds', async () => {
    const pool = server.server.services.db.pool;
    const failures: string[] = [];
    for (let i = 0; i < 40; i++) {
      await expect(pool.query(`SELECT 1 / $1::int`, [0])).rejects.toMatchObject({ code: '22012' });
      // Sequential and concurrent followers alike.
      const followers = await Promise.allSettled([
        pool.query('SELECT 1 AS one'),
        ...(i % 2 ? [pool.query('SELECT 2 AS two')] : []),
      ]);
      for (const f of followers) if (f.status === 'rejected') failures.push(String(f.reason));
    }
    expect(failures).toEqual([]);
  });

  it('failing pulls interleaved with valid pulls from another till', async () => {
    const statuses: Record<string, number> = {};
    const count = (key: string) => (statuses[key] = (statuses[key] ?? 0) + 1);
    for (let i = 0; i < 30; i++) {
      // A NUL byte reaches the database and fails there (22021 → 400); valid pulls queue behind it.
      const bad = () =>
        hostile.sync.pull.query({
          collection: 'orders',
          checkpoint: { txid: '5', id: `bad\u0000${i}` },
          limit: 5,
        });
      const good = () =>
        honest.sync.pull.query({ collection: 'orders', checkpoint: null, limit: 5 });
      const round = await Promise.allSettled([bad(), good(), bad(), good(), good()]);
      round.forEach((r, k) =>
        count(
          `${k === 0 || k === 2 ? 'bad' : 'good'}:${r.status === 'rejected' ? httpStatusOf(r.reason) : 200}`,
        ),
      );
      const after = await honest.sync.pull
        .query({ collection: 'menu', checkpoint: null, limit: 3 })
        .then(
          () => 200,
          (e: unknown) => httpStatusOf(e),
        );
      count(`after:${after}`);
    }
    expect(statuses).toEqual({ 'bad:400': 60, 'good:200': 90, 'after:200': 30 });
  });

  it('a txid beyond xid8 is a 400 on pull, never a database error', async () => {
    for (const txid of ['18446744073709551616', '99999999999999999999', '1'.repeat(25)]) {
      const error = await hostile.sync.pull
        .query({ collection: 'orders', checkpoint: { txid, id: 'x' }, limit: 5 })
        .catch((e: unknown) => e);
      expect(httpStatusOf(error)).toBe(400);
      expect(String(error)).toMatch(
        /checkpoint\.txid: txid (is beyond the largest xid8|must be a decimal xid8)/,
      );
    }
    // The largest xid8 itself is a valid (empty) position.
    const page = await honest.sync.pull.query({
      collection: 'orders',
      checkpoint: { txid: '18446744073709551615', id: 'x' },
      limit: 5,
    });
    expect(page.documents).toEqual([]);
  });
});
