import { ComandaError } from '../common/errors';

/** The last ticket number a till issued and on which business day. */
export interface TicketCounter {
  /** Business day `YYYY-MM-DD`. */
  readonly businessDay: string;
  /** Last number issued that day (≥ 1). */
  readonly number: number;
}

/**
 * Next human ticket number of a till: counting restarts at 1 on each business
 * day. The till persists the returned counter with the order it numbers.
 * @param last the till's last counter, or null for a new till
 * @param businessDay the current business day (see {@link businessDayOf})
 */
export function nextTicketNumber(last: TicketCounter | null, businessDay: string): TicketCounter {
  if (last && businessDay < last.businessDay) {
    throw new ComandaError(
      'TICKET_DAY_BACKWARDS',
      `business day ${businessDay} is before ${last.businessDay}`,
    );
  }
  if (!last || last.businessDay !== businessDay) return { businessDay, number: 1 };
  return { businessDay, number: last.number + 1 };
}

/**
 * The business day (`YYYY-MM-DD`) an instant belongs to in a branch: the local
 * calendar date in `timeZone`, except that times before `startHour` count for
 * the previous day (a bar's 01:30 sale belongs to yesterday's Z report).
 * Uses `Intl`, so daylight-saving changes are handled by the platform.
 * @param at epoch ms
 * @param timeZone IANA zone, e.g. `Europe/Paris`
 * @param startHour local hour at which the business day starts (0–23)
 */
export function businessDayOf(at: number, timeZone: string, startHour = 0): string {
  const local = localParts(at, timeZone);
  if (local.hour >= startHour) return local.date;
  // Step back past local midnight (hour + 2 real hours, so a repeated DST hour cannot keep
  // us on the same day) and read the local date again.
  return localParts(at - (local.hour + 2) * 3_600_000, timeZone).date;
}

/** Local calendar date and hour of an instant in a time zone. */
export function localParts(at: number, timeZone: string): { date: string; hour: number } {
  return localPartsReader(timeZone)(at);
}

/**
 * A reusable reader of local date and hour in one time zone: creating an
 * `Intl.DateTimeFormat` is far costlier than using one, so reports over many
 * orders create it once.
 */
export function localPartsReader(timeZone: string): (at: number) => { date: string; hour: number } {
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  return (at) => {
    const parts = format.formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
  };
}
