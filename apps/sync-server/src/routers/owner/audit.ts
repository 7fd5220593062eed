import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listAudit } from '../../db/audit';
import { ownerProcedure } from '../../trpc';

export const auditRouter = {
  /** The server's audit log (sign-ins are not logged here; changes to org data and devices are). */
  list: ownerProcedure
    .input(
      z.strictObject({
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: z.number().int().optional(),
      }),
    )
    .query(({ ctx, input }) => listAudit(ctx.services.db.pool, ctx.user.org, input)),
} satisfies TRPCRouterRecord;
