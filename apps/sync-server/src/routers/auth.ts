import { TRPCError, type TRPCRouterRecord } from '@trpc/server';
import { deviceKindSchema, kitchenStationsSchema } from '@comanda/core/sync';
import { z } from 'zod';
import { issueDeviceToken, redeemPairingCode } from '../auth/devices';
import { refreshSession, revokeRefreshToken, signIn } from '../auth/users';
import { insertAudit } from '../db/audit';
import { revokeUserRefreshTokens } from '../db/refresh-tokens';
import { withTransaction } from '../db/tx';
import { signalDeviceActivity } from './owner/device-signal';
import { protectedProcedure, publicProcedure, rateLimitedProcedure } from '../trpc';

const secret = z.string().min(1).max(200);

/** Sign-in for owners/managers and the till's pairing and token exchange. */
export const authRouter = {
  /** Email + password → access token (15 min) + rotating refresh token. */
  signIn: rateLimitedProcedure
    .input(z.strictObject({ email: z.email().max(254), password: z.string().min(1).max(200) }))
    .mutation(({ ctx, input }) =>
      signIn(ctx.services.db.pool, ctx.services.keyring, input, ctx.services.now()),
    ),

  /** Spends a refresh token for a new pair; reuse of a spent token revokes the whole family. */
  refresh: rateLimitedProcedure
    .input(z.strictObject({ refreshToken: secret }))
    .mutation(({ ctx, input }) =>
      refreshSession(
        ctx.services.db.pool,
        ctx.services.keyring,
        input.refreshToken,
        ctx.services.now(),
      ),
    ),

  signOut: publicProcedure
    .input(z.strictObject({ refreshToken: secret }))
    .mutation(async ({ ctx, input }) => {
      await revokeRefreshToken(ctx.services.db.pool, input.refreshToken, ctx.services.now());
      return { ok: true as const };
    }),

  /**
   * Ends every session of the signed-in user: all their refresh tokens are revoked, so every other
   * browser fails at its next refresh and must sign in again (an access token already issued
   * lapses within its 15 minutes).
   */
  signOutEverywhere: protectedProcedure.mutation(({ ctx }) =>
    withTransaction(ctx.services.db.pool, async (tx) => {
      await revokeUserRefreshTokens(tx, ctx.user.sub, ctx.services.now());
      await insertAudit(tx, {
        orgId: ctx.user.org,
        actorType: 'user',
        actorId: ctx.user.sub,
        action: 'user.signedOutEverywhere',
        detail: {},
      });
      return { ok: true as const };
    }),
  ),

  /** A till exchanges a pairing code (from the owner) for its long-lived device credential. */
  pair: rateLimitedProcedure
    .input(
      z
        .strictObject({
          code: z.string().min(4).max(20),
          deviceName: z.string().trim().min(1).max(100),
          /**
           * `hub` for `comanda-server hub` pairing as the branch's hub; `kitchen` for a kitchen
           * screen; a till by default.
           */
          kind: deviceKindSchema.optional(),
          /** A kitchen screen's stations; none: every station (an expo screen). */
          stations: kitchenStationsSchema.optional(),
        })
        .refine((input) => input.stations === undefined || input.kind === 'kitchen', {
          message: 'Only a kitchen screen is paired for stations',
          path: ['stations'],
        }),
    )
    .mutation(async ({ ctx, input }) => {
      // A hub holds no pairing codes: the central server pairs, and signals the activity.
      if (ctx.services.branchHub) return ctx.services.branchHub.pair(input);
      const credential = await redeemPairingCode(ctx.services.db.pool, input, ctx.services.now());
      await signalDeviceActivity(ctx.services, credential.orgId);
      return credential;
    }),

  /** A till exchanges its device credential for a short-lived access token. */
  // Limited per device rather than per address: many tills of a shop share one public address.
  deviceToken: publicProcedure
    .input(z.strictObject({ deviceId: z.string().min(1).max(100), deviceSecret: secret }))
    .mutation(({ ctx, input }) => {
      if (
        !ctx.services.rateLimiter.take(
          `deviceToken:${input.deviceId}`,
          ctx.services.now().getTime(),
        )
      ) {
        throw new TRPCError({
          code: 'TOO_MANY_REQUESTS',
          message: 'Too many token requests for this till',
        });
      }
      if (ctx.services.branchHub) return ctx.services.branchHub.deviceToken(input);
      return issueDeviceToken(
        ctx.services.db.pool,
        ctx.services.deviceKeys.current,
        input,
        ctx.services.now(),
      );
    }),
} satisfies TRPCRouterRecord;
