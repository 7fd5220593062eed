import { describe, expect, it } from 'vitest';
import { PullTrigger } from './pull-trigger.js';

/** A replication stand-in: each asked pull runs when `run` is called, one page, short or full. */
function harness() {
  let asked = 0;
  const trigger = new PullTrigger(() => asked++);
  return {
    trigger,
    asked: () => asked,
    /** RxDB runs a pull: the handler starts, then answers `pages` pages (the last one short). */
    run(pages = 1, during?: () => void) {
      for (let i = 0; i < pages; i++) {
        trigger.started();
        if (i === 0) during?.();
        trigger.answered(i === pages - 1);
      }
    },
  };
}

describe('PullTrigger', () => {
  it('a notice asks for exactly one pull', () => {
    const h = harness();
    h.trigger.notice();
    expect(h.asked()).toBe(1);
    h.run();
    expect(h.asked()).toBe(1);
  });

  it('notices before the asked pull starts are served by it', () => {
    const h = harness();
    for (let i = 0; i < 10; i++) h.trigger.notice();
    h.run();
    expect(h.asked()).toBe(1);
  });

  it('a burst of notices during a pull costs one more pull, after it', () => {
    const h = harness();
    h.trigger.notice();
    h.run(3, () => {
      for (let i = 0; i < 50; i++) h.trigger.notice();
      expect(h.asked()).toBe(1); // nothing while the pull runs
    });
    expect(h.asked()).toBe(2);
    h.run();
    expect(h.asked()).toBe(2);
    h.trigger.notice();
    expect(h.asked()).toBe(3);
  });

  it('a failed page keeps the pull running: its retry, not a new pull, ends it', () => {
    const h = harness();
    h.trigger.notice();
    h.trigger.started(); // the handler throws: no answer
    h.trigger.notice();
    h.trigger.started(); // RxDB retries the same pull
    h.trigger.answered(true);
    expect(h.asked()).toBe(2); // the notice heard during the failed attempt gets its pull
  });

  it('a pull RxDB starts by itself (start-up, reSync) serves the notices heard during it too', () => {
    const h = harness();
    h.run(1, () => h.trigger.notice());
    expect(h.asked()).toBe(1);
  });

  it('a stream resync asks again even when an asked pull has not started', () => {
    const h = harness();
    h.trigger.notice();
    h.trigger.resync();
    expect(h.asked()).toBe(2);
    h.run(1, () => h.trigger.resync());
    expect(h.asked()).toBe(3);
  });
});
