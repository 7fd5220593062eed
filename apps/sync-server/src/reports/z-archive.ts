import {
  branchDocSchema,
  buildZReport,
  orderDocSchema,
  shiftDocSchema,
  type Page,
  type ShiftReport,
} from '@comanda/core';
import { printedBranch, type BranchInfo } from '@comanda/printing/layout';
import { pagedRows } from '../db/paging';
import type { Queryable } from '../db/tx';
import type { ReportRange } from './sales';

/** Fields the Z archive sorts on (the first is the default). */
export const Z_ARCHIVE_SORTS = ['closedAt', 'businessDay', 'till', 'branch', 'openedAt'] as const;
export type ZArchiveSort = (typeof Z_ARCHIVE_SORTS)[number];

/** One closed shift of the archive (its Z report is read with {@link archivedZReport}). */
export interface ZArchiveRow {
  shiftId: string;
  branchId: string;
  tillId: string;
  businessDay: string;
  openedAt: number;
  closedAt: number;
  closedBy: string;
  /** The closing staff member's name, when the server holds their document. */
  closedByName: string | null;
}

/**
 * Closed shifts of the range's branches (business days, inclusive), optionally of one till,
 * sorted and paged on the server; the shift id breaks ties.
 */
export function listZArchive(
  db: Queryable,
  range: ReportRange & { tillId?: string | undefined },
  page: { sort: ZArchiveSort; dir: 'asc' | 'desc'; offset: number; size: number },
): Promise<Page<ZArchiveRow>> {
  return pagedRows<ZArchiveRow, ZArchiveSort>(
    db,
    {
      source: `SELECT s.id AS "shiftId", s.branch_id AS "branchId", s.data ->> 'tillId' AS "tillId",
          s.data ->> 'businessDay' AS "businessDay", (s.data ->> 'openedAt')::float8 AS "openedAt",
          (s.data -> 'close' ->> 'at')::float8 AS "closedAt", s.data -> 'close' ->> 'by' AS "closedBy",
          st.data ->> 'name' AS "closedByName"
        FROM documents s
        LEFT JOIN documents st ON st.org_id = s.org_id AND st.collection = 'staff'
          AND st.id = s.data -> 'close' ->> 'by'
        WHERE s.org_id = $1 AND s.collection = 'shifts' AND NOT s.deleted
          AND s.branch_id = ANY ($2::text[]) AND s.data ->> 'status' = 'closed'
          AND s.data ->> 'businessDay' BETWEEN $3 AND $4
          AND ($5::text IS NULL OR s.data ->> 'tillId' = $5)`,
      params: [range.orgId, range.branchIds, range.from, range.to, range.tillId ?? null],
      sortBy: {
        closedAt: 'q."closedAt"',
        businessDay: 'q."businessDay"',
        till: 'q."tillId"',
        branch: 'q."branchId"',
        openedAt: 'q."openedAt"',
      },
      tiebreak: ['q."shiftId"'],
    },
    page,
  );
}

/** A closed shift's Z report as the server derives it, with what its paper prints by name. */
export interface ArchivedZReport {
  report: ShiftReport;
  branch: BranchInfo;
  /** The till as the shift names it (tills name themselves locally; the server keeps the id). */
  tillName: string;
  operatorName: string;
}

/**
 * The Z report of one closed shift of the given branches (null when there is none): core's
 * `buildZReport` over the shift and every order of its branch and business day — what the till
 * computed at close (tills share orders; core picks money and sales by shift id).
 */
export async function archivedZReport(
  db: Queryable,
  orgId: string,
  branchIds: string[],
  shiftId: string,
): Promise<ArchivedZReport | null> {
  const found = await db.query<{ data: unknown }>(
    `SELECT data FROM documents WHERE org_id = $1 AND collection = 'shifts' AND id = $2
       AND NOT deleted AND branch_id = ANY ($3::text[])`,
    [orgId, shiftId, branchIds],
  );
  const parsed = shiftDocSchema.safeParse(found.rows[0]?.data);
  if (!parsed.success || parsed.data.status !== 'closed') return null;
  const shift = parsed.data;
  const [orders, branch, staff] = await Promise.all([
    db.query<{ data: unknown }>(
      `SELECT data FROM documents WHERE org_id = $1 AND collection = 'orders' AND branch_id = $2
         AND NOT deleted AND data ->> 'businessDay' = $3 ORDER BY id`,
      [orgId, shift.branchId, shift.businessDay],
    ),
    db.query<{ data: unknown }>(
      `SELECT data FROM documents WHERE org_id = $1 AND collection = 'branches' AND id = $2`,
      [orgId, shift.branchId],
    ),
    db.query<{ name: string }>(
      `SELECT data ->> 'name' AS name FROM documents
       WHERE org_id = $1 AND collection = 'staff' AND id = $2`,
      [orgId, shift.close?.by ?? shift.openedBy],
    ),
  ]);
  const report = buildZReport(
    shift,
    orders.rows.map((r) => orderDocSchema.parse(r.data)),
  );
  const branchDoc = branchDocSchema.parse(branch.rows[0]?.data);
  return {
    report,
    branch: printedBranch(branchDoc),
    tillName: shift.tillId,
    operatorName: staff.rows[0]?.name ?? report.operatorId,
  };
}
