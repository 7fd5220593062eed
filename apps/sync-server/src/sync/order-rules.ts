import {
  APPEND_ONLY_WHEN_FROZEN,
  MUTABLE_WHEN_FROZEN,
  canReach,
  checkOrderInvariants,
  isFrozenStatus,
  mergeOrders,
  orderDocSchema,
  sameJson,
} from '@comanda/core';
import { TRPCError } from '@trpc/server';
import type { WireDocument, WriteMerge, WriteRow } from './documents';
import { parsedOrder } from './parsed-documents';

const MUTABLE = new Set<string>([...MUTABLE_WHEN_FROZEN, '_deleted']);

function unprocessable(message: string): TRPCError {
  return new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message });
}

/**
 * Order rules the server enforces on a till's write (the schema is already checked), all from
 * `@comanda/core` so the server freezes and checks exactly what the till does:
 * the order satisfies `checkOrderInvariants` (totals recomputed, money adds up), its status only
 * moves along the lifecycle, and a frozen order (`FROZEN_STATUSES`: paid, closed, voided,
 * refunded) changes only in `MUTABLE_WHEN_FROZEN` (refunds, reprints, status history appended).
 */
export function checkOrderWrite(next: WireDocument, master: WireDocument | null): void {
  if (!next._deleted) {
    const problems = checkOrderInvariants(parsedOrder(next));
    if (problems.length > 0)
      throw unprocessable(`Order ${next.id} is inconsistent: ${problems.slice(0, 5).join('; ')}`);
  }
  if (!master) return;
  const from = orderDocSchema.shape.status.safeParse(master.status);
  const to = orderDocSchema.shape.status.safeParse(next.status);
  if (from.success && to.success && !canReach(from.data, to.data))
    throw unprocessable(`Order ${next.id} cannot go from ${from.data} to ${to.data}`);
  if (!from.success || !isFrozenStatus(from.data)) return;
  if (master._deleted !== next._deleted)
    throw unprocessable(`Order ${next.id} is ${from.data} and cannot be deleted`);
  const keys = new Set([...Object.keys(master), ...Object.keys(next)]);
  for (const key of keys) {
    if (MUTABLE.has(key)) continue;
    if (!sameJson(master[key], next[key]))
      throw unprocessable(`Order ${next.id} is ${from.data}; "${key}" cannot change`);
  }
  for (const key of APPEND_ONLY_WHEN_FROZEN) {
    const before = Array.isArray(master[key]) ? (master[key] as unknown[]) : [];
    const after = Array.isArray(next[key]) ? (next[key] as unknown[]) : [];
    if (after.length < before.length || !before.every((entry, i) => sameJson(entry, after[i]))) {
      throw unprocessable(`Order ${next.id} is ${from.data}; "${key}" can only be appended to`);
    }
  }
}

/**
 * A stale push of an order joined with the master (see {@link mergeOrder}): the till's own step is
 * checked as any write, from the state it assumed, and the join satisfies the invariants. The join
 * may reopen a paid order (a line added on another till meanwhile), so it is not held to the
 * master's lifecycle; everything it holds was valid on some till.
 */
export function checkOrderMerge(joined: WriteRow & { mergedFrom: WriteRow }): void {
  checkOrderWrite(joined.mergedFrom.next, joined.mergedFrom.assumed);
  const problems = checkOrderInvariants(parsedOrder(joined.next));
  if (problems.length > 0)
    throw unprocessable(
      `Order ${joined.id} merged with the server's copy is inconsistent: ${problems.slice(0, 5).join('; ')}`,
    );
}

/**
 * The server's half of "concurrent edits merge": a push whose assumed state is not the master (two
 * tills edited one order) is joined with the master by core's `mergeOrders`, the same join the
 * tills' conflict handler runs. Deleted documents keep plain conflicts.
 */
export const mergeOrder: WriteMerge = (master, row) => {
  if (master._deleted || row.next._deleted) return null;
  const stored = orderDocSchema.safeParse(withoutTombstone(master));
  if (!stored.success) return null;
  return { ...mergeOrders(stored.data, parsedOrder(row.next)), _deleted: false };
};

function withoutTombstone(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, ...fields } = doc;
  return fields;
}
