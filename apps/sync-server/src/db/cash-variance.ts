import { branchDocSchema } from '@comanda/core/branch';
import type { Queryable } from './tx';

/**
 * The branch's `cashVarianceLimit` as its replicated document holds it (the schema's default when
 * the document leaves it out or no document exists yet), for re-checking pushed shift closes.
 */
export async function cashVarianceLimitOf(
  db: Queryable,
  orgId: string,
  branchId: string,
): Promise<number> {
  const { rows } = await db.query<{ value: unknown }>(
    `SELECT data -> 'cashVarianceLimit' AS value FROM documents
      WHERE org_id = $1 AND collection = 'branches' AND id = $2 AND NOT deleted`,
    [orgId, branchId],
  );
  return branchDocSchema.shape.cashVarianceLimit.parse(rows[0]?.value ?? undefined);
}
