import { TRPCError } from '@trpc/server';
import { clearFailures, lockedUntil, lockUntil, recordFailure } from '../db/sign-in-failures';
import type { Queryable } from '../db/tx';

/** Failures in a row before an email is locked. */
export const LOCKOUT_THRESHOLD = 5;
/** The first lock lasts a minute; each further failure doubles it, up to an hour. */
export const LOCKOUT_BASE_MS = 60_000;
export const LOCKOUT_MAX_MS = 3_600_000;
/** A day without failures forgets the count. */
const FORGET_AFTER_MS = 24 * 3_600_000;

/** How long the n-th failure in a row locks the email (0 below the threshold). */
export function lockoutMs(failures: number): number {
  if (failures < LOCKOUT_THRESHOLD) return 0;
  return Math.min(LOCKOUT_BASE_MS * 2 ** (failures - LOCKOUT_THRESHOLD), LOCKOUT_MAX_MS);
}

function lockedError(until: Date, now: Date): TRPCError {
  const minutes = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 60_000));
  return new TRPCError({
    code: 'TOO_MANY_REQUESTS',
    message:
      `Too many failed sign-ins with this email; try again after ${until.toISOString()} ` +
      `(in ${minutes} minute${minutes === 1 ? '' : 's'})`,
  });
}

/**
 * Per-account lockout with exponential backoff, kept in the database (shared by instances,
 * survives restarts). Keyed by the lower-cased email whether or not an account has it, so the
 * answers are the same for unknown emails and do not reveal which exist.
 */
export const signInLockout = {
  emailKey: (email: string) => email.trim().toLowerCase(),

  async assertNotLocked(db: Queryable, email: string, now: Date): Promise<void> {
    const until = await lockedUntil(db, signInLockout.emailKey(email), now);
    if (until) throw lockedError(until, now);
  },

  /** Records a failure; throws the lockout error when this failure locks the email. */
  async failed(db: Queryable, email: string, now: Date): Promise<void> {
    const key = signInLockout.emailKey(email);
    const failures = await recordFailure(db, key, now, FORGET_AFTER_MS);
    const ms = lockoutMs(failures);
    if (ms === 0) return;
    const until = new Date(now.getTime() + ms);
    await lockUntil(db, key, until);
    throw lockedError(until, now);
  },

  succeeded: (db: Queryable, email: string) => clearFailures(db, signInLockout.emailKey(email)),
};
