import { tillCode } from '@comanda/core/orders';
import {
  MAX_BACKLOG_COUNT,
  backlogRequestSchema,
  changesRequestSchema,
  orderSearchRequestSchema,
  presenceRequestSchema,
  orderWindowStart,
  deviceHeartbeatSchema,
  pullRequestSchema,
  pushRequestSchema,
} from '@comanda/core/sync';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { DevicePrincipal } from '../auth/jwt';
import { tillRevoked } from '../auth/till-revoked';
import { orderHistoryDays } from '../db/branches';
import { searchBranchOrders } from '../db/order-search';
import { recordPull, recordPush } from '../db/device-sync-state';
import { signalDeviceActivity } from './owner/device-signal';
import { deviceLabel, recordHeartbeat } from '../db/devices';
import { cashVarianceLimitOf } from '../db/cash-variance';
import { activeManagerIds } from '../db/managers';
import { withTransaction } from '../db/tx';
import {
  applyWrites,
  countAfter,
  pullDocuments,
  type ReadScope,
  type WireDocument,
} from '../sync/documents';
import {
  assertDevicePushable,
  closesShifts,
  collectionOrThrow,
  deviceWriteGuard,
  needsManagers,
  validateDocument,
  writeRow,
} from '../sync/rules';
import { assertBoardPull, boardPushRefused } from '../sync/board-rules';
import { assertKitchenPush } from '../sync/kitchen-rules';
import { joinStaleOrderWrite, mergeOrder } from '../sync/order-rules';
import { streamBranchChanges } from '../sync/changes';
import { deviceProcedure, type Context } from '../trpc';

function scopeOf(device: DevicePrincipal): ReadScope {
  return { orgId: device.org, branchId: device.branch };
}

/**
 * What a till reads: its branch's documents, and of orders only the open ones plus those written
 * in the branch's last `orderHistoryDays` (older ones are searched on demand).
 */
async function readScopeOf(ctx: Context, device: DevicePrincipal): Promise<ReadScope> {
  const days = await orderHistoryDays(ctx.services.db.pool, device.org, device.branch);
  return {
    ...scopeOf(device),
    ordersSince: new Date(orderWindowStart(ctx.services.now().getTime(), days)),
  };
}

async function assertStillActive(ctx: Context, device: DevicePrincipal): Promise<void> {
  if (!(await ctx.services.activeDevices.isActive(device.org, device.sub))) throw tillRevoked();
}

