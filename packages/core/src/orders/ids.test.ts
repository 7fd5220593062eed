import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  businessDayOf,
  createUuidV7Factory,
  isUuidV7,
  nextTicketNumber,
  uuidV7Time,
} from './index';

function seededBytes(seed: number) {
  let x = seed;
  return (n: number) =>
    Uint8Array.from({ length: n }, () => {
      x = (x * 1103515245 + 12345) & 0x7fffffff;
      return x & 0xff;
    });
}

describe('createUuidV7Factory', () => {
  it('makes RFC 9562 v7 ids carrying the injected time', () => {
    const next = createUuidV7Factory({ now: () => 1_767_261_600_123, randomBytes: seededBytes(1) });
    const id = next();
    expect(isUuidV7(id)).toBe(true);
    expect(uuidV7Time(id)).toBe(1_767_261_600_123);
  });
  it('is strictly increasing within a millisecond and when the clock goes backwards', () => {
    let t = 1000;
    const clock = [1000, 1000, 1000, 999, 1001];
    let i = 0;
    const next = createUuidV7Factory({ now: () => clock[i++] ?? t++, randomBytes: seededBytes(7) });
    const ids = Array.from({ length: 5 }, () => next());
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(5);
    expect(uuidV7Time(ids[3]!)).toBe(1000);
  });
  it('property: ids from one generator sort in creation order, even past 4096 per ms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 200 }),
        fc.integer(),
        (steps, seed) => {
          let t = 1_700_000_000_000;
          const next = createUuidV7Factory({
            now: () => (t += steps[t % steps.length] ?? 0),
            randomBytes: seededBytes(seed),
          });
          const ids = Array.from({ length: 300 }, () => next());
          for (let k = 1; k < ids.length; k++) expect(ids[k]! > ids[k - 1]!).toBe(true);
          expect(ids.every(isUuidV7)).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
    let same = 0;
    const burst = createUuidV7Factory({
      now: () => 5000,
      randomBytes: () => new Uint8Array(10).fill(255),
    });
    let prev = '';
    for (; same < 5000; same++) {
      const id = burst();
      expect(id > prev).toBe(true);
      prev = id;
    }
  });
  it('rejects a broken clock or RNG', () => {
    expect(() => createUuidV7Factory({ now: () => NaN, randomBytes: seededBytes(1) })()).toThrow(
      /clock/,
    );
    expect(() =>
      createUuidV7Factory({ now: () => 1, randomBytes: () => new Uint8Array(2) })(),
    ).toThrow(/randomBytes/);
  });
});

describe('ticket numbers and business days', () => {
  it('counts per business day and restarts at 1', () => {
    expect(nextTicketNumber(null, '2026-01-01')).toEqual({ businessDay: '2026-01-01', number: 1 });
    expect(nextTicketNumber({ businessDay: '2026-01-01', number: 41 }, '2026-01-01').number).toBe(
      42,
    );
    expect(nextTicketNumber({ businessDay: '2026-01-01', number: 41 }, '2026-01-02').number).toBe(
      1,
    );
    expect(() => nextTicketNumber({ businessDay: '2026-01-02', number: 3 }, '2026-01-01')).toThrow(
      /before/,
    );
  });
  it('assigns late-night sales to the previous business day in the branch time zone', () => {
    // 2026-01-01T23:30Z is 00:30 on Jan 2 in Paris.
    const lateNight = Date.UTC(2026, 0, 1, 23, 30);
    expect(businessDayOf(lateNight, 'Europe/Paris')).toBe('2026-01-02');
    expect(businessDayOf(lateNight, 'Europe/Paris', 4)).toBe('2026-01-01');
    expect(businessDayOf(lateNight, 'UTC', 4)).toBe('2026-01-01');
    expect(businessDayOf(Date.UTC(2026, 0, 2, 9), 'Europe/Paris', 4)).toBe('2026-01-02');
    expect(businessDayOf(lateNight, 'America/New_York', 4)).toBe('2026-01-01');
  });
  it('handles the autumn DST night (repeated hour)', () => {
    // 2026-10-25 in Paris: 03:00 CEST → 02:00 CET. 00:30Z is 02:30 CET (second occurrence).
    expect(businessDayOf(Date.UTC(2026, 9, 25, 1, 30), 'Europe/Paris', 4)).toBe('2026-10-24');
    expect(businessDayOf(Date.UTC(2026, 9, 25, 0, 30), 'Europe/Paris', 4)).toBe('2026-10-24');
    expect(businessDayOf(Date.UTC(2026, 9, 25, 4, 0), 'Europe/Paris', 4)).toBe('2026-10-25');
  });
});
