import type { Page } from '@comanda/core';
import { pagedRows, type PagedQuery } from './paging';
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

/** Fields the audit log sorts on (the first is the default). */
export const AUDIT_SORTS = ['at', 'action', 'actor', 'branch'] as const;
export type AuditSort = (typeof AUDIT_SORTS)[number];

/** Narrows the audit log; every condition is optional. */
export interface AuditFilter {
  /** Entries of this branch and the org-wide ones (menu, devices, accounts name no branch). */
  branchId?: string | undefined;
  /** Exact action (server) or event type (till), e.g. `order.voided`. */
  action?: string | undefined;
  /** The actor's id: a user, device or the till's staff member. */
  actorId?: string | undefined;
  source?: 'server' | 'till' | undefined;
  /** Epoch ms, inclusive. */
  from?: number | undefined;
  /** Epoch ms, exclusive. */
  to?: number | undefined;
  /** Only these branches (a manager's); null: every branch of the org. */
  visibleBranches?: string[] | null;
}

/** One entry: an owner's change on the server or an event a till synced (`auditEvents`). */
export interface AuditRow {
  /** Unique across both sources: `server:<id>` or `till:<document id>`. */
  key: string;
  source: 'server' | 'till';
  /** The server log's sequence number (null for till events). */
  seq: number | null;
  at: number;
  branchId: string | null;
  actorType: string;
  actorId: string;
  /** Who, by name: the till's staff member or the signed-in user (null when unknown). */
  actorName: string | null;
  action: string;
  tillId: string | null;
  approvedBy: string | null;
  detail: unknown;
}

/**
 * The server's audit log and the tills' synced audit events as one list, filtered and paged on
 * the server. Till events are read from their documents (`auditEvents`), never copied.
 */
export function auditQuery(orgId: string, filter: AuditFilter): PagedQuery<AuditSort> {
  const source = `
    SELECT 'server:' || id AS key, 'server' AS source, id::float8 AS seq,
      (extract(epoch FROM at) * 1000)::float8 AS at, branch_id AS "branchId",
      actor_type AS "actorType", actor_id AS "actorId", action, NULL::text AS "tillId",
      NULL::text AS "approvedBy", detail
    FROM audit_log WHERE org_id = $1
    UNION ALL
    SELECT 'till:' || id, 'till', NULL, (data ->> 'at')::float8, branch_id, 'staff',
      coalesce(data ->> 'staffId', ''), data ->> 'type', data ->> 'tillId', data ->> 'approvedBy',
      data -> 'details'
    FROM documents WHERE org_id = $1 AND collection = 'auditEvents' AND NOT deleted`;
  return {
    // Names are joined at read time, so a renamed staff member shows under their current name.
    source: `SELECT a.*, coalesce(st.data ->> 'name', u.name) AS "actorName" FROM (${source}) a
      LEFT JOIN documents st ON a."actorType" = 'staff' AND st.org_id = $1
        AND st.collection = 'staff' AND st.id = a."actorId"
      LEFT JOIN users u ON a."actorType" = 'user' AND u.org_id = $1 AND u.id = a."actorId"
      WHERE ($2::text IS NULL OR a."branchId" = $2 OR a."branchId" IS NULL)
        AND ($3::text IS NULL OR a.action = $3)
        AND ($4::text IS NULL OR a."actorId" = $4)
        AND ($5::text IS NULL OR a.source = $5)
        AND ($6::float8 IS NULL OR a.at >= $6)
        AND ($7::float8 IS NULL OR a.at < $7)
        AND ($8::text[] IS NULL OR a."branchId" = ANY ($8::text[]))`,
    params: [
      orgId,
      filter.branchId ?? null,
      filter.action ?? null,
      filter.actorId ?? null,
      filter.source ?? null,
      filter.from ?? null,
      filter.to ?? null,
      filter.visibleBranches ?? null,
    ],
    sortBy: {
      at: 'q.at',
      action: 'q.action',
      actor: 'q."actorId"',
      branch: 'q."branchId"',
    },
    // Server entries in log order (numerically: 999 before 1000), then till events by id.
    tiebreak: ['q.seq', 'q.key'],
  };
}

/** A page of {@link auditQuery}. */
export function listAuditPage(
  db: Queryable,
  orgId: string,
  filter: AuditFilter,
  page: { sort: AuditSort; dir: 'asc' | 'desc'; offset: number; size: number },
): Promise<Page<AuditRow>> {
  return pagedRows<AuditRow, AuditSort>(db, auditQuery(orgId, filter), page);
}
