import { branchOverrideId } from '@comanda/core';
import type { TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDocuments } from '../../sync/owner-writes';
import { assertUserBranch, ownerProcedure, protectedProcedure } from '../../trpc';
import { id, wire, writeOne } from './context';

export const overridesRouter = {
  list: protectedProcedure.input(z.strictObject({ branchId: id })).query(async ({ ctx, input }) => {
    await assertUserBranch(ctx, input.branchId);
    return listDocuments(ctx.services.db.pool, ctx.user.org, 'branchOverrides', {
      branchId: input.branchId,
    });
  }),
  /** Sets a branch's price and/or availability for an item; null inherits the menu. */
  set: ownerProcedure
    .input(
      z.strictObject({
        branchId: id,
        itemId: id,
        price: z.number().int().nonnegative().max(100_000_000).nullable(),
        available: z.boolean().nullable(),
        /** The override's `updatedAt` as last read (null: none yet); omitted, the write wins. */
        expectedUpdatedAt: z.number().int().nonnegative().nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await assertUserBranch(ctx, input.branchId);
      return writeOne(
        ctx,
        'branchOverrides',
        wire(ctx)({
          id: branchOverrideId(input.branchId, input.itemId),
          schemaVersion: 1,
          branchId: input.branchId,
          itemId: input.itemId,
          price: input.price,
          available: input.available,
        }),
        'override.set',
        input.expectedUpdatedAt,
      );
    }),
} satisfies TRPCRouterRecord;
