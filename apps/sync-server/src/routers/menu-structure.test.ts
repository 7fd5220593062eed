import type { MenuDoc } from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { ENGINES, startOnEngine } from '../testing/engines';
import { pairTill, type TestServer } from '../testing/index';

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => e as Error,
  );

const base = { schemaVersion: 1, branchId: null, updatedAt: 1 } as const;

/** The back office edits the menu's structure: whole or not at all, never over a newer version. */
describe.each(ENGINES)('owner.menu: structure edits (%s)', (engine) => {
  let server: TestServer;
  let owner: Client;
  let till: Client;
  let taxClassId: string;

  beforeAll(async () => {
    server = await startOnEngine(engine);
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const [paris = ''] = server.demo.branchIds;
    till = (
      await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, paris))
    ).client;
    taxClassId = (await owner.owner.menu.list.query()).find((d) => d.kind === 'taxClass')!.id;
  });
  afterAll(() => server?.close());

  const menu = async () => new Map((await owner.owner.menu.list.query()).map((d) => [d.id, d]));
  const category = (id: string, name = id): MenuDoc => ({
    ...base,
    kind: 'category',
    id,
    name,
    sort: 5,
    color: '#aa3300',
  });
  const item = (id: string, categoryId: string, extra: Partial<MenuDoc> = {}): MenuDoc =>
    ({
      ...base,
      kind: 'item',
      id,
      name: id,
      categoryId,
      price: 650,
      taxClassId,
      stationId: null,
      modifierGroupIds: [],
      course: 1,
      available: true,
      sort: 0,
      ...extra,
    }) as MenuDoc;

  it('creates a category, a modifier group and an item using both in one write; the till pulls them', async () => {
    const group: MenuDoc = {
      ...base,
      kind: 'modifierGroup',
      id: 'bo-milk',
      name: 'Milk',
      min: 0,
      max: 1,
      options: [
        { id: 'oat', name: 'Oat', priceDelta: 40 },
        { id: 'none', name: 'None', priceDelta: -10 },
      ],
    };
    await owner.owner.menu.upsert.mutate({
      docs: [
        category('bo-hot', 'Hot drinks'),
        group,
        item('flat-white', 'bo-hot', { modifierGroupIds: ['bo-milk'], prepMinutes: 3 }),
      ],
      expected: [
        { id: 'bo-hot', updatedAt: null },
        { id: 'bo-milk', updatedAt: null },
        { id: 'flat-white', updatedAt: null },
      ],
    });
    const pulled = await till.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 500 });
    const byId = new Map(pulled.documents.map((d) => [d.id, d]));
    expect(byId.get('flat-white')).toMatchObject({ prepMinutes: 3, modifierGroupIds: ['bo-milk'] });
    expect(byId.get('bo-hot')).toMatchObject({ color: '#aa3300', name: 'Hot drinks' });
  });

  it('a dangling reference names its field and saves nothing of the batch', async () => {
    const refused = await fail(
      owner.owner.menu.upsert.mutate({
        docs: [
          category('cold-drinks'),
          item('lemonade', 'cold-drinks', { modifierGroupIds: ['bo-milk', 'ice'] }),
        ],
      }),
    );
    expect(httpStatusOf(refused)).toBe(400);
    const data = (refused as unknown as { data: { issues: { path: string; message: string }[] } })
      .data;
    expect(data.issues).toEqual([
      { path: 'docs.1.modifierGroupIds.1', message: expect.stringMatching(/no modifierGroup ice/) },
    ]);
    const after = await menu();
    expect(after.has('cold-drinks')).toBe(false);
    expect(after.has('lemonade')).toBe(false);
  });

  it('bad fields are refused by the core schema with their path', async () => {
    const refused = await fail(
      owner.owner.menu.upsert.mutate({
        docs: [item('bad', 'bo-hot', { prepMinutes: 9999, color: 'blue' })],
      }),
    );
    expect(httpStatusOf(refused)).toBe(400);
    const paths = (refused as unknown as { data: { issues: { path: string }[] } }).data.issues.map(
      (i) => i.path,
    );
    expect(paths).toEqual(expect.arrayContaining(['docs.0.prepMinutes', 'docs.0.color']));
  });

  it('allergens: the 14 EU codes and a bounded note are kept for the tills; anything else is a 400 naming the field', async () => {
    const refused = await fail(
      owner.owner.menu.upsert.mutate({
        docs: [
          item('allergy', 'bo-hot', {
            allergens: ['milk', 'peanut', 'milk'],
            allergenNote: 'x'.repeat(201),
          } as unknown as Partial<MenuDoc>),
        ],
      }),
    );
    expect(httpStatusOf(refused)).toBe(400);
    const issues = (refused as unknown as { data: { issues: { path: string; message: string }[] } })
      .data.issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        {
          path: 'docs.0.allergens.1',
          message: expect.stringMatching(/one of gluten, crustaceans/),
        },
        { path: 'docs.0.allergenNote', message: 'an allergen note is at most 200 characters' },
      ]),
    );
    expect((await menu()).has('allergy')).toBe(false);
    await owner.owner.menu.upsert.mutate({
      docs: [item('allergy', 'bo-hot', { allergens: ['milk', 'gluten'], allergenNote: 'traces' })],
      expected: [{ id: 'allergy', updatedAt: null }],
    });
    const pulled = await till.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 500 });
    expect(pulled.documents.find((d) => d.id === 'allergy')).toMatchObject({
      allergens: ['milk', 'gluten'],
      allergenNote: 'traces',
    });
    await owner.owner.menu.remove.mutate({ ids: ['allergy'] });
  });

  it('a category holding items is not deleted (422); emptied, it is', async () => {
    const refused = await fail(owner.owner.menu.remove.mutate({ ids: ['bo-hot'] }));
    expect(httpStatusOf(refused)).toBe(422);
    expect(refused.message).toMatch(/Hot drinks is still used by 1 item\(s\) \(flat-white\)/);
    expect((await menu()).has('bo-hot')).toBe(true);
    // A modifier group in use is kept too.
    expect(httpStatusOf(await fail(owner.owner.menu.remove.mutate({ ids: ['bo-milk'] })))).toBe(
      422,
    );
    await owner.owner.menu.remove.mutate({ ids: ['flat-white', 'bo-milk', 'bo-hot'] });
    const after = await menu();
    expect(['flat-white', 'bo-milk', 'bo-hot'].filter((id) => after.has(id))).toEqual([]);
  });

  it('an edit from a stale version is a 409 and changes nothing; a removal too', async () => {
    await owner.owner.menu.upsert.mutate({ docs: [category('bo-sweets', 'Desserts')] });
    const read = Number((await menu()).get('bo-sweets')!.updatedAt);
    await new Promise((r) => setTimeout(r, 5));
    await owner.owner.menu.upsert.mutate({
      docs: [category('bo-sweets', 'Sweets')],
      expected: [{ id: 'bo-sweets', updatedAt: read }],
    });
    const stale = await fail(
      owner.owner.menu.upsert.mutate({
        docs: [category('bo-sweets', 'Puddings')],
        expected: [{ id: 'bo-sweets', updatedAt: read }],
      }),
    );
    expect(httpStatusOf(stale)).toBe(409);
    expect((await menu()).get('bo-sweets')!.name).toBe('Sweets');
    const staleRemove = await fail(
      owner.owner.menu.remove.mutate({
        ids: ['bo-sweets'],
        expected: [{ id: 'bo-sweets', updatedAt: read }],
      }),
    );
    expect(httpStatusOf(staleRemove)).toBe(409);
    expect((await menu()).has('bo-sweets')).toBe(true);
  });

  it('removing a category while an item moves into it: never both (the menu stays whole)', async () => {
    for (let round = 0; round < 5; round++) {
      const cat = `race-${round}`;
      await owner.owner.menu.upsert.mutate({ docs: [category(cat)] });
      const results = await Promise.allSettled([
        owner.owner.menu.remove.mutate({ ids: [cat] }),
        owner.owner.menu.upsert.mutate({ docs: [item(`racer-${round}`, cat)] }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const after = await menu();
      expect(after.has(cat)).toBe(after.has(`racer-${round}`));
    }
  });
});
