import { branchDocSchema, epochMsSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { upsertBranch } from '../../db/branches';
import { listDocuments, writeAsOrg } from '../../sync/owner-writes';
import { ownerProcedure, protectedProcedure } from '../../trpc';
import { actor, branchesOf, wire } from './context';

export const branchesRouter = {
  list: protectedProcedure.query(async ({ ctx }) => {
    const docs = await listDocuments(ctx.services.db.pool, ctx.user.org, 'branches');
    const visible = branchesOf(ctx);
    return visible ? docs.filter((d) => visible.includes(d.id)) : docs;
  }),
  /** Creates or updates a branch (its replicated document and the tenancy record). */
  upsert: ownerProcedure
    .input(
      z.strictObject({
        doc: branchDocSchema,
        /** The branch's `updatedAt` as last read (null: new); omitted, the write wins. */
        expectedUpdatedAt: epochMsSchema.nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.doc.branchId !== input.doc.id) {
        throw new TRPCError({
          code: 'BAD_REQUEST',
          message: 'A branch document has branchId equal to its id',
        });
      }
      const [written] = await writeAsOrg(
        ctx.services,
        ctx.user.org,
        'branches',
        [wire(ctx)(input.doc)],
        actor(ctx),
        'branch.upsert',
        (tx) => upsertBranch(tx, ctx.user.org, input.doc),
        input.expectedUpdatedAt === undefined
          ? undefined
          : new Map([[input.doc.id, input.expectedUpdatedAt]]),
      );
      return written;
    }),
} satisfies TRPCRouterRecord;
