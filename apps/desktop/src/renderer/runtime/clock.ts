/**
 * A clock that never returns the same millisecond twice, so consecutive saves are always newer.
 * `floor` is the newest version already stored: after a restart with the system clock set back,
 * new versions still sort after the old ones (watermarks and "newer wins" rely on it).
 */
export function monotonicClock(now: () => number = Date.now, floor = 0): { now: () => number } {
  let last = floor;
  return {
    now: () => {
      last = Math.max(now(), last + 1);
      return last;
    },
  };
}
