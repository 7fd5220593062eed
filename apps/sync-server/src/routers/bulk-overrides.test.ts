import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { pairTill, startTestServer, type TestServer } from '../testing/index';

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error & { data?: { issues?: { path: string }[] } },
  );

/** Bulk edit: many items × many branches in one transaction, each till gets its branch's share. */
describe('owner.overrides.bulkSet', () => {
  let server: TestServer;
  let owner: Client;
  let tills: Client[];
  let branches: string[];
  let items: string[];

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    branches = server.demo.branchIds.slice(0, 2);
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    tills = await Promise.all(
      branches.map(
        async (b) =>
          (await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, b)))
            .client,
      ),
    );
    items = (await owner.owner.menu.list.query())
      .filter((d) => d.kind === 'item')
      .slice(0, 3)
      .map((d) => d.id);
  });
  afterAll(() => server?.close());

  const overridesOf = async (till: Client) =>
    new Map(
      (
        await till.sync.pull.query({ collection: 'branchOverrides', checkpoint: null, limit: 500 })
      ).documents.map((d) => [d.id, d]),
    );

  it('86es items in several branches at once, keeping each branch’s price; one audit entry', async () => {
    const [paris = '', lyon = ''] = branches;
    const [a = '', b = ''] = items;
    await owner.owner.overrides.set.mutate({
      branchId: paris,
      itemId: a,
      price: 990,
      available: null,
    });
    const done = await owner.owner.overrides.bulkSet.mutate({
      itemIds: [a, b],
      branchIds: [paris, lyon],
      available: false,
    });
    expect(done).toEqual({ written: 4 });
    for (const [i, branchId] of branches.entries()) {
      const pulled = await overridesOf(tills[i]!);
      const mine = [...pulled.values()].filter((d) => d.itemId === a || d.itemId === b);
      expect(mine.map((d) => d.branchId)).toEqual([branchId, branchId]);
      expect(mine.every((d) => d.available === false)).toBe(true);
    }
    expect((await overridesOf(tills[0]!)).get(`${paris}:${a}`)).toMatchObject({ price: 990 });
    const audit = await owner.owner.audit.list.query({});
    expect(audit.filter((e) => e.action === 'override.bulkSet')).toHaveLength(1);
  });

  it('sets one price everywhere, then back to the menu price, keeping availability', async () => {
    const [a = '', , c = ''] = items;
    await owner.owner.overrides.bulkSet.mutate({
      itemIds: [a, c],
      branchIds: branches,
      price: 420,
    });
    const pulled = await overridesOf(tills[1]!);
    expect(pulled.get(`${branches[1]}:${a}`)).toMatchObject({ price: 420, available: false });
    expect(pulled.get(`${branches[1]}:${c}`)).toMatchObject({ price: 420, available: null });
    await owner.owner.overrides.bulkSet.mutate({ itemIds: [a], branchIds: branches, price: null });
    expect((await overridesOf(tills[1]!)).get(`${branches[1]}:${a}`)).toMatchObject({
      price: null,
      available: false,
    });
  });

  it('refuses an unknown item, an empty change and too many pairs, saving nothing', async () => {
    const before = await overridesOf(tills[0]!);
    const unknown = await refusal(
      owner.owner.overrides.bulkSet.mutate({
        itemIds: [items[2]!, 'no-such-item'],
        branchIds: branches,
        available: false,
      }),
    );
    expect(httpStatusOf(unknown)).toBe(404);
    const empty = await refusal(
      owner.owner.overrides.bulkSet.mutate({ itemIds: items, branchIds: branches }),
    );
    expect(httpStatusOf(empty)).toBe(400);
    expect(empty.data?.issues?.[0]?.path).toBe('price');
    const many = await refusal(
      owner.owner.overrides.bulkSet.mutate({
        itemIds: Array.from({ length: 500 }, (_, i) => `i${i}`),
        branchIds: Array.from({ length: 5 }, (_, i) => `b${i}`),
        price: 1,
      }),
    );
    expect(httpStatusOf(many)).toBe(400);
    expect(many.data?.issues?.[0]?.path).toBe('itemIds');
    const other = await refusal(
      owner.owner.overrides.bulkSet.mutate({
        itemIds: [items[2]!],
        branchIds: [branches[0]!, 'branch-of-nobody'],
        price: 1,
      }),
    );
    expect(httpStatusOf(other)).toBe(403);
    expect(await overridesOf(tills[0]!)).toEqual(before);
  });
});
