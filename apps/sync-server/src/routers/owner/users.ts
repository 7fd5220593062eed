import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { z } from 'zod';
import { hashPassword } from '../../auth/secrets';
import { assertRoleBranches, createUser, MIN_PASSWORD_LENGTH } from '../../auth/users';
import { insertAudit } from '../../db/audit';
import { revokeUserRefreshTokens } from '../../db/refresh-tokens';
import { withTransaction } from '../../db/tx';
import {
  countOtherActiveOwners,
  findUserById,
  listUsers,
  updateUser,
  type UserSummary,
} from '../../db/users';
import { ownerProcedure } from '../../trpc';

const id = z.string().min(1).max(200);
const role = z.enum(['owner', 'manager']);
const branchIds = z.array(id).max(100);
const password = z.string().min(MIN_PASSWORD_LENGTH).max(200);
const name = z.string().trim().min(1).max(100);

function notInOrg(userId: string): TRPCError {
  // Same answer for unknown ids and other orgs' users: ids are not probed across orgs.
  return new TRPCError({
    code: 'FORBIDDEN',
    message: `No user ${userId.slice(0, 60)} in your organization`,
  });
}

/**
 * Back-office accounts (owner only): owners see the whole org, managers only their `branchIds`.
 * A deactivated account cannot sign in or refresh; its refresh tokens are revoked at once and an
 * access token already issued lapses within 15 minutes.
 */
export const usersRouter = {
  list: ownerProcedure.query(({ ctx }) => listUsers(ctx.services.db.pool, ctx.user.org)),

  create: ownerProcedure
    .input(
      z.strictObject({
        email: z.email().max(254),
        name,
        role,
        branchIds: branchIds.default([]),
        password,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const userId = await withTransaction(ctx.services.db.pool, async (tx) => {
        const created = await createUser(tx, { ...input, orgId: ctx.user.org });
        await insertAudit(tx, {
          orgId: ctx.user.org,
          actorType: 'user',
          actorId: ctx.user.sub,
          action: 'user.created',
          detail: { userId: created, role: input.role, branchIds: input.branchIds },
        });
        return created;
      });
      return { id: userId };
    }),

  /** Changes name, role, branches or password; an org always keeps an active owner. */
  update: ownerProcedure
    .input(
      z.strictObject({
        id,
        name: name.optional(),
        role: role.optional(),
        branchIds: branchIds.optional(),
        password: password.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const passwordHash = input.password ? await hashPassword(input.password) : undefined;
      return withTransaction(ctx.services.db.pool, async (tx): Promise<UserSummary> => {
        const current = await findUserById(tx, input.id);
        if (!current || current.org_id !== ctx.user.org) throw notInOrg(input.id);
        const nextRole = input.role ?? current.role;
        const nextBranches = input.branchIds ?? (nextRole === 'owner' ? [] : current.branch_ids);
        await assertRoleBranches(tx, ctx.user.org, nextRole, nextBranches);
        if (current.role === 'owner' && nextRole !== 'owner')
          await assertAnotherOwner(tx, current.id);
        const updated = await updateUser(tx, ctx.user.org, input.id, {
          name: input.name,
          role: input.role,
          branchIds: nextBranches,
          passwordHash,
        });
        if (!updated) throw notInOrg(input.id);
        // New branches or a new password take effect now: sessions sign in again.
        if (input.password || input.role || input.branchIds)
          await revokeUserRefreshTokens(tx, input.id, ctx.services.now());
        await insertAudit(tx, {
          orgId: ctx.user.org,
          actorType: 'user',
          actorId: ctx.user.sub,
          action: 'user.updated',
          detail: {
            userId: input.id,
            fields: Object.keys(input).filter((k) => k !== 'id' && k !== 'password'),
            passwordChanged: Boolean(input.password),
          },
        });
        return updated;
      });
    }),

  deactivate: ownerProcedure.input(z.strictObject({ id })).mutation(({ ctx, input }) =>
    withTransaction(ctx.services.db.pool, async (tx): Promise<UserSummary> => {
      const current = await findUserById(tx, input.id);
      if (!current || current.org_id !== ctx.user.org) throw notInOrg(input.id);
      if (current.role === 'owner') await assertAnotherOwner(tx, current.id);
      const now = ctx.services.now();
      const updated = await updateUser(tx, ctx.user.org, input.id, {
        disabledAt: current.disabled_at ?? now,
      });
      if (!updated) throw notInOrg(input.id);
      await revokeUserRefreshTokens(tx, input.id, now);
      await insertAudit(tx, {
        orgId: ctx.user.org,
        actorType: 'user',
        actorId: ctx.user.sub,
        action: 'user.deactivated',
        detail: { userId: input.id },
      });
      return updated;
    }),
  ),
} satisfies TRPCRouterRecord;

async function assertAnotherOwner(
  tx: Parameters<typeof countOtherActiveOwners>[0],
  userId: string,
): Promise<void> {
  const current = await findUserById(tx, userId);
  if (current && (await countOtherActiveOwners(tx, current.org_id, userId)) === 0)
    throw new TRPCError({
      code: 'UNPROCESSABLE_CONTENT',
      message: 'An organization keeps at least one active owner: make another owner first',
    });
}
