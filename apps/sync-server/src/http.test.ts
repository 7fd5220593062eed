import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpStatusOf } from './testing/client';
import { startTestServer, type TestServer } from './testing/index';

describe('HTTP surface: health, metrics, CORS, limits, sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ authRateLimit: 5, corsOrigins: 'https://backoffice.example' });
  });
  afterAll(() => server?.close());

  it('answers liveness, readiness (with the database) and Prometheus metrics', async () => {
    expect(await (await fetch(`${server.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    await fetch(`${server.trpcUrl}/owner.me`);
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(
      /comanda_trpc_requests_total\{procedure="owner.me",code="UNAUTHORIZED"\} 1/,
    );
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('echoes a request id and allows the till origin (any loopback port) and configured origins', async () => {
    const res = await fetch(`${server.url}/health/live`, {
      headers: { 'x-request-id': 'req-123' },
    });
    expect(res.headers.get('x-request-id')).toBe('req-123');
    for (const origin of [
      'http://127.0.0.1:5199',
      'http://localhost:3000',
      'https://backoffice.example',
    ]) {
      const preflight = await fetch(`${server.trpcUrl}/sync.pull`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    }
    const evil = await fetch(`${server.trpcUrl}/sync.pull`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example' },
    });
    expect(evil.status).toBe(403);
    expect(evil.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bodies over the limit with 413 before reading them', async () => {
    const res = await fetch(`${server.trpcUrl}/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'a@b.c', password: 'x'.repeat(2 * 1024 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/over/);
  });

  it('rotates refresh tokens; reusing a spent one revokes the whole family', async () => {
    const anon = createClient(server.trpcUrl);
    const first = await anon.auth.signIn.mutate({
      email: server.demo.owner.email,
      password: server.demo.owner.password,
    });
    const second = await anon.auth.refresh.mutate({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const me = await createClient(server.trpcUrl, () => second.accessToken).owner.me.query();
    expect(me.role).toBe('owner');
    // The spent token comes back (stolen copy): refused, and the newer token dies with it.
    expect(
      httpStatusOf(
        await anon.auth.refresh
          .mutate({ refreshToken: first.refreshToken })
          .catch((e: unknown) => e),
      ),
    ).toBe(401);
    expect(
      httpStatusOf(
        await anon.auth.refresh
          .mutate({ refreshToken: second.refreshToken })
          .catch((e: unknown) => e),
      ),
    ).toBe(401);
    // Signing out revokes too.
    const third = await anon.auth.signIn.mutate({
      email: server.demo.owner.email,
      password: server.demo.owner.password,
    });
    await anon.auth.signOut.mutate({ refreshToken: third.refreshToken });
    expect(
      httpStatusOf(
        await anon.auth.refresh
          .mutate({ refreshToken: third.refreshToken })
          .catch((e: unknown) => e),
      ),
    ).toBe(401);
  });

  it('rate-limits sign-in and pairing attempts with 429', async () => {
    const anon = createClient(server.trpcUrl);
    const statuses: (number | undefined)[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push(
        httpStatusOf(
          await anon.auth.pair
            .mutate({ code: 'AAAA-BBBB', deviceName: 'guess' })
            .catch((e: unknown) => e),
        ),
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
    const wrong = await anon.auth.signIn
      .mutate({ email: server.demo.owner.email, password: 'wrong' })
      .catch((e: unknown) => e);
    expect(httpStatusOf(wrong)).toBe(401);
    expect(String(wrong)).toMatch(/Email or password is wrong/);
  });
});
