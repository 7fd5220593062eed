import { relayedHeartbeatsSchema } from '@comanda/core/sync';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import type { DevicePrincipal } from '../auth/jwt';
import { branchForHub, recordRelayedHeartbeats } from '../db/devices';
import { deviceProcedure } from '../trpc';
import { signalDeviceActivity } from './owner/device-signal';

function assertHub(device: DevicePrincipal): void {
  if (device.kind !== 'hub')
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a paired branch hub may call this' });
}

/** What a branch hub asks of the central server beyond replication. */
export const hubRouter = {
  /**
   * The hub's branch and its devices with their revocation: the hub accepts only these tills and
   * refuses a revoked one as soon as its next copy of this list says so.
   */
  branch: deviceProcedure.query(({ ctx }) => {
    assertHub(ctx.device);
    return branchForHub(ctx.services.db.pool, ctx.device.org, ctx.device.branch);
  }),

  /**
   * The health reports of the tills behind the hub, and the hub's own, in one batch: the back
   * office's device list shows them as if the tills had reported here. Devices of another branch
   * refuse the whole batch (403).
   */
  heartbeats: deviceProcedure.input(relayedHeartbeatsSchema).mutation(async ({ ctx, input }) => {
    assertHub(ctx.device);
    const { strangers } = await recordRelayedHeartbeats(
      ctx.services.db.pool,
      ctx.device.org,
      ctx.device.branch,
      input.reports,
      ctx.services.now(),
    );
    if (strangers.length > 0)
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `Not devices of this hub's branch: ${strangers.slice(0, 5).join(', ')}`,
      });
    await signalDeviceActivity(ctx.services, ctx.device.org);
    return { ok: true as const };
  }),
} satisfies TRPCRouterRecord;
