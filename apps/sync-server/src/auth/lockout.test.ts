import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../admin';
import { startServer, type RunningServer } from '../server';
import { createClient, httpStatusOf } from '../testing/client';
import { ENGINES } from '../testing/engines';
import { pgliteDataDir, startPostgres, type TestPostgres } from '../testing/index';
import { lockoutMs } from './lockout';

describe.each(ENGINES)('per-account sign-in lockout (%s)', (engine) => {
  let root = '';
  let dataDir = '';
  let postgres: TestPostgres | null = null;
  let server: RunningServer;
  let clock = new Date('2026-12-01T10:00:00Z');
  let owner = { email: '', password: '' };
  const start = () =>
    startServer({
      port: 0,
      dataDir,
      databaseUrl: postgres?.url,
      logger: pino({ level: 'silent' }),
      authRateLimit: 10_000,
      now: () => clock,
    });
  const attempt = async (email: string, password: string) => {
    const anon = createClient(`${server.url}/trpc`);
    const outcome = await anon.auth.signIn.mutate({ email, password }).then(
      () => 'ok',
      (e: unknown) => e,
    );
    return outcome === 'ok'
      ? { status: 200, message: '' }
      : { status: httpStatusOf(outcome), message: String((outcome as Error).message) };
  };
  const advance = (ms: number) => (clock = new Date(clock.getTime() + ms));

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'comanda-lockout-'));
    if (engine === 'postgres') postgres = await startPostgres();
    else dataDir = await pgliteDataDir(join(root, 'pglite'));
    server = await start();
    owner = (await seedDemo(server.services)).owner;
  });
  afterAll(async () => {
    await server?.close();
    await postgres?.destroy();
    await rm(root, { recursive: true, force: true });
  });

  it('grows exponentially from a minute to at most an hour', () => {
    expect([1, 4, 5, 6, 7, 10, 11, 30].map(lockoutMs)).toEqual([
      0, 0, 60_000, 120_000, 240_000, 1_920_000, 3_600_000, 3_600_000,
    ]);
  });

  it('locks after five failures, says when to retry, and answers unknown emails alike', async () => {
    const runs: Record<string, { status?: number; message: string }[]> = {};
    for (const email of [owner.email, 'nobody@lacoste.example']) {
      runs[email] = [];
      for (let i = 0; i < 6; i++) runs[email].push(await attempt(email, 'wrong-password'));
    }
    const known = runs[owner.email]!;
    expect(known.map((r) => r.status)).toEqual([401, 401, 401, 401, 429, 429]);
    expect(known[4]!.message).toBe(
      'Too many failed sign-ins with this email; try again after 2026-12-01T10:01:00.000Z (in 1 minute)',
    );
    expect(runs['nobody@lacoste.example']).toEqual(known);
    // Locked means locked: the right password waits too, whatever the case of the email.
    expect((await attempt(owner.email.toUpperCase(), owner.password)).status).toBe(429);
  });

  it('survives a restart (the state is in the database)', async () => {
    await server.close();
    server = await start();
    expect((await attempt(owner.email, owner.password)).status).toBe(429);
  });

  it.runIf(engine === 'postgres')('is shared by instances on one database', async () => {
    const other = await start();
    try {
      const anon = createClient(`${other.url}/trpc`);
      const refused = await anon.auth.signIn
        .mutate({ email: owner.email, password: owner.password })
        .catch((e: unknown) => e);
      expect(httpStatusOf(refused)).toBe(429);
    } finally {
      await other.close();
    }
  });

  it('doubles the lock with each further failure; a success resets the count', async () => {
    advance(61_000);
    expect(await attempt(owner.email, 'still-wrong')).toMatchObject({
      status: 429,
      message: expect.stringContaining('(in 2 minutes)'),
    });
    advance(121_000);
    expect(await attempt(owner.email, 'still-wrong')).toMatchObject({
      message: expect.stringContaining('(in 4 minutes)'),
    });
    advance(241_000);
    expect((await attempt(owner.email, owner.password)).status).toBe(200);
    // Reset: four more failures are only 401s again.
    for (let i = 0; i < 4; i++)
      expect((await attempt(owner.email, 'wrong-again')).status).toBe(401);
    expect((await attempt(owner.email, owner.password)).status).toBe(200);
  });
});
