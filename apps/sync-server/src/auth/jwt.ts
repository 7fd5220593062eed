import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import type { Keyring } from './keyring';

export const ISSUER = 'comanda-sync';
export const AUDIENCE = 'comanda';
/** Access tokens live briefly: revocation of owners relies on refresh, devices are checked per request. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** Clock difference tolerated between instances for a token's `iat`. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * `exp` and `iat` must both be present: jsonwebtoken accepts a token without `exp` as one that
 * never expires. A lifetime longer than the server ever issues means a forged or foreign token.
 */
const lifetimeClaims = z
  .object({
    iat: z.number({ error: 'iat claim required' }).int().nonnegative(),
    exp: z.number({ error: 'exp claim required' }).int().nonnegative(),
  })
  .refine((c) => c.exp > c.iat && c.exp - c.iat <= ACCESS_TOKEN_TTL_SECONDS, {
    message: `token lifetime over ${ACCESS_TOKEN_TTL_SECONDS} seconds`,
  });

const ownerClaims = z.object({
  typ: z.literal('user'),
  sub: z.string(),
  org: z.string(),
  role: z.enum(['owner', 'manager']),
  branches: z.array(z.string()),
});
const deviceClaims = z.object({
  typ: z.literal('device'),
  sub: z.string(),
  org: z.string(),
  branch: z.string(),
});
const claimsSchema = z.discriminatedUnion('typ', [ownerClaims, deviceClaims]);

/** Who a verified access token speaks for. */
export type Principal = z.infer<typeof claimsSchema>;
export type UserPrincipal = z.infer<typeof ownerClaims>;
export type DevicePrincipal = z.infer<typeof deviceClaims>;

/** A token that cannot be trusted: malformed, expired, wrong algorithm, unknown or wrong key. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
}

// jsonwebtoken turns a string secret into a KeyObject on every call (trying it as a PEM public
// key first, which throws): under load that was several percent of the server's CPU.
const keyObjects = new Map<string, KeyObject>();
function keyObject(secret: string): KeyObject {
  let key = keyObjects.get(secret);
  if (!key) {
    key = createSecretKey(Buffer.from(secret, 'utf8'));
    keyObjects.set(secret, key);
  }
  return key;
}

/** Signs an access token with the active key; the `kid` header names the key for rotation. */
export function signAccessToken(
  keyring: Keyring,
  principal: Principal,
  now: Date,
): { token: string; expiresAt: number } {
  const secret = keyring.keys.get(keyring.activeKid);
  if (!secret) throw new Error('active signing key missing');
  const iat = Math.floor(now.getTime() / 1000);
  const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
  const token = jwt.sign({ ...principal, iat, exp }, keyObject(secret), {
    algorithm: 'HS256',
    keyid: keyring.activeKid,
    issuer: ISSUER,
    audience: AUDIENCE,
  });
  return { token, expiresAt: exp * 1000 };
}

/**
 * Verifies an access token: HS256 only (so `alg: none` and algorithm confusion fail), the key
 * named by `kid`, issuer, audience, expiry, and the presence of `exp` and `iat` with a lifetime
 * no longer than the server issues.
 */
export function verifyAccessToken(keyring: Keyring, token: string, now: Date): Principal {
  const decoded = jwt.decode(token, { complete: true });
  const kid = decoded?.header.kid;
  const secret = kid === undefined ? undefined : keyring.keys.get(kid);
  if (!secret) throw new InvalidTokenError('unknown signing key');
  let payload: unknown;
  try {
    payload = jwt.verify(token, keyObject(secret), {
      algorithms: ['HS256'],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  const lifetime = lifetimeClaims.safeParse(payload);
  if (!lifetime.success)
    throw new InvalidTokenError(lifetime.error.issues[0]?.message ?? 'exp and iat are required');
  if (lifetime.data.iat > Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('token issued in the future');
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new InvalidTokenError('token claims malformed');
  return claims.data;
}
