import type { Queryable } from './tx';

/**
 * Ids of the staff who may approve in a branch: active `staff` documents of the org with the
 * manager role whose `branchIds` include the branch (read from the replicated documents, the
 * same ones the till checks PINs against).
 */
export async function activeManagerIds(
  db: Queryable,
  orgId: string,
  branchId: string,
): Promise<Set<string>> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT id FROM documents
      WHERE org_id = $1 AND collection = 'staff' AND NOT deleted
        AND data ->> 'role' = 'manager'
        AND COALESCE((data ->> 'active')::boolean, true)
        AND data -> 'branchIds' @> to_jsonb($2::text)`,
    [orgId, branchId],
  );
  return new Set(rows.map((r) => r.id));
}
