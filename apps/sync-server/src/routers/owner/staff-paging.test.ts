import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../auth/users';
import {
  failureOf,
  httpStatusOf,
  ownerClient,
  startTestServer,
  type Client,
  type TestServer,
} from '../../testing/index';

/** owner.staff.page: the staff list filtered, sorted and paged by the server. */
describe('owner.staff.page', () => {
  let server: TestServer;
  let owner: Client;
  let manager: Client;
  let paris: string;
  let lyon: string;

  beforeAll(async () => {
    server = await startTestServer({ inMemory: true });
    [paris = '', lyon = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
    // Seven members with one name (ties on the sort key), in Lyon only.
    for (let i = 0; i < 7; i++)
      await owner.owner.staff.upsert.mutate({
        name: 'Sam Same',
        role: i % 2 ? 'manager' : 'cashier',
        branchIds: [lyon],
        pin: '2468',
      });
    await createUser(server.server.services.db.pool, {
      orgId: server.demo.orgId,
      email: 'paris-manager@example.com',
      name: 'P',
      role: 'manager',
      branchIds: [paris],
      password: 'manager-pass-123',
    });
    manager = (await ownerClient(server.trpcUrl, 'paris-manager@example.com', 'manager-pass-123'))
      .client;
  });
  afterAll(() => server?.close());

  it('pages smaller than the list hold every member once, ties on the name broken by id', async () => {
    const all = await owner.owner.staff.list.query();
    for (const dir of ['asc', 'desc'] as const) {
      const ids: string[] = [];
      let total = -1;
      for (let offset = 0; total < 0 || offset < total; offset += 3) {
        const page = await owner.owner.staff.page.query({
          page: { sort: 'name', dir, offset, size: 3 },
        });
        total = page.total;
        ids.push(...page.rows.map((r) => r.id));
        for (const row of page.rows) expect('pinHash' in row).toBe(false);
      }
      expect(total).toBe(all.length);
      expect(new Set(ids).size).toBe(total);
      expect(ids.sort()).toEqual(all.map((s) => s.id).sort());
    }
  });

  it('filters by name, role, branch and status; a manager sees only their branches', async () => {
    const same = await owner.owner.staff.page.query({
      filter: { search: 'sam same', role: 'manager' },
      page: {},
    });
    expect(same.total).toBe(3);
    const lyonStaff = await owner.owner.staff.page.query({ filter: { branchId: lyon }, page: {} });
    expect(lyonStaff.total).toBeGreaterThanOrEqual(7);
    const managerSees = await manager.owner.staff.page.query({ page: { size: 200 } });
    expect(managerSees.rows.every((r) => r.branchIds.includes(paris))).toBe(true);
    expect(managerSees.rows.some((r) => r.name === 'Sam Same')).toBe(false);
    expect(
      httpStatusOf(
        await failureOf(manager.owner.staff.page.query({ filter: { branchId: lyon }, page: {} })),
      ),
    ).toBe(403);
    expect(
      await owner.owner.staff.page.query({ filter: { search: 'nobody-at-all' }, page: {} }),
    ).toEqual({ rows: [], total: 0 });
  });

  it('refuses an unknown sort field and page sizes outside 1–200 with a 400', async () => {
    for (const page of [{ sort: 'pinHash' as 'name' }, { size: 0 }, { size: 201 }])
      expect(httpStatusOf(await failureOf(owner.owner.staff.page.query({ page })))).toBe(400);
  });
});
