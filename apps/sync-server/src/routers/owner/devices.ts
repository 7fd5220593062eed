import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { deviceKindSchema } from '@comanda/core/sync';
import { z } from 'zod';
import { createPairingCode } from '../../auth/devices';
import { insertAudit } from '../../db/audit';
import { listDevices, revokeDevice } from '../../db/devices';
import { assertUserBranch, ownerProcedure, protectedProcedure } from '../../trpc';
import { branchesOf, id } from './context';
import { signalDeviceActivity } from './device-signal';

export const devicesRouter = {
  list: protectedProcedure
    .input(z.strictObject({ branchId: id.optional() }).optional())
    .query(async ({ ctx, input }) => {
      if (input?.branchId) await assertUserBranch(ctx, input.branchId);
      return listDevices(ctx.services.db.pool, ctx.user.org, {
        branchId: input?.branchId ?? null,
        visibleBranches: branchesOf(ctx),
      });
    }),
  /** A single-use code (10 minutes) a device types to join the branch; `kind` binds it to one kind. */
  createPairingCode: ownerProcedure
    .input(z.strictObject({ branchId: id, kind: deviceKindSchema.optional() }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.services.rateLimiter.take(`pairing:${ctx.user.sub}`, ctx.services.now().getTime())) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many pairing codes; wait a minute',
        });
      }
      await assertUserBranch(ctx, input.branchId);
      return createPairingCode(
        ctx.services.db.pool,
        {
          orgId: ctx.user.org,
          branchId: input.branchId,
          createdBy: ctx.user.sub,
          kind: input.kind,
        },
        ctx.services.now(),
      );
    }),
  /** Revokes a till: its very next request is refused. */
  revoke: ownerProcedure
    .input(z.strictObject({ deviceId: id }))
    .mutation(async ({ ctx, input }) => {
      const found = await revokeDevice(
        ctx.services.db.pool,
        ctx.user.org,
        input.deviceId,
        ctx.services.now(),
      );
      // Same answer for unknown devices and other orgs' devices: ids are not probed across orgs.
      if (!found)
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `No device ${input.deviceId} in your organization`,
        });
      await insertAudit(ctx.services.db.pool, {
        orgId: ctx.user.org,
        actorType: 'user',
        actorId: ctx.user.sub,
        action: 'device.revoked',
        detail: { deviceId: input.deviceId },
      });
      await signalDeviceActivity(ctx.services, ctx.user.org, input.deviceId);
      return { revoked: true as const };
    }),
} satisfies TRPCRouterRecord;
