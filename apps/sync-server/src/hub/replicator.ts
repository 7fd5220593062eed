import {
  SYNC_COLLECTION_NAMES,
  SYNC_COLLECTIONS,
  isTillWritable,
  type PushRow,
  type SyncCollectionName,
  type WireDocument,
} from '@comanda/core/sync';
import type pg from 'pg';
import type { Logger } from 'pino';
import {
  clearHubRefused,
  readHubCheckpoint,
  readUpstreamMasters,
  saveHubCheckpoint,
  saveHubRefused,
  saveUpstreamMasters,
} from '../db/hub-state';
import { withTransaction, type Queryable } from '../db/tx';
import type { ChangeHub } from '../sync/change-hub';
import { applyWrites, pullDocuments, toWire } from '../sync/documents';
import { checkOrderWrite } from '../sync/order-rules';
import { writeRow } from '../sync/rules';
import { sameJson } from '@comanda/core';
import { upstreamStatus, type Upstream } from './upstream';

/** Documents per upstream request, well under the protocol's 500-row push and 1000-row pull. */
const PAGE = 200;
/** What tills write (up and shared collections): the hub carries it to the central server. */
const UP = SYNC_COLLECTION_NAMES.filter((c) => isTillWritable(SYNC_COLLECTIONS[c].direction));

export interface ReplicatorDeps {
  pool: pg.Pool;
  changes: ChangeHub;
  upstream: Upstream;
  scope: { orgId: string; branchId: string };
  logger: Logger;
}

/**
 * Replicates the hub's database with the central server over the tills' own protocol, as the
 * hub's device: pushes what tills pushed to the hub, pulls every collection the branch can see.
 * Checkpoints and the central server's last known state of each document are saved in the same
 * local transaction as the batch's outcome, so a crash anywhere replays at most one batch, and a
 * replayed push is a no-op at the central server (compare-and-set by id): exactly once.
 */
export class HubReplicator {
  constructor(private readonly deps: ReplicatorDeps) {}

  /**
   * One round: every up collection pushed (a local scan, no request when nothing is new), then
   * `pull` (every collection, or those the central server's stream said changed) pulled, each to
   * its end. A document the central server refuses is stepped over and recorded (`hub_refused`,
   * counted in the hub's heartbeat), not retried until it changes (see `pushPage`). A refusal of
   * the whole push holds back neither the other collections nor the pull (a pull never overwrites
   * what tills changed on the hub since): the round still fails afterwards, so it is retried and
   * logged. Unreachable, the round stops.
   */
  async sync(
    pull: 'all' | readonly SyncCollectionName[] = 'all',
  ): Promise<{ pushed: number; pulled: number }> {
    await this.deps.upstream.authenticate();
    let pushed = 0;
    let pulled = 0;
    let refused: Error | null = null;
    for (const collection of UP) {
      try {
        pushed += await this.pushCollection(collection);
      } catch (error) {
        if (upstreamStatus(error) === undefined) throw error;
        refused ??= error as Error;
      }
    }
    for (const collection of pull === 'all' ? SYNC_COLLECTION_NAMES : pull)
      pulled += await this.pullCollection(collection);
    if (refused) throw refused;
    return { pushed, pulled };
  }

