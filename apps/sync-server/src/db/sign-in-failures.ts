import type { Queryable } from './tx';

/** The lockout of an email until a time, or null when it may try. */
export async function lockedUntil(
  db: Queryable,
  emailKey: string,
  now: Date,
): Promise<Date | null> {
  const { rows } = await db.query<{ locked_until: Date | null }>(
    'SELECT locked_until FROM sign_in_failures WHERE email_key = $1',
    [emailKey],
  );
  const until = rows[0]?.locked_until ?? null;
  return until && until.getTime() > now.getTime() ? until : null;
}

/**
 * Counts one failure atomically (concurrent instances add up) and returns the new count; a count
 * whose last failure is older than `forgetAfterMs` starts again at 1.
 */
export async function recordFailure(
  db: Queryable,
  emailKey: string,
  now: Date,
  forgetAfterMs: number,
): Promise<number> {
  const { rows } = await db.query<{ failures: number }>(
    `INSERT INTO sign_in_failures AS f (email_key, failures, last_failure_at) VALUES ($1, 1, $2)
     ON CONFLICT (email_key) DO UPDATE SET
       failures = CASE WHEN f.last_failure_at < $3 THEN 1 ELSE f.failures + 1 END,
       last_failure_at = $2
     RETURNING failures`,
    [emailKey, now, new Date(now.getTime() - forgetAfterMs)],
  );
  return rows[0]?.failures ?? 1;
}

export async function lockUntil(db: Queryable, emailKey: string, until: Date): Promise<void> {
  await db.query('UPDATE sign_in_failures SET locked_until = $2 WHERE email_key = $1', [
    emailKey,
    until,
  ]);
}

export async function clearFailures(db: Queryable, emailKey: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE email_key = $1', [emailKey]);
}
