import {
  branchDocSchema,
  branchOverrideId,
  hashPin,
  menuDocSchema,
  pinSchema,
  staffRoleSchema,
} from '@comanda/core';
import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { createPairingCode } from '../auth/devices';
import { newId } from '../auth/secrets';
import { listDocuments, writeAsOrg } from '../sync/owner-writes';
import { assertUserBranch, ownerProcedure, protectedProcedure, type Context } from '../trpc';
import type { UserPrincipal } from '../auth/jwt';
import { syncHealth } from './sync-health';
import { usersRouter } from './owner/users';

const id = z.string().min(1).max(200);
type UserCtx = Context & { user: UserPrincipal };

function actor(ctx: UserCtx) {
  return { type: 'user' as const, id: ctx.user.sub };
}

function branchesOf(ctx: UserCtx): string[] | null {
  return ctx.user.role === 'owner' ? null : ctx.user.branches;
}

const menuRouter = {
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

function wire(ctx: UserCtx) {
  const now = ctx.services.now().getTime();
  return (doc: object) => ({ ...doc, updatedAt: now, _deleted: false });
}

const overridesRouter = {
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
      const doc = {
        id: branchOverrideId(input.branchId, input.itemId),
        schemaVersion: 1,
        branchId: input.branchId,
        itemId: input.itemId,
        price: input.price,
        available: input.available,
        updatedAt: ctx.services.now().getTime(),
        _deleted: false,
      };
      const [written] = await writeAsOrg(
        ctx.services,
        ctx.user.org,
        'branchOverrides',
        [doc],
        actor(ctx),
        'override.set',
        undefined,
        input.expectedUpdatedAt === undefined
          ? undefined
          : new Map([[doc.id, input.expectedUpdatedAt]]),
      );
      return written;
    }),
} satisfies TRPCRouterRecord;

const branchesRouter = {
  list: protectedProcedure.query(async ({ ctx }) => {
    const docs = await listDocuments(ctx.services.db.pool, ctx.user.org, 'branches');
    const visible = branchesOf(ctx);
    return visible ? docs.filter((d) => visible.includes(d.id)) : docs;
  }),
  /** Creates or updates a branch (its replicated document and the tenancy record). */
  upsert: ownerProcedure
    .input(z.strictObject({ doc: branchDocSchema }))
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
        async (tx) => {
          await tx.query(
            `INSERT INTO branches (org_id, id, name, time_zone) VALUES ($1, $2, $3, $4)
           ON CONFLICT (org_id, id) DO UPDATE SET name = EXCLUDED.name, time_zone = EXCLUDED.time_zone`,
            [ctx.user.org, input.doc.id, input.doc.name, input.doc.timeZone],
          );
        },
      );
      return written;
    }),
} satisfies TRPCRouterRecord;

const staffRouter = {
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
      const doc = {
        id: input.id ?? newId('stf'),
        schemaVersion: 1,
        branchId: null,
        name: input.name,
        role: input.role,
        branchIds: input.branchIds,
        pinHash,
        active: input.active,
        updatedAt: ctx.services.now().getTime(),
        _deleted: false,
      };
      const [written] = await writeAsOrg(
        ctx.services,
        ctx.user.org,
        'staff',
        [doc],
        actor(ctx),
        'staff.upsert',
      );
      const { pinHash: _hidden, ...rest } = written ?? doc;
      return rest;
    }),
} satisfies TRPCRouterRecord;

