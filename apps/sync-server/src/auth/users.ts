import { TRPCError } from '@trpc/server';
import type pg from 'pg';
import { unknownBranchIds } from '../db/branches';
import {
  findRefreshTokenForUpdate,
  insertRefreshToken,
  markRefreshTokenUsed,
  revokeFamily,
  revokeFamilyOfToken,
} from '../db/refresh-tokens';
import { withTransaction, type Queryable } from '../db/tx';
import { findUserByEmail, findUserById, insertUser, type UserRow } from '../db/users';
import { signAccessToken, type UserPrincipal } from './jwt';
import { signInLockout } from './lockout';
import type { Keyring } from './keyring';
import { hashPassword, newId, randomSecret, sha256, verifyPassword } from './secrets';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600 * 1000;

export interface NewUser {
  orgId: string;
  email: string;
  name: string;
  role: 'owner' | 'manager';
  branchIds: string[];
  password: string;
}

/** What sign-in and refresh return. */
export interface UserSession {
  accessToken: string;
  accessTokenExpiresAt: number;
  refreshToken: string;
  user: {
    id: string;
    orgId: string;
    email: string;
    name: string;
    role: 'owner' | 'manager';
    branchIds: string[];
  };
}

/** Shortest password an owner or manager may choose. */
export const MIN_PASSWORD_LENGTH = 10;

/**
 * Checks the branches a role is scoped to: a manager needs at least one branch of the org, an
 * owner has none (owners see every branch).
 */
export async function assertRoleBranches(
  db: Queryable,
  orgId: string,
  role: 'owner' | 'manager',
  branchIds: string[],
): Promise<void> {
  if (role === 'owner' && branchIds.length > 0)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: 'An owner sees every branch: give branches to managers only',
    });
  if (role === 'manager' && branchIds.length === 0)
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'A manager needs at least one branch' });
  const unknown = await unknownBranchIds(db, orgId, branchIds);
  // Unknown and foreign branches answer the same 403 (as assertUserBranch): ids are not probed.
  if (unknown.length > 0)
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: `No branch ${unknown[0]!.slice(0, 60)} in this organization`,
    });
}

/** Creates an owner or manager (argon2id password); managers are scoped to their branches. */
export async function createUser(db: Queryable, user: NewUser): Promise<string> {
  if (user.password.length < MIN_PASSWORD_LENGTH)
    throw new TRPCError({
      code: 'BAD_REQUEST',
      message: `The password must be at least ${MIN_PASSWORD_LENGTH} characters`,
    });
  await assertRoleBranches(db, user.orgId, user.role, user.branchIds);
  const id = newId('usr');
  const passwordHash = await hashPassword(user.password);
  try {
    await insertUser(db, {
      id,
      org_id: user.orgId,
      email: user.email,
      name: user.name,
      role: user.role,
      branch_ids: user.branchIds,
      password_hash: passwordHash,
    });
  } catch (error) {
    if ((error as { code?: string }).code === '23505') {
      throw new TRPCError({
        code: 'CONFLICT',
        message: `A user with email ${user.email} already exists`,
      });
    }
    throw error;
  }
  return id;
}

// Verifying against a fixed hash when the email is unknown keeps response times alike, so
// sign-in does not reveal which emails exist.
let dummyHash: Promise<string> | undefined;

/**
 * Email + password sign-in: an access token and the first refresh token of a new family. Five
 * failures in a row lock the email (see `signInLockout`).
 */
export async function signIn(
  pool: pg.Pool,
  keyring: Keyring,
  credentials: { email: string; password: string },
  now: Date,
): Promise<UserSession> {
  await signInLockout.assertNotLocked(pool, credentials.email, now);
  const row = await findUserByEmail(pool, credentials.email);
  dummyHash ??= hashPassword(randomSecret());
  const ok = await verifyPassword(row?.password_hash ?? (await dummyHash), credentials.password);
  if (!row || !ok || row.disabled_at) {
    await signInLockout.failed(pool, credentials.email, now);
    throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Email or password is wrong' });
  }
  await signInLockout.succeeded(pool, credentials.email);
  const refreshToken = await issueRefreshToken(pool, row.id, newId('fam'), now);
  return session(keyring, row, refreshToken, now);
}

/**
 * Rotates a refresh token: the presented token is spent and a new one issued in the same family.
 * Presenting a spent token again means it leaked (or a client raced itself): the whole family is
 * revoked, so whoever holds the newer token must sign in again.
 */
export async function refreshSession(
  pool: pg.Pool,
  keyring: Keyring,
  refreshToken: string,
  now: Date,
): Promise<UserSession> {
  const outcome = await withTransaction(pool, async (tx) => {
    const token = await findRefreshTokenForUpdate(tx, sha256(refreshToken));
    if (!token) return { error: 'Refresh token is not valid' } as const;
    if (token.used_at || token.revoked_at) {
      await revokeFamily(tx, token.family_id, now);
      return {
        error: 'Refresh token was already used; all sessions of this sign-in are revoked',
      } as const;
    }
    if (token.expires_at.getTime() <= now.getTime())
      return { error: 'Refresh token expired' } as const;
    await markRefreshTokenUsed(tx, token.id, now);
    const user = await findUserById(tx, token.user_id);
    if (!user || user.disabled_at) return { error: 'User is disabled' } as const;
    const next = await issueRefreshToken(tx, user.id, token.family_id, now);
    return { user, next } as const;
  });
  if ('error' in outcome) throw new TRPCError({ code: 'UNAUTHORIZED', message: outcome.error });
  return session(keyring, outcome.user, outcome.next, now);
}

/** Signs out: revokes the token's whole family. Unknown tokens are ignored (idempotent). */
export async function revokeRefreshToken(
  db: Queryable,
  refreshToken: string,
  now: Date,
): Promise<void> {
  await revokeFamilyOfToken(db, sha256(refreshToken), now);
}

async function issueRefreshToken(
  db: Queryable,
  userId: string,
  familyId: string,
  now: Date,
): Promise<string> {
  const token = `rt_${randomSecret()}`;
  await insertRefreshToken(db, {
    id: newId('rt'),
    tokenHash: sha256(token),
    userId,
    familyId,
    expiresAt: new Date(now.getTime() + REFRESH_TOKEN_TTL_MS),
  });
  return token;
}

function session(keyring: Keyring, row: UserRow, refreshToken: string, now: Date): UserSession {
  const principal: UserPrincipal = {
    typ: 'user',
    sub: row.id,
    org: row.org_id,
    role: row.role,
    branches: row.branch_ids,
  };
  const access = signAccessToken({ hmac: keyring }, principal, now);
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt,
    refreshToken,
    user: {
      id: row.id,
      orgId: row.org_id,
      email: row.email,
      name: row.name,
      role: row.role,
      branchIds: row.branch_ids,
    },
  };
}
