import type { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEventDoc } from '../../testing/docs';
import {
  failureOf,
  httpStatusOf,
  ownerClient,
  pairedTillClient,
  startTestServer,
  type Client,
  type TestServer,
} from '../../testing/index';

/** The audit log paged on the server: ties, small pages, ids across 999→1000, filters, bad input. */
describe('owner.audit.page', () => {
  let server: TestServer;
  let owner: Client;
  const ENTRIES = 1_005;
  const AT = new Date('2026-11-23T10:00:00Z');

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    const branchId = server.demo.branchIds[0]!;
    // Every entry at the same instant: only the tiebreak orders them, across ids 999 → 1000.
    await server.server.services.db.pool.query(
      `INSERT INTO audit_log (org_id, branch_id, actor_type, actor_id, action, detail, at)
       SELECT $1, $2, 'cli', 'paging-seed', CASE WHEN n % 2 = 0 THEN 'b.even' ELSE 'a.odd' END, '{}', $3
       FROM generate_series(1, $4) n`,
      [server.demo.orgId, branchId, AT, ENTRIES],
    );
    await server.server.services.db.pool.query(
      `INSERT INTO audit_log (org_id, branch_id, actor_type, actor_id, action, detail)
       VALUES ($1, NULL, 'cli', 'org-wide', 'org.wide', '{}')`,
      [server.demo.orgId],
    );
    const till = await pairedTillClient(server, branchId);
    await till.sync.push.mutate({
      collection: 'auditEvents',
      rows: [1, 2, 3].map((i) => ({
        assumedMasterState: null,
        newDocumentState: {
          ...auditEventDoc(`ae-${i}`, branchId, AT.getTime()),
          type: i === 2 ? 'order.voided' : 'drawer.noSale',
        },
      })),
    });
  });
  afterAll(() => server?.close());

  type Sort = 'at' | 'action' | 'actor' | 'branch';
  async function readAll(sort: Sort, dir: 'asc' | 'desc', size: number, actorId?: string) {
    const keys: string[] = [];
    let total = -1;
    for (let offset = 0; total < 0 || offset < total; offset += size) {
      const page = await owner.owner.audit.page.query({
        filter: actorId ? { actorId } : {},
        page: { sort, dir, offset, size },
      });
      total = page.total;
      keys.push(...page.rows.map((r) => r.key));
    }
    return { keys, total };
  }

  it('pages smaller than the data hold every entry once, in one order, whatever the page size', async () => {
    const byPages = await readAll('at', 'desc', 37);
    const whole = await readAll('at', 'desc', 200);
    expect(new Set(byPages.keys).size).toBe(byPages.total);
    expect(byPages.keys).toEqual(whole.keys);
    expect(byPages.total).toBeGreaterThanOrEqual(ENTRIES + 3);
    // Server entries at one instant sort by their numeric id: 1000 right after 999 going up.
    const up = (await readAll('at', 'asc', 101, 'paging-seed')).keys;
    const seqs = up.map((k) => Number(k.slice('server:'.length)));
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(up.indexOf('server:1000')).toBe(up.indexOf('server:999') + 1);
  });

  it('ties on another sort key keep the pages disjoint', async () => {
    const byAction = await readAll('action', 'asc', 64);
    expect(new Set(byAction.keys).size).toBe(byAction.total);
    const first = await owner.owner.audit.page.query({
      page: { sort: 'action', dir: 'asc', size: 1 },
    });
    expect(first.rows[0]?.action).toBe('a.odd');
  });

  it('names who did it: the till event’s staff member, the owner who revoked the till', async () => {
    const { rows: staff } = await server.server.services.db.pool.query<{
      id: string;
      name: string;
    }>(
      `SELECT id, data ->> 'name' AS name FROM documents
       WHERE org_id = $1 AND collection = 'staff' ORDER BY id LIMIT 1`,
      [server.demo.orgId],
    );
    const branchId = server.demo.branchIds[0]!;
    const till = await pairedTillClient(server, branchId, 'Named till');
    await till.sync.push.mutate({
      collection: 'auditEvents',
      rows: [
        {
          assumedMasterState: null,
          newDocumentState: {
            ...auditEventDoc('ae-named', branchId, AT.getTime()),
            type: 'order.lineVoided',
            staffId: staff[0]!.id,
          },
        },
      ],
    });
    const voided = await owner.owner.audit.page.query({
      filter: { action: 'order.lineVoided' },
      page: {},
    });
    expect(voided.rows.map((r) => [r.actorId, r.actorName])).toEqual([
      [staff[0]!.id, staff[0]!.name],
    ]);
    const deviceId = (await owner.owner.devices.list.query()).find(
      (d) => d.name === 'Named till',
    )!.id;
    await owner.owner.devices.revoke.mutate({ deviceId });
    const revoked = await owner.owner.audit.page.query({
      filter: { action: 'device.revoked' },
      page: {},
    });
    const { rows: owners } = await server.server.services.db.pool.query<{ name: string }>(
      `SELECT name FROM users WHERE email = $1`,
      [server.demo.owner.email],
    );
    expect(revoked.rows.map((r) => [r.actorType, r.actorName])).toEqual([
      ['user', owners[0]!.name],
    ]);
    // An actor the server holds no name for (a CLI, a staff id never synced) has none.
    const unnamed = await owner.owner.audit.page.query({
      filter: { action: 'order.voided' },
      page: {},
    });
    expect(unnamed.rows[0]?.actorName).toBeNull();
  });

  it('filters by source, type, branch and time; an empty result is an empty page', async () => {
    const voids = await owner.owner.audit.page.query({
      filter: { source: 'till', action: 'order.voided' },
      page: {},
    });
    expect(voids.total).toBe(1);
    expect(voids.rows[0]).toMatchObject({
      key: 'till:ae-2',
      actorId: 'staff-1',
      tillId: 'comptoir',
    });
    const other = await owner.owner.audit.page.query({
      filter: { branchId: server.demo.branchIds[1]!, action: 'a.odd' },
      page: {},
    });
    expect(other).toEqual({ rows: [], total: 0 });
    // An org-wide entry (no branch) shows under every branch.
    const orgWide = await owner.owner.audit.page.query({
      filter: { branchId: server.demo.branchIds[1]!, action: 'org.wide' },
      page: {},
    });
    expect(orgWide.rows.map((r) => r.actorId)).toEqual(['org-wide']);
    const later = await owner.owner.audit.page.query({
      filter: { action: 'b.even', from: AT.getTime() + 1 },
      page: {},
    });
    expect(later.total).toBe(0);
    const during = await owner.owner.audit.page.query({
      filter: { action: 'b.even', from: AT.getTime(), to: AT.getTime() + 1 },
      page: { size: 1 },
    });
    expect(during.total).toBe(Math.floor(ENTRIES / 2));
    expect(during.rows).toHaveLength(1);
  });

  it('refuses an unknown sort field or a page size out of 1–200 with a 400 that says why', async () => {
    const bad = await failureOf(owner.owner.audit.page.query({ page: { sort: 'detail' as 'at' } }));
    expect(httpStatusOf(bad)).toBe(400);
    expect((bad as TRPCClientError<never>).message).toMatch(/at.*action.*actor.*branch/);
    for (const size of [0, 201, 1.5])
      expect(httpStatusOf(await failureOf(owner.owner.audit.page.query({ page: { size } })))).toBe(
        400,
      );
    expect(
      httpStatusOf(await failureOf(owner.owner.audit.page.query({ page: { offset: -1 } }))),
    ).toBe(400);
  });
});
