import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

type Checkpoint = { txid: string; id: string } | null;
type Doc = { id: string; status?: unknown; _deleted: boolean };

/** Pulls `orders` until a short page; every document received, in order, duplicates included. */
async function pullAll(till: Client, from: Checkpoint, limit: number) {
  const docs: Doc[] = [];
  let checkpoint = from;
  for (let pages = 0; pages < 1000; pages++) {
    const page = await till.sync.pull.query({ collection: 'orders', checkpoint, limit });
    docs.push(...(page.documents as Doc[]));
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { docs, checkpoint };
  }
  throw new Error('pull never caught up');
}

/**
 * Every till of a branch pulls the branch's orders: the open ones whatever their age, plus those
 * written in the branch's last `orderHistoryDays` (default 2), paged by the checkpoint. Another
 * branch's orders never appear.
 */
describe.each(ENGINES)('branch orders reach every till of the branch on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let lyon: string;
  let tillA: Client;
  let tillB: Client;
  let lyonTill: Client;
  let n = 0;
  const newId = () => `bo-${engine}-${String(++n).padStart(5, '0')}`;
  const pool = () => server.server.services.db.pool;
  const till = async (branch: string, name: string) =>
    (
      await deviceClient(
        server.trpcUrl,
        await pairTill(server.server, server.demo.orgId, branch, name),
      )
    ).client;
  const push = (client: Client, docs: Record<string, unknown>[]) =>
    client.sync.push.mutate({
      collection: 'orders',
      rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d as Doc })),
    });
  /** Pretends the server last wrote these orders `days` ago. */
  const age = (ids: string[], days: number) =>
    pool().query(
      `UPDATE documents SET updated_at = now() - make_interval(days => $2)
       WHERE collection = 'orders' AND id = ANY ($1::text[])`,
      [ids, days],
    );
  const setHistoryDays = (days: number) =>
    pool().query(
      `UPDATE documents SET data = jsonb_set(data, '{orderHistoryDays}', to_jsonb($2::int))
       WHERE collection = 'branches' AND id = $1`,
      [paris, days],
    );

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = '', lyon = ''] = server.demo.branchIds;
    tillA = await till(paris, 'A');
    tillB = await till(paris, 'B');
    lyonTill = await till(lyon, 'Lyon');
  });
  afterAll(() => server?.close());

  it('pulls open orders of any age and closed ones of the last days, in pages smaller than the backlog', async () => {
    const openOld = Array.from({ length: 5 }, () =>
      orderDoc({ id: newId(), branchId: paris, lines: 1 }),
    );
    const paidOld = Array.from({ length: 6 }, () =>
      orderDoc({ id: newId(), branchId: paris, lines: 1, paid: true }),
    );
    const paidRecent = Array.from({ length: 4 }, () =>
      orderDoc({ id: newId(), branchId: paris, lines: 1, paid: true }),
    );
    const sentRecent = Array.from({ length: 3 }, () =>
      orderDoc({ id: newId(), branchId: paris, lines: 1, status: 'sent' }),
    );
    await push(tillA, [...openOld, ...paidOld]);
    await age(
      [...openOld, ...paidOld].map((o) => o.id),
      3,
    );
    await push(tillA, [...paidRecent, ...sentRecent]);
    const lyonOrders = Array.from({ length: 4 }, () =>
      orderDoc({ id: newId(), branchId: lyon, lines: 1 }),
    );
    await push(lyonTill, lyonOrders);

    const expected = [...openOld, ...paidRecent, ...sentRecent].map((o) => o.id).sort();
    const backlog = await tillB.sync.backlog.query({ collection: 'orders', checkpoint: null });
    expect(backlog.count).toBe(expected.length);
    for (const limit of [1, 4, 1000]) {
      const { docs } = await pullAll(tillB, null, limit);
      const ids = docs.map((d) => d.id);
      expect(ids.length).toBe(new Set(ids).size);
      expect([...ids].sort()).toEqual(expected);
    }
    // The other branch's till sees its own orders only.
    const { docs: lyonSees } = await pullAll(lyonTill, null, 3);
    expect(lyonSees.map((d) => d.id).sort()).toEqual(lyonOrders.map((o) => o.id).sort());
  });

  it('an order that closes stays in the stream: tills learn it closed, then it ages out of a fresh pull', async () => {
    const open = orderDoc({ id: newId(), branchId: paris, lines: 1 });
    await push(tillA, [open]);
    const before = await pullAll(tillB, null, 2);
    expect(before.docs.some((d) => d.id === open.id)).toBe(true);

    const paid = orderDoc({
      id: open.id,
      branchId: paris,
      lines: 1,
      paid: true,
      updatedAt: open.updatedAt + 1,
    });
    const paidOnB = await tillB.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: open, newDocumentState: paid }],
    });
    expect(paidOnB).toEqual([]);
    const after = await pullAll(tillA, before.checkpoint, 2);
    expect(after.docs.filter((d) => d.id === open.id).map((d) => d.status)).toEqual(['paid']);

    await age([open.id], 3);
    const fresh = await pullAll(tillA, null, 5);
    expect(fresh.docs.some((d) => d.id === open.id)).toBe(false);
  });

  it('follows the branch setting: 0 days = open orders only', async () => {
    const paidNow = orderDoc({ id: newId(), branchId: paris, lines: 1, paid: true });
    const openNow = orderDoc({ id: newId(), branchId: paris, lines: 1 });
    await push(tillA, [paidNow, openNow]);
    await setHistoryDays(0);
    try {
      const { docs } = await pullAll(tillB, null, 3);
      expect(docs.some((d) => d.id === openNow.id)).toBe(true);
      expect(docs.some((d) => d.id === paidNow.id)).toBe(false);
      expect(docs.every((d) => d.status === 'open' || d.status === 'sent')).toBe(true);
    } finally {
      await setHistoryDays(2);
    }
  });

  it('a till of another branch can neither pull nor count them', async () => {
    const { count } = await lyonTill.sync.backlog.query({ collection: 'orders', checkpoint: null });
    const { docs } = await pullAll(lyonTill, null, 1000);
    expect(count).toBe(docs.length);
    expect(docs.every((d) => (d as { branchId?: string }).branchId === lyon)).toBe(true);
  });
});
