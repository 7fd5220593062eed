import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenToChanges } from '../testing/changes-listener';
import { deviceClient, type Client } from '../testing/client';
import {
  createPairingCode,
  pairTill,
  startTestServer,
  writeAsOwner,
  type TestServer,
} from '../testing/index';

/** Longer than any test: neither the hub's safety net nor the central stream's resync fires. */
const NEVER = 3_600_000;

/**
 * The hub follows the central server's live stream: a change at the central server reaches a
 * till behind the hub because the stream named it, not because a timer came round.
 */
describe('branch hub following the central live stream', () => {
  let central: TestServer;
  let hub: TestServer;
  let tillAtHub: Client;
  let orgId = '';

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
    central = await startTestServer({ streamPollMs: NEVER });
    orgId = central.demo.orgId;
    const paris = central.demo.branchIds[0]!;
    const { code } = await createPairingCode(central.server, orgId, paris);
    hub = await startTestServer({
      demo: false,
      streamPollMs: NEVER,
      hub: { upstream: central.url, pairingCode: code, deviceName: 'Hub', intervalMs: NEVER },
    });
    const till = await pairTill(central.server, orgId, paris, 'Till behind the hub');
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
});
