import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startServer, type RunningServer } from '../server';
import { createClient, deviceClient, httpStatusOf, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { startOnEngine } from '../testing/engines';
import { listenToChanges as listen } from '../testing/changes-listener';
import { pairTill } from '../testing/index';

/** Pulls a till's orders from `checkpoint` to the end, as the till does when its stream speaks. */
async function pullOrders(till: Client, from: { txid: string; id: string } | null) {
  const ids: string[] = [];
  let checkpoint = from;
  for (;;) {
    const page = await till.sync.pull.query({ collection: 'orders', checkpoint, limit: 100 });
    ids.push(...page.documents.map((d) => d.id));
    checkpoint = page.checkpoint ?? checkpoint;
    if (page.documents.length < 100) return { ids, checkpoint };
  }
}

let n = 0;
const newId = () => `0194${String(++n).padStart(4, '0')}-0000-7000-8000-000000000000`;

describe('live streams on Postgres: two instances, LISTEN/NOTIFY, restarts', () => {
  let a: Awaited<ReturnType<typeof startOnEngine>>;
  let b: RunningServer;
  let paris: string;
  let tillA: Client;
  let tillB: Client;

  beforeAll(async () => {
    a = await startOnEngine('postgres');
    b = await startServer({
      port: 0,
      databaseUrl: a.postgres!.url,
      dataDir: 'unused',
      logger: pino({ level: 'silent' }),
    });
    paris = a.demo.branchIds[0]!;
    const credential = await pairTill(a.server, a.demo.orgId, paris, 'Till A');
    tillA = (await deviceClient(a.trpcUrl, credential)).client;
    // Another till of the branch (a device's own pushes do not wake its own stream, decision
    // 0018), on instance B: the same key ring in the database, so tokens work on either instance.
    const other = await pairTill(a.server, a.demo.orgId, paris, 'Till B');
    tillB = (await deviceClient(`${b.url}/trpc`, other)).client;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a stream on instance B hears what is pushed to instance A; a reopened stream starts with RESYNC and the pull catches up', async () => {
    const { checkpoint: start } = await pullOrders(tillB, null);
    const live = listen(tillB);
    await live.until(() => live.events.length > 0);
    expect(live.events[0]).toBe('RESYNC');
    const first = orderDoc({ id: newId(), branchId: paris });
    await tillA.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: first }],
    });
    await live.until(() => live.changed().includes('orders'));
    const caught = await pullOrders(tillB, start);
    expect(caught.ids).toEqual([first.id]);
    live.stop();

    const missed = [
      orderDoc({ id: newId(), branchId: paris }),
      orderDoc({ id: newId(), branchId: paris }),
    ];
    await tillA.sync.push.mutate({
      collection: 'orders',
      rows: missed.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
    });
    // Notices sent while the till was away are gone: the stream says RESYNC, the checkpoint does the rest.
    const reopened = listen(tillB);
    await reopened.until(() => reopened.events.length > 0);
    expect(reopened.events[0]).toBe('RESYNC');
    expect((await pullOrders(tillB, caught.checkpoint)).ids).toEqual(missed.map((d) => d.id));
    reopened.stop();
  });

  it('a database restart in the middle of pushing loses nothing and streams recover', async () => {
    const { checkpoint: start } = await pullOrders(tillB, null);
    const live = listen(tillB);
    await live.until(() => live.events.length > 0);
    const docs = Array.from({ length: 60 }, () => orderDoc({ id: newId(), branchId: paris }));
    let failures = 0;
    const pushing = (async () => {
      for (let i = 0; i < docs.length; i += 3) {
        const rows = docs
          .slice(i, i + 3)
          .map((d) => ({ assumedMasterState: null, newDocumentState: d }));
        // Like the till: retry the same batch until the server confirms it (push is idempotent).
        for (;;) {
          try {
            expect(await tillA.sync.push.mutate({ collection: 'orders', rows })).toEqual([]);
            break;
          } catch (error) {
            failures++;
            expect(httpStatusOf(error)).toBe(503);
            await new Promise((r) => setTimeout(r, 100));
          }
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 150));
    await a.postgres!.stop();
    await new Promise((r) => setTimeout(r, 300));
    await a.postgres!.start();
    await pushing;
    expect(failures).toBeGreaterThan(0);
    // The LISTEN connection of instance B broke with the database: its stream says RESYNC.
    await live.until(() => live.events.slice(1).includes('RESYNC'), 30_000);
    live.stop();
    const pulled = (await pullOrders(tillB, start)).ids;
    for (const d of docs) expect(pulled.filter((id) => id === d.id)).toHaveLength(1);
  });

  it('a revoked till is refused on its next request, on both instances, and its stream ends', async () => {
    const credential = await pairTill(a.server, a.demo.orgId, paris, 'to revoke');
    const { client: till } = await deviceClient(a.trpcUrl, credential);
    const { client: tillOnB } = await deviceClient(`${b.url}/trpc`, credential);
    const live = listen(till);
    await live.until(() => live.events.length > 0);
    const owner = createClient(a.trpcUrl);
    const session = await owner.auth.signIn.mutate({
      email: a.demo.owner.email,
      password: a.demo.owner.password,
    });
    const ownerClient = createClient(a.trpcUrl, () => session.accessToken);
    // The till also talks to instance B, which now remembers it as active for 5 s (ActiveDevices).
    await tillOnB.sync.pull.query({ collection: 'orders', checkpoint: null, limit: 1 });
    await ownerClient.owner.devices.revoke.mutate({ deviceId: credential.deviceId });
    const error = await till.sync.pull
      .query({ collection: 'orders', checkpoint: null, limit: 1 })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(401);
    // Instance B forgets it when the revocation's notice arrives (milliseconds), well before 5 s.
    await vi.waitFor(
      async () => {
        const onB = await tillOnB.sync.pull
          .query({ collection: 'orders', checkpoint: null, limit: 1 })
          .catch((e: unknown) => e);
        expect(httpStatusOf(onB)).toBe(401);
      },
      { timeout: 3_000, interval: 20 },
    );
    await tillA.sync.push.mutate({
      collection: 'orders',
      rows: [
        { assumedMasterState: null, newDocumentState: orderDoc({ id: newId(), branchId: paris }) },
      ],
    });
    await live.until(() => live.errors.length > 0);
    live.stop();
    const anon = createClient(a.trpcUrl);
    const tokenError = await anon.auth.deviceToken
      .mutate({ deviceId: credential.deviceId, deviceSecret: credential.deviceSecret })
      .catch((e: unknown) => e);
    expect(httpStatusOf(tokenError)).toBe(401);
  });
});
