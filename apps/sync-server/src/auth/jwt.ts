import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { kitchenStationsSchema } from '@comanda/core/sync';
import { z } from 'zod';
import type { DeviceKeySet } from './device-keys';
import type { Keyring } from './keyring';

export const ISSUER = 'comanda-sync';
export const AUDIENCE = 'comanda';
/** Owner and manager access tokens live briefly: revocation of users relies on refresh. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/**
 * Device tokens outlive an internet outage of a service: a branch hub verifies them while the
 * central server (the only one that can issue them) is out of reach. Revocation never waited for
 * expiry: every device call checks the device list (the hub's copy on a hub).
 */
export const DEVICE_TOKEN_TTL_SECONDS = 12 * 3600;
/** Clock difference tolerated between instances for a token's `iat`. */
const CLOCK_SKEW_SECONDS = 60;

/**
 * `exp` and `iat` must both be present: jsonwebtoken accepts a token without `exp` as one that
 * never expires. A lifetime longer than the server ever issues means a forged or foreign token.
 */
const lifetimeClaims = (maxSeconds: number) =>
  z
    .object({
      iat: z.number({ error: 'iat claim required' }).int().nonnegative(),
      exp: z.number({ error: 'exp claim required' }).int().nonnegative(),
    })
    .refine((c) => c.exp > c.iat && c.exp - c.iat <= maxSeconds, {
      message: `token lifetime over ${maxSeconds} seconds`,
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
  /**
   * Absent for a till; `hub` for a branch hub (it may read the branch's device list); `kitchen`
   * for a kitchen screen (it may only add kitchen bumps, to tickets of `stations`; none: all);
   * `board` for a customer ready board (it only reads the branch's orders).
   */
  kind: z.enum(['hub', 'kitchen', 'board']).optional(),
  stations: kitchenStationsSchema.optional(),
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

/**
 * The algorithm of a token decides which keys may verify it and what it may claim: HS256 with the
 * central server's HMAC keyring for owners and managers, ES256 with the published public keys for
 * devices and hubs. Anything else (`none`, RS256, HS512…) is refused before any key is tried.
 */
const ALGORITHMS = {
  HS256: { typ: 'user', lifetime: lifetimeClaims(ACCESS_TOKEN_TTL_SECONDS) },
  ES256: { typ: 'device', lifetime: lifetimeClaims(DEVICE_TOKEN_TTL_SECONDS) },
} as const;
type Algorithm = keyof typeof ALGORITHMS;

/** What verifies tokens: the HMAC keyring (null on a hub: it accepts no owner tokens) and device keys. */
export interface VerifyKeys {
  hmac: Keyring | null;
  device: DeviceKeySet;
}

/** A token whose `kid` names no key this server knows (a reload of the keys may help). */
export class UnknownKeyError extends InvalidTokenError {}

/**
 * Signs an access token: a user's with the active HMAC key, a device's with the active ES256 key
 * (only the central server has one). The `kid` header names the key for rotation.
 */
export function signAccessToken(
  keys: { hmac?: Keyring | null; device?: DeviceKeySet | null },
  principal: Principal,
  now: Date,
): { token: string; expiresAt: number } {
  const iat = Math.floor(now.getTime() / 1000);
  const options = { issuer: ISSUER, audience: AUDIENCE };
  if (principal.typ === 'user') {
    const secret = keys.hmac?.keys.get(keys.hmac.activeKid);
    if (!keys.hmac || !secret) throw new Error('active signing key missing');
    const exp = iat + ACCESS_TOKEN_TTL_SECONDS;
    const token = jwt.sign({ ...principal, iat, exp }, keyObject(secret), {
      ...options,
      algorithm: 'HS256',
      keyid: keys.hmac.activeKid,
    });
    return { token, expiresAt: exp * 1000 };
  }
  const signing = keys.device?.signing;
  if (!signing) throw new Error('this server holds no device signing key');
  const exp = iat + DEVICE_TOKEN_TTL_SECONDS;
  const token = jwt.sign({ ...principal, iat, exp }, signing.key, {
    ...options,
    algorithm: 'ES256',
    keyid: signing.kid,
  });
  return { token, expiresAt: exp * 1000 };
}

/**
 * Verifies an access token: an allowlisted algorithm bound to its key set and principal type,
 * the key named by `kid`, issuer, audience, expiry, and the presence of `exp` and `iat` with a
 * lifetime no longer than the server issues for that type.
 */
export function verifyAccessToken(keys: VerifyKeys, token: string, now: Date): Principal {
  const decoded = jwt.decode(token, { complete: true });
  const alg = decoded?.header.alg;
  if (alg !== 'HS256' && alg !== 'ES256')
    throw new InvalidTokenError(`algorithm ${String(alg).slice(0, 20)} not accepted`);
  const kid = decoded?.header.kid;
  const key = kid === undefined ? undefined : keyFor(keys, alg, kid);
  if (!key) throw new UnknownKeyError('unknown signing key');
  let payload: unknown;
  try {
    payload = jwt.verify(token, key, {
      algorithms: [alg],
      issuer: ISSUER,
      audience: AUDIENCE,
      clockTimestamp: Math.floor(now.getTime() / 1000),
    });
  } catch (error) {
    throw new InvalidTokenError(error instanceof Error ? error.message : 'invalid token');
  }
  const lifetime = ALGORITHMS[alg].lifetime.safeParse(payload);
  if (!lifetime.success)
    throw new InvalidTokenError(lifetime.error.issues[0]?.message ?? 'exp and iat are required');
  if (lifetime.data.iat > Math.floor(now.getTime() / 1000) + CLOCK_SKEW_SECONDS)
    throw new InvalidTokenError('token issued in the future');
  const claims = claimsSchema.safeParse(payload);
  if (!claims.success) throw new InvalidTokenError('token claims malformed');
  if (claims.data.typ !== ALGORITHMS[alg].typ)
    throw new InvalidTokenError(`${alg} tokens cannot speak for a ${claims.data.typ}`);
  return claims.data;
}

function keyFor(keys: VerifyKeys, alg: Algorithm, kid: string): KeyObject | undefined {
  if (alg === 'ES256') return keys.device.publicKeys.get(kid);
  const secret = keys.hmac?.keys.get(kid);
  return secret === undefined ? undefined : keyObject(secret);
}
