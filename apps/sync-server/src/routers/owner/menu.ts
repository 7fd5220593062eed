import { epochMsSchema, menuDocSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { assertMenuWhole } from '../../sync/menu-writes';
import { listDocuments, writeAsOrg } from '../../sync/owner-writes';
import { ownerProcedure, protectedProcedure } from '../../trpc';
import { actor, id, wire } from './context';

/**
 * The versions the editor last read (`updatedAt`, null for "did not exist"): a newer stored
 * version of any of them is a 409 and nothing is written. Omitted, the owner's write wins.
 */
const expectedSchema = z
  .array(z.strictObject({ id, updatedAt: epochMsSchema.nullable() }))
  .max(500)
  .optional();

function expectedMap(expected: z.infer<typeof expectedSchema>) {
  return expected && new Map(expected.map((e) => [e.id, e.updatedAt]));
}

export const menuRouter = {
  list: protectedProcedure
    .input(
      z
        .strictObject({ includeDeleted: z.boolean().default(false) })
        .default({ includeDeleted: false }),
    )
    .query(({ ctx, input }) => listDocuments(ctx.services.db.pool, ctx.user.org, 'menu', input)),
  /**
   * Creates or replaces menu documents (tax classes, stations, categories, modifier groups, items)
   * in one transaction: every reference must resolve in the menu as it would be, or nothing is saved.
   */
  upsert: ownerProcedure
    .input(
      z.strictObject({ docs: z.array(menuDocSchema).min(1).max(500), expected: expectedSchema }),
    )
    .mutation(({ ctx, input }) =>
      writeAsOrg(
        ctx.services,
        ctx.user.org,
        'menu',
        input.docs.map(wire(ctx)),
        actor(ctx),
        'menu.upsert',
        (tx, docs) => assertMenuWhole(tx, ctx.user.org, docs),
        expectedMap(input.expected),
      ),
    ),
  /**
   * Deletes menu documents (tombstones, so tills remove them too). A category goes only when
   * empty, a tax class, station or modifier group only when no item uses it (422 otherwise).
   */
  remove: ownerProcedure
    .input(z.strictObject({ ids: z.array(id).min(1).max(500), expected: expectedSchema }))
    .mutation(async ({ ctx, input }) => {
      const current = await listDocuments(ctx.services.db.pool, ctx.user.org, 'menu');
      const byId = new Map(current.map((d) => [d.id, d]));
      const missing = input.ids.filter((i) => !byId.has(i));
      if (missing.length > 0)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No menu document ${missing[0]}` });
      const now = ctx.services.now().getTime();
      const docs = input.ids.map((i) => ({ ...byId.get(i), updatedAt: now, _deleted: true }));
      await writeAsOrg(
        ctx.services,
        ctx.user.org,
        'menu',
        docs,
        actor(ctx),
        'menu.remove',
        (tx, written) => assertMenuWhole(tx, ctx.user.org, written),
        expectedMap(input.expected),
      );
      return { removed: input.ids.length };
    }),
} satisfies TRPCRouterRecord;