  private async pushCollection(collection: SyncCollectionName): Promise<number> {
    const { pool, scope } = this.deps;
    let pushed = 0;
    for (;;) {
      const from = await readHubCheckpoint(pool, 'up', collection);
      const page = await pullDocuments(pool, collection, scope, from, PAGE);
      if (!page.checkpoint || page.documents.length === 0) return pushed;
      const known = await readUpstreamMasters(
        pool,
        collection,
        page.documents.map((d) => d.id),
      );
      const rows = page.documents.map((doc) => ({
        assumedMasterState: claimedMaster(collection, doc, known.get(doc.id) ?? null),
        newDocumentState: doc,
      }));
      const { conflicts, refused } = await this.pushPage(collection, rows);
      const conflicted = new Map(conflicts.map((c) => [c.id, c]));
      const checkpoint = page.checkpoint;
      const refusedIds = new Set(refused.map((r) => r.id));
      const retry = await this.commit(async (tx) => {
        // A refused document is stepped over (the checkpoint moves past it) and recorded; the
        // scan meets it again when a till or a pull changes it on the hub.
        await saveHubRefused(tx, collection, refused);
        const taken = page.documents.filter((d) => !refusedIds.has(d.id));
        await clearHubRefused(
          tx,
          collection,
          taken.map((d) => d.id),
        );
        const masters = taken.filter((d) => !conflicted.has(d.id));
        const again: string[] = [];
        for (const [id, central] of conflicted) {
          const ours = page.documents.find((d) => d.id === id);
          if (ours && isNewer(ours, central)) again.push(id);
          // A till changed it on the hub meanwhile: its copy lacks what the central one holds, so
          // the central copy is not taken as known. The next push claims the older state and is
          // joined with the central copy; claiming it, the push would be written over it (lost).
          else if (!(await this.writeLocal(tx, collection, central, ours ?? null))) continue;
          masters.push(central);
        }
        await saveUpstreamMasters(tx, collection, masters);
        // The till's version is newer: re-stamped in this transaction, so the up scan pushes it
        // again, over the master just learnt, even if the hub stops right after.
        if (again.length > 0) await this.touchLocal(tx, collection, again);
        await saveHubCheckpoint(tx, 'up', collection, checkpoint);
        return again.length;
      }, collection);
      pushed += page.documents.length - refused.length - conflicts.length;
      if (page.documents.length < PAGE && retry === 0) return pushed;
    }
  }

  /**
   * Pushes one page. The central server refuses a whole batch for one bad row (a 4xx naming
   * `rows.N`, nothing written): that row is taken out and logged and the rest pushed again, so
   * one document the central server will not take never holds back those behind it. A refusal
   * naming no row (authentication, rate limit) and an unreachable server fail the round.
   */
  private async pushPage(
    collection: SyncCollectionName,
    rows: PushRow[],
  ): Promise<{ conflicts: WireDocument[]; refused: { id: string; message: string }[] }> {
    const refused: { id: string; message: string }[] = [];
    let left = rows;
    while (left.length > 0) {
      try {
        const conflicts = await this.deps.upstream.client.sync.push.mutate({
          collection,
          rows: left,
        });
        return { conflicts, refused };
      } catch (error) {
        const index = refusedRow(error, left.length);
        if (index === null) throw error;
        const id = left[index]!.newDocumentState.id;
        const message = (error as Error).message.slice(0, 1000);
        this.deps.logger.warn(
          { collection, id, error: message },
          'hub: the central server refused a document',
        );
        refused.push({ id, message });
        left = left.filter((_, i) => i !== index);
      }
    }
    return { conflicts: [], refused };
  }

  private async pullCollection(collection: SyncCollectionName): Promise<number> {
    const { pool, upstream } = this.deps;
    let pulled = 0;
    for (;;) {
      const checkpoint = await readHubCheckpoint(pool, 'down', collection);
      const page = await upstream.client.sync.pull.query({ collection, checkpoint, limit: PAGE });
      const next = page.checkpoint;
      if (!next || page.documents.length === 0) return pulled;
      await this.commit(async (tx) => {
        const known = await readUpstreamMasters(
          tx,
          collection,
          page.documents.map((d) => d.id),
        );
        const mergeable: WireDocument[] = [];
        for (const doc of page.documents) {
          // A document a till changed on the hub since the hub last saw the central server's
          // copy keeps the till's change; the next push meets the central copy as a conflict.
          if (await this.writeLocal(tx, collection, doc, known.get(doc.id) ?? null))
            mergeable.push(doc);
        }
        await saveUpstreamMasters(tx, collection, mergeable);
        await saveHubCheckpoint(tx, 'down', collection, next);
      }, collection);
      pulled += page.documents.length;
      if (page.documents.length < PAGE) return pulled;
    }
  }

