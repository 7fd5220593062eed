import { verifyPin } from '@comanda/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deviceClient, httpStatusOf, ownerClient, type Client } from '../testing/client';
import { listenToChanges } from '../testing/changes-listener';
import { orderDoc } from '../testing/docs';
import { pairTill, startTestServer, type TestServer } from '../testing/index';

type Doc = Record<string, unknown> & { id: string };

describe('owner API flows down to the tills (PGlite, in-process change hub)', () => {
  let server: TestServer;
  let owner: Client;
  let parisTill: Client;
  let lyonTill: Client;
  let paris: string;
  let lyon: string;
  let parisDeviceId: string;

  beforeAll(async () => {
    server = await startTestServer({ streamPollMs: 60_000 });
    [paris = '', lyon = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const parisCred = await pairTill(server.server, server.demo.orgId, paris, 'Comptoir');
    parisDeviceId = parisCred.deviceId;
    parisTill = (await deviceClient(server.trpcUrl, parisCred)).client;
    lyonTill = (
      await deviceClient(server.trpcUrl, await pairTill(server.server, server.demo.orgId, lyon))
    ).client;
  });
  afterAll(() => server?.close());

  async function pullAll(till: Client, collection: string) {
    const docs = new Map<string, Doc>();
    let checkpoint: { txid: string; id: string } | null = null;
    for (;;) {
      const page = await till.sync.pull.query({ collection, checkpoint, limit: 100 });
      for (const d of page.documents) docs.set(d.id, d);
      checkpoint = page.checkpoint;
      if (page.documents.length < 100) return docs;
    }
  }

  it('a menu edit reaches a streaming till at once; a removal arrives as a tombstone', async () => {
    const live = listenToChanges(parisTill);
    await live.until(() => live.events.length > 0);
    const { checkpoint } = await parisTill.sync.pull.query({
      collection: 'menu',
      checkpoint: null,
      limit: 1000,
    });
    /** What the till pulls from its checkpoint once its stream names the menu. */
    const pulledAfterNotice = async () => {
      const heard = live.changed().filter((c) => c === 'menu').length;
      await live.until(() => live.changed().filter((c) => c === 'menu').length > heard);
      const page = await parisTill.sync.pull.query({ collection: 'menu', checkpoint, limit: 1000 });
      return page.documents as Doc[];
    };
    const menu = await owner.owner.menu.list.query({ includeDeleted: false });
    const item = menu.find((d) => d.kind === 'item') as unknown as Doc & { price: number };
    const { _deleted, ...fields } = item;
    const edited = pulledAfterNotice();
    await owner.owner.menu.upsert.mutate({
      docs: [{ ...fields, price: item.price + 50 } as never],
    });
    expect((await edited).find((d) => d.id === item.id)?.price).toBe(item.price + 50);
    const removed = pulledAfterNotice();
    await owner.owner.menu.remove.mutate({ ids: [item.id] });
    expect((await removed).find((d) => d.id === item.id)?._deleted).toBe(true);
    live.stop();
    expect((await pullAll(lyonTill, 'menu')).get(item.id)?._deleted).toBe(true);
  });

  it('branch overrides go to their branch only', async () => {
    await owner.owner.overrides.set.mutate({
      branchId: paris,
      itemId: 'escargots',
      price: 1350,
      available: false,
    });
    expect((await pullAll(parisTill, 'branchOverrides')).get(`${paris}:escargots`)).toMatchObject({
      price: 1350,
      available: false,
    });
    expect(
      [...(await pullAll(lyonTill, 'branchOverrides')).values()].every((d) => d.branchId === lyon),
    ).toBe(true);
  });

  it('staff PINs are hashed for the tills and never listed to the back office', async () => {
    const created = await owner.owner.staff.upsert.mutate({
      name: 'Zoé Petit',
      role: 'cashier',
      branchIds: [paris],
      pin: '9182',
    });
    expect(created).not.toHaveProperty('pinHash');
    expect((await owner.owner.staff.list.query()).some((s) => 'pinHash' in s)).toBe(false);
    const onTill = (await pullAll(parisTill, 'staff')).get(created.id)!;
    expect(await verifyPin(globalThis.crypto.subtle, '9182', onTill.pinHash as string)).toBe(true);
    expect(await verifyPin(globalThis.crypto.subtle, '0000', onTill.pinHash as string)).toBe(false);
    expect((await pullAll(lyonTill, 'staff')).has(created.id)).toBe(false);
    // Moved to Lyon: Paris still receives the update (no longer listing Paris), Lyon now gets it.
    await owner.owner.staff.upsert.mutate({
      id: created.id,
      name: 'Zoé Petit',
      role: 'cashier',
      branchIds: [lyon],
    });
    expect((await pullAll(parisTill, 'staff')).get(created.id)?.branchIds).toEqual([lyon]);
    expect((await pullAll(lyonTill, 'staff')).get(created.id)?.pinHash).toBe(onTill.pinHash);
    // The PIN's length goes with its hash (the till's pad waits for the longest PIN in use), and
    // stays when the PIN is not changed; a new PIN brings its own length.
    expect(onTill.pinLength).toBe(4);
    expect((await pullAll(lyonTill, 'staff')).get(created.id)?.pinLength).toBe(4);
    await owner.owner.staff.upsert.mutate({
      id: created.id,
      name: 'Zoé Petit',
      role: 'cashier',
      branchIds: [lyon],
      pin: '91827364',
    });
    expect((await pullAll(lyonTill, 'staff')).get(created.id)?.pinLength).toBe(8);
    const missing = await owner.owner.staff.upsert
      .mutate({ name: 'No Pin', role: 'cashier', branchIds: [paris] })
      .catch((e: unknown) => e);
    expect(httpStatusOf(missing)).toBe(400);
  });

  it('sync health shows each till, its lag and conflicts; the audit log records owner changes', async () => {
    const doc = orderDoc({ id: '0198aaaa-0000-7000-8000-000000000001', branchId: paris, lines: 1 });
    await parisTill.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: doc }],
    });
    const changed = { ...doc, notes: 'x', updatedAt: doc.updatedAt + 1 };
    await parisTill.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: changed }],
    });
    await pullAll(parisTill, 'menu');
    await pullAll(parisTill, 'branchOverrides');
    const health = await owner.owner.syncHealth.query({ branchId: paris });
    const till = health.find((d) => d.deviceId === parisDeviceId)!;
    expect(till.lastSeenAt).not.toBeNull();
    const orders = till.collections.find((c) => c.collection === 'orders')!;
    // The stale push was joined with the master: written once more, and counted as a conflict met.
    expect(orders).toMatchObject({ pushedRows: 2, conflicts: 1 });
    const menu = till.collections.find((c) => c.collection === 'menu')!;
    expect(menu.lag).toBe(0);
    await owner.owner.overrides.set.mutate({
      branchId: paris,
      itemId: 'oeuf-mayo',
      price: null,
      available: false,
    });
    const later = (await owner.owner.syncHealth.query({ branchId: paris })).find(
      (d) => d.deviceId === parisDeviceId,
    )!;
    expect(later.collections.find((c) => c.collection === 'branchOverrides')!.lag).toBe(1);
    const audit = await owner.owner.audit.list.query({ limit: 50 });
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'menu.upsert',
        'menu.remove',
        'override.set',
        'staff.upsert',
        'device.paired',
      ]),
    );
  });
});
