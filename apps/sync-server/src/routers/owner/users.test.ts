import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpStatusOf, ownerClient, type Client } from '../../testing/client';
import { ENGINES, startOnEngine } from '../../testing/engines';
import { seedAnotherOrg, type TestServer } from '../../testing/index';

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => 'succeeded',
    (e: unknown) => e,
  );

describe.each(ENGINES)('owner.users: managers scoped to their branches (%s)', (engine) => {
  let server: TestServer;
  let owner: Client;
  let paris: string;
  let lyon: string;
  const manager = { email: 'Manon@Lacoste.example', password: 'manon-pass-2026' };

  beforeAll(async () => {
    server = await startOnEngine(engine);
    [paris = '', lyon = ''] = server.demo.branchIds;
    owner = (await ownerClient(server.trpcUrl, server.demo.owner.email, server.demo.owner.password))
      .client;
  });
  afterAll(() => server?.close());

  it('an owner creates a manager who signs in and sees only their branch', async () => {
    const { id } = await owner.owner.users.create.mutate({
      ...manager,
      name: 'Manon',
      role: 'manager',
      branchIds: [paris],
    });
    const listed = await owner.owner.users.list.query();
    expect(listed.find((u) => u.id === id)).toMatchObject({
      role: 'manager',
      branchIds: [paris],
      active: true,
    });
    expect(JSON.stringify(listed)).not.toMatch(/argon2|password/i);

    const { client, session } = await ownerClient(
      server.trpcUrl,
      manager.email.toLowerCase(),
      manager.password,
    );
    expect(session.user).toMatchObject({ role: 'manager', branchIds: [paris] });
    expect((await client.owner.branches.list.query()).map((b) => b.id)).toEqual([paris]);
    await client.owner.overrides.list.query({ branchId: paris });
    expect(httpStatusOf(await fail(client.owner.overrides.list.query({ branchId: lyon })))).toBe(
      403,
    );
    await client.reports.zReports.query({
      range: { branchId: paris, from: '2026-11-01', to: '2026-11-30' },
    });
    expect(
      httpStatusOf(
        await fail(
          client.reports.zReports.query({
            range: { branchId: lyon, from: '2026-11-01', to: '2026-11-30' },
          }),
        ),
      ),
    ).toBe(403);
    // Owner-only procedures, including managing accounts.
    for (const call of [
      () => client.owner.users.list.query(),
      () =>
        client.owner.users.create.mutate({
          email: 'sneaky@lacoste.example',
          name: 'S',
          role: 'owner',
          password: 'sneaky-pass-123',
        }),
      () => client.owner.users.update.mutate({ id, branchIds: [paris, lyon] }),
      () => client.owner.users.deactivate.mutate({ id: session.user.id }),
      () => client.owner.devices.createPairingCode.mutate({ branchId: paris }),
      () => client.owner.audit.list.query({}),
    ])
      expect(httpStatusOf(await fail(call()))).toBe(403);
  });

  it('moving a manager to other branches ends their sessions; a new sign-in sees the new scope', async () => {
    const anon = createClient(server.trpcUrl);
    const before = await anon.auth.signIn.mutate(manager);
    await owner.owner.users.update.mutate({ id: before.user.id, branchIds: [lyon] });
    expect(
      httpStatusOf(await fail(anon.auth.refresh.mutate({ refreshToken: before.refreshToken }))),
    ).toBe(401);
    const after = await anon.auth.signIn.mutate(manager);
    expect(after.user.branchIds).toEqual([lyon]);
  });

  it('a deactivated account can neither sign in nor refresh', async () => {
    const anon = createClient(server.trpcUrl);
    const session = await anon.auth.signIn.mutate(manager);
    const done = await owner.owner.users.deactivate.mutate({ id: session.user.id });
    expect(done.active).toBe(false);
    expect(httpStatusOf(await fail(anon.auth.signIn.mutate(manager)))).toBe(401);
    expect(
      httpStatusOf(await fail(anon.auth.refresh.mutate({ refreshToken: session.refreshToken }))),
    ).toBe(401);
    const audit = await owner.owner.audit.list.query({});
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['user.created', 'user.updated', 'user.deactivated']),
    );
  });

  it('refuses inconsistent accounts and never leaves an org without an owner', async () => {
    const status = async (p: Promise<unknown>) => httpStatusOf(await fail(p));
    type NewUser = Parameters<typeof owner.owner.users.create.mutate>[0];
    const cases: [Partial<NewUser>, number][] = [
      [{ email: 'a@x.example', role: 'manager' }, 400], // a manager without branches
      [{ email: 'b@x.example', role: 'owner', branchIds: [paris] }, 400],
      [{ email: 'c@x.example', role: 'manager', branchIds: ['nowhere'] }, 403],
      [{ email: 'd@x.example', role: 'manager', branchIds: [paris], password: 'short' }, 400],
      [{ email: server.demo.owner.email.toUpperCase(), role: 'owner' }, 409],
    ];
    for (const [fields, want] of cases) {
      const input = { name: 'X', password: 'long-enough-1', email: '', role: 'owner', ...fields };
      expect([
        fields.email,
        await status(owner.owner.users.create.mutate(input as NewUser)),
      ]).toEqual([fields.email, want]);
    }
    const me = await owner.owner.me.query();
    expect(await status(owner.owner.users.deactivate.mutate({ id: me.userId }))).toBe(422);
    expect(
      await status(
        owner.owner.users.update.mutate({ id: me.userId, role: 'manager', branchIds: [paris] }),
      ),
    ).toBe(422);
    // Another org's account is not reachable (and not distinguishable from an unknown id).
    const other = await seedAnotherOrg(
      server.server,
      'org_users_other',
      'owner@users-other.example',
    );
    const otherOwner = await ownerClient(server.trpcUrl, other.owner.email, other.owner.password);
    const otherId = otherOwner.session.user.id;
    expect(await status(owner.owner.users.deactivate.mutate({ id: otherId }))).toBe(403);
    expect(await status(owner.owner.users.update.mutate({ id: 'usr_nobody', name: 'Y' }))).toBe(
      403,
    );
    expect((await owner.owner.users.list.query()).some((u) => u.id === otherId)).toBe(false);
  });
});
