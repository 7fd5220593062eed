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

export interface RefreshTokenRow {
  id: string;
  user_id: string;
  family_id: string;
  expires_at: Date;
  used_at: Date | null;
  revoked_at: Date | null;
}

/** Locks the token's row: two refreshes racing with one token cannot both spend it. */
export async function findRefreshTokenForUpdate(
  db: Queryable,
  tokenHash: string,
): Promise<RefreshTokenRow | undefined> {
  const { rows } = await db.query<RefreshTokenRow>(
    'SELECT * FROM refresh_tokens WHERE token_hash = $1 FOR UPDATE',
    [tokenHash],
  );
  return rows[0];
}

export async function insertRefreshToken(
  db: Queryable,
  token: { id: string; tokenHash: string; userId: string; familyId: string; expiresAt: Date },
): Promise<void> {
  await db.query(
    `INSERT INTO refresh_tokens (id, token_hash, user_id, family_id, expires_at) VALUES ($1, $2, $3, $4, $5)`,
    [token.id, token.tokenHash, token.userId, token.familyId, token.expiresAt],
  );
}

export async function markRefreshTokenUsed(db: Queryable, id: string, now: Date): Promise<void> {
  await db.query('UPDATE refresh_tokens SET used_at = $2 WHERE id = $1', [id, now]);
}

export async function revokeFamily(db: Queryable, familyId: string, now: Date): Promise<void> {
  await db.query(
    'UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, $2) WHERE family_id = $1',
    [familyId, now],
  );
}

/** Revokes the family of the token with this hash (nothing when unknown). */
export async function revokeFamilyOfToken(
  db: Queryable,
  tokenHash: string,
  now: Date,
): Promise<void> {
  await db.query(
    `UPDATE refresh_tokens SET revoked_at = coalesce(revoked_at, $2)
     WHERE family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
    [tokenHash, now],
  );
}
