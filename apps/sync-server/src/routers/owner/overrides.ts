import { branchOverrideId, nonNegativeMinorUnitsSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDocuments, writeAsOrg } from '../../sync/owner-writes';
import { assertUserBranch, ownerProcedure, protectedProcedure } from '../../trpc';
import { actor, id, wire, writeOne } from './context';

/** Most (item, branch) pairs one bulk edit writes: one transaction, one audit entry. */
export const MAX_BULK_OVERRIDES = 2_000;

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
  /**
   * Sets the price and/or availability (86) of many items in many branches in one transaction:
   * a field left out keeps each override's current value. Every override is written from the
   * version read here, so a concurrent change anywhere in the selection is a 409 and nothing is
   * saved. One audit entry (`override.bulkSet`) lists the overrides written.
   */
  bulkSet: ownerProcedure
    .input(
      z
        .strictObject({
          itemIds: z.array(id).min(1).max(500),
          branchIds: z.array(id).min(1).max(100),
          /** A price for every pair; null goes back to the menu price; omitted keeps it. */
          price: nonNegativeMinorUnitsSchema.nullable().optional(),
          /** false 86es, true puts back on sale, null inherits the menu; omitted keeps it. */
          available: z.boolean().nullable().optional(),
        })
        .refine((i) => i.price !== undefined || i.available !== undefined, {
          message: 'Choose a price or an availability to set',
          path: ['price'],
        })
        .refine((i) => i.itemIds.length * i.branchIds.length <= MAX_BULK_OVERRIDES, {
          message: `At most ${MAX_BULK_OVERRIDES} item × branch pairs per change`,
          path: ['itemIds'],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      const branchIds = [...new Set(input.branchIds)];
      const itemIds = [...new Set(input.itemIds)];
      for (const branchId of branchIds) await assertUserBranch(ctx, branchId);
      const db = ctx.services.db.pool;
      const items = new Set(
        (await listDocuments(db, ctx.user.org, 'menu'))
          .filter((d) => d.kind === 'item')
          .map((d) => d.id),
      );
      const unknown = itemIds.find((i) => !items.has(i));
      if (unknown)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No menu item ${unknown.slice(0, 60)}` });
      const current = new Map(
        (await listDocuments(db, ctx.user.org, 'branchOverrides')).map((d) => [d.id, d]),
      );
      const stamp = wire(ctx);
      const expected = new Map<string, number | null>();
      const docs = branchIds.flatMap((branchId) =>
        itemIds.map((itemId) => {
          const overrideId = branchOverrideId(branchId, itemId);
          const was = current.get(overrideId);
          expected.set(overrideId, was ? Number(was.updatedAt) : null);
          return stamp({
            id: overrideId,
            schemaVersion: 1,
            branchId,
            itemId,
            price: input.price !== undefined ? input.price : (was?.price ?? null),
            available: input.available !== undefined ? input.available : (was?.available ?? null),
          });
        }),
      );
      await writeAsOrg(
        ctx.services,
        ctx.user.org,
        'branchOverrides',
        docs,
        actor(ctx),
        'override.bulkSet',
        undefined,
        expected,
      );
      return { written: docs.length };
    }),
} satisfies TRPCRouterRecord;
