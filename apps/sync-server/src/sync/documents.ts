import { sameJson } from '@comanda/core';
import { SHARED_ORDER_STATUSES, txidSchema, type WireDocument } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type { Queryable } from '../db/tx';
import { applyOrderRollups, type OrderChange } from '../reports/rollups';

/** A replication checkpoint: the (txid, id) of the last document seen; null = from the start. */
export type Checkpoint = { txid: string; id: string } | null;

/** A document as replicated: domain fields plus the tombstone flag (core's wire type). */
export type { WireDocument };

/** Who is reading: a device sees its branch (and org-wide docs); an owner sees the whole org. */
export interface ReadScope {
  orgId: string;
  /** null = every branch of the org. */
  branchId: string | null;
  /**
   * A till's window on `orders`: orders the server last wrote before this instant are visible only
   * while open (core's `SHARED_ORDER_STATUSES`). Absent = every order (owners, other collections).
   */
  ordersSince?: Date;
}

/**
 * The xid8 travels as text (it exceeds 2^53) under its own name: aliased `AS txid` it would shadow
 * the column in `ORDER BY txid`, which would then sort as text ("1000" < "999") and hand out a
 * checkpoint past rows the page never returned.
 */
interface DocumentRow {
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
  txid_text: string;
}

export function toWire(row: { data: Record<string, unknown>; deleted: boolean }): WireDocument {
  return { ...row.data, _deleted: row.deleted } as WireDocument;
}

/**
 * The read rule, in one place: a document is visible to a scope whose branch is null (the whole
 * org), to every branch when its `visible_to` is null, else to the branches it lists. `param` is
 * the query parameter holding the scope's branch. Pull, head and the push's conflict check use it.
 */
function visibleToScope(param: string): string {
  return `(${param}::text IS NULL OR visible_to IS NULL OR ${param} = ANY (visible_to))`;
}

/**
 * The till's order window (see {@link ReadScope.ordersSince}) as a condition, with its parameters
 * appended to `params`; `TRUE` for other collections and for scopes without a window. An order
 * that closes is rewritten, so its new version is recent and still reaches every till once.
 */
function windowCondition(collection: string, scope: ReadScope, params: unknown[]): string {
  if (collection !== 'orders' || !scope.ordersSince) return 'TRUE';
  params.push(scope.ordersSince.toISOString(), [...SHARED_ORDER_STATUSES]);
  const since = params.length - 1;
  return `(updated_at >= $${since}::timestamptz OR data->>'status' = ANY ($${since + 1}::text[]))`;
}

/**
 * Refuses a checkpoint txid the database cannot hold (a hostile or corrupted cursor, e.g. a
 * stream's `lastEventId`) with core's xid8 rule: the caller's mistake is a 400 here, never a
 * database error further down (which PGlite and a stream would report as a 500).
 */
export function assertCheckpointTxid(txid: string): void {
  const problem = txidSchema.safeParse(txid).error?.issues[0]?.message;
  if (problem) {
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `Invalid checkpoint: ${problem} (got ${txid.slice(0, 40)})`,
    });
  }
}

/**
 * Documents after `checkpoint` in (txid, id) order, only below the snapshot's xmin.
 *
 * Why the watermark: a row's txid is assigned when its transaction first writes, but the row only
 * becomes visible at commit, and transactions commit in any order. Every transaction with an id
 * below xmin has finished (committed or aborted) as of this statement's snapshot, and every future
 * writer gets a larger id, so the set of rows with txid < xmin can no longer grow: a checkpoint
 * advanced only through that set never passes a row that commits later. See docs/sync-protocol.md.
 */
export async function pullDocuments(
  db: Queryable,
  collection: string,
  scope: ReadScope,
  checkpoint: Checkpoint,
  limit: number,
): Promise<{ documents: WireDocument[]; checkpoint: Checkpoint; pending: boolean }> {
  const from = checkpoint ?? { txid: '0', id: '' };
  assertCheckpointTxid(from.txid);
  const params: unknown[] = [collection, scope.orgId, scope.branchId, from.txid, from.id, limit];
  const { rows } = await db.query<DocumentRow>(
    `SELECT id, data, deleted, txid::text AS txid_text
     FROM documents
     WHERE collection = $1 AND org_id = $2
       AND ${visibleToScope('$3')}
       AND ${windowCondition(collection, scope, params)}
       AND (txid, id) > ($4::xid8, $5::text)
       AND txid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY txid, id
     LIMIT $6`,
    params,
  );
  const last = rows.at(-1);
  if (last) {
    return {
      documents: rows.map(toWire),
      checkpoint: { txid: last.txid_text, id: last.id },
      pending: rows.length === limit,
    };
  }
  // Nothing below the watermark: tell a live stream whether a commit above it is still to come.
  const { rows: above } = await db.query<{ pending: boolean }>(
    `SELECT EXISTS (
       SELECT 1 FROM documents
       WHERE collection = $1 AND org_id = $2 AND (txid, id) > ($3::xid8, $4::text)
         AND txid >= pg_snapshot_xmin(pg_current_snapshot())
     ) AS pending`,
    [collection, scope.orgId, from.txid, from.id],
  );
  return { documents: [], checkpoint, pending: above[0]?.pending ?? false };
}

