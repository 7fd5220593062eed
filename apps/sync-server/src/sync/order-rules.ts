import { computeOrderTotals, orderDocSchema } from '@comanda/core';
import { TRPCError } from '@trpc/server';
import type { WireDocument } from './documents';
import { sameJson } from './stable-json';

/** Statuses after which a sale is settled: only refunds, reprints and the history may grow. */
const CLOSED_STATUSES = new Set(['closed', 'voided', 'refunded']);
/** What may change on a closed order: append-only lists (and the status/totals a refund moves). */
const APPENDABLE = ['refunds', 'printRequests', 'statusHistory'] as const;
const MUTABLE_AFTER_CLOSE = new Set<string>([...APPENDABLE, 'status', 'totals', 'updatedAt']);

function unprocessable(message: string): TRPCError {
  return new TRPCError({ code: 'UNPROCESSABLE_CONTENT', message });
}

/**
 * Order rules the server enforces on a till's write (the schema is already checked):
 * the totals the till computed must match the server's recomputation, and a closed order is not
 * edited — except appending refunds, print requests (reprints) and status history.
 */
export function checkOrderWrite(next: WireDocument, master: WireDocument | null): void {
  checkTotals(next);
  if (!master || !CLOSED_STATUSES.has(String(master.status))) return;
  if (master._deleted !== next._deleted)
    throw unprocessable(`Order ${next.id} is closed and cannot be deleted`);
  const keys = new Set([...Object.keys(master), ...Object.keys(next)]);
  for (const key of keys) {
    if (MUTABLE_AFTER_CLOSE.has(key) || key === '_deleted') continue;
    if (!sameJson(master[key], next[key]))
      throw unprocessable(`Order ${next.id} is closed; "${key}" cannot change`);
  }
  for (const key of APPENDABLE) {
    const before = Array.isArray(master[key]) ? (master[key] as unknown[]) : [];
    const after = Array.isArray(next[key]) ? (next[key] as unknown[]) : [];
    if (after.length < before.length || !before.every((entry, i) => sameJson(entry, after[i]))) {
      throw unprocessable(`Order ${next.id} is closed; "${key}" can only be appended to`);
    }
  }
}

/**
 * The till snapshots `computeOrderTotals(order)` in `totals`; the server recomputes it with the same
 * core code. A mismatch means tampering or an incompatible till version: refused, never stored.
 */
function checkTotals(next: WireDocument): void {
  if (next._deleted) return;
  const { _deleted: _d, ...fields } = next;
  const order = orderDocSchema.parse(fields);
  const expected = computeOrderTotals(order);
  if (!sameJson(expected, order.totals)) {
    const field = Object.keys(expected).find(
      (k) =>
        !sameJson(expected[k as keyof typeof expected], order.totals[k as keyof typeof expected]),
    );
    throw unprocessable(
      `Order ${next.id}: totals do not match the server's computation (${field ?? 'totals'}: expected ${JSON.stringify(field ? expected[field as keyof typeof expected] : expected)})`,
    );
  }
}
