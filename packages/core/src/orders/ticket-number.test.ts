import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TILLS_PER_BRANCH, nextTicketNumber, ticketLabel, tillCode, type TicketCounter } from './ticket-number';

describe('ticket numbers', () => {
  it('gives each till of a branch its own code: A…Z, then AA…ZZ, then refuses', () => {
    expect([0, 1, 25, 26, 27, 51, 52, MAX_TILLS_PER_BRANCH - 1].map(tillCode)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ']);
    const all = Array.from({ length: MAX_TILLS_PER_BRANCH }, (_, i) => tillCode(i));
    expect(new Set(all).size).toBe(MAX_TILLS_PER_BRANCH);
    expect(() => tillCode(MAX_TILLS_PER_BRANCH)).toThrow(/at most 702 tills/);
    expect(() => tillCode(-1)).toThrow();
  });

  it('reads "A-12", and a till without a code keeps its plain number', () => {
    expect(ticketLabel({ ticketCode: 'A', ticketNumber: 12 })).toBe('A-12');
    expect(ticketLabel({ ticketCode: '', ticketNumber: 3 })).toBe('3');
    // Human-sized: what a cashier calls out, up to 26 tills and 999 orders a till and day.
    expect(ticketLabel({ ticketCode: tillCode(25), ticketNumber: 999 }).length).toBeLessThanOrEqual(5);
  });

  it('never gives two orders of one branch and business day the same ticket, whatever the tills do offline', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 30 }),
        // Which till takes the next order, and whether the business day turns before it.
        fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 400 }),
        (tills, steps) => {
          const counters = new Map<number, TicketCounter | null>();
          const issued = new Set<string>();
          let day = 0;
          for (const [who, dayTurns] of steps) {
            if (dayTurns && who % 7 === 0) day += 1;
            const till = who % tills;
            const businessDay = `2026-01-${String(1 + day).padStart(2, '0')}`;
            const counter = nextTicketNumber(counters.get(till) ?? null, businessDay);
            counters.set(till, counter);
            const key = `${businessDay} ${ticketLabel({ ticketCode: tillCode(till), ticketNumber: counter.number })}`;
            expect(issued.has(key), key).toBe(false);
            issued.add(key);
          }
        },
      ),
    );
  });
});
