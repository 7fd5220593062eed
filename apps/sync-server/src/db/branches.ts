import { DEFAULT_ORDER_HISTORY_DAYS, MAX_ORDER_HISTORY_DAYS } from '@comanda/core/branch';
import type { Queryable } from './tx';

/** Keeps the tenancy record of a branch in step with its replicated document. */
export async function upsertBranch(
  db: Queryable,
  orgId: string,
  branch: { id: string; name: string; timeZone: string },
): Promise<void> {
  await db.query(
    `INSERT INTO branches (org_id, id, name, time_zone) VALUES ($1, $2, $3, $4)
     ON CONFLICT (org_id, id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone`,
    [orgId, branch.id, branch.name, branch.timeZone],
  );
}

/** Whether the branch exists in the org. */
export async function branchExists(db: Queryable, orgId: string, id: string): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM branches WHERE org_id = $1 AND id = $2', [
    orgId,
    id,
  ]);
  return rows.length > 0;
}

/** The given ids that are not branches of the org. */
export async function unknownBranchIds(
  db: Queryable,
  orgId: string,
  ids: string[],
): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM branches WHERE org_id = $1 AND id = ANY ($2::text[])',
    [orgId, ids],
  );
  const known = new Set(rows.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

/** The org a branch id belongs to (for the CLI, which may be given only a branch id). */
export async function orgsOfBranch(
  db: Queryable,
  branchId: string,
  orgId: string | null,
): Promise<string[]> {
  const { rows } = await db.query<{ org_id: string }>(
    'SELECT org_id FROM branches WHERE id = $1 AND ($2::text IS NULL OR org_id = $2)',
    [branchId, orgId],
  );
  return rows.map((r) => r.org_id);
}

/**
 * The branch's `orderHistoryDays` as stored in its replicated document (core's default when the
 * document predates the field; clamped to core's bounds, since the column is plain JSON).
 */
export async function orderHistoryDays(
  db: Queryable,
  orgId: string,
  branchId: string,
): Promise<number> {
  const { rows } = await db.query<{ days: number | null }>(
    `SELECT CASE WHEN jsonb_typeof(data->'orderHistoryDays') = 'number'
              THEN (data->>'orderHistoryDays')::float8 END AS days
     FROM documents WHERE org_id = $1 AND collection = 'branches' AND id = $2`,
    [orgId, branchId],
  );
  const days = rows[0]?.days;
  if (days === null || days === undefined || !Number.isInteger(days))
    return DEFAULT_ORDER_HISTORY_DAYS;
  return Math.min(Math.max(days, 0), MAX_ORDER_HISTORY_DAYS);
}
