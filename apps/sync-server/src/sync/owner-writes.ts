import type { SyncCollectionName } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type { Services } from '../services';
import { insertAudit } from '../db/audit';
import { withTransaction, type Queryable } from '../db/tx';
import { applyWrites, toWire, type WireDocument } from './documents';
import { validateDocument, writeRow } from './rules';

/** Who did it, for the audit log. */
export interface Actor {
  type: 'user' | 'device' | 'cli';
  id: string;
}

/**
 * Writes documents as the organization (server wins: the owner's write replaces whatever the
 * master holds) in one transaction, announces them to live streams and records an audit entry.
 * `extra` runs inside the same transaction (e.g. keeping the branches table in step).
 * `expected` (id → the `updatedAt` the writer last read, null for "did not exist") turns a write
 * over a newer version into a CONFLICT instead of a silent overwrite; checked under the row lock.
 */
export async function writeAsOrg(
  services: Pick<Services, 'db' | 'hub'>,
  orgId: string,
  collection: SyncCollectionName,
  docs: unknown[],
  actor: Actor,
  action: string,
  extra?: (tx: Queryable, docs: WireDocument[]) => Promise<void>,
  expected?: ReadonlyMap<string, number | null>,
): Promise<WireDocument[]> {
  const validated = docs.map((doc, i) => validateDocument(collection, doc, `docs.${i}`));
  const { notice, written } = await withTransaction(services.db.pool, async (tx) => {
    const ids = validated.map((d) => d.id);
    const { rows } = await tx.query<{
      id: string;
      data: Record<string, unknown>;
      deleted: boolean;
    }>(
      `SELECT id, data, deleted FROM documents WHERE org_id = $1 AND collection = $2 AND id = ANY ($3::text[])
       ORDER BY id FOR UPDATE`,
      [orgId, collection, ids],
    );
    const masters = new Map(rows.map((r) => [r.id, toWire(r)]));
    if (expected) assertVersions(masters, expected);
    const applied = await applyWrites(
      tx,
      { orgId, branchId: null },
      collection,
      validated.map((doc) => writeRow(collection, masters.get(doc.id) ?? null, doc)),
      () => undefined,
    );
    if (extra) await extra(tx, validated);
    const notice = { org: orgId, collection, branches: [...applied.touchedBranches] };
    if (applied.written.length > 0) {
      await services.hub.publishInTransaction(tx, notice);
      await insertAudit(tx, {
        orgId,
        actorType: actor.type,
        actorId: actor.id,
        action,
        detail: { collection, ids: applied.written.slice(0, 100) },
      });
    }
    return { notice, written: applied.written };
  });
  if (written.length > 0) services.hub.afterCommit(notice);
  return validated;
}

/** Reads documents of a collection as the org sees them (no watermark: a snapshot for the back office). */
export async function listDocuments(
  db: Queryable,
  orgId: string,
  collection: SyncCollectionName,
  filter: { branchId?: string | undefined; includeDeleted?: boolean } = {},
): Promise<WireDocument[]> {
  const { rows } = await db.query<{ data: Record<string, unknown>; deleted: boolean }>(
    `SELECT data, deleted FROM documents
     WHERE org_id = $1 AND collection = $2 AND ($3::text IS NULL OR branch_id = $3 OR branch_id IS NULL)
       AND ($4 OR NOT deleted)
     ORDER BY id`,
    [orgId, collection, filter.branchId ?? null, filter.includeDeleted ?? false],
  );
  return rows.map(toWire);
}

function assertVersions(
  masters: ReadonlyMap<string, WireDocument>,
  expected: ReadonlyMap<string, number | null>,
): void {
  for (const [id, version] of expected) {
    const master = masters.get(id);
    const current = master && !master._deleted ? Number(master.updatedAt) : null;
    if (current !== version) {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `${id} was changed by someone else since you loaded it; reload it or overwrite it`,
        cause: { current },
      });
    }
  }
}
