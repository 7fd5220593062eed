import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, deviceClient, ownerClient, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { pairTill, startTestServer, type TestServer } from '../testing/index';

/** owner.live: the back office hears about new orders at once, with its token in a header. */
describe('owner.live', () => {
  let server: TestServer;
  let owner: Client;
  let till: Client;

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true, streamPollMs: 60_000 });
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    till = (
      await deviceClient(
        server.trpcUrl,
        await pairTill(server.server, server.demo.orgId, server.demo.branchIds[0]!),
      )
    ).client;
  });
  afterAll(() => server?.close());

  const waitFor = async (check: () => boolean) => {
    for (let i = 0; i < 400 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
    expect(check()).toBe(true);
  };

  it('signals a pushed order to the owner; the token never in the URL', async () => {
    const urls: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      urls.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    const heard: string[][] = [];
    const sub = owner.owner.live.subscribe(undefined, {
      onData: (e) => heard.push(e.collections),
    });
    try {
      // Subscribed once the first event (a menu change) arrives.
      await waitFor(() => {
        void owner.owner.overrides.set.mutate({
          branchId: server.demo.branchIds[0]!,
          itemId: 'escargots',
          price: 1200 + heard.length,
          available: null,
        });
        return heard.length > 0;
      });
      const order = orderDoc({
        id: 'ord-live-1',
        branchId: server.demo.branchIds[0]!,
        ticketNumber: 1,
      });
      await till.sync.push.mutate({
        collection: 'orders',
        rows: [{ assumedMasterState: null, newDocumentState: order }],
      });
      await waitFor(() => heard.some((c) => c.includes('orders')));
      expect(urls.filter((u) => u.includes('owner.live')).join()).not.toMatch(/eyJ|token=/);
    } finally {
      sub.unsubscribe();
      globalThis.fetch = realFetch;
    }
  });

  it('signals a heartbeat, a pairing and a revocation as devices, and no till hears it', async () => {
    const heard: string[][] = [];
    const tillHeard: unknown[] = [];
    const tillErrors: unknown[] = [];
    const sub = owner.owner.live.subscribe(undefined, {
      onData: (e) => heard.push(e.collections),
    });
    const tillSub = till.sync.changes.subscribe(
      {},
      { onData: (e) => tillHeard.push(e), onError: (e) => tillErrors.push(e) },
    );
    const devicesHeard = () => heard.filter((c) => c.includes('devices')).length;
    const report = { unsyncedOrders: 0, printQueue: 0, printers: [], appVersion: '0.1.0' };
    try {
      // Subscribed once the first heartbeat is heard.
      await waitFor(() => {
        void till.sync.heartbeat.mutate(report);
        return devicesHeard() > 0;
      });
      await waitFor(() => tillHeard.length > 0);
      const before = devicesHeard();
      const credential = await pairTill(
        server.server,
        server.demo.orgId,
        server.demo.branchIds[1]!,
        'Live till',
      );
      // pairTill redeems directly; the procedure's own signal is the revocation below.
      await owner.owner.devices.revoke.mutate({ deviceId: credential.deviceId });
      await waitFor(() => devicesHeard() > before);
      // A till's stream never names the device signal (its schema has only replicated collections).
      expect(JSON.stringify(tillHeard)).not.toContain('devices');
      expect(tillErrors).toEqual([]);
    } finally {
      sub.unsubscribe();
      tillSub.unsubscribe();
    }
  });

  it('refuses an anonymous listener', async () => {
    const errors: unknown[] = [];
    const sub = createClient(server.trpcUrl).owner.live.subscribe(undefined, {
      onError: (e) => errors.push(e),
    });
    await waitFor(() => errors.length > 0);
    sub.unsubscribe();
  });
});
