import type { WireDocument } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../db/devices';
import { createClient, deviceClient, httpStatusOf, ownerClient } from '../testing/client';
import { orderDoc } from '../testing/docs';
import {
  createPairingCode,
  pairTill,
  startTestServer,
  writeAsOwner,
  type DeviceCredential,
  type TestServer,
} from '../testing/index';

/** A central server and a branch hub in-process, both on PGlite, talking HTTP on loopback. */
describe('branch hub (comanda-server hub) against a central server', () => {
  let central: TestServer;
  let hub: TestServer;
  let till: DeviceCredential;
  let paris = '';
  let orgId = '';
  let seq = 0;
  const newId = () => `hub-order-${++seq}`;

  const startHub = async (pairingCode?: string) =>
    startTestServer({
      demo: false,
      hub: { upstream: central.url, pairingCode, deviceName: 'Back-office PC', intervalMs: 60_000 },
    });
  /** One full replication round of the hub, as the background loop would run it. */
  const replicate = () => hub.server.services.branchHub!.syncNow();
  const centralOrders = async (ids: string[]) => {
    const { rows } = await central.server.services.db.pool.query<{
      id: string;
      data: WireDocument;
    }>(`SELECT id, data FROM documents WHERE collection = 'orders' AND id = ANY ($1::text[])`, [
      ids,
    ]);
    return rows;
  };
  const tillAtHub = async (cred = till) => (await deviceClient(hub.trpcUrl, cred)).client;
  const hubDeviceId = async () => {
    const { rows } = await central.server.services.db.pool.query<{ id: string }>(
      `SELECT id FROM devices WHERE kind = 'hub'`,
    );
    return rows[0]!.id;
  };
  const pushedByHub = async () => {
    const { rows } = await central.server.services.db.pool.query<{ n: string }>(
      `SELECT coalesce(sum(pushed_rows), 0)::text AS n FROM device_sync_state WHERE device_id = $1`,
      [await hubDeviceId()],
    );
    return Number(rows[0]!.n);
  };

  /** Pushes the central server has answered (its request counter; it restarts with the server). */
  const centralPushCalls = async () => {
    const counted = await central.server.services.metrics.requests.get();
    return counted.values
      .filter((v) => v.labels.procedure === 'sync.push')
      .reduce((sum, v) => sum + v.value, 0);
  };

  beforeAll(async () => {
    central = await startTestServer();
    orgId = central.demo.orgId;
    paris = central.demo.branchIds[0]!;
    const { code } = await createPairingCode(central.server, orgId, paris);
    hub = await startHub(code);
    till = await pairTill(central.server, orgId, paris, 'Till A');
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('pairs as a device of kind hub and mirrors its branch and devices', async () => {
    await replicate();
    const { rows } = await hub.server.services.db.pool.query<{ id: string; kind: string }>(
      'SELECT id, kind FROM devices ORDER BY till_index',
    );
    expect(rows.map((r) => r.kind).sort()).toEqual(['hub', 'till']);
    expect(rows.map((r) => r.id)).toContain(till.deviceId);
  });

  it('carries a till push up to the central server, and a central menu change down to the till', async () => {
    const client = await tillAtHub();
    const order = orderDoc({ id: newId(), branchId: paris, lines: 2 });
    expect(
      await client.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: order }],
      }),
    ).toEqual([]);
    await replicate();
    expect((await centralOrders([order.id]))[0]?.data).toMatchObject({
      id: order.id,
      lines: order.lines,
    });

    const menu = await client.sync.pull.query({
      collection: 'menu',
      checkpoint: null,
      limit: 1000,
    });
    const item = menu.documents.find((d) => d.kind === 'item')!;
    expect(item).toBeDefined();
    await writeAsOwner(central.server, orgId, 'menu', [{ ...item, name: 'Croque du chef' }]);
    await replicate();
    const after = await client.sync.pull.query({
      collection: 'menu',
      checkpoint: menu.checkpoint,
      limit: 1000,
    });
    expect(after.documents.map((d) => [d.id, d.name])).toEqual([[item.id, 'Croque du chef']]);
  });

  it('keeps accepting pushes while the central server is down, and delivers them when it is back', async () => {
    const client = await tillAtHub();
    await central.server.close();
    const order = orderDoc({ id: newId(), branchId: paris, lines: 1 });
    await client.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: order }],
    });
    await replicate(); // fails quietly: the round retries later
    // A till asking the hub for a token meanwhile is told why (503), not refused as a stranger.
    const refused = await createClient(hub.trpcUrl)
      .auth.deviceToken.mutate({ deviceId: till.deviceId, deviceSecret: till.deviceSecret })
      .catch((error: unknown) => error);
    expect(httpStatusOf(refused)).toBe(503);
    // Restarted offline, the hub still verifies the till with the keys and device list it kept.
    await hub.restart();
    const later = orderDoc({ id: newId(), branchId: paris, lines: 1 });
    await client.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: later }],
    });
    await central.restart();
    await replicate();
    expect(await centralOrders([order.id, later.id])).toHaveLength(2);
  });

  it('resumes from its saved checkpoint after a restart, and a replayed batch writes nothing twice', async () => {
    const before = await pushedByHub();
    await hub.restart(); // no pairing code: the identity is in its database
    const calls = await centralPushCalls();
    await replicate();
    // Nothing new since the checkpoint: the restarted hub pushes nothing at all.
    expect(await centralPushCalls()).toBe(calls);
    expect(await pushedByHub()).toBe(before);

    // A crash between the central commit and the local one: the checkpoint is lost, the batch replays.
    await hub.server.services.db.pool.query(`DELETE FROM hub_checkpoints WHERE direction = 'up'`);
    await replicate();
    expect(await centralPushCalls()).toBeGreaterThan(calls);
    expect(await pushedByHub()).toBe(before);
    const { rows } = await central.server.services.db.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents WHERE collection = 'orders' AND id LIKE 'hub-order-%'`,
    );
    expect(rows[0]!.n).toBe(seq);
  });

  it('stores once an order that reached the central server both through the hub and directly', async () => {
    const order = orderDoc({ id: newId(), branchId: paris, lines: 3 });
    const push = {
      collection: 'orders' as const,
      rows: [{ assumedMasterState: null, newDocumentState: order }],
    };
    // The till fails over to the central server after pushing to the hub.
    await (await tillAtHub()).sync.push.mutate(push);
    expect(await (await deviceClient(central.trpcUrl, till)).client.sync.push.mutate(push)).toEqual(
      [],
    );
    await replicate();
    expect(await centralOrders([order.id])).toHaveLength(1);
    const { rows } = await central.server.services.db.pool.query<{ conflicts: string }>(
      `SELECT coalesce(sum(conflicts), 0)::text AS conflicts FROM device_sync_state WHERE device_id = $1`,
      [await hubDeviceId()],
    );
    expect(Number(rows[0]!.conflicts)).toBe(0);
  });

  it('resolves a conflict with a version the central server got directly as the tills would: the later edit wins (order merge)', async () => {
    const tillClient = await tillAtHub();
    const direct = (await deviceClient(central.trpcUrl, till)).client;
    const push = (client: typeof direct, assumed: WireDocument | null, next: WireDocument) =>
      client.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: assumed, newDocumentState: next }],
      });
    // Each version edits the notes at its own time (the clock core's actions stamp).
    const version = (id: string, updatedAt: number, notes: string) => ({
      ...orderDoc({ id, branchId: paris, lines: 1, updatedAt, notes }),
      edits: { notes: { at: updatedAt, till: notes === 'direct' ? 'till-direct' : 'till-hub' } },
    });

    // The hub's till edited last: its notes win at the central server (joined with the other).
    const x1 = version(newId(), 1_000, 'v1');
    await push(tillClient, null, x1);
    await replicate();
    expect(await push(direct, x1, version(x1.id, 2_000, 'direct'))).toEqual([]);
    await push(tillClient, x1, version(x1.id, 3_000, 'via hub'));
    await replicate();
    expect((await centralOrders([x1.id]))[0]?.data).toMatchObject({ notes: 'via hub' });

    // The direct edit is later: the join keeps it, and the hub adopts the join for its tills.
    const y1 = version(newId(), 1_000, 'v1');
    await push(tillClient, null, y1);
    await replicate();
    expect(await push(direct, y1, version(y1.id, 3_000, 'direct'))).toEqual([]);
    await push(tillClient, y1, version(y1.id, 2_000, 'via hub'));
    await replicate();
    expect((await centralOrders([y1.id]))[0]?.data).toMatchObject({ notes: 'direct' });
    const { rows } = await hub.server.services.db.pool.query<{ notes: string }>(
      `SELECT data ->> 'notes' AS notes FROM documents WHERE collection = 'orders' AND id = $1`,
      [y1.id],
    );
    expect(rows[0]?.notes).toBe('direct');
  });

  it('refuses a till of another branch, an owner token, and a till revoked at the central server', async () => {
    const lyonTill = await pairTill(central.server, orgId, central.demo.branchIds[1]!, 'Lyon till');
    const lyonToken = (await deviceClient(central.trpcUrl, lyonTill)).token.accessToken;
    const pull = (token: string) =>
      createClient(hub.trpcUrl, () => token)
        .sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1 })
        .catch((error: unknown) => error);
    expect(httpStatusOf(await pull(lyonToken))).toBe(403);
    const owner = await ownerClient(
      central.trpcUrl,
      central.demo.owner.email,
      central.demo.owner.password,
    );
    expect(httpStatusOf(await pull(owner.session.accessToken))).toBe(401);

    const tillToken = (await deviceClient(central.trpcUrl, till)).token.accessToken;
    expect(httpStatusOf(await pull(tillToken))).toBeUndefined();
    await revokeDevice(central.server.services.db.pool, orgId, till.deviceId, new Date());
    await replicate();
    expect(httpStatusOf(await pull(tillToken))).toBe(401);
  });
});
