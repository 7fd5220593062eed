import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpStatusOf, ownerClient, type Client } from '../testing/client';
import { startTestServer, type TestServer } from '../testing/index';

/** The back office edits a branch override from what it last read: a newer version is a conflict. */
describe('branch overrides: stale writes are refused, never silently overwritten', () => {
  let server: TestServer;
  let owner: Client;
  let branchId: string;
  let itemId: string;

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    branchId = server.demo.branchIds[0]!;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const menu = await owner.owner.menu.list.query();
    itemId = menu.find((d) => d.kind === 'item')!.id;
  });
  afterAll(() => server?.close());

  const current = async () =>
    (await owner.owner.overrides.list.query({ branchId })).find((d) => d.itemId === itemId);

  it('creates with expectedUpdatedAt null, then only the holder of the newest version may write', async () => {
    const first = await owner.owner.overrides.set.mutate({
      branchId,
      itemId,
      price: 450,
      available: null,
      expectedUpdatedAt: null,
    });
    const version = Number(first!.updatedAt);
    await new Promise((r) => setTimeout(r, 5));
    // Someone else changes it meanwhile (from what they read).
    await owner.owner.overrides.set.mutate({
      branchId,
      itemId,
      price: 500,
      available: null,
      expectedUpdatedAt: version,
    });
    // The first editor writes from its stale copy: refused, and the newer price stays.
    const stale = await owner.owner.overrides.set
      .mutate({ branchId, itemId, price: 475, available: false, expectedUpdatedAt: version })
      .catch((e: unknown) => e);
    expect(httpStatusOf(stale)).toBe(409);
    expect((stale as Error).message).toMatch(/changed by someone else/);
    expect(await current()).toMatchObject({ price: 500, available: null });
    // Creating over an existing override is stale too.
    const created = await owner.owner.overrides.set
      .mutate({ branchId, itemId, price: 1, available: null, expectedUpdatedAt: null })
      .catch((e: unknown) => e);
    expect(httpStatusOf(created)).toBe(409);
    // Overwrite on purpose: without a version the owner's write wins.
    await owner.owner.overrides.set.mutate({ branchId, itemId, price: 475, available: false });
    expect(await current()).toMatchObject({ price: 475, available: false });
  });

  it('of two concurrent writers from the same version, exactly one wins', async () => {
    const version = Number((await current())!.updatedAt);
    await new Promise((r) => setTimeout(r, 5));
    const results = await Promise.allSettled(
      [600, 700].map((price) =>
        owner.owner.overrides.set.mutate({
          branchId,
          itemId,
          price,
          available: null,
          expectedUpdatedAt: version,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(httpStatusOf(rejected?.reason)).toBe(409);
  });
});

/** Staff and branch edits follow the same rule: a write from a stale version is a 409. */
describe('staff and branch edits: stale writes are refused', () => {
  let server: TestServer;
  let owner: Client;

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
  });
  afterAll(() => server?.close());

  const later = () => new Promise((r) => setTimeout(r, 5));

  it('staff: the second editor of one version gets a 409 and the first edit stays', async () => {
    const branchIds = [server.demo.branchIds[0]!];
    const created = await owner.owner.staff.upsert.mutate({
      name: 'Inès',
      role: 'cashier',
      branchIds,
      pin: '482913',
      expectedUpdatedAt: null,
    });
    const read = Number(created.updatedAt);
    await later();
    await owner.owner.staff.upsert.mutate({
      id: created.id,
      name: 'Inès B.',
      role: 'cashier',
      branchIds,
      expectedUpdatedAt: read,
    });
    const stale = await owner.owner.staff.upsert
      .mutate({ id: created.id, name: 'Ines', role: 'manager', branchIds, expectedUpdatedAt: read })
      .catch((e: unknown) => e);
    expect(httpStatusOf(stale)).toBe(409);
    const now = (await owner.owner.staff.list.query()).find((s) => s.id === created.id);
    expect(now).toMatchObject({ name: 'Inès B.', role: 'cashier' });
  });

  it('branches: the same', async () => {
    const branchId = server.demo.branchIds[0]!;
    const doc = (await owner.owner.branches.list.query()).find((b) => b.id === branchId)!;
    const { _deleted, ...fields } = doc;
    const read = Number(doc.updatedAt);
    await later();
    await owner.owner.branches.upsert.mutate({
      doc: { ...fields, receiptFooter: 'A' } as never,
      expectedUpdatedAt: read,
    });
    const stale = await owner.owner.branches.upsert
      .mutate({ doc: { ...fields, receiptFooter: 'B' } as never, expectedUpdatedAt: read })
      .catch((e: unknown) => e);
    expect(httpStatusOf(stale)).toBe(409);
    const now = (await owner.owner.branches.list.query()).find((b) => b.id === branchId);
    expect(now?.receiptFooter).toBe('A');
  });
});
