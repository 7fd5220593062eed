import { describe, expect, it } from 'vitest';
import { createLimiter, mapInFlight, RetryWake } from './retry-wake.js';

describe('RetryWake', () => {
  it('ends every current wait at once when woken, and a later wait waits again', async () => {
    const wake = new RetryWake();
    let ended = 0;
    // An hour: only wake() can end these within the test's timeout.
    const waits = [wake.sleep(3_600_000), wake.sleep(3_600_000)].map((w) => w.then(() => ended++));
    await Promise.resolve();
    expect(ended).toBe(0);
    wake.wake();
    await Promise.all(waits);
    expect(ended).toBe(2);
    let late = false;
    void wake.sleep(3_600_000).then(() => (late = true));
    await new Promise((r) => setTimeout(r, 10));
    expect(late).toBe(false);
    wake.wake();
  });
});

describe('mapInFlight', () => {
  it('keeps at most `limit` tasks running and returns results in the items’ order', async () => {
    let running = 0;
    let most = 0;
    const results = await mapInFlight([5, 1, 4, 2, 3, 0], 2, async (n) => {
      running++;
      most = Math.max(most, running);
      for (let i = 0; i < n; i++) await Promise.resolve();
      running--;
      return n * 10;
    });
    expect(results).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(2);
  });

  it('rejects on the first failure and starts no task after it', async () => {
    const started: number[] = [];
    await expect(
      mapInFlight([0, 1, 2, 3, 4], 2, async (n) => {
        started.push(n);
        await Promise.resolve();
        if (n === 1) throw new Error('server down');
        return n;
      }),
    ).rejects.toThrow('server down');
    expect(started).toEqual([0, 1, 2]);
  });
});

describe('createLimiter', () => {
  it('runs at most `limit` tasks across callers, in call order, and frees a slot when a task fails', async () => {
    const slot = createLimiter(2);
    const started: string[] = [];
    let running = 0;
    let most = 0;
    const task = (name: string, fail = false) =>
      slot(async () => {
        started.push(name);
        running++;
        most = Math.max(most, running);
        for (let i = 0; i < 3; i++) await Promise.resolve();
        running--;
        if (fail) throw new Error(name);
        return name;
      });
    const results = await Promise.allSettled([task('a1'), task('a2', true), task('b1'), task('b2'), task('c1')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    expect(started).toEqual(['a1', 'a2', 'b1', 'b2', 'c1']);
    expect(most).toBe(2);
  });
});
