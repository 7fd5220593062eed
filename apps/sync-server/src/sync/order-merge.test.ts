import {
  addPayment,
  orderDocSchema,
  overpaidAmount,
  updateOrderDetails,
  type OrderDoc,
} from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import {
  orderContext as ctx,
  orderDoc,
  wireOrder as wire,
  withUnitLine as withLine,
} from '../testing/docs';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

const AT = 1_790_000_000_000;

/**
 * Two tills edit one order from the same version; the second push is stale. The server joins it
 * with the master (core's `mergeOrders`) instead of answering a bare conflict: both edits are
 * stored, in one new version, which is returned for the till to adopt; replays change nothing.
 */
describe.each(ENGINES)('stale order pushes merge on %s', (engine) => {
  let server: TestServer;
  let paris: string;
  let a: Client;
  let b: Client;
  let n = 0;
  const newId = () =>
    `0195${String(++n).padStart(4, '0')}-0000-7000-8000-${engine === 'postgres' ? 'c' : 'd'}00000000000`;

  async function push(till: Client, assumed: unknown, next: unknown) {
    return till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: assumed as never, newDocumentState: next as never }],
    });
  }

  async function pullOne(id: string) {
    const docs: Record<string, unknown>[] = [];
    let checkpoint: { txid: string; id: string } | null = null;
    for (;;) {
      const page = await a.sync.pull.query({ collection: 'orders', checkpoint, limit: 200 });
      docs.push(...page.documents);
      checkpoint = page.checkpoint;
      if (page.documents.length < 200) break;
    }
    return { copies: docs.filter((d) => d.id === id), checkpoint };
  }

  /** A stored open order with one line, parsed as core reads it. */
  async function sharedOrder(): Promise<{ base: OrderDoc; stored: Record<string, unknown> }> {
    const stored = orderDoc({ id: newId(), branchId: paris, lines: 1, updatedAt: AT });
    expect(await push(a, null, stored)).toEqual([]);
    const { _deleted: _d, ...fields } = stored;
    return { base: orderDocSchema.parse(fields), stored };
  }

  beforeAll(async () => {
    server = await startOnEngine(engine);
    paris = server.demo.branchIds[0] ?? '';
    const pair = async (name: string) =>
      (
        await deviceClient(
          server.trpcUrl,
          await pairTill(server.server, server.demo.orgId, paris, name),
        )
      ).client;
    a = await pair('till a');
    b = await pair('till b');
  });
  afterAll(() => server?.close());

  it('two tills editing one order from the same version: both edits are kept, once', async () => {
    const { base, stored } = await sharedOrder();
    const onA = updateOrderDetails(
      withLine(base, 'line-a', AT + 10),
      { notes: 'allergy: nuts' },
      ctx('till-a', AT + 11),
    );
    const onB = updateOrderDetails(
      withLine(base, 'line-b', AT + 20),
      { customerName: 'Ana' },
      ctx('till-b', AT + 21),
    );
    expect(await push(a, stored, wire(onA))).toEqual([]);
    const answer = await push(b, stored, wire(onB));
    expect(answer).toHaveLength(1);
    const merged = answer[0] as unknown as OrderDoc;
    expect(merged.lines.map((l) => l.id)).toEqual([base.lines[0]!.id, 'line-a', 'line-b']);
    expect(merged).toMatchObject({
      notes: 'allergy: nuts',
      customerName: 'Ana',
      updatedAt: AT + 21,
    });
    expect(merged.totals.total).toBe(base.totals.total * 3);
    const { copies, checkpoint } = await pullOne(base.id);
    expect(copies).toEqual([answer[0]]);

    // Replays of either push, and of the stale one again, change nothing and answer the join.
    expect(await push(b, stored, wire(onB))).toEqual(answer);
    expect(await push(a, stored, wire(onA))).toEqual(answer);
    expect(await push(b, answer[0], answer[0])).toEqual([]);
    expect((await pullOne(base.id)).checkpoint).toEqual(checkpoint);
  });

  it('two tills paying the whole order at once: both payments are recorded, the overpayment shows', async () => {
    const { base, stored } = await sharedOrder();
    const onA = addPayment(base, { method: 'card', reference: 'A-1' }, ctx('till-a', AT + 10));
    const onB = addPayment(base, { method: 'cash', tendered: 5000 }, ctx('till-b', AT + 12));
    expect(await push(a, stored, wire(onA))).toEqual([]);
    const [merged] = (await push(b, stored, wire(onB))) as unknown as OrderDoc[];
    expect(merged?.payments.map((p) => p.id).sort()).toEqual(
      [...onA.payments, ...onB.payments].map((p) => p.id).sort(),
    );
    expect(merged?.status).toBe('paid');
    expect(overpaidAmount(merged!)).toBe(base.totals.total);
    expect((await pullOne(base.id)).copies).toEqual([merged]);
  });

  it("a stale push is still checked as the till's own step: a paid order's notes cannot change", async () => {
    const { base, stored } = await sharedOrder();
    const paid = addPayment(base, { method: 'card', reference: 'A-1' }, ctx('till-a', AT + 10));
    expect(await push(a, stored, wire(paid))).toEqual([]);
    const other = updateOrderDetails(base, { notes: 'x' }, ctx('till-b', AT + 5));
    expect(await push(b, stored, wire(other))).toHaveLength(1);
    // From the paid version it claims, a till changing its notes is refused, merge or not.
    const tampered = { ...paid, notes: 'late', updatedAt: AT + 30 };
    const error = await push(b, wire(paid), wire(tampered)).catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(422);
    expect(String(error)).toMatch(
      /rows\.0\.newDocumentState: Order .* is paid; "notes" cannot change/,
    );
  });
});
