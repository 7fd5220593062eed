import { parseTicketQuery, type WireDocument } from '@comanda/core/sync';
import type { Queryable } from './tx';

export interface OrderSearch {
  orgId: string;
  branchId: string;
  from: string;
  to: string;
  ticket?: string | undefined;
  amount?: number | undefined;
  limit: number;
}

/**
 * A branch's orders of any age by business days (through the business-day index), optionally by
 * ticket and total, newest first. Only the caller's branch: the branch is a condition of the
 * query, not a filter after it.
 */
export async function searchBranchOrders(
  db: Queryable,
  search: OrderSearch,
): Promise<WireDocument[]> {
  const ticket = search.ticket ? parseTicketQuery(search.ticket) : null;
  const { rows } = await db.query<{ data: Record<string, unknown>; deleted: boolean }>(
    `SELECT data, deleted FROM documents
     WHERE org_id = $1 AND collection = 'orders' AND branch_id = $2
       AND data ->> 'businessDay' BETWEEN $3 AND $4
       AND ($5::int IS NULL OR (data ->> 'ticketNumber')::int = $5)
       AND ($6::text IS NULL OR data ->> 'ticketCode' = $6)
       AND ($7::bigint IS NULL OR (data -> 'totals' ->> 'total')::bigint = $7)
     ORDER BY data ->> 'businessDay' DESC, (data ->> 'createdAt')::bigint DESC, id
     LIMIT $8`,
    [
      search.orgId,
      search.branchId,
      search.from,
      search.to,
      ticket?.number ?? null,
      ticket?.code ?? null,
      search.amount ?? null,
      search.limit,
    ],
  );
  return rows.map((r) => ({ ...r.data, _deleted: r.deleted }) as WireDocument);
}
