import type { Queryable } from './tx';

/** One entry of the server's audit log (changes to org data, devices and accounts). */
export interface AuditEntry {
  orgId: string;
  branchId?: string | null;
  actorType: 'user' | 'device' | 'cli';
  actorId: string;
  action: string;
  detail: Record<string, unknown>;
}

export async function insertAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (org_id, branch_id, actor_type, actor_id, action, detail)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [
      entry.orgId,
      entry.branchId ?? null,
      entry.actorType,
      entry.actorId,
      entry.action,
      entry.detail,
    ],
  );
}

/** Newest first, `beforeId` pages back. */
export async function listAudit(
  db: Queryable,
  orgId: string,
  page: { limit: number; beforeId?: number | undefined },
) {
  const { rows } = await db.query<{
    id: number;
    branchId: string | null;
    actorType: string;
    actorId: string;
    action: string;
    detail: unknown;
    at: Date;
  }>(
    `SELECT id::int, branch_id AS "branchId", actor_type AS "actorType", actor_id AS "actorId",
       action, detail, at
     FROM audit_log WHERE org_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
    [orgId, page.beforeId ?? null, page.limit],
  );
  return rows;
}
