import { epochMsSchema, hashPin, pinSchema, staffRoleSchema } from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { newId } from '../../auth/secrets';
import { listDocuments } from '../../sync/owner-writes';
import { assertUserBranch, ownerProcedure, protectedProcedure } from '../../trpc';
import { branchesOf, id, wire, writeOne } from './context';

export const staffRouter = {
  list: protectedProcedure.query(async ({ ctx }) => {
    const docs = await listDocuments(ctx.services.db.pool, ctx.user.org, 'staff');
    const visible = branchesOf(ctx);
    // PIN hashes stay on the server side of the back office.
    return docs
      .filter(
        (d) =>
          !visible ||
          (Array.isArray(d.branchIds) && d.branchIds.some((b) => visible.includes(String(b)))),
      )
      .map(({ pinHash: _pinHash, ...rest }) => rest);
  }),
  /** Creates or updates a staff member; a new member needs a PIN, which is stored only as a hash. */
  upsert: ownerProcedure
    .input(
      z.strictObject({
        id: id.optional(),
        name: z.string().trim().min(1).max(100),
        role: staffRoleSchema,
        branchIds: z.array(id).min(1).max(100),
        pin: pinSchema.optional(),
        active: z.boolean().default(true),
        /** The member's `updatedAt` as last read (null: new); omitted, the write wins. */
        expectedUpdatedAt: epochMsSchema.nullable().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      for (const branchId of input.branchIds) await assertUserBranch(ctx, branchId);
      const existing = input.id
        ? (await listDocuments(ctx.services.db.pool, ctx.user.org, 'staff')).find(
            (d) => d.id === input.id,
          )
        : undefined;
      if (input.id && !existing)
        throw new TRPCError({ code: 'NOT_FOUND', message: `No staff member ${input.id}` });
      if (!input.pin && !existing)
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'A new staff member needs a PIN' });
      const pinHash = input.pin
        ? await hashPin(globalThis.crypto.subtle, input.pin, randomBytes(16))
        : existing?.pinHash;
      const doc = wire(ctx)({
        id: input.id ?? newId('stf'),
        schemaVersion: 1,
        branchId: null,
        name: input.name,
        role: input.role,
        branchIds: input.branchIds,
        pinHash,
        active: input.active,
      });
      const written = await writeOne(ctx, 'staff', doc, 'staff.upsert', input.expectedUpdatedAt);
      const { pinHash: _hidden, ...rest } = written ?? doc;
      return rest;
    }),
} satisfies TRPCRouterRecord;
