import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenToChanges } from '../testing/changes-listener';
import { deviceClient, httpStatusOf, type Client } from '../testing/client';
import { startCentralAndHub } from '../testing/hub';
import { pairTill, writeAsOwner, type DeviceCredential, type TestServer } from '../testing/index';

const report = (unsyncedOrders: number) => ({
  unsyncedOrders,
  printQueue: 1,
  printers: [{ id: 'kitchen', name: 'Kitchen', state: 'paper-out' as const }],
  appVersion: '0.1.0',
});

/**
 * The hub live both ways: it follows the central server's live stream (a change at the central
 * server reaches a till behind the hub because the stream named it, not because a timer came
 * round) and relays its tills' heartbeats up, with its own.
 */
describe('branch hub live with the central server', () => {
  let central: TestServer;
  let hub: TestServer;
  let till: DeviceCredential;
  let tillAtHub: Client;
  let orgId = '';
  let paris = '';

  /** The central server's record of a device's last report. */
  const centralHeartbeat = async (deviceId: string) => {
    const { rows } = await central.server.services.db.pool.query<{
      heartbeat: unknown;
      heartbeatAt: Date | null;
      lastSeenAt: Date | null;
    }>(
      `SELECT heartbeat, heartbeat_at AS "heartbeatAt", last_seen_at AS "lastSeenAt"
       FROM devices WHERE id = $1`,
      [deviceId],
    );
    return rows[0]!;
  };
  /** The hub's own client at the central server, as its device. */
  const hubAtCentral = async () => {
    const { rows } = await hub.server.services.db.pool.query<{ id: string; secret: string }>(
      'SELECT device_id AS id, device_secret AS secret FROM hub_identity',
    );
    const { id, secret } = rows[0]!;
    return {
      id,
      client: (await deviceClient(central.trpcUrl, { deviceId: id, deviceSecret: secret })).client,
    };
  };

  /** Renames a menu item at the central server and waits until the till behind the hub sees it. */
  const renameAndAwait = async (name: string) => {
    const menu = await tillAtHub.sync.pull.query({
      collection: 'menu',
      checkpoint: null,
      limit: 1000,
    });
    const item = menu.documents.find((d) => d.kind === 'item')!;
    const listener = listenToChanges(tillAtHub);
    try {
      await listener.until(() => listener.events.length > 0); // the stream is open
      await writeAsOwner(central.server, orgId, 'menu', [{ ...item, name }]);
      // The till's stream on the hub names the menu once the hub has pulled it from upstream.
      await listener.until(() => listener.changed().includes('menu'), 30_000);
      const after = await tillAtHub.sync.pull.query({
        collection: 'menu',
        checkpoint: menu.checkpoint,
        limit: 1000,
      });
      expect(after.documents.map((d) => [d.id, d.name])).toEqual([[item.id, name]]);
    } finally {
      listener.stop();
    }
  };

  /** Live `sync.changes` streams open at the central server (the hub's is one of them). */
  const centralStreams = async () => {
    const metric = await central.server.services.metrics.streams.get();
    const count = (event: string) =>
      metric.values.filter((v) => v.labels.event === event).reduce((s, v) => s + v.value, 0);
    return count('open') - count('close');
  };

  beforeAll(async () => {
    ({ central, hub, orgId, branchId: paris } = await startCentralAndHub());
    till = await pairTill(central.server, orgId, paris, 'Till behind the hub');
    await hub.server.services.branchHub!.syncNow(); // mirrors the branch's devices
    tillAtHub = (await deviceClient(hub.trpcUrl, till)).client;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('subscribes to the central stream with its device token, and a central change reaches the till with no poll', async () => {
    const waitForHubStream = async () => {
      const deadline = Date.now() + 30_000;
      while ((await centralStreams()) < 1) {
        if (Date.now() > deadline) throw new Error('the hub never opened its stream');
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    await waitForHubStream();
    await renameAndAwait('Croque du chef');
  });

  it('reconnects after the central server restarts, and changes flow down again', async () => {
    await central.restart();
    await renameAndAwait('Croque du soir');
  }, 60_000);

  it("relays the heartbeat of a till behind the hub, and the hub's own, to the central server", async () => {
    const { id: hubId } = await hubAtCentral();
    await tillAtHub.sync.heartbeat.mutate(report(3));
    // Batched by the hub (a 2 s pause gathers the reports of a burst), then sent up on its own.
    const deadline = Date.now() + 30_000;
    while ((await centralHeartbeat(till.deviceId)).heartbeatAt === null) {
      if (Date.now() > deadline)
        throw new Error('the till report never reached the central server');
      await new Promise((r) => setTimeout(r, 50));
    }
    const relayed = await centralHeartbeat(till.deviceId);
    expect(relayed.heartbeat).toEqual(report(3));
    expect(relayed.lastSeenAt).not.toBeNull();
    const own = await centralHeartbeat(hubId);
    expect(own.heartbeat).toMatchObject({ unsyncedOrders: 0, printQueue: 0, printers: [] });
  });

  it('keeps the newest report, never dates one in its future, and refuses strangers and tills', async () => {
    const { client: asHub } = await hubAtCentral();
    const now = central.server.services.now().getTime();
    const relay = (deviceId: string, heardAt: number, unsynced: number) =>
      asHub.hub.heartbeats.mutate({
        reports: [{ deviceId, heardAt, heartbeat: report(unsynced) }],
      });
    // From the future: stored as of the central server's now.
    await relay(till.deviceId, now + 3_600_000, 7);
    const stored = await centralHeartbeat(till.deviceId);
    expect(stored.heartbeat).toEqual(report(7));
    expect(stored.heartbeatAt!.getTime()).toBeLessThanOrEqual(Date.now());
    // Held back by an outage: an older report does not replace the newer one.
    await relay(till.deviceId, now - 60_000, 1);
    expect((await centralHeartbeat(till.deviceId)).heartbeat).toEqual(report(7));

    const lyonTill = await pairTill(central.server, orgId, central.demo.branchIds[1]!, 'Lyon');
    const refused = await relay(lyonTill.deviceId, now, 1).catch((e: unknown) => e);
    expect(httpStatusOf(refused)).toBe(403);
    expect((await centralHeartbeat(lyonTill.deviceId)).heartbeat).toBeNull();
    const direct = (await deviceClient(central.trpcUrl, till)).client;
    const notAHub = await direct.hub.heartbeats
      .mutate({ reports: [{ deviceId: till.deviceId, heardAt: now, heartbeat: report(0) }] })
      .catch((e: unknown) => e);
    expect(httpStatusOf(notAHub)).toBe(403);
    const tooMany = await asHub.hub.heartbeats
      .mutate({
        reports: Array.from({ length: 101 }, () => ({
          deviceId: till.deviceId,
          heardAt: now,
          heartbeat: report(0),
        })),
      })
      .catch((e: unknown) => e);
    expect(httpStatusOf(tooMany)).toBe(400);
  });
});
