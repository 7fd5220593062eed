import {
  epochMsSchema,
  hashPin,
  pageRequestSchema,
  pinSchema,
  staffRoleSchema,
} from '@comanda/core';
import { listAllStaff, listStaffPage, STAFF_SORTS } from '../../db/staff';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { newId } from '../../auth/secrets';
import { listDocuments } from '../../sync/owner-writes';
import { assertUserBranch, ownerProcedure, protectedProcedure } from '../../trpc';
import { branchesOf, id, wire, writeOne } from './context';

export const staffRouter = {
  /** Every staff member the user may see, by name (PIN hashes stay on the server). */
  list: protectedProcedure.query(({ ctx }) =>
    listAllStaff(ctx.services.db.pool, ctx.user.org, { visibleBranches: branchesOf(ctx) }),
  ),
  /** The staff list filtered, sorted and paged on the server (the back office's table). */
  page: protectedProcedure
    .input(
      z.strictObject({
        filter: z
          .strictObject({
            search: z.string().trim().min(1).max(100).optional(),
            role: staffRoleSchema.optional(),
            active: z.boolean().optional(),
            branchId: id.optional(),
          })
          .default({}),
        page: pageRequestSchema(STAFF_SORTS),
      }),
    )
    .query(async ({ ctx, input }) => {
      if (input.filter.branchId) await assertUserBranch(ctx, input.filter.branchId);
      return listStaffPage(
        ctx.services.db.pool,
        ctx.user.org,
        { ...input.filter, visibleBranches: branchesOf(ctx) },
        input.page,
      );
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
      // The till's PIN pad waits for the longest PIN in use (core `pinPadLengths`).
      const pinLength = input.pin ? input.pin.length : (existing?.pinLength as number | undefined);
      const doc = wire(ctx)({
        id: input.id ?? newId('stf'),
        schemaVersion: 1,
        branchId: null,
        name: input.name,
        role: input.role,
        branchIds: input.branchIds,
        pinHash,
        ...(pinLength === undefined ? {} : { pinLength }),
        active: input.active,
      });
      const written = await writeOne(ctx, 'staff', doc, 'staff.upsert', input.expectedUpdatedAt);
      const { pinHash: _hidden, ...rest } = written ?? doc;
      return rest;
    }),
} satisfies TRPCRouterRecord;
