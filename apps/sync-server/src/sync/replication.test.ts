import { mergeOrders, orderDocSchema } from '@comanda/core';
import type { WireDocument } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import { auditEventDoc, orderDoc } from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

type Checkpoint = { txid: string; id: string } | null;

const parsed = ({ _deleted: _d, ...fields }: Record<string, unknown>) =>
  orderDocSchema.parse(fields);

async function pullAll(till: Client, collection: string, from: Checkpoint = null, limit = 50) {
  const docs: Record<string, unknown>[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await till.sync.pull.query({ collection, checkpoint, limit });
    docs.push(...page.documents);
    checkpoint = page.checkpoint;
    if (page.documents.length < limit) return { docs, checkpoint };
  }
}

describe.each(ENGINES)('replication on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let lyon: string;
  const tills: Client[] = [];
  let lyonTill: Client;
  let n = 0;
  const newId = () =>
    `0193${String(++n).padStart(4, '0')}-0000-7000-8000-${engine === 'postgres' ? 'a' : 'b'}00000000000`;

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = '', lyon = ''] = server.demo.branchIds;
    for (let i = 0; i < 4; i++) {
      const credential = await pairTill(server.server, server.demo.orgId, paris, `till ${i}`);
      tills.push((await deviceClient(server.trpcUrl, credential)).client);
    }
    lyonTill = (
      await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, lyon))
    ).client;
  });
  afterAll(() => server?.close());

  it('replaying a batch is a no-op: same state, no conflicts, no new checkpoint', async () => {
    const [till] = tills as [Client];
    const docs = [
      orderDoc({ id: newId(), branchId: paris }),
      orderDoc({ id: newId(), branchId: paris }),
    ];
    const rows = docs.map((d) => ({ assumedMasterState: null, newDocumentState: d }));
    expect(await till.sync.push.mutate({ collection: 'orders', rows })).toEqual([]);
    const before = await pullAll(till, 'orders');
    for (let i = 0; i < 3; i++)
      expect(await till.sync.push.mutate({ collection: 'orders', rows })).toEqual([]);
    const after = await pullAll(till, 'orders');
    expect(after.checkpoint).toEqual(before.checkpoint);
    expect(after.docs).toEqual(before.docs);
  });

  it('a stale assumed state is joined with the master, never overwriting it (orders)', async () => {
    const [a, b] = tills as [Client, Client];
    const v1 = orderDoc({ id: newId(), branchId: paris });
    await a.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: v1 }],
    });
    const v2a = { ...v1, notes: 'from a', updatedAt: v1.updatedAt + 1 };
    const v2b = { ...v1, notes: 'from b', updatedAt: v1.updatedAt + 2 };
    expect(
      await a.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: v1, newDocumentState: v2a }],
      }),
    ).toEqual([]);
    const conflicts = await b.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: v1, newDocumentState: v2b }],
    });
    // Without edit clocks (version 1 documents) the notes tie is broken by the value itself.
    const joined = { ...mergeOrders(parsed(v2a), parsed(v2b)), _deleted: false };
    expect(conflicts).toEqual([joined]);
    // A second insert of an existing id is joined too, never an overwrite; here it adds nothing.
    const again = await b.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: v2b }],
    });
    expect(again).toEqual([joined]);
    const { docs } = await pullAll(b, 'orders');
    expect(docs.find((d) => d.id === v1.id)).toEqual(joined);
  });

  it('tombstones replicate as _deleted and audit events are append-only', async () => {
    const [till] = tills as [Client];
    const v1 = orderDoc({ id: newId(), branchId: paris });
    await till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: v1 }],
    });
    const gone = { ...v1, _deleted: true, updatedAt: v1.updatedAt + 5 };
    expect(
      await till.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: v1, newDocumentState: gone }],
      }),
    ).toEqual([]);
    expect((await pullAll(till, 'orders')).docs.find((d) => d.id === v1.id)).toEqual(gone);

    const event = auditEventDoc(newId(), paris);
    const push = (doc: WireDocument, assumed: WireDocument | null) =>
      till.sync.push.mutate({
        collection: 'auditEvents',
        rows: [{ assumedMasterState: assumed, newDocumentState: doc }],
      });
    expect(await push(event, null)).toEqual([]);
    expect(await push(event, null)).toEqual([]);
    await expect(push({ ...event, type: 'order.voided' }, event)).rejects.toSatisfy(
      (e) => httpStatusOf(e) === 422,
    );
  });

  it('recomputes totals: a consistent order is stored, tampered totals are refused', async () => {
    const [till] = tills as [Client];
    const good = orderDoc({ id: newId(), branchId: paris, lines: 3, paid: true });
    expect(good.totals).toMatchObject({ total: expect.any(Number) as number });
    expect((good.totals as { total: number }).total).toBeGreaterThan(0);
    expect(
      await till.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: good }],
      }),
    ).toEqual([]);
    const bad = orderDoc({ id: newId(), branchId: paris, lines: 3 });
    const tampered = { ...bad, totals: { ...(bad.totals as object), total: 1 } };
    const error = await till.sync.push
      .mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: tampered }],
      })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(422);
    expect(String(error)).toMatch(/totals do not match/);
    const { docs } = await pullAll(till, 'orders');
    expect(docs.some((d) => d.id === bad.id)).toBe(false);
    expect(docs.find((d) => d.id === good.id)).toEqual(good);
  });

  it('a closed order only grows by refunds, reprints and history', async () => {
    const [till] = tills as [Client];
    const open = orderDoc({ id: newId(), branchId: paris, lines: 1, paid: true });
    const closed = { ...open, status: 'closed', updatedAt: open.updatedAt + 1 };
    await till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: open }],
    });
    await till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: open, newDocumentState: closed }],
    });
    const edited = { ...closed, notes: 'sneaky edit', updatedAt: closed.updatedAt + 1 };
    const error = await till.sync.push
      .mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: closed, newDocumentState: edited }],
      })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(422);
    expect(String(error)).toMatch(/closed.*notes/);
    const history = {
      ...closed,
      statusHistory: [{ status: 'closed', at: closed.updatedAt, by: 'staff-1' }],
      updatedAt: closed.updatedAt + 2,
    };
    expect(
      await till.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: closed, newDocumentState: history }],
      }),
    ).toEqual([]);
  });

  it('keeps branches apart: no pushing into, nor pulling from, another branch', async () => {
    const [till] = tills as [Client];
    const foreign = orderDoc({ id: newId(), branchId: lyon });
    const error = await till.sync.push
      .mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: foreign }],
      })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(403);
    await lyonTill.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: foreign }],
    });
    const parisOrders = (await pullAll(till, 'orders')).docs;
    expect(parisOrders.length).toBeGreaterThan(0);
    expect(parisOrders.every((d) => d.branchId === paris)).toBe(true);
    expect((await pullAll(lyonTill, 'orders')).docs.map((d) => d.id)).toEqual([foreign.id]);
    // Staff: each branch's tills get only the staff who work there.
    const lyonStaff = (await pullAll(lyonTill, 'staff')).docs;
    expect(lyonStaff.length).toBeGreaterThan(0);
    expect(lyonStaff.every((s) => (s.branchIds as string[]).includes(lyon))).toBe(true);
    // Down collections cannot be pushed by a till.
    const menu = (await pullAll(till, 'menu')).docs[0] as WireDocument;
    const menuError = await till.sync.push
      .mutate({
        collection: 'menu',
        rows: [{ assumedMasterState: menu, newDocumentState: { ...menu, name: 'Free beer' } }],
      })
      .catch((e: unknown) => e);
    expect(httpStatusOf(menuError)).toBe(403);
  });

  it('many writers while pullers read: every puller sees every document exactly once', async () => {
    const writers = tills.slice(0, 3);
    const pullers = [tills[3]!, tills[0]!];
    const start = await Promise.all(
      pullers.map(async (p) => (await pullAll(p, 'orders', null, 200)).checkpoint),
    );
    const written: string[] = [];
    let writing = true;
    const writeAll = Promise.all(
      writers.map(async (w, wi) => {
        for (let batch = 0; batch < 15; batch++) {
          const docs = Array.from({ length: 1 + ((batch * 7 + wi) % 6) }, () =>
            orderDoc({ id: newId(), branchId: paris }),
          );
          written.push(...docs.map((d) => d.id));
          const conflicts = await w.sync.push.mutate({
            collection: 'orders',
            rows: docs.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
          });
          expect(conflicts).toEqual([]);
        }
      }),
    ).finally(() => {
      writing = false;
    });
    const seen = await Promise.all(
      pullers.map(async (p, pi) => {
        const ids: string[] = [];
        let checkpoint: Checkpoint = start[pi] ?? null;
        for (;;) {
          const done = !writing;
          const page = await p.sync.pull.query({ collection: 'orders', checkpoint, limit: 7 });
          ids.push(...page.documents.map((d) => d.id));
          checkpoint = page.checkpoint;
          if (done && page.documents.length === 0) return ids;
        }
      }),
    );
    await writeAll;
    for (const ids of seen) {
      expect(new Set(ids).size).toBe(ids.length);
      expect([...ids].sort()).toEqual([...written].sort());
    }
  });
});
