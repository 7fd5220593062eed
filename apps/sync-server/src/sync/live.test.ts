import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../server';
import { createClient, deviceClient, httpStatusOf, type Client } from '../testing/client';
import { orderDoc } from '../testing/docs';
import { startOnEngine } from '../testing/engines';
import { pairTill } from '../testing/index';

type Event = { id: string; data: 'RESYNC' | { documents: { id: string }[]; checkpoint: unknown } };

/** Subscribes to `sync.stream` and collects events; `until` waits for a condition on them. */
function listen(till: Client, input: { collection: string; lastEventId?: string }) {
  const events: Event[] = [];
  const errors: unknown[] = [];
  const sub = till.sync.stream.subscribe(input, {
    onData: (event) => events.push(event as Event),
    onError: (error) => errors.push(error),
  });
  const ids = () =>
    events.flatMap((e) => (e.data === 'RESYNC' ? [] : e.data.documents.map((d) => d.id)));
  const until = async (check: () => boolean, ms = 15_000) => {
    const deadline = Date.now() + ms;
    while (!check()) {
      if (Date.now() > deadline)
        throw new Error(`timed out; events so far: ${JSON.stringify(events).slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return { events, errors, ids, until, stop: () => sub.unsubscribe() };
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
    const credential = await pairTill(a.server, a.demo.orgId, paris);
    tillA = (await deviceClient(a.trpcUrl, credential)).client;
    // Same key ring in the database: a token from instance A works on instance B.
    tillB = (await deviceClient(`${b.url}/trpc`, credential)).client;
  });
  afterAll(async () => {
    await b?.close();
    await a?.close();
  });

  it('a stream on instance B receives what is pushed to instance A, and resumes from lastEventId', async () => {
    const live = listen(tillB, { collection: 'orders' });
    await live.until(() => live.events.length > 0);
    expect(live.events[0]!.data).toBe('RESYNC');
    const first = orderDoc({ id: newId(), branchId: paris });
    await tillA.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: null, newDocumentState: first }],
    });
    await live.until(() => live.ids().includes(first.id));
    const resumeFrom = live.events.at(-1)!.id;
    live.stop();

    const missed = [
      orderDoc({ id: newId(), branchId: paris }),
      orderDoc({ id: newId(), branchId: paris }),
    ];
    await tillA.sync.push.mutate({
      collection: 'orders',
      rows: missed.map((d) => ({ assumedMasterState: null, newDocumentState: d })),
    });
    const resumed = listen(tillB, { collection: 'orders', lastEventId: resumeFrom });
    await resumed.until(() => resumed.ids().length >= 2);
    expect(resumed.ids()).toEqual(missed.map((d) => d.id));
    expect(resumed.events.some((e) => e.data === 'RESYNC')).toBe(false);
    resumed.stop();
  });

  it('a database restart in the middle of pushing loses nothing and streams recover', async () => {
    const live = listen(tillB, { collection: 'orders' });
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
    await live.until(() => docs.every((d) => live.ids().includes(d.id)), 30_000);
    const streamed = live.ids().filter((id) => docs.some((d) => d.id === id));
    expect(new Set(streamed).size).toBe(docs.length);
    live.stop();
    const pulled: string[] = [];
    let checkpoint: { txid: string; id: string } | null = null;
    for (;;) {
      const page = await tillA.sync.pull.query({ collection: 'orders', checkpoint, limit: 100 });
      pulled.push(...page.documents.map((d) => d.id));
      checkpoint = page.checkpoint;
      if (page.documents.length < 100) break;
    }
    for (const d of docs) expect(pulled.filter((id) => id === d.id)).toHaveLength(1);
  });

  it('a revoked till is refused on its next request, and its stream ends', async () => {
    const credential = await pairTill(a.server, a.demo.orgId, paris, 'to revoke');
    const { client: till } = await deviceClient(a.trpcUrl, credential);
    const live = listen(till, { collection: 'orders' });
    await live.until(() => live.events.length > 0);
    const owner = createClient(a.trpcUrl);
    const session = await owner.auth.signIn.mutate({
      email: a.demo.owner.email,
      password: a.demo.owner.password,
    });
    const ownerClient = createClient(a.trpcUrl, () => session.accessToken);
    await ownerClient.owner.devices.revoke.mutate({ deviceId: credential.deviceId });
    const error = await till.sync.pull
      .query({ collection: 'orders', checkpoint: null, limit: 1 })
      .catch((e: unknown) => e);
    expect(httpStatusOf(error)).toBe(401);
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
