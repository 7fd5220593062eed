import { addPayment, orderDocSchema, type OrderDoc } from '@comanda/core';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readHubIdentity, readHubRefused } from '../db/hub-state';
import { deviceClient, type Client } from '../testing/client';
import {
  orderContext as ctx,
  orderDoc,
  wireOrder as wire,
  withUnitLine as withLine,
} from '../testing/docs';
import {
  createPairingCode,
  pairTill,
  startTestServer,
  writeAsOwner,
  type DeviceCredential,
  type TestServer,
} from '../testing/index';
import { HubReplicator } from './replicator';
import { Upstream } from './upstream';

const AT = 1_790_000_000_000;

const parse = (doc: Record<string, unknown>): OrderDoc => {
  const { _deleted: _d, ...fields } = doc;
  return orderDocSchema.parse(fields);
};

/**
 * Orders merged on the hub travel up as the hub's own step from the central server's last known
 * copy. A join made on the hub (a stale till push) may reopen a paid order, which no till could do
 * in one step: the central server must take it as the join it is, not refuse the hub's whole batch
 * (which stopped every later order of the branch from reaching the central server).
 */
describe('a hub carries orders merged on the hub up to the central server', () => {
  let central: TestServer;
  let hub: TestServer;
  let a: Client;
  let b: Client;
  let tillB: DeviceCredential;
  let paris = '';
  let n = 0;
  const newId = () => `0195${String(++n).padStart(4, '0')}-0000-7000-8000-e00000000000`;
  const replicate = () => hub.server.services.branchHub!.syncNow();
  const centralOrder = async (id: string) => {
    const { rows } = await central.server.services.db.pool.query<{ data: Record<string, unknown> }>(
      `SELECT data FROM documents WHERE collection = 'orders' AND id = $1`,
      [id],
    );
    return rows[0] && ({ ...rows[0].data, _deleted: false } as Record<string, unknown>);
  };
  const push = (till: Client, assumed: unknown, next: unknown) =>
    till.sync.push.mutate({
      collection: 'orders',
      rows: [{ assumedMasterState: assumed as never, newDocumentState: next as never }],
    });

  beforeAll(async () => {
    central = await startTestServer();
    const orgId = central.demo.orgId;
    paris = central.demo.branchIds[0]!;
    const { code } = await createPairingCode(central.server, orgId, paris);
    const tillA = await pairTill(central.server, orgId, paris, 'Till A');
    tillB = await pairTill(central.server, orgId, paris, 'Till B');
    hub = await startTestServer({
      demo: false,
      hub: { upstream: central.url, pairingCode: code, deviceName: 'Hub', intervalMs: 60_000 },
    });
    await replicate();
    a = (await deviceClient(hub.trpcUrl, tillA)).client;
    b = (await deviceClient(hub.trpcUrl, tillB)).client;
  }, 60_000);
  afterAll(async () => {
    await hub?.close();
    await central?.close();
  });

  it('a line added from a stale copy of a paid order reaches the central server, and so do later orders', async () => {
    const stored = orderDoc({ id: newId(), branchId: paris, lines: 1, updatedAt: AT });
    expect(await push(a, null, stored)).toEqual([]);
    await replicate();
    const base = parse(stored);
    // Till A takes the whole payment; the hub carries the paid order up.
    const paid = wire(addPayment(base, { method: 'card', reference: 'A-1' }, ctx('a', AT + 10)));
    expect(await push(a, stored, paid)).toEqual([]);
    await replicate();
    expect((await centralOrder(stored.id))?.status).toBe('paid');

    // Till B, still on the open version, adds a line: the hub joins it with the paid copy.
    const [joined] = await push(b, stored, wire(withLine(base, 'line-b', AT + 20)));
    expect(joined).toBeDefined();
    expect(parse(joined!).lines.map((l) => l.id)).toContain('line-b');
    await replicate();
    expect(await centralOrder(stored.id)).toEqual(joined);

    // The next order of the branch is not held back behind it.
    const later = orderDoc({ id: newId(), branchId: paris, lines: 2, updatedAt: AT + 30 });
    expect(await push(a, null, later)).toEqual([]);
    await replicate();
    expect(await centralOrder(later.id)).toEqual(later);
  });

  it('an order the central server refuses does not hold back the central changes the hub pulls for its tills', async () => {
    // Written behind the hub's rules (a corrupted copy): its totals do not add up.
    const broken = orderDoc({ id: newId(), branchId: paris, lines: 1, updatedAt: AT + 40 });
    const { _deleted: _d, ...data } = broken;
    const totals = data.totals as Record<string, number>;
    await hub.server.services.db.pool.query(
      `INSERT INTO documents (org_id, collection, id, branch_id, visible_to, data, deleted)
       VALUES ($1, 'orders', $2, $3, ARRAY[$3], $4, false)`,
      [central.demo.orgId, broken.id, paris, { ...data, totals: { ...totals, total: 1 } }],
    );
    const menu = await b.sync.pull.query({ collection: 'menu', checkpoint: null, limit: 1000 });
    const item = menu.documents.find((d) => d.kind === 'item')!;
    await writeAsOwner(central.server, central.demo.orgId, 'menu', [
      { ...item, name: 'Tarte du jour' },
    ]);
    await replicate();
    expect(await centralOrder(broken.id)).toBeUndefined();
    const after = await b.sync.pull.query({
      collection: 'menu',
      checkpoint: menu.checkpoint,
      limit: 1000,
    });
    expect(after.documents.map((d) => [d.id, d.name])).toEqual([[item.id, 'Tarte du jour']]);
    expect((await readHubRefused(hub.server.services.db.pool, 'orders')).map((r) => r.id)).toEqual([
      broken.id,
    ]);
    await hub.server.services.db.pool.query(`DELETE FROM documents WHERE id = $1`, [broken.id]);
    await hub.server.services.db.pool.query(`DELETE FROM hub_refused WHERE id = $1`, [broken.id]);
  });

  it('a till push landing while the hub pushes an order up is joined with the central copy, not written over it', async () => {
    const stored = orderDoc({ id: newId(), branchId: paris, lines: 1, updatedAt: AT + 50 });
    expect(await push(a, null, stored)).toEqual([]);
    await replicate();
    // The test runs the hub's replication itself, to land a till's push mid-round.
    await hub.server.services.branchHub!.close();
    const base = parse(stored);
    const onHub = wire(withLine(base, 'line-hub', AT + 60));
    expect(await push(a, stored, onHub)).toEqual([]);
    const direct = (await deviceClient(central.trpcUrl, tillB)).client;
    expect(await push(direct, stored, wire(withLine(base, 'line-central', AT + 61)))).toEqual([]);

    const identity = await readHubIdentity(hub.server.services.db.pool);
    const upstream = new Upstream(
      central.url,
      () => identity,
      () => Date.now(),
    );
    const onTill = wire(withLine(parse(onHub), 'line-till', AT + 70));
    let landed = false;
    const midRound = {
      authenticate: () => upstream.authenticate(),
      client: {
        sync: {
          push: {
            // The central server has joined the hub's push; its answer is on its way back.
            async mutate(input: Parameters<typeof upstream.client.sync.push.mutate>[0]) {
              const answer = await upstream.client.sync.push.mutate(input);
              if (!landed) {
                landed = true;
                expect(await push(a, onHub, onTill)).toEqual([]);
              }
              return answer;
            },
          },
          pull: upstream.client.sync.pull,
        },
      },
    } as unknown as Upstream;
    const replicator = new HubReplicator({
      pool: hub.server.services.db.pool,
      changes: hub.server.services.hub,
      upstream: midRound,
      scope: { orgId: central.demo.orgId, branchId: paris },
      logger: pino({ level: 'silent' }),
    });
    await replicator.sync(['orders']);
    expect(landed).toBe(true);
    await replicator.sync(['orders']);
    const lines = parse((await centralOrder(stored.id))!).lines.map((l) => l.id);
    expect(lines).toEqual(expect.arrayContaining(['line-hub', 'line-central', 'line-till']));
  });

  it('an order the central server refuses is stepped over: later orders go up, it is reported, and pushed again only once it changes', async () => {
    const pool = hub.server.services.db.pool;
    // Written behind the hub's rules (a corrupted copy): its totals do not add up.
    const broken = orderDoc({ id: newId(), branchId: paris, lines: 1, updatedAt: AT + 80 });
    const { _deleted: _d, ...data } = broken;
    const totals = data.totals as Record<string, number>;
    await pool.query(
      `INSERT INTO documents (org_id, collection, id, branch_id, visible_to, data, deleted)
       VALUES ($1, 'orders', $2, $3, ARRAY[$3], $4, false)`,
      [central.demo.orgId, broken.id, paris, { ...data, totals: { ...totals, total: 1 } }],
    );
    const later = orderDoc({ id: newId(), branchId: paris, lines: 2, updatedAt: AT + 90 });
    expect(await push(a, null, later)).toEqual([]);

    const identity = await readHubIdentity(pool);
    const upstream = new Upstream(
      central.url,
      () => identity,
      () => Date.now(),
    );
    let pushes = 0;
    const counting = {
      authenticate: () => upstream.authenticate(),
      client: {
        sync: {
          push: {
            mutate(input: Parameters<typeof upstream.client.sync.push.mutate>[0]) {
              pushes++;
              return upstream.client.sync.push.mutate(input);
            },
          },
          pull: upstream.client.sync.pull,
        },
      },
    } as unknown as Upstream;
    const replicator = new HubReplicator({
      pool,
      changes: hub.server.services.hub,
      upstream: counting,
      scope: { orgId: central.demo.orgId, branchId: paris },
      logger: pino({ level: 'silent' }),
    });
    await replicator.sync(['orders']);
    expect(await centralOrder(later.id)).toEqual(later);
    expect(await centralOrder(broken.id)).toBeUndefined();
    const refused = await readHubRefused(pool, 'orders');
    expect(refused.map((r) => r.id)).toEqual([broken.id]);
    expect(refused[0]!.message).toMatch(/inconsistent/);

    // Not retried in a loop: a round with nothing changed sends no push.
    pushes = 0;
    await replicator.sync(['orders']);
    expect(pushes).toBe(0);

    // Repaired on the hub (a new version): the scan meets it again and it goes up.
    await pool.query(`UPDATE documents SET data = $2, txid = pg_current_xact_id() WHERE id = $1`, [
      broken.id,
      data,
    ]);
    await replicator.sync(['orders']);
    expect(await centralOrder(broken.id)).toEqual(broken);
    expect(await readHubRefused(pool, 'orders')).toEqual([]);
  });
});
