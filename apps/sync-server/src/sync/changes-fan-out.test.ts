import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeHub, HubEvent } from './change-hub';
import { streamBranchChanges } from './changes';
import type { PresenceBoard } from './presence-board';

/** A hub that hands events straight to its subscribers, as one instance's hub does. */
function fakeHub() {
  const listeners = new Set<(event: HubEvent) => void>();
  const hub = {
    subscribe(listener: (event: HubEvent) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  } as unknown as ChangeHub;
  const emit = (event: HubEvent) => listeners.forEach((l) => l(event));
  return { hub, emit };
}

const change = (org: string, branch: string, by?: string): HubEvent => ({
  type: 'change',
  notice: { org, collection: 'orders', branches: [branch], ...(by ? { by } : {}) },
});

describe('a branch stream and other branches’ changes', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is not woken by them (one turn per stream per push was the 500-till tail), nor by its own device’s pushes, only by its branch’s others', async () => {
    const { hub, emit } = fakeHub();
    const abort = new AbortController();
    const stream = streamBranchChanges({
      hub,
      presence: { snapshot: () => [] } as unknown as PresenceBoard,
      org: 'org_a',
      branch: 'paris',
      device: 'till_a',
      signal: abort.signal,
      pollMs: 3_600_000,
      check: () => Promise.resolve(),
    });
    expect((await stream.next()).value).toBe('RESYNC');
    expect((await stream.next()).value).toEqual({ presence: [] });
    const next = stream.next();
    let woken = false;
    void next.then(() => (woken = true));
    await new Promise((r) => setImmediate(r));
    // Each wake of the stream arms a new poll timer: count them while others' changes arrive.
    const timers = vi.spyOn(globalThis, 'setTimeout');
    for (let i = 0; i < 100; i++) {
      emit(change('org_a', `lyon-${i}`));
      emit(change('org_b', 'paris'));
      // The push's answer told this till what its own push wrote (decision 0018).
      emit(change('org_a', 'paris', 'till_a'));
      await new Promise((r) => setImmediate(r));
    }
    expect(timers).not.toHaveBeenCalled();
    expect(woken).toBe(false);
    emit(change('org_a', 'paris', 'till_b'));
    expect((await next).value).toEqual({ changed: ['orders'] });
    abort.abort();
    await stream.return(undefined);
  });
});
