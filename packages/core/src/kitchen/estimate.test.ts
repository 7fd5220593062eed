import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ESTIMATE_MINUTES,
  estimateReadyMinutes,
  prepWorkOf,
  type QueuedPrepWork,
} from './estimate';

const NOW = 1_800_000_000_000;
const stations = ['grill', 'fry', 'bar'];
const station = fc.constantFrom(...stations);
const work = fc.record({ stationId: station, prepMinutes: fc.integer({ min: -5, max: 400 }) });
const queued: fc.Arbitrary<QueuedPrepWork> = fc.record({
  stationId: station,
  prepMinutes: fc.integer({ min: -5, max: 400 }),
  startedAt: fc.option(fc.integer({ min: NOW - 10 * 3_600_000, max: NOW + 60_000 }), {
    nil: null,
  }),
});
const parallelism = fc.dictionary(station, fc.integer({ min: -3, max: 50 }));

describe('estimateReadyMinutes', () => {
  it('is the slowest station: queued work shared by its cooks, then the own prep time', () => {
    expect(
      estimateReadyMinutes({
        work: [
          { stationId: 'grill', prepMinutes: 12 },
          { stationId: 'bar', prepMinutes: 2 },
        ],
        queue: [
          { stationId: 'grill', prepMinutes: 10, startedAt: null },
          { stationId: 'grill', prepMinutes: 10, startedAt: NOW - 4 * 60_000 },
          { stationId: 'fry', prepMinutes: 60, startedAt: null },
        ],
        parallelism: (s) => (s === 'grill' ? 2 : undefined),
        now: NOW,
      }),
    ).toBe(20); // (10 + 6) / 2 + 12
  });

  it('is null without kitchen work, and a late ticket still holds its station a minute', () => {
    expect(estimateReadyMinutes({ work: [], queue: [], now: NOW })).toBeNull();
    expect(
      estimateReadyMinutes({
        work: [{ stationId: 'grill', prepMinutes: 5 }],
        queue: [{ stationId: 'grill', prepMinutes: 5, startedAt: NOW - 3_600_000 }],
        now: NOW,
      }),
    ).toBe(6);
  });

  it('is never negative, whole and bounded', () => {
    fc.assert(
      fc.property(
        fc.array(work, { maxLength: 5 }),
        fc.array(queued, { maxLength: 300 }),
        parallelism,
        (w, q, p) => {
          const minutes = estimateReadyMinutes({
            work: w,
            queue: q,
            parallelism: (s) => p[s],
            now: NOW,
          });
          if (w.length === 0) {
            expect(minutes).toBeNull();
            return;
          }
          expect(Number.isInteger(minutes)).toBe(true);
          expect(minutes).toBeGreaterThanOrEqual(0);
          expect(minutes).toBeLessThanOrEqual(MAX_ESTIMATE_MINUTES);
        },
      ),
    );
  });

  it('never decreases when a ticket joins the queue, or when a station loses a cook', () => {
    fc.assert(
      fc.property(
        fc.array(work, { minLength: 1, maxLength: 5 }),
        fc.array(queued, { maxLength: 50 }),
        queued,
        fc.nat({ max: 50 }),
        parallelism,
        (w, q, extra, at, p) => {
          const base = { work: w, parallelism: (s: string) => p[s], now: NOW };
          const before = estimateReadyMinutes({ ...base, queue: q }) ?? 0;
          const withExtra = [...q.slice(0, at), extra, ...q.slice(at)];
          expect(estimateReadyMinutes({ ...base, queue: withExtra })).toBeGreaterThanOrEqual(
            before,
          );
          const fewer = (s: string) => Math.max(1, (p[s] ?? 1) - 1);
          expect(
            estimateReadyMinutes({ ...base, queue: q, parallelism: fewer }),
          ).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });

  it('is at least the own prep time of every station the order uses', () => {
    fc.assert(
      fc.property(
        fc.array(work, { minLength: 1, maxLength: 5 }),
        fc.array(queued, { maxLength: 20 }),
        (w, q) => {
          const minutes = estimateReadyMinutes({ work: w, queue: q, now: NOW }) ?? 0;
          for (const x of w)
            expect(minutes).toBeGreaterThanOrEqual(Math.min(240, Math.max(0, x.prepMinutes)));
        },
      ),
    );
  });
});

describe('prepWorkOf', () => {
  it('takes the longest item per station and skips lines without a station or units', () => {
    const prep: Record<string, number> = { burger: 12, fries: 4, soda: 1 };
    expect(
      prepWorkOf(
        [
          { stationId: 'grill', itemId: 'burger', quantity: 2 },
          { stationId: 'grill', itemId: 'fries', quantity: 1 },
          { stationId: 'bar', itemId: 'unknown', quantity: 1 },
          { stationId: 'fry', itemId: 'fries', quantity: 0 },
          { stationId: null, itemId: 'soda', quantity: 3 },
        ],
        (id) => prep[id],
      ),
    ).toEqual([
      { stationId: 'grill', prepMinutes: 12 },
      { stationId: 'bar', prepMinutes: 0 },
    ]);
  });
});
