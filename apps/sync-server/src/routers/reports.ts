import { isoDateSchema } from '@comanda/core';
import { PREP_REPORT_DIMENSIONS } from '@comanda/core/kitchen';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import {
  REPORT_DIMENSIONS,
  salesReport,
  toCsv,
  zReports,
  type ReportRange,
} from '../reports/sales';
import { prepTimes } from '../reports/prep-times';
import { assertUserBranch, protectedProcedure, type Context } from '../trpc';
import type { UserPrincipal } from '../auth/jwt';

const rangeInput = z
  .strictObject({
    /** One branch, or every branch the user may see. */
    branchId: z.string().min(1).max(200).optional(),
    from: isoDateSchema,
    to: isoDateSchema,
  })
  .refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine((r) => Date.parse(r.to) - Date.parse(r.from) <= 400 * 86_400_000, {
    message: 'At most 400 days per report',
    path: ['to'],
  });

const dimension = z.enum(REPORT_DIMENSIONS);

async function resolveRange(
  ctx: Context & { user: UserPrincipal },
  input: z.infer<typeof rangeInput>,
): Promise<ReportRange> {
  let branchIds: string[];
  if (input.branchId) {
    await assertUserBranch(ctx, input.branchId);
    branchIds = [input.branchId];
  } else if (ctx.user.role === 'owner') {
    const { rows } = await ctx.services.db.pool.query<{ id: string }>(
      'SELECT id FROM branches WHERE org_id = $1',
      [ctx.user.org],
    );
    branchIds = rows.map((r) => r.id);
  } else {
    branchIds = ctx.user.branches;
  }
  if (branchIds.length === 0)
    throw new TRPCError({ code: 'FORBIDDEN', message: 'No branch to report on' });
  return { orgId: ctx.user.org, branchIds, from: input.from, to: input.to };
}

/** Back-office reports over business days (branch time zone); managers see their branches only. */
export const reportsRouter = {
  sales: protectedProcedure
    .input(z.strictObject({ range: rangeInput, by: dimension }))
    .query(async ({ ctx, input }) =>
      salesReport(ctx.services.db.pool, await resolveRange(ctx, input.range), input.by),
    ),

  zReports: protectedProcedure
    .input(z.strictObject({ range: rangeInput }))
    .query(async ({ ctx, input }) =>
      zReports(ctx.services.db.pool, await resolveRange(ctx, input.range)),
    ),

  /** The sales report as CSV (amounts in minor units). */
  salesCsv: protectedProcedure
    .input(z.strictObject({ range: rangeInput, by: dimension }))
    .query(async ({ ctx, input }) => {
      const rows = await salesReport(
        ctx.services.db.pool,
        await resolveRange(ctx, input.range),
        input.by,
      );
      return {
        filename: `sales-${input.by}-${input.range.from}-${input.range.to}.csv`,
        contentType: 'text/csv',
        csv: toCsv(rows),
      };
    }),

  /** Kitchen preparation time (send → ready) per item, station or hour vs the estimate told. */
  prepTimes: protectedProcedure
    .input(z.strictObject({ range: rangeInput, by: z.enum(PREP_REPORT_DIMENSIONS) }))
    .query(async ({ ctx, input }) =>
      prepTimes(ctx.services.db.pool, await resolveRange(ctx, input.range), input.by),
    ),
} satisfies TRPCRouterRecord;
