import type { DeviceHeartbeat } from '@comanda/core/sync';
import { createClient, ownerClient, pairTill, startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeviceTokenSource } from './device-auth.js';
import { isTillRevoked, startHeartbeat } from './heartbeat.js';
import { createPublicSyncClient, createSyncClient } from './sync-client.js';

const report = (unsyncedOrders: number): DeviceHeartbeat => ({ unsyncedOrders, printQueue: 0, printers: [], appVersion: '0.1.0' });

describe('startHeartbeat', () => {
  it('reports at once, then a change once after a burst of nudges, and nothing unchanged', async () => {
    let unsynced = 0;
    const sent: DeviceHeartbeat[] = [];
    const hb = startHeartbeat({ read: () => Promise.resolve(report(unsynced)), send: (r) => Promise.resolve(void sent.push(r)), intervalMs: 60_000, settleMs: 20 });
    await expect.poll(() => sent.length).toBe(1);
    hb.nudge(); // nothing changed
    await new Promise((r) => setTimeout(r, 60));
    expect(sent.length).toBe(1);
    unsynced = 3;
    for (let i = 0; i < 5; i++) hb.nudge();
    await expect.poll(() => sent.map((r) => r.unsyncedOrders)).toEqual([0, 3]);
    await new Promise((r) => setTimeout(r, 60));
    expect(sent.length).toBe(2);
    hb.stop();
  });

  it('keeps going after a failed report and sends the state of the next try', async () => {
    let fail = true;
    const sent: number[] = [];
    const errors: unknown[] = [];
    const hb = startHeartbeat({
      read: () => Promise.resolve(report(sent.length + 7)),
      send: (r) => (fail ? Promise.reject(new Error('offline')) : Promise.resolve(void sent.push(r.unsyncedOrders))),
      intervalMs: 30,
      onError: (e) => errors.push(e),
    });
    await expect.poll(() => errors.length).toBeGreaterThan(0);
    fail = false;
    await expect.poll(() => sent.length).toBeGreaterThan(0);
    hb.stop();
  });
});

describe('a revoked till against the real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    // Starting and seeding a server takes seconds, more when the machine is busy.
    server = await startTestServer();
  }, 60_000);
  afterAll(() => server?.close());

  it('recognises the revocation on a request with a live token and on the token exchange', async () => {
    const branchId = server.demo.branchIds[0]!;
    const credential = await pairTill(server.server, server.demo.orgId, branchId);
    const tokens = new DeviceTokenSource(createPublicSyncClient(server.url), credential);
    const client = createSyncClient(server.url, () => tokens.get());
    await client.heartbeat(report(1));
    const owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password)).client;
    await owner.owner.devices.revoke.mutate({ deviceId: credential.deviceId });

    const withToken = await client.pull('menu', null, 10).catch((e: unknown) => e);
    expect(isTillRevoked(withToken)).toBe(true);
    tokens.invalidate();
    const exchange = await client.heartbeat(report(1)).catch((e: unknown) => e);
    expect(isTillRevoked(exchange)).toBe(true);
    // Other refusals are not a revocation.
    const anonymous = await createClient(server.trpcUrl).sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1 }).catch((e: unknown) => e);
    expect(isTillRevoked(anonymous)).toBe(false);
  }, 30_000);
});
