import { startTestServer, type TestServer } from '@comanda/sync-server/testing';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from './client';
import { formErrorOf } from './errors';

/** A Map behind the Storage methods the session uses (sessionStorage in the browser). */
function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
    removeItem: (k: string) => void items.delete(k),
  };
}

describe('back-office session against the real server', () => {
  let server: TestServer;
  let clock = Date.UTC(2026, 11, 2, 9);
  beforeAll(async () => {
    server = await startTestServer({
      inMemory: true,
      now: () => new Date(clock),
      authRateLimit: 1000,
    });
  });
  afterAll(() => server?.close());

  async function signedIn() {
    const storage = memoryStorage();
    const api = createApi(server.url, storage);
    api.session.accept(
      await api.client.auth.signIn.mutate({
        email: server.demo.owner.email,
        password: server.demo.owner.password,
      }),
    );
    return { ...api, storage };
  }

  it('keeps the access token in memory only and refreshes it once when it expires', async () => {
    const { client, session, storage } = await signedIn();
    expect([...storage.items.values()].join()).not.toContain(session.accessToken);
    const firstRefresh = session.refreshToken;
    clock += 16 * 60_000; // past the 15-minute access token
    // Two calls at once: one refresh (a second one with the same token would revoke the family).
    const [a, b] = await Promise.all([client.owner.me.query(), client.owner.branches.list.query()]);
    expect(a.role).toBe('owner');
    expect(b.length).toBeGreaterThan(0);
    expect(session.refreshToken).not.toBe(firstRefresh);
    expect(storage.items.get('comanda.backoffice.refresh')).toBe(session.refreshToken);
    // The spent refresh token is dead: replaying it is refused.
    const replay = await client.auth.refresh
      .mutate({ refreshToken: firstRefresh! })
      .catch((e: unknown) => e);
    expect(replay).toBeInstanceOf(TRPCClientError);
  });

  it('sends the queries of one tick in one request; a refused one fails alone', async () => {
    const { client } = await signedIn();
    const requests: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return realFetch(input, init);
    };
    try {
      const [me, bad, branches] = await Promise.allSettled([
        client.owner.me.query(),
        client.reports.sales.query({ range: { from: '2024-01-01', to: '2026-01-01' }, by: 'item' }),
        client.owner.branches.list.query(),
      ]);
      expect(requests).toHaveLength(1);
      expect(me.status).toBe('fulfilled');
      expect(branches.status).toBe('fulfilled');
      expect(bad.status === 'rejected' && formErrorOf(bad.reason, 'range.').status).toBe(400);
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('ends the session when the refresh is refused (signed out elsewhere)', async () => {
    const { client, session } = await signedIn();
    await client.auth.signOut.mutate({ refreshToken: session.refreshToken! });
    clock += 16 * 60_000;
    const failed = await client.owner.me.query().catch((e: unknown) => e);
    expect((failed as TRPCClientError<never>).data).toMatchObject({ httpStatus: 401 });
    expect(session.user).toBeNull();
    expect(session.refreshToken).toBeNull();
  });

  it('maps the server’s 4xx issues to the fields a form shows', async () => {
    const { client } = await signedIn();
    const range = await client.reports.sales
      .query({ range: { from: '2024-01-01', to: '2026-01-01' }, by: 'item' })
      .catch((e: unknown) => formErrorOf(e, 'range.'));
    expect(range).toMatchObject({ status: 400, fields: { to: 'At most 400 days per report' } });
    const pin = await client.owner.staff.upsert
      .mutate({ name: 'Zoé', role: 'cashier', branchIds: [server.demo.branchIds[0]!], pin: '12' })
      .catch((e: unknown) => formErrorOf(e));
    expect(pin).toMatchObject({ status: 400, fields: { pin: 'a PIN is 4 to 8 digits' } });
    expect((await client.owner.staff.list.query()).some((s) => s.name === 'Zoé')).toBe(false);
  });
});
