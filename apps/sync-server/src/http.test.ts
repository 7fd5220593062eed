import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, httpStatusOf } from './testing/client';
import { startTestServer, type TestServer } from './testing/index';

describe('HTTP surface: health, metrics, CORS, limits, sessions', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      authRateLimit: 5,
      corsOrigins: 'https://backoffice.example',
      metricsPort: 0,
    });
  });
  afterAll(() => server?.close());

  it('answers liveness and readiness (with the database); metrics only on their own listener', async () => {
    expect(await (await fetch(`${server.url}/health/live`)).json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${server.url}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', database: 'pglite' });
    await fetch(`${server.trpcUrl}/owner.me`);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const metricsUrl = server.server.metricsUrl!;
    expect(new URL(metricsUrl).hostname).toBe('127.0.0.1');
    expect(new URL(metricsUrl).port).not.toBe(String(server.port));
    const metrics = await (await fetch(metricsUrl)).text();
    expect(metrics).toMatch(
      /comanda_trpc_requests_total\{procedure="owner.me",code="UNAUTHORIZED"\} 1/,
    );
    expect((await fetch(metricsUrl.replace('/metrics', '/trpc/owner.me'))).status).toBe(404);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
  });

  it('takes a token from ?connectionParams= only on sync.changes; elsewhere only the header counts', async () => {
    const anon = createClient(server.trpcUrl);
    const session = await anon.auth.signIn.mutate({
      email: server.demo.owner.email,
      password: server.demo.owner.password,
    });
    const params = `connectionParams=${encodeURIComponent(JSON.stringify({ token: session.accessToken }))}`;
    const query = await fetch(`${server.trpcUrl}/owner.me?${params}`);
    expect(query.status).toBe(401);
    const mutation = await fetch(`${server.trpcUrl}/owner.staff.upsert?${params}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'X',
        role: 'cashier',
        branchIds: server.demo.branchIds,
        pin: '4321',
      }),
    });
    expect(mutation.status).toBe(401);
    const header = await fetch(`${server.trpcUrl}/owner.me`, {
      headers: { authorization: `Bearer ${session.accessToken}` },
    });
    expect(header.status).toBe(200);
    // The stream still reads it there (EventSource cannot send headers): an owner token gets
    // past authentication and is refused for its role (403), not for a missing token (401).
    const stream = await fetch(
      `${server.trpcUrl}/sync.changes?input=${encodeURIComponent(JSON.stringify({}))}&${params}`,
    );
    const text = await readUntil(stream, /serialized-error/);
    expect(text).toMatch(/"httpStatus":403/);
  });

  it('takes admin commands only with the secret from the data folder lock', async () => {
    const lock = JSON.parse(await readFile(server.server.services.db.lock!.path, 'utf8')) as {
      pid: number;
      adminUrl: string;
      adminSecret: string;
    };
    expect(lock).toMatchObject({ pid: process.pid, adminUrl: server.url });
    const post = (command: string, body: unknown, secret?: string) =>
      fetch(`${server.url}/admin/${command}`, {
        method: 'POST',
        headers: secret ? { authorization: `Bearer ${secret}` } : {},
        body: JSON.stringify(body),
      });
    const pair = { branchId: server.demo.branchIds[0] };
    expect((await post('pair', pair)).status).toBe(403);
    expect((await post('pair', pair, `${lock.adminSecret.slice(0, -1)}x`)).status).toBe(403);
    expect((await fetch(`${server.url}/admin/pair`)).status).toBe(403);
    expect((await post('drop-everything', {}, lock.adminSecret)).status).toBe(404);
    const bad = await post('pair', { branchId: 'x'.repeat(500) }, lock.adminSecret);
    expect(bad.status).toBe(400);
    expect((await post('pair', { branchId: 'nowhere' }, lock.adminSecret)).status).toBe(404);
    const ok = await post('pair', pair, lock.adminSecret);
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { result: { code: string } }).result.code).toMatch(
      /^\w{4}-\w{4}$/,
    );
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

async function readUntil(response: Response, pattern: RegExp): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  try {
    while (!pattern.test(text)) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value as Uint8Array, { stream: true });
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
  return text;
}
