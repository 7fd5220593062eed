import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { lockPathOf } from './db/data-dir-lock';
import { createClient } from './testing/client';
import { freePort, pgliteDataDir } from './testing/index';

const cwd = fileURLToPath(new URL('..', import.meta.url));

/** Real processes, as an operator runs them: `main.ts` (the server) and `cli.ts`. */
function startServerProcess(env: Record<string, string>): ChildProcess & { stderrText: string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd,
    env: { ...process.env, LOG_LEVEL: 'warn', METRICS_PORT: 'off', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  }) as ChildProcess & { stderrText: string };
  child.stderrText = '';
  child.stderr!.on('data', (chunk: Buffer) => (child.stderrText += chunk.toString()));
  return child;
}

async function waitReady(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    const ok = await fetch(`${url}/health/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

async function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('one process per PGlite folder; the CLI talks to the running server', () => {
  let root = '';
  const children: ChildProcess[] = [];
  afterAll(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    if (root) await rm(root, { recursive: true, force: true });
  });

  it('refuses a second server, sends CLI commands to the first, and recovers after kill -9', async () => {
    root = await mkdtemp(join(tmpdir(), 'comanda-cli-'));
    const dataDir = await pgliteDataDir(join(root, 'pglite'));
    const env = { COMANDA_DATA_DIR: dataDir };
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = startServerProcess({ ...env, PORT: String(port) });
    children.push(first);
    await waitReady(url, first);

    const second = startServerProcess({ ...env, PORT: String(await freePort()) });
    children.push(second);
    const [exitCode] = (await once(second, 'exit')) as [number];
    expect(exitCode).toBe(1);
    expect(second.stderrText).toContain(`in use by process ${first.pid}`);

    const seeded = await cli(['seed', '--demo'], env);
    expect(seeded.stdout).toMatch(/Seeded org org_demo/);
    const paired = await cli(['pair', '--branch', 'paris-11'], env);
    expect(paired.code).toBe(0);
    const anon = createClient(`${url}/trpc`);
    const till = await anon.auth.pair.mutate({ code: paired.stdout.trim(), deviceName: 'T1' });
    expect(till.branchId).toBe('paris-11');

    const added = await cli(
      [
        'user',
        'add',
        '--org',
        'org_demo',
        '--email',
        'manon@lacoste.example',
        '--name',
        'Manon',
      ].concat(['--role', 'manager', '--branch', 'paris-11']),
      { ...env, COMANDA_USER_PASSWORD: 'manon-pass-2026' },
    );
    expect(added.stdout).toMatch(/Manager manon@lacoste.example created/);
    const session = await anon.auth.signIn.mutate({
      email: 'manon@lacoste.example',
      password: 'manon-pass-2026',
    });
    expect(session.user).toMatchObject({ role: 'manager', branchIds: ['paris-11'] });
    const refused = await cli(['user', 'add', '--org', 'org_demo', '--email', 'x@y.example'], {
      ...env,
      COMANDA_USER_PASSWORD: 'x',
    });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Invalid name/);

    // A crash leaves the lock file behind; its pid is gone, so the CLI opens the folder itself.
    first.kill('SIGKILL');
    await once(first, 'exit');
    await stat(lockPathOf(dataDir));
    const offline = await cli(['pair', '--branch', 'paris-11'], env);
    expect(offline.code).toBe(0);
    const third = startServerProcess({ ...env, PORT: String(port) });
    children.push(third);
    await waitReady(url, third);
    const till2 = await anon.auth.pair.mutate({ code: offline.stdout.trim(), deviceName: 'T2' });
    expect(till2.branchId).toBe('paris-11');
    third.kill('SIGTERM');
    await once(third, 'exit');
    await expect(stat(lockPathOf(dataDir))).rejects.toThrow();
  }, 120_000);
});
