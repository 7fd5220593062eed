import { mkdtemp, readdir, readFile, readlink, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHostLog } from './host-log.js';

describe('host log (pino + pino-roll)', () => {
  let dir = '';
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes JSON lines with the entry fields and rotates by size, keeping a bounded number of files', async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'comanda-host-log-')), 'logs');
    const log = await createHostLog({ dir, size: '1k', keep: 2 });
    for (let i = 0; i < 200; i++) {
      log.write({ level: i % 2 ? 'warn' : 'info', message: `entry ${i}`, context: { i, jobId: `job-${i}` }, at: 1_700_000_000_000 + i, source: 'host' });
      // Entries arrive over time, not in one synchronous burst (which is written as one chunk).
      await new Promise((r) => setTimeout(r, 1));
    }
    await log.close();
    // Old files are removed asynchronously after a roll.
    let files: string[] = [];
    for (let tries = 0; tries < 100; tries++) {
      files = (await readdir(dir)).filter((f) => /^till\.\d+\.log$/.test(f));
      if (files.length <= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(files.length).toBeGreaterThan(1);
    expect(files.length).toBeLessThanOrEqual(3);
    const numbers = files.map((f) => Number(f.split('.')[1])).sort((a, b) => a - b);
    // 200 lines of ~100 bytes over 1 KiB files: many rolls happened, the oldest are gone.
    expect(numbers[0]).toBeGreaterThan(5);
    for (const file of files) expect((await stat(join(dir, file))).size).toBeLessThan(2048);
    const current = await readlink(join(dir, 'current.log'));
    expect(current).toBe(`till.${numbers.at(-1)}.log`);
    const text = await Promise.all(numbers.map((n) => readFile(join(dir, `till.${n}.log`), 'utf8')));
    const lines = text.join('').trim().split('\n');
    // Nothing lost within the kept files: consecutive entries up to the last one.
    const kept = lines.map((l) => (JSON.parse(l) as { context: { i: number } }).context.i);
    expect(kept).toEqual(kept.map((_, k) => 200 - kept.length + k));
    expect(JSON.parse(lines.at(-1)!)).toEqual({
      level: 'warn',
      message: 'entry 199',
      context: { i: 199, jobId: 'job-199' },
      at: 1_700_000_000_199,
      source: 'host',
    });
  });

  it('continues numbering after a restart instead of overwriting', async () => {
    dir = join(await mkdtemp(join(tmpdir(), 'comanda-host-log-')), 'logs');
    const first = await createHostLog({ dir, size: '1k' });
    for (let i = 0; i < 30; i++) first.write({ level: 'info', message: `before ${i}`, at: i, source: 'renderer' });
    await first.close();
    const before = (await readdir(dir)).filter((f) => f.startsWith('till.')).sort();
    const second = await createHostLog({ dir, size: '1k' });
    second.write({ level: 'error', message: 'after restart', at: 99, source: 'host' });
    await second.close();
    const all = (await Promise.all(before.map((f) => readFile(join(dir, f), 'utf8')))).join('');
    for (let i = 0; i < 30; i++) expect(all).toContain(`"before ${i}"`);
    expect(await readFile(join(dir, 'current.log'), 'utf8')).toContain('after restart');
  });
});
