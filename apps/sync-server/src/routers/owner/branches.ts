import { branchDocSchema, epochMsSchema, logoUploadSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { upsertBranch } from '../../db/branches';
import { listDocuments, writeAsOrg } from '../../sync/owner-writes';
import { ownerProcedure, protectedProcedure } from '../../trpc';
import { LogoUploadError, rasteriseLogo } from '../../branding/receipt-logo';
import { actor, branchesOf, id, wire, writeOne } from './context';

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
  /**
   * Sets (a PNG or JPEG, base64) or removes (null) a branch's receipt logo. The server keeps the
   * 1-bit raster tills print, in the branch document, so it reaches tills with the branch.
   */
  setLogo: ownerProcedure
    .input(z.strictObject({ branchId: id, image: logoUploadSchema.nullable() }))
    .mutation(async ({ ctx, input }) => {
      const [current] = (
        await listDocuments(ctx.services.db.pool, ctx.user.org, 'branches')
      ).filter((d) => d.id === input.branchId);
      if (!current) {
        throw new TRPCError({ code: 'NOT_FOUND', message: `No branch ${input.branchId}` });
      }
      let logo = null;
      try {
        logo = input.image ? rasteriseLogo(input.image) : null;
      } catch (e) {
        if (!(e instanceof LogoUploadError)) throw e;
        const issues = [{ path: ['image'], message: e.message }];
        throw new TRPCError({ code: 'BAD_REQUEST', message: e.message, cause: { issues } });
      }
      // Written over the version just read: a save in between is a 409, never overwritten.
      return writeOne(
        ctx,
        'branches',
        wire(ctx)({ ...current, logo }),
        'branch.logo',
        Number(current.updatedAt),
      );
    }),
} satisfies TRPCRouterRecord;