/** The RxDB replication endpoints for paired tills, one set of procedures for every collection. */
export const syncRouter = {
  /** The till's own report (unsynced orders, print queue, printers, version) for the back office. */
  heartbeat: deviceProcedure.input(deviceHeartbeatSchema).mutation(async ({ ctx, input }) => {
    await recordHeartbeat(ctx.services.db.pool, ctx.device.sub, input, ctx.services.now());
    // On a hub: the back office reads the central server's device list, so the report goes up.
    ctx.services.branchHub?.relayHeartbeat(ctx.device.sub, input);
    await signalDeviceActivity(ctx.services, ctx.device.org);
    return { ok: true as const };
  }),
  /** Documents of the till's branch (and org-wide ones) after `checkpoint`, in checkpoint order. */
  pull: deviceProcedure.input(pullRequestSchema).query(async ({ ctx, input }) => {
    const collection = collectionOrThrow(input.collection);
    if (ctx.device.kind === 'board') assertBoardPull(collection);
    const page = await pullDocuments(
      ctx.services.db.pool,
      collection,
      await readScopeOf(ctx, ctx.device),
      input.checkpoint,
      input.limit,
    );
    // A hub records no sync state of its devices: nobody reads it there (the back office reads
    // the central server's), and it cost a write per pull on the hub's one PGlite connection,
    // where a till's send waited behind the kitchen screens' pulls (docs/kitchen-display.md).
    if (page.checkpoint && !ctx.services.branchHub) {
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

  /** How many documents a pull from `checkpoint` has still to return: a first sync's progress total. */
  backlog: deviceProcedure.input(backlogRequestSchema).query(async ({ ctx, input }) => {
    const collection = collectionOrThrow(input.collection);
    if (ctx.device.kind === 'board') assertBoardPull(collection);
    const count = await countAfter(
      ctx.services.db.pool,
      collection,
      await readScopeOf(ctx, ctx.device),
      input.checkpoint,
      MAX_BACKLOG_COUNT,
    );
    return { count };
  }),

  /**
   * History on demand: the branch's orders of any age (tills pull only the open ones and the last
   * days) by business days, ticket and total, newest first, at most 50. Read-only: a till that
   * refunds or reprints one stores it and pushes its change like any other order.
   */
  searchOrders: deviceProcedure.input(orderSearchRequestSchema).query(async ({ ctx, input }) => ({
    orders: await searchBranchOrders(ctx.services.db.pool, {
      orgId: ctx.device.org,
      branchId: ctx.device.branch,
      ...input,
    }),
  })),

  /**
   * Compare-and-set of a batch in one transaction; returns the master state of each conflicting
   * row. Replaying a batch is a no-op with no conflicts. Invalid rows reject the whole batch (4xx).
   */
  push: deviceProcedure.input(pushRequestSchema).mutation(async ({ ctx, input }) => {
    if (ctx.device.kind === 'board') throw boardPushRefused();
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
    if (ctx.device.kind === 'kitchen')
      assertKitchenPush(collection, rows, ctx.device.stations ?? []);
    const { hub, db, metrics } = ctx.services;
    const managers = needsManagers(collection, rows)
      ? await activeManagerIds(db.pool, ctx.device.org, ctx.device.branch)
      : new Set<string>();
    const cashVarianceLimit = closesShifts(collection, rows)
      ? await cashVarianceLimitOf(db.pool, ctx.device.org, ctx.device.branch)
      : 0;
    const guard = deviceWriteGuard(collection, ctx.device.branch, {
      rows,
      managers,
      cashVarianceLimit,
    });
    const result = await withTransaction(db.pool, async (tx) => {
      // Orders: a stale push is joined with the master instead of answered with a bare conflict.
      const merge = collection === 'orders' ? mergeOrder : undefined;
      const rescue = collection === 'orders' ? joinStaleOrderWrite : undefined;
      const applied = await applyWrites(
        tx,
        scopeOf(ctx.device),
        collection,
        rows,
        guard,
        merge,
        rescue,
      );
      const notice = {
        org: ctx.device.org,
        collection,
        branches: [...applied.touchedBranches],
        by: ctx.device.sub,
      };
      if (applied.written.length > 0) await hub.publishInTransaction(tx, notice);
      if (!ctx.services.branchHub)
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
   * Which order this till has on screen (null = none), for the other tills of the branch: advisory,
   * forgotten 30 s after the till's last call (it repeats every 10 s while on an order).
   */
  presence: deviceProcedure.input(presenceRequestSchema).mutation(async ({ ctx, input }) => {
    if (ctx.device.kind === 'board') throw boardPushRefused();
    const { org, branch, sub } = ctx.device;
    const label = await deviceLabel(ctx.services.db.pool, org, sub);
    if (!label) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Unknown till' });
    const previous = ctx.services.presence.current(org, branch, sub);
    const since =
      previous && previous.orderId === input.orderId
        ? previous.since
        : ctx.services.now().getTime();
    const entry = {
      deviceId: sub,
      tillCode: tillCode(label.tillIndex),
      tillName: label.name.slice(0, 200),
      orderId: input.orderId,
      staffName: input.staffName,
      since,
    };
    await ctx.services.hub.publishPresence(ctx.services.db.pool, { org, branch, entry });
    return entry;
  }),

  /**
   * The till's one live stream (SSE) for every collection: which collections changed for its
   * branch (the till then pulls them from its checkpoints) and which orders other tills have open.
   */
  changes: deviceProcedure.input(changesRequestSchema).subscription(async function* ({
    ctx,
    signal,
  }) {
    const device = ctx.device;
    ctx.services.metrics.streams.inc({ event: 'open' });
    try {
      yield* streamBranchChanges({
        hub: ctx.services.hub,
        presence: ctx.services.presence,
        org: device.org,
        branch: device.branch,
        device: device.sub,
        signal,
        pollMs: ctx.services.streamPollMs,
        check: () => assertStillActive(ctx, device),
      });
    } finally {
      ctx.services.metrics.streams.inc({ event: 'close' });
    }
  }),
} satisfies TRPCRouterRecord;
