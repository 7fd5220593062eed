import {
  addsOnlyRecords,
  canReach,
  checkOrderInvariants,
  frozenOrderViolation,
  isFrozenStatus,
  mergeOrders,
  orderDocSchema,
  staleOrderWrite,
} from '@comanda/core';
import { TRPCError } from '@trpc/server';
import type { WireDocument, WriteMerge, WriteRow } from './documents';
import { parsedOrder } from './parsed-documents';

function unprocessable(message: string): TRPCError {
  return new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message });
}

/**
 * Order rules the server enforces on a till's write (the schema is already checked), all from
 * `@comanda/core` so the server freezes and checks exactly what the till does:
 * the order satisfies `checkOrderInvariants` (totals recomputed, money adds up), its status only
 * moves along the lifecycle, and a frozen order (`FROZEN_STATUSES`: paid, closed, voided,
 * refunded) changes only as `frozenOrderViolation` allows (refunds, reprints, status history
 * and kitchen bumps added, never removed or changed).
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
  const violation = frozenOrderViolation(withoutTombstone(master), withoutTombstone(next));
  if (violation) throw unprocessable(`Order ${next.id} is ${from.data}; ${violation}`);
}

/**
 * A till's write of an order over the master it assumed: {@link checkOrderWrite}, except that a
 * join is taken as one. The till's conflict handler merges a master it pulled into a change it had
 * not pushed yet (`mergeOrders`), so its next push goes over that master with what the till added
 * meanwhile: a payment or a void on an order another till paid, which no single step may do to a
 * paid order. Refused, the till pushed it again for ever and never converged. A document that
 * already holds everything of the master (`addsOnlyRecords`: nothing removed or rewritten, only
 * added) is what the server's own join of a stale push would store, so it is checked like that
 * join: against the invariants (the approvals it adds are checked by the guard).
 */
export function checkOrderPush(next: WireDocument, master: WireDocument | null): void {
  try {
    checkOrderWrite(next, master);
  } catch (error) {
    if (!master || master._deleted || next._deleted) throw error;
    const stored = orderDocSchema.safeParse(withoutTombstone(master));
    const order = parsedOrder(next);
    if (!stored.success || !addsOnlyRecords(order, stored.data)) throw error;
    if (checkOrderInvariants(order).length > 0) throw error;
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

/**
 * A till's refused write of an order that lacks a record of the master it assumed (core's
 * `staleOrderWrite`: a save computed from a version older than the one it had pulled, which tills
 * before decision 0023's fix could store) joined with that master, or null for any other refusal
 * (an edit of a frozen order stays a 422). The join is guarded as a write over the master, so it
 * only adds what a till may add; pushed as it is, the till's version was refused for ever.
 */
export const joinStaleOrderWrite: WriteMerge = (master, row) => {
  if (master._deleted || row.next._deleted) return null;
  const stored = orderDocSchema.safeParse(withoutTombstone(master));
  if (!stored.success || staleOrderWrite(stored.data, parsedOrder(row.next)) === null) return null;
  return mergeOrder(master, row);
};

function withoutTombstone(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, ...fields } = doc;
  return fields;
}
