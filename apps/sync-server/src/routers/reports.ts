import { isoDateSchema, pageRequestSchema } from '@comanda/core';
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
import { archivedZReport, listZArchive, Z_ARCHIVE_SORTS } from '../reports/z-archive';
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

  /** Closed shifts of the range (one till or all), sorted and paged: the Z archive's list. */
  zArchive: protectedProcedure
    .input(
      z.strictObject({
        range: rangeInput,
        tillId: z.string().min(1).max(200).optional(),
        page: pageRequestSchema(Z_ARCHIVE_SORTS),
      }),
    )
    .query(async ({ ctx, input }) =>
      listZArchive(
        ctx.services.db.pool,
        { ...(await resolveRange(ctx, input.range)), tillId: input.tillId },
        input.page,
      ),
    ),

  /** One closed shift's Z report, with the names its printed layout shows; null if none. */
  zReport: protectedProcedure
    .input(z.strictObject({ shiftId: z.string().min(1).max(200) }))
    .query(async ({ ctx, input }) => {
      const today = ctx.services.now().toISOString().slice(0, 10);
      // Any day: the shift's branch must be one the user may see.
      const { branchIds, orgId } = await resolveRange(ctx, { from: today, to: today });
      // null (not a 404) for a shift that is not closed or not in the user's branches.
      return archivedZReport(ctx.services.db.pool, orgId, branchIds, input.shiftId);
    }),

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
