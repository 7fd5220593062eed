import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  acquireDataDirLock,
  DataDirLockedError,
  lockPathOf,
  readLockHolder,
} from './data-dir-lock';

describe('data folder lock', () => {
  const dirs: string[] = [];
  const folder = async () => {
    const dir = await mkdtemp(join(tmpdir(), 'comanda-lock-'));
    dirs.push(dir);
    return join(dir, 'pglite');
  };
  afterAll(() => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('is held by one holder at a time, in this process too, and released on close', async () => {
    const dataDir = await folder();
    const lock = await acquireDataDirLock(dataDir);
    const held = JSON.parse(await readFile(lockPathOf(dataDir), 'utf8')) as { pid: number };
    expect(held.pid).toBe(process.pid);
    expect((await stat(lockPathOf(dataDir))).mode & 0o077).toBe(0);
    await expect(acquireDataDirLock(dataDir)).rejects.toThrow(DataDirLockedError);
    await lock.release();
    await expect(stat(lockPathOf(dataDir))).rejects.toThrow();
    await (await acquireDataDirLock(dataDir)).release();
  });

  it('refuses a folder held by another live process, naming its pid', async () => {
    const dataDir = await folder();
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)']);
    try {
      await writeFile(lockPathOf(dataDir), JSON.stringify({ pid: other.pid, startedAt: '' }));
      expect((await readLockHolder(dataDir))?.pid).toBe(other.pid);
      const error = await acquireDataDirLock(dataDir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DataDirLockedError);
      expect(String(error)).toContain(`process ${other.pid}`);
    } finally {
      other.kill('SIGKILL');
      await once(other, 'exit');
    }
    // Its process is gone: the lock is stale and is taken over.
    expect(await readLockHolder(dataDir)).toBeNull();
    const lock = await acquireDataDirLock(dataDir);
    expect(JSON.parse(await readFile(lockPathOf(dataDir), 'utf8'))).toMatchObject({
      pid: process.pid,
    });
    await lock.release();
  });

  it('breaks a garbled stale lock file', async () => {
    const dataDir = await folder();
    await writeFile(lockPathOf(dataDir), '{"pid":');
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPathOf(dataDir), old, old);
    await (await acquireDataDirLock(dataDir)).release();
  });
});
