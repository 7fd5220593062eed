import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { HubRounds, type PullRequest } from './rounds';

/** The hub's round scheduling, on fake timers: what asks for a round is served, once, in order. */
describe('HubRounds', () => {
  let runs: PullRequest[];
  let fail: boolean;
  let release: (() => void) | null;
  let rounds: HubRounds;

  beforeEach(() => {
    vi.useFakeTimers();
    runs = [];
    fail = false;
    release = null;
    rounds = new HubRounds({
      run: (pull) => {
        runs.push(pull);
        return new Promise<void>((resolve, reject) => {
          release = () => (fail ? reject(new Error('down')) : resolve());
        });
      },
      safetyNetMs: 30_000,
      retryMinMs: 1000,
      retryMaxMs: 10_000,
      onError: () => undefined,
    });
  });
  afterEach(async () => {
    release?.();
    await rounds.close();
    vi.useRealTimers();
  });
  const finish = async () => {
    release?.();
    release = null;
    await vi.advanceTimersByTimeAsync(0);
  };

  it('starts with a full round; requests during a round are merged into the next one', async () => {
    rounds.push();
    expect(runs).toEqual(['all']);
    rounds.pull(['menu']);
    rounds.pull(['orders', 'menu']);
    rounds.push();
    await finish();
    expect(runs).toEqual(['all', ['menu', 'orders']]);
    await finish();
    expect(runs).toHaveLength(2);
  });

  it('runs the safety net after a quiet period, and not before', async () => {
    rounds.push();
    await finish();
    await vi.advanceTimersByTimeAsync(29_000);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toEqual(['all', 'all']);
  });

  it('retries a failed round as a full one with a growing pause; pushes wait, a stream event cuts the wait', async () => {
    rounds.push();
    fail = true;
    await finish();
    rounds.push(); // the central server is down: no round per push
    await vi.advanceTimersByTimeAsync(999);
    expect(runs).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toEqual(['all', 'all']);
    await finish(); // fails again: the next pause is 2 s
    await vi.advanceTimersByTimeAsync(1_500);
    expect(runs).toHaveLength(2);
    rounds.pull(['orders']); // the stream speaks: the central server is back
    expect(runs).toEqual(['all', 'all', 'all']);
    fail = false;
    await finish();
  });
});