const devicesRouter = {
  list: protectedProcedure
    .input(z.strictObject({ branchId: id.optional() }).optional())
    .query(async ({ ctx, input }) => {
      if (input?.branchId) await assertUserBranch(ctx, input.branchId);
      const { rows } = await ctx.services.db.pool.query(
        `SELECT id, branch_id AS "branchId", name, revoked_at AS "revokedAt", last_seen_at AS "lastSeenAt",
              created_at AS "createdAt"
       FROM devices WHERE org_id = $1 AND ($2::text IS NULL OR branch_id = $2) AND ($3::text[] IS NULL OR branch_id = ANY ($3))
       ORDER BY created_at`,
        [ctx.user.org, input?.branchId ?? null, branchesOf(ctx)],
      );
      return rows as {
        id: string;
        branchId: string;
        name: string;
        revokedAt: Date | null;
        lastSeenAt: Date | null;
      }[];
    }),
  /** A single-use code (10 minutes) a till types to join the branch. */
  createPairingCode: ownerProcedure
    .input(z.strictObject({ branchId: id }))
    .mutation(async ({ ctx, input }) => {
      if (!ctx.services.rateLimiter.take(`pairing:${ctx.user.sub}`, ctx.services.now().getTime())) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many pairing codes; wait a minute',
        });
      }
      await assertUserBranch(ctx, input.branchId);
      return createPairingCode(
        ctx.services.db.pool,
        { orgId: ctx.user.org, branchId: input.branchId, createdBy: ctx.user.sub },
        ctx.services.now(),
      );
    }),
  /** Revokes a till: its very next request is refused. */
  revoke: ownerProcedure
    .input(z.strictObject({ deviceId: id }))
    .mutation(async ({ ctx, input }) => {
      const { rowCount } = await ctx.services.db.pool.query(
        'UPDATE devices SET revoked_at = coalesce(revoked_at, $3) WHERE id = $1 AND org_id = $2',
        [input.deviceId, ctx.user.org, ctx.services.now()],
      );
      // Same answer for unknown devices and other orgs' devices: ids are not probed across orgs.
      if (!rowCount)
        throw new TRPCError({
          code: 'FORBIDDEN',
          message: `No device ${input.deviceId} in your organization`,
        });
      await ctx.services.db.pool.query(
        `INSERT INTO audit_log (org_id, actor_type, actor_id, action, detail) VALUES ($1, 'user', $2, 'device.revoked', $3)`,
        [ctx.user.org, ctx.user.sub, { deviceId: input.deviceId }],
      );
      return { revoked: true as const };
    }),
} satisfies TRPCRouterRecord;

const auditRouter = {
  /** The server's audit log (sign-ins are not logged here; changes to org data and devices are). */
  list: ownerProcedure
    .input(
      z.strictObject({
        limit: z.number().int().min(1).max(500).default(100),
        beforeId: z.number().int().optional(),
      }),
    )
    .query(async ({ ctx, input }) => {
      const { rows } = await ctx.services.db.pool.query(
        `SELECT id::int, branch_id AS "branchId", actor_type AS "actorType", actor_id AS "actorId", action, detail, at
         FROM audit_log WHERE org_id = $1 AND ($2::bigint IS NULL OR id < $2) ORDER BY id DESC LIMIT $3`,
        [ctx.user.org, input.beforeId ?? null, input.limit],
      );
      return rows as {
        id: number;
        action: string;
        actorType: string;
        actorId: string;
        detail: unknown;
        at: Date;
      }[];
    }),
} satisfies TRPCRouterRecord;

/** The back office: menu, overrides, branches, staff, devices, audit log and sync health. */
export const ownerRouter = {
  me: protectedProcedure.query(({ ctx }) => ({
    userId: ctx.user.sub,
    orgId: ctx.user.org,
    role: ctx.user.role,
    branchIds: ctx.user.branches,
  })),
  menu: menuRouter,
  overrides: overridesRouter,
  branches: branchesRouter,
  staff: staffRouter,
  devices: devicesRouter,
  audit: auditRouter,
  users: usersRouter,
  syncHealth: protectedProcedure
    .input(z.strictObject({ branchId: id.optional() }).optional())
    .query(async ({ ctx, input }) => {
      if (input?.branchId) await assertUserBranch(ctx, input.branchId);
      return syncHealth(
        ctx.services.db.pool,
        ctx.user.org,
        input?.branchId ?? null,
        branchesOf(ctx),
      );
    }),
} satisfies TRPCRouterRecord;
