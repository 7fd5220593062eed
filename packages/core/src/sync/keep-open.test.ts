import { describe, expect, it } from 'vitest';
import { keepOpen, type OpenSession } from './keep-open';

/** A scheduler whose pauses run when the test says, recording each pause's length. */
function fakeTimers() {
  const pending: { run: () => void; ms: number; cancelled: boolean }[] = [];
  return {
    pauses: () => pending.map((p) => p.ms),
    schedule(run: () => void, ms: number) {
      const entry = { run, ms, cancelled: false };
      pending.push(entry);
      return () => (entry.cancelled = true);
    },
    /** Runs the latest pause (if not cancelled). */
    fire() {
      const last = pending.at(-1);
      if (last && !last.cancelled) last.run();
    },
    lastCancelled: () => pending.at(-1)?.cancelled ?? false,
  };
}

function harness(endDuringOpen = false) {
  const timers = fakeTimers();
  const sessions: OpenSession[] = [];
  const unsubscribed: number[] = [];
  const downs: unknown[] = [];
  const kept = keepOpen({
    minMs: 100,
    maxMs: 500,
    schedule: timers.schedule,
    onDown: (e) => downs.push(e),
    open(session) {
      const n = sessions.push(session) - 1;
      if (endDuringOpen && n === 0) session.ended('refused at once');
      return { unsubscribe: () => unsubscribed.push(n) };
    },
  });
  return { kept, timers, sessions, unsubscribed, downs };
}

describe('keepOpen', () => {
  it('reopens an ended connection after a pause that doubles up to the maximum, and starts over once something arrives', () => {
    const h = harness();
    for (let i = 0; i < 4; i++) {
      h.sessions.at(-1)!.ended(`break ${i}`);
      h.timers.fire();
    }
    expect(h.timers.pauses()).toEqual([100, 200, 400, 500]);
    expect(h.downs).toEqual(['break 0', 'break 1', 'break 2', 'break 3']);
    expect(h.unsubscribed).toEqual([0, 1, 2, 3]);
    h.sessions.at(-1)!.alive();
    h.sessions.at(-1)!.ended('break 4');
    expect(h.timers.pauses().at(-1)).toBe(100);
  });

  it('ignores a late end or data from an old connection, and a second end of the same one', () => {
    const h = harness();
    const first = h.sessions[0]!;
    first.ended('break');
    first.ended('again');
    h.timers.fire();
    expect(h.sessions).toHaveLength(2);
    first.ended('late');
    first.alive();
    expect(h.downs).toEqual(['break']);
    expect(h.timers.pauses()).toEqual([100]);
    // The old connection's `alive` did not reset the doubled pause.
    h.sessions[1]!.ended('next');
    expect(h.timers.pauses()).toEqual([100, 200]);
  });

  it('drops a connection that ended while it was being opened, once open returns it', () => {
    const h = harness(true);
    expect(h.unsubscribed).toEqual([0]);
    expect(h.downs).toEqual(['refused at once']);
    h.timers.fire();
    expect(h.sessions).toHaveLength(2);
  });

  it('close cancels the pending pause and the current connection; nothing reopens after it', () => {
    const h = harness();
    h.sessions[0]!.ended('break');
    h.kept.close();
    expect(h.timers.lastCancelled()).toBe(true);
    h.timers.fire();
    expect(h.sessions).toHaveLength(1);
    const open = harness();
    open.kept.close();
    expect(open.unsubscribed).toEqual([0]);
    open.sessions[0]!.ended('after close');
    expect(open.downs).toEqual([]);
  });
});
