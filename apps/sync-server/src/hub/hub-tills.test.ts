import { PRESENCE_TTL_MS } from '@comanda/core/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { revokeDevice } from '../db/devices';
import { listenToChanges } from '../testing/changes-listener';
import { deviceClient, httpStatusOf } from '../testing/client';
import { startCentralAndHub } from '../testing/hub';
import { orderDoc, pairTill, type TestServer } from '../testing/index';
import { DEVICE_LIST_MAX_AGE_MS } from './branch-hub';

/** Tills behind a hub: a till paired after the hub's last round, and presence between tills. */
describe('tills of a branch behind its hub', () => {
  let central: TestServer;
  let hub: TestServer;
  let orgId = '';
  let paris = '';
  // The hub's clock (presence times, the device list's pace); the central server's is real.
  let clock = Date.now();

  beforeAll(async () => {
    ({ central, hub, orgId, branchId: paris } = await startCentralAndHub(() => new Date(clock)));
    await hub.server.services.branchHub!.syncNow();
  }, 120_000);
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it("accepts a till paired after the hub's last round at its first call, and still refuses a stranger", async () => {
    const till = await pairTill(central.server, orgId, paris, 'Till paired later');
    // No round has run since: the hub reads the device list again when the till first calls.
    const { client } = await deviceClient(hub.trpcUrl, till);
    const page = await client.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1 });
    expect(page.documents).toHaveLength(1);
    const listener = listenToChanges(client);
    try {
      await listener.until(() => listener.events.includes('RESYNC'), 30_000);
      expect(listener.errors).toEqual([]);
    } finally {
      listener.stop();
    }
    // A till revoked at the central server is still refused: the list read again says so.
    const revoked = await pairTill(central.server, orgId, paris, 'Till revoked');
    const { client: revokedClient } = await deviceClient(hub.trpcUrl, revoked);
    await revokeDevice(central.server.services.db.pool, orgId, revoked.deviceId, new Date());
    clock += DEVICE_LIST_MAX_AGE_MS; // the list is read again at most every 5 s per device
    const refused = await revokedClient.sync.pull
      .query({ collection: 'menu', checkpoint: null, limit: 1 })
      .catch((error: unknown) => error);
    expect(httpStatusOf(refused)).toBe(401);
  }, 120_000);

  it('relays a till’s presence to the other tills of the hub with who and since when; a stream opened later starts with it', async () => {
    const a = await pairTill(central.server, orgId, paris, 'Till A');
    const b = await pairTill(central.server, orgId, paris, 'Till B');
    clock += DEVICE_LIST_MAX_AGE_MS;
    const tillA = (await deviceClient(hub.trpcUrl, a)).client;
    const tillB = (await deviceClient(hub.trpcUrl, b)).client;
    const atB = listenToChanges(tillB);
    try {
      await atB.until(() => atB.events.length >= 2, 30_000); // RESYNC, then the roster
      const since = clock;
      const said = await tillA.sync.presence.mutate({ orderId: 'order-7', staffName: 'Marie' });
      expect(said).toMatchObject({
        deviceId: a.deviceId,
        tillName: 'Till A',
        orderId: 'order-7',
        staffName: 'Marie',
        since,
      });
      await atB.until(() => atB.presence().some((e) => e.deviceId === a.deviceId), 30_000);
      expect(atB.presence().find((e) => e.deviceId === a.deviceId)).toEqual(said);
      // Repeated on the same order: "since" stays when the till first opened it.
      clock += 10_000;
      expect(
        (await tillA.sync.presence.mutate({ orderId: 'order-7', staffName: 'Marie' })).since,
      ).toBe(since);
    } finally {
      atB.stop();
    }
    const later = listenToChanges(tillB);
    try {
      await later.until(() => later.presence().some((e) => e.deviceId === a.deviceId), 30_000);
    } finally {
      later.stop();
    }
    // Advisory: with no refresh for the TTL, the hub forgets it (a new stream starts without it).
    clock += PRESENCE_TTL_MS;
    const afterTtl = listenToChanges(tillB);
    try {
      await afterTtl.until(() => afterTtl.events.length >= 2, 30_000);
      expect(afterTtl.presence().filter((e) => e.deviceId === a.deviceId)).toEqual([]);
    } finally {
      afterTtl.stop();
    }
  }, 120_000);

  it("writes no sync state of its devices: a till's pulls and pushes at the hub cost no write beyond the order", async () => {
    const till = await pairTill(central.server, orgId, paris, 'Till syncing at the hub');
    const { client } = await deviceClient(hub.trpcUrl, till);
    const order = orderDoc({ id: 'order-hub-state', branchId: paris, lines: 1, updatedAt: clock });
    expect(
      await client.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: order }],
      }),
    ).toEqual([]);
    const page = await client.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 500,
    });
    expect(page.documents.map((d) => d.id)).toContain(order.id);
    const { rows } = await hub.server.services.db.pool.query(
      'SELECT collection FROM device_sync_state WHERE device_id = $1',
      [till.deviceId],
    );
    expect(rows).toEqual([]);
  }, 120_000);
});
