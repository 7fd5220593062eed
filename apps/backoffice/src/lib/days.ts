import { businessDayOf, localParts } from '@comanda/core';

/** `YYYY-MM-DD` plus `days` (calendar arithmetic in UTC: business days are dates, not instants). */
export function addDays(isoDate: string, days: number): string {
  const at = new Date(`${isoDate}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** Today's business day of a branch and the same weekday a week earlier. */
export function todayAndLastWeek(
  now: number,
  timeZone: string,
  dayStartHour: number,
): { today: string; lastWeek: string } {
  const today = businessDayOf(now, timeZone, dayStartHour);
  return { today, lastWeek: addDays(today, -7) };
}

/** The local hour of an instant in a zone as the hour report keys it (`00`–`23`). */
export function localHour(now: number, timeZone: string): string {
  return String(localParts(now, timeZone).hour).padStart(2, '0');
}
