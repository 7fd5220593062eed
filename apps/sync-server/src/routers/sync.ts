import {
  checkpointSchema,
  deviceHeartbeatSchema,
  pullRequestSchema,
  pushRequestSchema,
  streamRequestSchema,
} from '@comanda/core/sync';
import { TRPCError, tracked, type TRPCRouterRecord } from '@trpc/server';
import type { DevicePrincipal } from '../auth/jwt';
import { tillRevoked } from '../auth/till-revoked';
import { recordPull, recordPush } from '../db/device-sync-state';
import { isDeviceActive, recordHeartbeat } from '../db/devices';
import { activeManagerIds } from '../db/managers';
import { withTransaction } from '../db/tx';
import { applyWrites, pullDocuments, type WireDocument } from '../sync/documents';
import {
  assertDevicePushable,
  collectionOrThrow,
  deviceWriteGuard,
  needsManagers,
  validateDocument,
  writeRow,
} from '../sync/rules';
import { decodeCheckpoint, streamChanges } from '../sync/stream';
import { deviceProcedure, type Context } from '../trpc';

function scopeOf(device: DevicePrincipal) {
  return { orgId: device.org, branchId: device.branch };
}

async function assertStillActive(ctx: Context, device: DevicePrincipal): Promise<void> {
  if (!(await isDeviceActive(ctx.services.db.pool, device.org, device.sub))) throw tillRevoked();
}

/** The RxDB replication endpoints for paired tills, one set of procedures for every collection. */
export const syncRouter = {
  /** The till's own report (unsynced orders, print queue, printers, version) for the back office. */
  heartbeat: deviceProcedure.input(deviceHeartbeatSchema).mutation(async ({ ctx, input }) => {
    await recordHeartbeat(ctx.services.db.pool, ctx.device.sub, input, ctx.services.now());
    return { ok: true as const };
  }),
  /** Documents of the till's branch (and org-wide ones) after `checkpoint`, in checkpoint order. */
  pull: deviceProcedure.input(pullRequestSchema).query(async ({ ctx, input }) => {
    const collection = collectionOrThrow(input.collection);
    const page = await pullDocuments(
      ctx.services.db.pool,
      collection,
      scopeOf(ctx.device),
      input.checkpoint,
      input.limit,
    );
    if (page.checkpoint) {
      await recordPull(
        ctx.services.db.pool,
        ctx.device.sub,
        collection,
        page.checkpoint.txid,
        ctx.services.now(),
      );
    }
    return { documents: page.documents, checkpoint: page.checkpoint };
  }),

  /**
   * Compare-and-set of a batch in one transaction; returns the master state of each conflicting
   * row. Replaying a batch is a no-op with no conflicts. Invalid rows reject the whole batch (4xx).
   */
  push: deviceProcedure.input(pushRequestSchema).mutation(async ({ ctx, input }) => {
    const collection = collectionOrThrow(input.collection);
    assertDevicePushable(collection);
    const rows = input.rows.map((row, i) => {
      const next = validateDocument(collection, row.newDocumentState, `rows.${i}.newDocumentState`);
      const assumed =
        row.assumedMasterState === null
          ? null
          : validateDocument(collection, row.assumedMasterState, `rows.${i}.assumedMasterState`);
      if (assumed && assumed.id !== next.id) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: `rows.${i}: assumedMasterState is another document`,
        });
      }
      return writeRow(collection, assumed, next);
    });
    const { hub, db, metrics } = ctx.services;
    const managers = needsManagers(collection, rows)
      ? await activeManagerIds(db.pool, ctx.device.org, ctx.device.branch)
      : new Set<string>();
    const guard = deviceWriteGuard(collection, ctx.device.branch, { rows, managers });
    const result = await withTransaction(db.pool, async (tx) => {
      const applied = await applyWrites(tx, scopeOf(ctx.device), collection, rows, guard);
      const notice = { org: ctx.device.org, collection, branches: [...applied.touchedBranches] };
      if (applied.written.length > 0) await hub.publishInTransaction(tx, notice);
      await recordPush(
        tx,
        ctx.device.sub,
        collection,
        { written: applied.written.length, conflicts: applied.conflicts.length },
        ctx.services.now(),
      );
      return { applied, notice };
    });
    if (result.applied.written.length > 0) hub.afterCommit(result.notice);
    metrics.pushedRows.inc({ collection, outcome: 'written' }, result.applied.written.length);
    metrics.pushedRows.inc({ collection, outcome: 'conflict' }, result.applied.conflicts.length);
    return result.applied.conflicts satisfies WireDocument[];
  }),

  /**
   * Live changes over SSE. Each event is `tracked(checkpoint)`, so a reconnecting client resumes
   * from `lastEventId` with nothing skipped. Without a checkpoint the stream starts at the head
   * with 'RESYNC' (the client then pulls from its own checkpoint).
   */
  stream: deviceProcedure.input(streamRequestSchema).subscription(async function* ({
    ctx,
    input,
    signal,
  }) {
    const collection = collectionOrThrow(input.collection);
    const device = ctx.device;
    const resumed = input.lastEventId ? decodeCheckpoint(input.lastEventId) : undefined;
    if (resumed && !checkpointSchema.safeParse(resumed).success) {
      throw new TRPCError({
        code: 'BAD_REQUEST',
        message: 'lastEventId is not a checkpoint this server issued',
      });
    }
    ctx.services.metrics.streams.inc({ event: 'open' });
    try {
      for await (const { id, event } of streamChanges({
        db: ctx.services.db.pool,
        hub: ctx.services.hub,
        collection,
        scope: scopeOf(device),
        from: resumed !== undefined ? resumed : input.checkpoint,
        signal,
        pollMs: ctx.services.streamPollMs,
        batchSize: 200,
        check: () => assertStillActive(ctx, device),
      })) {
        yield tracked(id, event);
      }
    } finally {
      ctx.services.metrics.streams.inc({ event: 'close' });
    }
  }),
} satisfies TRPCRouterRecord;
