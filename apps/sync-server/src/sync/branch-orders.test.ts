import type { WireDocument } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { ENGINES, pushNew, startWithTills } from '../testing/engines';
import type { TestServer } from '../testing/index';

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
  const push = (client: Client, docs: WireDocument[]) => pushNew(client, 'orders', docs);
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
    let tills;
    ({ server, paris, lyon, tills } = await startWithTills(engine, {
      paris: ['A', 'B'],
      lyon: ['Lyon'],
    }));
    ({ A: tillA, B: tillB, Lyon: lyonTill } = tills);
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

/** History on demand: orders older than the pull window, found by day, ticket and total. */
describe.each(ENGINES)('searching the branch history on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let tillA: Client;
  let lyonTill: Client;

  beforeAll(async () => {
    let tills;
    ({ server, paris, tills } = await startWithTills(engine, {
      paris: ['paris'],
      lyon: ['lyon'],
    }));
    ({ paris: tillA, lyon: lyonTill } = tills);
  });
  afterAll(() => server?.close());

  it('finds an old closed order by ticket, by total and by day, newest first, only in its branch', async () => {
    const orders = Array.from({ length: 12 }, (_, i) => ({
      ...orderDoc({
        id: `hist-${engine}-${i}`,
        branchId: paris,
        lines: 1 + (i % 3),
        paid: true,
        ticketNumber: 1000 - 1 + i,
        updatedAt: 1_790_000_000_000 + i,
      }),
      ticketCode: i % 2 ? 'B' : 'A',
      createdAt: 1_790_000_000_000 + i,
    }));
    await pushNew(tillA, 'orders', orders);
    await server.server.services.db.pool.query(
      `UPDATE documents SET updated_at = now() - interval '40 days' WHERE collection = 'orders'`,
    );
    // Out of every till's pull now…
    const pulled = await tillA.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 100,
    });
    expect(pulled.documents).toEqual([]);
    // …and found on demand.
    const day = { from: '2026-11-01', to: '2026-11-30' };
    const byTicket = await tillA.sync.searchOrders.query({ ...day, ticket: 'b-1000' });
    expect(byTicket.orders.map((o) => o.id)).toEqual([`hist-${engine}-1`]);
    const anyTill = await tillA.sync.searchOrders.query({ ...day, ticket: '1000' });
    expect(anyTill.orders.map((o) => o.id)).toEqual([`hist-${engine}-1`]);
    const total = ((orders[2] as Record<string, unknown>).totals as { total: number }).total;
    const byAmount = await tillA.sync.searchOrders.query({ ...day, amount: total });
    expect(byAmount.orders.length).toBeGreaterThan(0);
    expect(byAmount.orders.every((o) => (o.totals as { total: number }).total === total)).toBe(
      true,
    );
    const page = await tillA.sync.searchOrders.query({ ...day, limit: 5 });
    expect(page.orders.map((o) => o.id)).toEqual(
      [11, 10, 9, 8, 7].map((i) => `hist-${engine}-${i}`),
    );
    expect((await lyonTill.sync.searchOrders.query({ ...day, ticket: 'B-1000' })).orders).toEqual(
      [],
    );
  });

  it('refuses an unbounded search with a message a person can act on', async () => {
    await expect(
      tillA.sync.searchOrders.query({ from: '2026-01-01', to: '2026-12-31' }),
    ).rejects.toThrow(/at most 92 days/);
    await expect(
      tillA.sync.searchOrders.query({ from: '2026-11-01', to: '2026-11-02', limit: 51 }),
    ).rejects.toThrow(/limit/);
    await expect(
      tillA.sync.searchOrders.query({ from: '2026-11-01', to: '2026-11-02', ticket: "1' OR 1=1" }),
    ).rejects.toThrow(/ticket number like 12 or B-12/);
  });
});
