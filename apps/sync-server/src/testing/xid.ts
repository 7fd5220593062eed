import type { Queryable } from '../db/tx';

/** The transaction id the next writing transaction will get (as a bigint). */
export async function nextTxid(db: Queryable): Promise<bigint> {
  const { rows } = await db.query<{ next: string }>(
    'SELECT pg_snapshot_xmax(pg_current_snapshot())::text AS next',
  );
  return BigInt(rows[0]?.next ?? '0');
}

/**
 * Burns transaction ids until the next writer gets `target` (or later, if the counter is already
 * past it): one DO block committing an empty transaction per id, so tests can cross a power of
 * ten (999 → 1000, 9999 → 10000) without thousands of round trips. Works on Postgres and PGlite.
 * Must run outside a transaction (it commits), on a pool connection of its own.
 */
export async function advanceTxidTo(db: Queryable, target: bigint): Promise<bigint> {
  const next = await nextTxid(db);
  const burn = target - next;
  if (burn > 0n) {
    await db.query(
      `DO $$ BEGIN FOR i IN 1..${burn} LOOP PERFORM pg_current_xact_id(); COMMIT; END LOOP; END $$`,
    );
  }
  return nextTxid(db);
}

/** The smallest power of ten strictly above `value`. */
export function nextPowerOfTen(value: bigint): bigint {
  let p = 10n;
  while (p <= value) p *= 10n;
  return p;
}
