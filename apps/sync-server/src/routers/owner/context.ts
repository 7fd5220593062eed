import type { SyncCollectionName } from '@comanda/core/sync';
import { z } from 'zod';
import { writeAsOrg } from '../../sync/owner-writes';
import type { UserPrincipal } from '../../auth/jwt';
import type { Context } from '../../trpc';

/** Ids in owner inputs: bounded like every other string at the boundary. */
export const id = z.string().min(1).max(200);

export type UserCtx = Context & { user: UserPrincipal };

/** The signed-in user as the audit log's actor. */
export function actor(ctx: UserCtx) {
  return { type: 'user' as const, id: ctx.user.sub };
}

/** Branches a user is limited to; null for owners (every branch of the org). */
export function branchesOf(ctx: UserCtx): string[] | null {
  return ctx.user.role === 'owner' ? null : ctx.user.branches;
}

/** An owner's write as a replicated document: stamped now, not deleted. */
export function wire(ctx: UserCtx) {
  const now = ctx.services.now().getTime();
  return <T extends object>(doc: T) => ({ ...doc, updatedAt: now, _deleted: false });
}

/**
 * Writes one document as the org and returns what was stored. With `expectedUpdatedAt` (the
 * `updatedAt` the editor last read, null for "did not exist") a newer stored version is a 409
 * instead of a silent overwrite; without it the write wins.
 */
export async function writeOne(
  ctx: UserCtx,
  collection: SyncCollectionName,
  doc: { id: string },
  action: string,
  expectedUpdatedAt?: number | null,
) {
  const [written] = await writeAsOrg(
    ctx.services,
    ctx.user.org,
    collection,
    [doc],
    actor(ctx),
    action,
    undefined,
    expectedUpdatedAt === undefined ? undefined : new Map([[doc.id, expectedUpdatedAt]]),
  );
  return written;
}
