import { menuDocSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { listDocuments, writeAsOrg } from '../../sync/owner-writes';
import { ownerProcedure, protectedProcedure } from '../../trpc';
import { actor, id, wire } from './context';

export const menuRouter = {
  list: protectedProcedure
    .input(
      z
        .strictObject({ includeDeleted: z.boolean().default(false) })
        .default({ includeDeleted: false }),
    )
    .query(({ ctx, input }) => listDocuments(ctx.services.db.pool, ctx.user.org, 'menu', input)),
  /** Creates or replaces menu documents (tax classes, stations, categories, modifier groups, items). */
  upsert: ownerProcedure
    .input(z.strictObject({ docs: z.array(menuDocSchema).min(1).max(500) }))
    .mutation(({ ctx, input }) =>
      writeAsOrg(
        ctx.services,
        ctx.user.org,
        'menu',
        input.docs.map(wire(ctx)),
        actor(ctx),
        'menu.upsert',
      ),
    ),
  /** Deletes menu documents (tombstones, so tills remove them too). */
  remove: ownerProcedure
    .input(z.strictObject({ ids: z.array(id).min(1).max(500) }))
    .mutation(async ({ ctx, input }) => {
      const current = await listDocuments(ctx.services.db.pool, ctx.user.org, 'menu');
      const byId = new Map(current.map((d) => [d.id, d]));
      const missing = input.ids.filter((i) => !byId.has(i));
      if (missing.length > 0)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No menu document ${missing[0]}` });
      const now = ctx.services.now().getTime();
      const docs = input.ids.map((i) => ({ ...byId.get(i), updatedAt: now, _deleted: true }));
      await writeAsOrg(ctx.services, ctx.user.org, 'menu', docs, actor(ctx), 'menu.remove');
      return { removed: input.ids.length };
    }),
} satisfies TRPCRouterRecord;
