import { MAX_EPOCH_MS, MAX_PAGE_SIZE, pageRequestSchema } from '@comanda/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { AUDIT_SORTS, listAuditPage } from '../../db/audit';
import { ownerProcedure } from '../../trpc';
import { id } from './context';

const auditFilter = z.strictObject({
  branchId: id.optional(),
  action: z.string().min(1).max(200).optional(),
  actorId: id.optional(),
  source: z.enum(['server', 'till']).optional(),
  /** Epoch ms, inclusive. */
  from: z.number().int().min(0).max(MAX_EPOCH_MS).optional(),
  /** Epoch ms, exclusive. */
  to: z.number().int().min(0).max(MAX_EPOCH_MS).optional(),
});

export const auditRouter = {
  /**
   * The audit log, filtered, sorted and paged on the server: owners' changes (server log) and the
   * tills' synced events (voids, discounts, refunds, no-sales, reprints, approvals, logins).
   */
  page: ownerProcedure
    .input(
      z.strictObject({ filter: auditFilter.default({}), page: pageRequestSchema(AUDIT_SORTS) }),
    )
    .query(({ ctx, input }) =>
      listAuditPage(ctx.services.db.pool, ctx.user.org, input.filter, input.page),
    ),
  /** The newest entries (the same query as `page`, first page only), for scripts and checks. */
  list: ownerProcedure
    .input(auditFilter.extend({ limit: z.number().int().min(1).max(MAX_PAGE_SIZE).default(100) }))
    .query(async ({ ctx, input }) => {
      const { limit, ...filter } = input;
      const page = { sort: 'at', dir: 'desc', offset: 0, size: limit } as const;
      return (await listAuditPage(ctx.services.db.pool, ctx.user.org, filter, page)).rows;
    }),
} satisfies TRPCRouterRecord;
