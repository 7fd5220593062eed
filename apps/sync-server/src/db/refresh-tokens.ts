import type { Queryable } from './tx';

/** Revokes every refresh token of a user (deactivation, new password or new access rights). */
export async function revokeUserRefreshTokens(
  db: Queryable,
  userId: string,
  now: Date,
): Promise<void> {
  await db.query(
    'UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE user_id = $1',
    [userId, now],
  );
}
