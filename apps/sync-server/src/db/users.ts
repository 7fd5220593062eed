import type { Queryable } from './tx';

/** A back-office account as stored (the password hash never leaves the server). */
export interface UserRow {
  id: string;
  org_id: string;
  email: string;
  name: string;
  role: 'owner' | 'manager';
  branch_ids: string[];
  password_hash: string;
  disabled_at: Date | null;
  created_at: Date;
}

/** What the back office lists: no hash. */
export interface UserSummary {
  id: string;
  email: string;
  name: string;
  role: 'owner' | 'manager';
  branchIds: string[];
  active: boolean;
  createdAt: Date;
}

const SUMMARY = `id, email, name, role, branch_ids AS "branchIds", disabled_at IS NULL AS active,
  created_at AS "createdAt"`;

export async function insertUser(
  db: Queryable,
  user: Omit<UserRow, 'disabled_at' | 'created_at'>,
): Promise<void> {
  await db.query(
    `INSERT INTO users (id, org_id, email, name, role, branch_ids, password_hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [user.id, user.org_id, user.email, user.name, user.role, user.branch_ids, user.password_hash],
  );
}

/** Emails are unique regardless of case. */
export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE lower(email) = lower($1)', [
    email,
  ]);
  return rows[0];
}

export async function findUserById(db: Queryable, id: string): Promise<UserRow | undefined> {
  const { rows } = await db.query<UserRow>('SELECT * FROM users WHERE id = $1', [id]);
  return rows[0];
}

export async function listUsers(db: Queryable, orgId: string): Promise<UserSummary[]> {
  const { rows } = await db.query<UserSummary>(
    `SELECT ${SUMMARY} FROM users WHERE org_id = $1 ORDER BY created_at, id`,
    [orgId],
  );
  return rows;
}

/** Changes what is given (undefined keeps the value); null when the user is not in the org. */
export async function updateUser(
  db: Queryable,
  orgId: string,
  id: string,
  patch: {
    name?: string | undefined;
    role?: 'owner' | 'manager' | undefined;
    branchIds?: string[] | undefined;
    passwordHash?: string | undefined;
    disabledAt?: Date | null | undefined;
  },
): Promise<UserSummary | null> {
  const { rows } = await db.query<UserSummary>(
    `UPDATE users SET name = coalesce($3, name), role = coalesce($4, role),
       branch_ids = coalesce($5, branch_ids), password_hash = coalesce($6, password_hash),
       disabled_at = CASE WHEN $7::boolean THEN $8::timestamptz ELSE disabled_at END
     WHERE org_id = $1 AND id = $2 RETURNING ${SUMMARY}`,
    [
      orgId,
      id,
      patch.name ?? null,
      patch.role ?? null,
      patch.branchIds ?? null,
      patch.passwordHash ?? null,
      patch.disabledAt !== undefined,
      patch.disabledAt ?? null,
    ],
  );
  return rows[0] ?? null;
}

/** Active owners of an org other than `exceptId` (an org must keep at least one). */
export async function countOtherActiveOwners(
  db: Queryable,
  orgId: string,
  exceptId: string,
): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM users
     WHERE org_id = $1 AND id <> $2 AND role = 'owner' AND disabled_at IS NULL`,
    [orgId, exceptId],
  );
  return rows[0]?.n ?? 0;
}
