import { TILL_REVOKED_REASON } from '@comanda/core/sync';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createClient,
  deviceClient,
  httpStatusOf,
  pairTill,
  type Client,
  type DeviceCredential,
  type TestServer,
} from '../testing/index';
import { ENGINES, startWithOwner } from '../testing/engines';

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (e: unknown) => e,
  );

const reasonOf = (error: unknown) =>
  error instanceof TRPCClientError ? (error.data as { reason?: string }).reason : undefined;

/** The same secret with its first character changed. */
const flip = (secret: string) => (secret.startsWith('A') ? 'B' : 'A') + secret.slice(1);

const secretOf = ({ deviceId, deviceSecret }: DeviceCredential) => ({ deviceId, deviceSecret });

const report = {
  unsyncedOrders: 3,
  printQueue: 1,
  printers: [{ id: 'receipt-printer', name: 'Receipt', state: 'paper-out' as const }],
  appVersion: '0.1.0',
};

describe.each(ENGINES)('till heartbeat and revocation (%s)', (engine) => {
  let server: TestServer;
  let owner: Client;
  let branchId: string;
  let credential: DeviceCredential;
  let till: Client;

  beforeAll(async () => {
    ({ server, owner, branchId } = await startWithOwner(engine));
    credential = await pairTill(server.server, server.demo.orgId, branchId, 'Heartbeat till');
    till = (await deviceClient(server.trpcUrl, credential)).client;
  });
  afterAll(() => server?.close());

  it('stores what the till reports and shows it in the owner’s sync health', async () => {
    expect(await till.sync.heartbeat.mutate(report)).toEqual({ ok: true });
    const health = await owner.owner.syncHealth.query({ branchId });
    const row = health.find((d) => d.deviceId === credential.deviceId);
    expect(row?.heartbeat).toEqual(report);
    expect(row?.heartbeatAt).toBeTruthy();
    expect(row?.lastSeenAt).toEqual(row?.heartbeatAt);
  });

  it('refuses unbounded or malformed reports with a 400, and reports from a user with a 403', async () => {
    for (const bad of [
      { ...report, unsyncedOrders: -1 },
      { ...report, printQueue: 1.5 },
      { ...report, appVersion: '<script>' },
      {
        ...report,
        printers: Array.from({ length: 51 }, (_, i) => ({
          id: `p${i}`,
          name: 'P',
          state: 'online' as const,
        })),
      },
      { ...report, extra: true },
    ]) {
      expect(httpStatusOf(await fail(till.sync.heartbeat.mutate(bad)))).toBe(400);
    }
    expect(httpStatusOf(await fail(owner.sync.heartbeat.mutate(report)))).toBe(403);
  });

  it('a revoked till is told why at its next request and when it asks for a new token', async () => {
    await owner.owner.devices.revoke.mutate({ deviceId: credential.deviceId });
    for (const call of [
      () => till.sync.heartbeat.mutate(report),
      () => till.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 10 }),
      () => createClient(server.trpcUrl).auth.deviceToken.mutate(secretOf(credential)),
    ]) {
      const error = await fail(call());
      expect(httpStatusOf(error)).toBe(401);
      expect(reasonOf(error)).toBe(TILL_REVOKED_REASON);
      expect((error as Error).message).toMatch(/revoked by the owner/);
    }
    // A wrong secret learns nothing about the till.
    const wrong = await fail(
      createClient(server.trpcUrl).auth.deviceToken.mutate({
        ...secretOf(credential),
        deviceSecret: flip(credential.deviceSecret),
      }),
    );
    expect(httpStatusOf(wrong)).toBe(401);
    expect(reasonOf(wrong)).toBeNull();
  });
});
