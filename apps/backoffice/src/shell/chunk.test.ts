import { describe, expect, it } from 'vitest';
import { chunk } from './chunk';

describe('chunk', () => {
  it('loads a module once however many ask, and again after a failed load', async () => {
    let calls = 0;
    let fail = true;
    const c = chunk(() => {
      calls++;
      return fail ? Promise.reject(new Error('chunk missing')) : Promise.resolve('screen');
    });
    await expect(c.preload()).rejects.toThrow('chunk missing');
    fail = false;
    // A server restarted with a new build: the next caller fetches again instead of failing forever.
    const [a, b] = await Promise.all([c.preload(), c.preload()]);
    expect([a, b, calls]).toEqual(['screen', 'screen', 2]);
    expect(await c.preload()).toBe('screen');
    expect(calls).toBe(2);
  });
});
