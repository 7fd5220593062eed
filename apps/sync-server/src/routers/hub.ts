import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { branchForHub } from '../db/devices';
import { deviceProcedure } from '../trpc';

/** What a branch hub asks of the central server beyond replication. */
export const hubRouter = {
  /**
   * The hub's branch and its devices with their revocation: the hub accepts only these tills and
   * refuses a revoked one as soon as its next copy of this list says so.
   */
  branch: deviceProcedure.query(({ ctx }) => {
    if (ctx.device.kind !== 'hub')
      throw new TRPCError({ code: 'FORBIDDEN', message: 'Only a paired branch hub may read this' });
    return branchForHub(ctx.services.db.pool, ctx.device.org, ctx.device.branch);
  }),
} satisfies TRPCRouterRecord;