  /**
   * Writes the central server's state of a document into the hub's database if the hub's copy is
   * still `expected` (or missing, or already equal). False when a till changed it in between.
   */
  private async writeLocal(
    tx: Queryable,
    collection: SyncCollectionName,
    doc: WireDocument,
    expected: WireDocument | null,
  ): Promise<boolean> {
    const { rows } = await tx.query<{ data: Record<string, unknown>; deleted: boolean }>(
      'SELECT data, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = $3 FOR UPDATE',
      [this.deps.scope.orgId, collection, doc.id],
    );
    const local = rows[0] ? toWire(rows[0]) : null;
    if (local && !sameJson(local, doc) && (!expected || !sameJson(local, expected))) return false;
    const applied = await applyWrites(
      tx,
      { orgId: this.deps.scope.orgId, branchId: null },
      collection,
      [writeRow(collection, local, doc)],
      () => undefined,
    );
    for (const branch of applied.touchedBranches) this.touched.add(branch);
    return true;
  }

  /** Re-stamps documents so the up scan meets them again (a fresh txid, same content). */
  private async touchLocal(
    tx: Queryable,
    collection: SyncCollectionName,
    ids: string[],
  ): Promise<void> {
    await tx.query(
      `UPDATE documents SET txid = pg_current_xact_id() WHERE org_id = $1 AND collection = $2
         AND id = ANY ($3::text[])`,
      [this.deps.scope.orgId, collection, ids],
    );
  }

  private touched = new Set<string | null>();

  /** Runs a local transaction and announces what it wrote to the tills' live streams. */
  private async commit<T>(
    work: (tx: Queryable) => Promise<T>,
    collection: SyncCollectionName,
  ): Promise<T> {
    const { pool, changes, scope } = this.deps;
    this.touched = new Set();
    const result = await withTransaction(pool, async (tx) => {
      const value = await work(tx);
      if (this.touched.size > 0)
        await changes.publishInTransaction(tx, notice(scope.orgId, collection, this.touched));
      return value;
    });
    if (this.touched.size > 0) changes.afterCommit(notice(scope.orgId, collection, this.touched));
    return result;
  }
}

/** The refusal statuses that name a row of the batch and that pushing again cannot change. */
const ROW_REFUSALS = new Set([400, 403, 404, 409, 422]);

/** The batch row a central refusal names (`rows.N…`), or null when it names none. */
function refusedRow(error: unknown, rows: number): number | null {
  const status = upstreamStatus(error);
  if (status === undefined || !ROW_REFUSALS.has(status)) return null;
  const match = /(?:^|\s)rows\.(\d+)\./.exec((error as Error).message);
  const index = match ? Number(match[1]) : -1;
  return index >= 0 && index < rows ? index : null;
}

function notice(org: string, collection: string, branches: Set<string | null>) {
  return { org, collection, branches: [...branches] };
}

/**
 * The master state the hub claims for a push: the central server's last known copy, except for an
 * order the hub's copy cannot have come from in one till's step. The hub's copy is a join of
 * several tills' steps, some of them stale pushes it merged (decision 0011), and a join may do
 * what no single step may: reopen a paid order a line was added to meanwhile. Pushed from the
 * known copy, the central server refuses it as a write (422), round after round, and every order
 * behind it in the hub's scan stays on the hub. Claimed from no state, it is the stale push it is:
 * the central server joins it with its copy and checks the join, as it does for a till.
 */
function claimedMaster(
  collection: SyncCollectionName,
  doc: WireDocument,
  known: WireDocument | null,
): WireDocument | null {
  if (collection !== 'orders' || !known) return known;
  try {
    checkOrderWrite(doc, known);
    return known;
  } catch {
    return null;
  }
}

/**
 * Which of two versions of a document the hub keeps when the central server holds another one:
 * the newer `updatedAt` (ties: the central server's) — the tills' rule for shifts (decision 0008),
 * so a document reaching the central server through the hub resolves as it would have coming
 * straight from its till. Orders never stay behind: the central server answers a stale order push
 * with the join of both versions (`mergeOrders`, decision 0011), whose `updatedAt` is the larger,
 * so the hub adopts the join.
 */
function isNewer(ours: WireDocument, central: WireDocument): boolean {
  const a = Number((ours as { updatedAt?: unknown }).updatedAt);
  const b = Number((central as { updatedAt?: unknown }).updatedAt);
  return Number.isFinite(a) && Number.isFinite(b) && a > b;
}
