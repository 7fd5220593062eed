import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenToChanges } from '../testing/changes-listener';
import { createClient, deviceClient, failureOf, httpStatusOf } from '../testing/client';
import { createPairingCode, pairTill, startTestServer, type TestServer } from '../testing/index';

/**
 * A ready board or kitchen screen opened at the hub's address pairs there: the hub forwards
 * `auth.pair` to the central server (which alone holds the codes) and accepts the new device at
 * once. Before, the hub answered from its own database: every code was "wrong".
 */
describe('pairing through a branch hub', () => {
  let central: TestServer;
  let hub: TestServer;
  let orgId = '';
  let branchId = '';

  beforeAll(async () => {
    central = await startTestServer();
    orgId = central.demo.orgId;
    branchId = central.demo.branchIds[0]!;
    const { code } = await createPairingCode(central.server, orgId, branchId);
    hub = await startTestServer({
      demo: false,
      // Rounds an hour apart: only the pairing itself may make the new device known to the hub.
      hub: { upstream: central.url, pairingCode: code, intervalMs: 3_600_000 },
    });
    await hub.server.services.branchHub!.syncNow();
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('pairs a board at the hub with a central code, and the hub serves it at once', async () => {
    const { code } = await createPairingCode(central.server, orgId, branchId);
    const paired = await createClient(hub.trpcUrl).auth.pair.mutate({
      code,
      deviceName: 'Ready board',
      kind: 'board',
    });
    expect(paired.branchId).toBe(branchId);
    const { rows } = await central.server.services.db.pool.query<{ kind: string }>(
      'SELECT kind FROM devices WHERE id = $1',
      [paired.deviceId],
    );
    expect(rows).toEqual([{ kind: 'board' }]);
    const { client } = await deviceClient(hub.trpcUrl, paired);
    const page = await client.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 10,
    });
    expect(page.documents).toEqual([]);
    // The board's read-only rules hold at the hub too.
    expect(
      httpStatusOf(
        await failureOf(
          client.sync.pull.query({ collection: 'staff', checkpoint: null, limit: 10 }),
        ),
      ),
    ).toBe(403);
  });

  it('passes the central refusal on (a wrong code is a 401 saying so), and a kitchen screen pairs there with its stations', async () => {
    const wrong = await failureOf(
      createClient(hub.trpcUrl).auth.pair.mutate({ code: 'WRONG-CODE', deviceName: 'Board' }),
    );
    expect(httpStatusOf(wrong)).toBe(401);
    expect((wrong as Error).message).toMatch(/wrong, expired or already used/);
    const { code } = await createPairingCode(central.server, orgId, branchId);
    const kitchen = await createClient(hub.trpcUrl).auth.pair.mutate({
      code,
      deviceName: 'Grill',
      kind: 'kitchen',
      stations: ['grill'],
    });
    const { token } = await deviceClient(hub.trpcUrl, kitchen);
    expect(token.accessToken).toBeTruthy();
  });

  it('serves a device paired at the central server since its last round at once: pull and live stream', async () => {
    // Before, both were a 401 until the next round read the device list; the stream's refusal
    // ended a kitchen screen's subscription, so it never heard of a ticket again.
    const screen = await createClient(central.trpcUrl).auth.pair.mutate({
      code: (await createPairingCode(central.server, orgId, branchId)).code,
      deviceName: 'Bar',
      kind: 'kitchen',
      stations: ['bar'],
    });
    const { client } = await deviceClient(hub.trpcUrl, screen);
    const listener = listenToChanges(client);
    try {
      await listener.until(() => listener.events.includes('RESYNC') || listener.errors.length > 0);
      expect(listener.errors.map(String)).toEqual([]);
    } finally {
      listener.stop();
    }
    const till = await pairTill(central.server, orgId, branchId, 'Till paired later');
    const page = await (
      await deviceClient(hub.trpcUrl, till)
    ).client.sync.pull.query({
      collection: 'orders',
      checkpoint: null,
      limit: 10,
    });
    expect(page.documents).toEqual([]);
  });

  it('answers 503 with a reason while the central server is down', async () => {
    const { code } = await createPairingCode(central.server, orgId, branchId);
    await central.server.close();
    try {
      const down = await failureOf(
        createClient(hub.trpcUrl).auth.pair.mutate({ code, deviceName: 'Board', kind: 'board' }),
      );
      expect(httpStatusOf(down)).toBe(503);
      expect((down as Error).message).toMatch(/cannot reach the central server to pair/);
    } finally {
      await central.restart();
    }
  });
});
