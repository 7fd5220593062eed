import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertUserBranch, protectedProcedure } from '../../trpc';
import { syncHealth } from '../../db/device-sync-state';
import { auditRouter } from './audit';
import { branchesRouter } from './branches';
import { branchesOf, id } from './context';
import { devicesRouter } from './devices';
import { liveProcedure } from './live';
import { menuRouter } from './menu';
import { overridesRouter } from './overrides';
import { staffRouter } from './staff';
import { usersRouter } from './users';

/** The back office: menu, overrides, branches, staff, devices, accounts, audit log and sync health. */
export const ownerRouter = {
  me: protectedProcedure.query(({ ctx }) => ({
    userId: ctx.user.sub,
    orgId: ctx.user.org,
    role: ctx.user.role,
    branchIds: ctx.user.branches,
  })),
  menu: menuRouter,
  overrides: overridesRouter,
  branches: branchesRouter,
  staff: staffRouter,
  devices: devicesRouter,
  audit: auditRouter,
  users: usersRouter,
  /** Change signals (SSE) so screens re-read at once instead of polling. */
  live: liveProcedure,
  syncHealth: protectedProcedure
    .input(z.strictObject({ branchId: id.optional() }).optional())
    .query(async ({ ctx, input }) => {
      if (input?.branchId) await assertUserBranch(ctx, input.branchId);
      return syncHealth(
        ctx.services.db.pool,
        ctx.user.org,
        input?.branchId ?? null,
        branchesOf(ctx),
      );
    }),
} satisfies TRPCRouterRecord;
