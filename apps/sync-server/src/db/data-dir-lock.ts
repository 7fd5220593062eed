import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, rm, rmdir, mkdir, stat, unlink } from 'node:fs/promises';
import { resolve } from 'node:path';

/** What the lock file says about the process that holds a PGlite data folder. */
export interface LockHolder {
  pid: number;
  startedAt: string;
  /** Set by a running sync server: where the CLI sends its commands. */
  adminUrl?: string;
  /** Bearer secret of the admin endpoint (the file is readable by its owner only). */
  adminSecret?: string;
}

/** The data folder belongs to another live process. */
export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The data folder ${dataDir} is in use by process ${holder.pid}` +
        (holder.adminUrl ? ` (the sync server at ${holder.adminUrl})` : '') +
        '. Two processes must never open one embedded database: stop that process first.',
    );
  }
}

/** A held lock: the holder can publish its admin endpoint and must release it on close. */
export interface DataDirLock {
  readonly path: string;
  publish(admin: { adminUrl: string; adminSecret: string }): Promise<void>;
  release(): Promise<void>;
}

/** The lock file sits beside the folder (never inside PGlite's own files). */
export function lockPathOf(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** Lock files this process holds: a second open in the same process is refused too. */
const heldHere = new Set<string>();

function isAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readHolder(path: string): Promise<{ text: string; holder: LockHolder | null }> {
  const text = await readFile(path, 'utf8');
  try {
    const parsed = JSON.parse(text) as LockHolder;
    return { text, holder: typeof parsed.pid === 'number' ? parsed : null };
  } catch (_error) {
    return { text, holder: null };
  }
}

/** The live process holding the folder, or null if it is free (no lock, or a stale one). */
export async function readLockHolder(dataDir: string): Promise<LockHolder | null> {
  try {
    const { holder } = await readHolder(lockPathOf(dataDir));
    return holder && holder.pid !== process.pid && isAlive(holder.pid) ? holder : null;
  } catch (_error) {
    return null;
  }
}

/**
 * Takes the folder for this process: the lock file is created with O_EXCL (atomic), holding our
 * pid. A lock whose pid is gone (a crash, a kill -9) is stale and is broken; only one process can
 * break it, because the break is a rename of exactly the stale file under a second exclusive lock.
 */
export async function acquireDataDirLock(dataDir: string): Promise<DataDirLock> {
  const path = lockPathOf(dataDir);
  const mine: LockHolder = { pid: process.pid, startedAt: new Date().toISOString() };
  if (heldHere.has(path)) throw new DataDirLockedError(dataDir, mine);
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      const file = await open(path, 'wx', 0o600);
      try {
        await file.writeFile(JSON.stringify(mine));
      } finally {
        await file.close();
      }
      return heldLock(path, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = await readHolder(path).catch(() => null);
    if (!current) continue; // released in between: try again
    // Our own pid in a file we do not hold: a previous life of a process that got the same pid.
    if (current.holder && current.holder.pid !== process.pid && isAlive(current.holder.pid))
      throw new DataDirLockedError(dataDir, current.holder);
    if (!current.holder && (await isFresh(path))) {
      // Being written right now by another process: give it a moment.
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    await breakStale(path, current.text);
  }
  throw new Error(`Could not lock the data folder ${dataDir}`);
}

async function isFresh(path: string): Promise<boolean> {
  const info = await stat(path).catch(() => null);
  return info !== null && Date.now() - info.mtimeMs < 2000;
}

async function breakStale(path: string, staleText: string): Promise<void> {
  const breaker = `${path}.break`;
  try {
    await mkdir(breaker);
  } catch (_error) {
    // Another process is breaking it; a breaker left by a crash is removed after a while.
    const info = await stat(breaker).catch(() => null);
    if (info && Date.now() - info.mtimeMs > 10_000) await rmdir(breaker).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 50));
    return;
  }
  try {
    const aside = `${path}.stale-${randomBytes(6).toString('hex')}`;
    await rename(path, aside).catch(() => undefined);
    const moved = await readFile(aside, 'utf8').catch(() => null);
    // Not the file we judged stale (a new holder got in first): put it back.
    if (moved !== null && moved !== staleText) await link(aside, path).catch(() => undefined);
    await rm(aside, { force: true });
  } finally {
    await rmdir(breaker).catch(() => undefined);
  }
}

function heldLock(path: string, mine: LockHolder): DataDirLock {
  heldHere.add(path);
  return {
    path,
    async publish(admin) {
      // Written aside and renamed over: a reader never sees half a file.
      const temp = `${path}.${process.pid}.tmp`;
      const file = await open(temp, 'w', 0o600);
      try {
        await file.writeFile(JSON.stringify({ ...mine, ...admin }));
      } finally {
        await file.close();
      }
      await rename(temp, path);
    },
    async release() {
      heldHere.delete(path);
      const current = await readHolder(path).catch(() => null);
      if (current?.holder?.pid === process.pid) await unlink(path).catch(() => undefined);
    },
  };
}
