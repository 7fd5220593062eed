import type { Page } from '@comanda/core';
import { pagedRows, type PagedQuery } from './paging';
import type { Queryable } from './tx';

/** Fields the staff list sorts on (the first is the default). */
export const STAFF_SORTS = ['name', 'role', 'active', 'updatedAt'] as const;
export type StaffSort = (typeof STAFF_SORTS)[number];

export interface StaffFilter {
  /** Part of the name, any case. */
  search?: string | undefined;
  role?: string | undefined;
  active?: boolean | undefined;
  /** Members of this branch. */
  branchId?: string | undefined;
  /** Only members of these branches (a manager's); null: the whole org. */
  visibleBranches: string[] | null;
}

/** A staff member as the back office sees it: the stored document without its PIN hash. */
export type StaffRow = Record<string, unknown> & {
  id: string;
  name: string;
  role: string;
  branchIds: string[];
  active: boolean;
  updatedAt: number;
};

/**
 * The org's staff documents, filtered in SQL; the PIN hash is removed by the query itself, so it
 * never reaches the back office.
 */
export function staffQuery(orgId: string, filter: StaffFilter): PagedQuery<StaffSort> {
  return {
    source: `SELECT id, data - 'pinHash' AS doc, lower(data ->> 'name') AS sort_name,
        data ->> 'role' AS sort_role, (data ->> 'active')::boolean AS sort_active,
        (data ->> 'updatedAt')::float8 AS sort_updated
      FROM documents
      WHERE org_id = $1 AND collection = 'staff' AND NOT deleted
        AND ($2::text IS NULL OR strpos(lower(data ->> 'name'), lower($2)) > 0)
        AND ($3::text IS NULL OR data ->> 'role' = $3)
        AND ($4::boolean IS NULL OR coalesce((data ->> 'active')::boolean, true) = $4)
        AND ($5::text IS NULL OR data -> 'branchIds' ? $5)
        AND ($6::text[] IS NULL OR data -> 'branchIds' ?| $6::text[])`,
    params: [
      orgId,
      filter.search ?? null,
      filter.role ?? null,
      filter.active ?? null,
      filter.branchId ?? null,
      filter.visibleBranches,
    ],
    sortBy: {
      name: 'q.sort_name',
      role: 'q.sort_role',
      active: 'q.sort_active',
      updatedAt: 'q.sort_updated',
    },
    tiebreak: ['q.id'],
  };
}

/** A page of the staff list. */
export async function listStaffPage(
  db: Queryable,
  orgId: string,
  filter: StaffFilter,
  page: { sort: StaffSort; dir: 'asc' | 'desc'; offset: number; size: number },
): Promise<Page<StaffRow>> {
  const found = await pagedRows<{ doc: StaffRow }, StaffSort>(db, staffQuery(orgId, filter), page);
  return { rows: found.rows.map((r) => r.doc), total: found.total };
}

/** Every staff member the filter lets through, by name (the same query, unpaged). */
export async function listAllStaff(
  db: Queryable,
  orgId: string,
  filter: StaffFilter,
): Promise<StaffRow[]> {
  const query = staffQuery(orgId, filter);
  const { rows } = await db.query<{ doc: StaffRow }>(
    `SELECT doc FROM (${query.source}) q ORDER BY q.sort_name, q.id`,
    query.params,
  );
  return rows.map((r) => r.doc);
}