/** The checkpoint of the newest document a scope can see (a stream starting from "now"). */
export async function headCheckpoint(
  db: Queryable,
  collection: string,
  scope: ReadScope,
): Promise<Checkpoint> {
  const params: unknown[] = [collection, scope.orgId, scope.branchId];
  const { rows } = await db.query<Pick<DocumentRow, 'id' | 'txid_text'>>(
    `SELECT id, txid::text AS txid_text FROM documents
     WHERE collection = $1 AND org_id = $2
       AND ${visibleToScope('$3')}
       AND ${windowCondition(collection, scope, params)}
       AND txid < pg_snapshot_xmin(pg_current_snapshot())
     ORDER BY txid DESC, id DESC LIMIT 1`,
    params,
  );
  const row = rows[0];
  return row ? { txid: row.txid_text, id: row.id } : null;
}

/**
 * How many documents a pull from `checkpoint` would return in all right now (at most `cap`): the
 * total of a first sync's progress bar. Same read rule and window as {@link pullDocuments}.
 */
export async function countAfter(
  db: Queryable,
  collection: string,
  scope: ReadScope,
  checkpoint: Checkpoint,
  cap: number,
): Promise<number> {
  const from = checkpoint ?? { txid: '0', id: '' };
  assertCheckpointTxid(from.txid);
  const params: unknown[] = [collection, scope.orgId, scope.branchId, from.txid, from.id, cap];
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (
       SELECT 1 FROM documents
       WHERE collection = $1 AND org_id = $2
         AND ${visibleToScope('$3')}
         AND ${windowCondition(collection, scope, params)}
         AND (txid, id) > ($4::xid8, $5::text)
         AND txid < pg_snapshot_xmin(pg_current_snapshot())
       LIMIT $6) AS backlog`,
    params,
  );
  return rows[0]?.n ?? 0;
}

/** One compare-and-set write. `next` is stored as given (already validated by the caller). */
export interface WriteRow {
  id: string;
  assumed: WireDocument | null;
  next: WireDocument;
  branchId: string | null;
  visibleTo: string[] | null;
  /** Set on the row a stale push became once joined with the master: the row as pushed. */
  mergedFrom?: WriteRow;
}

/** Decides, for a row whose assumed state matches the master, whether the write is allowed. */
export type WriteGuard = (row: WriteRow, master: WireDocument | null) => void;

/**
 * Joins a stale write with the master it did not know (orders: core's `mergeOrders`), or null when
 * the collection keeps plain compare-and-set conflicts.
 */
export type WriteMerge = (master: WireDocument, row: WriteRow) => WireDocument | null;

export interface ApplyResult {
  /** Master states of rows that conflicted. */
  conflicts: WireDocument[];
  /** Ids actually written (not no-ops). */
  written: string[];
  /** Branches whose devices may see a written document (null entry = org-wide). */
  touchedBranches: Set<string | null>;
}

interface MasterRow {
  id: string;
  data: Record<string, unknown>;
  deleted: boolean;
  visible_to: string[] | null;
  /** Whether the writer's scope could pull this document. */
  readable: boolean;
}

function stripTombstone(doc: WireDocument): Record<string, unknown> {
  const { _deleted: _d, _meta: _m, _rev: _r, _attachments: _a, ...data } = doc;
  return data;
}

/**
 * Refusal of a row whose id is taken by a document the writer cannot read. Same answer whatever
 * that document is (its branch, contents or state are never echoed), and given before the no-op and
 * conflict decisions, so a push can never return, nor confirm the contents of, another branch's data.
 */
function unreadableMaster(id: string): TRPCError {
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `Document ${id.slice(0, 200)} cannot be written by this till; use a new id`,
  });
}

/**
 * Applies a batch of RxDB push rows as compare-and-set inside the caller's transaction:
 * - the id belongs to a document `scope` cannot read → the whole batch is refused (403);
 * - the master equals the new state → nothing to do (a replayed batch is a no-op, not a conflict);
 * - the master equals the assumed state, or there is no master yet → write;
 * - otherwise, with `merge` (orders) → the join of master and pushed state is guarded and written
 *   (unless it equals the master: a replay) and returned as the conflict, so the till adopts it;
 * - otherwise → conflict, the master state is returned and nothing is written for that row.
 * Rows are locked (FOR UPDATE) first, so concurrent pushes of one document serialize.
 */
export async function applyWrites(
  tx: Queryable,
  scope: ReadScope,
  collection: string,
  rows: WriteRow[],
  guard: WriteGuard,
  merge?: WriteMerge,
  rescue?: WriteMerge,
): Promise<ApplyResult> {
  const { orgId } = scope;
  const result: ApplyResult = { conflicts: [], written: [], touchedBranches: new Set() };
  if (rows.length === 0) return result;
  const masters = await lockMasters(
    tx,
    scope,
    collection,
    rows.map((r) => r.id),
  );
  const inserts: WriteRow[] = [];
  const updates: { row: WriteRow; visibleTo: string[] | null; before: MasterRow }[] = [];

  /** Stores a row over its master; its readers are the master's and the row's. */
  const updateWith = (row: WriteRow, master: MasterRow): void => {
    updates.push({
      row,
      visibleTo: mergeVisibility(master.visible_to, row.visibleTo),
      before: master,
    });
  };

  const decide = (row: WriteRow, master: MasterRow | undefined): void => {
    if (master && !master.readable) throw unreadableMaster(row.id);
    const masterDoc = master ? toWire(master) : null;
    if (masterDoc && sameJson(masterDoc, row.next)) return;
    // No master at all: nothing can be overwritten, so the write goes ahead whatever was assumed.
    if (masterDoc && (row.assumed === null || !sameJson(masterDoc, row.assumed))) {
      const merged = merge?.(masterDoc, row) ?? null;
      // The join goes back as the conflict whether or not it is written: the till's conflict
      // handler (the same join) then yields the master, so it adopts it and never pushes again.
      result.conflicts.push(merged ?? masterDoc);
      if (!merged || !master || sameJson(merged, masterDoc)) return;
      const joined: WriteRow = { ...row, next: merged, assumed: masterDoc, mergedFrom: row };
      guard(joined, masterDoc);
      updateWith(joined, master);
      return;
    }
    try {
      guard(row, masterDoc);
    } catch (error) {
      // A refused write over the master it assumed that lacks some of it (a till's save computed
      // from a version older than the one it had pulled, decision 0023) would be refused for ever.
      // Its join with the master (`rescue`) loses nothing: stored when the guard allows it as a
      // write over the master, and sent back as the conflict, so the till adopts it.
      const merged = master && masterDoc ? (rescue?.(masterDoc, row) ?? null) : null;
      if (!merged || !master || !masterDoc || sameJson(merged, row.next)) throw error;
      result.conflicts.push(merged);
      if (sameJson(merged, masterDoc)) return;
      const joined: WriteRow = { ...row, next: merged, assumed: masterDoc };
      try {
        guard(joined, masterDoc);
      } catch {
        throw error;
      }
      updateWith(joined, master);
      return;
    }
    if (!master) inserts.push(row);
    else {
      updateWith(row, master);
    }
  };

  // A batch may name one id twice: later rows see the earlier row's outcome, as if sequential.
  const seen = new Set<string>();
  const deferred: WriteRow[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) deferred.push(row);
    else {
      seen.add(row.id);
      decide(row, masters.get(row.id));
    }
  }

  const changes: OrderChange[] = [];
  if (inserts.length > 0) {
    const inserted = await insertRows(tx, orgId, collection, inserts);
    // Another transaction inserted some of these ids between our lock and insert: decide again
    // against what it wrote (now locked by our ON CONFLICT wait).
    const raced = inserts.filter((r) => !inserted.has(r.id));
    if (raced.length > 0) {
      const now = await lockMasters(
        tx,
        scope,
        collection,
        raced.map((r) => r.id),
      );
      inserts.length = 0;
      for (const row of raced) decide(row, now.get(row.id));
      if (inserts.length > 0) throw new Error('document vanished while locked');
    }
    for (const row of inserts) {
      if (!inserted.has(row.id)) continue;
      record(result, row, row.visibleTo);
      changes.push({ before: null, after: storedData(row.next) });
    }
  }
  if (updates.length > 0) {
    await updateRows(tx, orgId, collection, updates);
    for (const u of updates) {
      record(result, u.row, u.visibleTo);
      changes.push({
        before: u.before.deleted ? null : u.before.data,
        after: storedData(u.row.next),
      });
    }
  }
  // Report rollups change in the same transaction as the orders they sum (src/reports/rollups.ts).
  if (collection === 'orders' && changes.length > 0) await applyOrderRollups(tx, orgId, changes);
  if (deferred.length > 0) {
    const rest = await applyWrites(tx, scope, collection, deferred, guard, merge, rescue);
    result.conflicts.push(...rest.conflicts);
    result.written.push(...rest.written);
    for (const b of rest.touchedBranches) result.touchedBranches.add(b);
  }
  return result;
}

function record(result: ApplyResult, row: WriteRow, visibleTo: string[] | null): void {
  result.written.push(row.id);
  if (visibleTo === null) result.touchedBranches.add(null);
  else for (const b of visibleTo) result.touchedBranches.add(b);
}

/** A document stays visible where it was: a staff member removed from a branch must reach that branch's tills as an update. */
function mergeVisibility(previous: string[] | null, next: string[] | null): string[] | null {
  if (previous === null || next === null) return next;
  return [...new Set([...previous, ...next])];
}

async function lockMasters(
  tx: Queryable,
  scope: ReadScope,
  collection: string,
  ids: string[],
): Promise<Map<string, MasterRow>> {
  const { rows } = await tx.query<MasterRow>(
    `SELECT id, data, deleted, visible_to, ${visibleToScope('$4')} AS readable FROM documents
     WHERE org_id = $1 AND collection = $2 AND id = ANY ($3::text[])
     ORDER BY id FOR UPDATE`,
    [scope.orgId, collection, ids, scope.branchId],
  );
  return new Map(rows.map((r) => [r.id, r]));
}

async function insertRows(
  tx: Queryable,
  orgId: string,
  collection: string,
  rows: WriteRow[],
): Promise<Set<string>> {
  const { rows: inserted } = await tx.query<{ id: string }>(
    `INSERT INTO documents (org_id, collection, id, branch_id, visible_to, data, deleted)
     SELECT $1, $2, r.id, r.branch_id, CASE WHEN r.visible_to IS NULL THEN NULL
              ELSE ARRAY(SELECT jsonb_array_elements_text(r.visible_to)) END, r.data, r.deleted
     FROM jsonb_to_recordset($3::jsonb) AS r(id text, branch_id text, visible_to jsonb, data jsonb, deleted boolean)
     ON CONFLICT (org_id, collection, id) DO NOTHING
     RETURNING id`,
    [orgId, collection, JSON.stringify(rows.map(rowPayload))],
  );
  return new Set(inserted.map((r) => r.id));
}

async function updateRows(
  tx: Queryable,
  orgId: string,
  collection: string,
  updates: { row: WriteRow; visibleTo: string[] | null }[],
): Promise<void> {
  // Every update takes this transaction's id: the row moves past every reader's checkpoint again.
  await tx.query(
    `UPDATE documents d SET data = r.data, deleted = r.deleted, branch_id = r.branch_id,
       visible_to = CASE WHEN r.visible_to IS NULL THEN NULL
                    ELSE ARRAY(SELECT jsonb_array_elements_text(r.visible_to)) END,
       txid = pg_current_xact_id(), updated_at = now()
     FROM jsonb_to_recordset($3::jsonb) AS r(id text, branch_id text, visible_to jsonb, data jsonb, deleted boolean)
     WHERE d.org_id = $1 AND d.collection = $2 AND d.id = r.id`,
    [
      orgId,
      collection,
      JSON.stringify(updates.map((u) => rowPayload({ ...u.row, visibleTo: u.visibleTo }))),
    ],
  );
}

/**
 * The order a write leaves for the rollups, or null for a tombstone: the validated object itself
 * (the rollups read its parse from the push's validation; the schema drops `_deleted`).
 */
function storedData(doc: WireDocument): Record<string, unknown> | null {
  return doc._deleted ? null : doc;
}

function rowPayload(row: WriteRow): Record<string, unknown> {
  return {
    id: row.id,
    branch_id: row.branchId,
    visible_to: row.visibleTo,
    data: stripTombstone(row.next),
    deleted: row.next._deleted,
  };
}
