import { TRPCError } from '@trpc/server';
import type { SyncCollectionName } from '@comanda/core/sync';
import type { WireDocument } from './documents';

/** A manager approval found in a document: where it is (`voids.<id>`) and who approved. */
export interface Approval {
  where: string;
  staffId: string;
}

function entries(doc: WireDocument | null, key: string): Record<string, unknown>[] {
  const list = doc?.[key];
  return Array.isArray(list)
    ? list.filter((e): e is Record<string, unknown> => !!e && typeof e === 'object')
    : [];
}

function approver(entry: unknown): string | null {
  const by = (entry as { approvedBy?: unknown } | null | undefined)?.approvedBy;
  return typeof by === 'string' ? by : null;
}

/**
 * Every `approvedBy` of a document (validated against its schema already): on orders the voids,
 * refunds, the order discount and line discounts; on audit events (voids, discounts, refunds,
 * no-sales) the event's own; on shifts the close of a count beyond the branch's variance limit.
 */
export function approvalsOf(collection: SyncCollectionName, doc: WireDocument | null): Approval[] {
  if (!doc) return [];
  const found: Approval[] = [];
  const add = (where: string, entry: unknown) => {
    const staffId = approver(entry);
    if (staffId) found.push({ where, staffId });
  };
  if (collection === 'auditEvents') add('approvedBy', doc);
  if (collection === 'shifts') add('close', doc.close);
  if (collection !== 'orders') return found;
  for (const v of entries(doc, 'voids')) add(`voids.${String(v.id)}`, v);
  for (const r of entries(doc, 'refunds')) add(`refunds.${String(r.id)}`, r);
  add('discount', doc.discount);
  for (const l of entries(doc, 'lines')) add(`lines.${String(l.id)}.discount`, l.discount);
  return found;
}

/**
 * Refuses approvals by anyone but an active manager of the branch. Approvals the master already
 * holds are not re-checked: a manager who later leaves does not freeze the orders they approved.
 * @throws {TRPCError} UNPROCESSABLE_CONTENT naming the approval and the staff id
 */
export function assertApprovals(
  collection: SyncCollectionName,
  next: WireDocument,
  master: WireDocument | null,
  managers: ReadonlySet<string>,
): void {
  const before = new Set(approvalsOf(collection, master).map((a) => `${a.where}=${a.staffId}`));
  for (const approval of approvalsOf(collection, next)) {
    if (managers.has(approval.staffId) || before.has(`${approval.where}=${approval.staffId}`))
      continue;
    throw new TRPCError({
      code: 'UNPROCESSABLE_CONTENT',
      message: `${next.id}: ${approval.where} is approved by "${approval.staffId.slice(0, 60)}", who is not an active manager of this branch`,
    });
  }
}
