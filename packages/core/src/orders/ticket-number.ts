import { z } from 'zod';
import { ComandaError } from '../common/errors';

/*
 * A ticket is what a cashier calls out and a customer reads on a ready board: "A-12". The letter
 * is the till's code, given once by the server when the till is paired (the one moment a till is
 * sure to be online), so two tills of a branch never share it; the number counts that till's
 * orders of the business day. Together they are unique within a branch and business day with
 * every till offline, and stay ≤ 5 characters up to 999 orders per till and day (26 tills).
 */

/** How many tills one branch can pair: codes A–Z, then AA–ZZ. */
export const MAX_TILLS_PER_BRANCH = 26 + 26 * 26;

/** A till's code ("A"…"Z", "AA"…"ZZ"); empty on orders of a till that has none (standalone, or paired before codes). */
export const ticketCodeSchema = z.string().regex(/^[A-Z]{0,2}$/, 'a till code is at most two capital letters');

/**
 * The code of the `index`-th till paired in a branch (0 → "A", 25 → "Z", 26 → "AA").
 * @throws {ComandaError} `TILL_CODES_EXHAUSTED` past {@link MAX_TILLS_PER_BRANCH}
 */
export function tillCode(index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= MAX_TILLS_PER_BRANCH) {
    throw new ComandaError(
      'TILL_CODES_EXHAUSTED',
      `a branch can pair at most ${MAX_TILLS_PER_BRANCH} tills (till number ${index + 1} asked for a code)`,
    );
  }
  const letter = (i: number) => String.fromCharCode(65 + i);
  if (index < 26) return letter(index);
  const rest = index - 26;
  return letter(Math.floor(rest / 26)) + letter(rest % 26);
}

/** What identifies a ticket within its branch and business day. */
export interface TicketRef {
  /** The till's code; '' or absent for a till that has none. */
  readonly ticketCode?: string | undefined;
  readonly ticketNumber: number;
}

/** The ticket as people read it: "A-12", or "12" for a till without a code. */
export function ticketLabel(ticket: TicketRef): string {
  return ticket.ticketCode ? `${ticket.ticketCode}-${ticket.ticketNumber}` : String(ticket.ticketNumber);
}

/** The last ticket number a till issued and on which business day. */
export interface TicketCounter {
  /** Business day `YYYY-MM-DD`. */
  readonly businessDay: string;
  /** Last number issued that day (≥ 1). */
  readonly number: number;
}

/**
 * Next human ticket number of a till: counting restarts at 1 on each business
 * day. The till stores the returned counter (durably, as one atomic
 * read-modify-write) before any order uses the number, so a crash skips a
 * number and never reuses one.
 * @param last the till's last counter, or null for a new till
 * @param businessDay the current business day (see {@link businessDayOf})
 * @throws {ComandaError} `TICKET_DAY_BACKWARDS` when the day is before the counter's
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

/** Readers by time zone: a formatter never changes, so one per zone serves every caller. */
const readers = new Map<string, (at: number) => { date: string; hour: number }>();

/**
 * A reusable reader of local date and hour in one time zone: creating an
 * `Intl.DateTimeFormat` costs a fraction of a millisecond, more than the rest
 * of a report's work on one order (the server's rollups aggregate orders one at
 * a time), so each zone's reader is created once and kept.
 */
export function localPartsReader(timeZone: string): (at: number) => { date: string; hour: number } {
  const known = readers.get(timeZone);
  if (known) return known;
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    hourCycle: 'h23',
  });
  const reader = (at: number) => {
    const parts = format.formatToParts(at);
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) };
  };
  readers.set(timeZone, reader);
  return reader;
}
