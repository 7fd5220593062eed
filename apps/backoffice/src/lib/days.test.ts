import { describe, expect, it } from 'vitest';
import { addDays, localHour, todayAndLastWeek } from './days';

describe('business days', () => {
  it('steps across months, leap days and DST changes by calendar date', () => {
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-29', -7)).toBe('2026-03-22');
    expect(addDays('2026-01-03', -7)).toBe('2025-12-27');
  });

  it('takes today in the branch zone, with the business day starting at its hour', () => {
    // 02:30 in Paris on 2 Dec belongs to 1 Dec when the day starts at 04:00.
    const at = Date.UTC(2026, 11, 2, 1, 30);
    expect(todayAndLastWeek(at, 'Europe/Paris', 4)).toEqual({
      today: '2026-12-01',
      lastWeek: '2026-11-24',
    });
    expect(todayAndLastWeek(at, 'Europe/Paris', 0).today).toBe('2026-12-02');
    expect(localHour(at, 'Europe/Paris')).toBe('02');
    expect(localHour(at, 'America/New_York')).toBe('20');
  });
});
