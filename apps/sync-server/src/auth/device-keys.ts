import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
} from 'node:crypto';
import { z } from 'zod';
import type { Queryable } from '../db/tx';
import { randomSecret } from './secrets';

/** The one algorithm device and hub tokens are signed with (decision 0012). */
export const DEVICE_TOKEN_ALG = 'ES256';

/** A public P-256 key as published in the JWKS; bounded so a hostile upstream cannot flood a hub. */
export const publicJwkSchema = z.strictObject({
  kty: z.literal('EC'),
  crv: z.literal('P-256'),
  x: z.string().min(40).max(50),
  y: z.string().min(40).max(50),
  kid: z.string().min(1).max(100),
  alg: z.literal(DEVICE_TOKEN_ALG),
  use: z.literal('sig'),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** `GET /.well-known/jwks.json`: the public keys that verify device and hub tokens. */
export const jwksSchema = z.strictObject({ keys: z.array(publicJwkSchema).max(20) });
export type Jwks = z.infer<typeof jwksSchema>;

/**
 * Keys for device tokens. The central server has `signing` (the newest unretired private key);
 * a hub has only the public keys it pulled from the central server, so it can verify a till's
 * token but never mint one.
 */
export interface DeviceKeySet {
  readonly signing: { kid: string; key: KeyObject } | null;
  readonly publicKeys: ReadonlyMap<string, KeyObject>;
  readonly jwks: Jwks;
}

/** A key set with public keys only (a hub's, from the central server's JWKS). */
export function deviceKeysFromJwks(jwks: Jwks): DeviceKeySet {
  return {
    signing: null,
    publicKeys: new Map(
      jwks.keys.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]),
    ),
    jwks,
  };
}

/** The published (public) half of a private key. */
export function publicJwkOf(kid: string, privateKey: KeyObject): PublicJwk {
  const { x, y } = createPublicKey(privateKey).export({ format: 'jwk' });
  return publicJwkSchema.parse({
    kty: 'EC',
    crv: 'P-256',
    x,
    y,
    kid,
    alg: DEVICE_TOKEN_ALG,
    use: 'sig',
  });
}

/** Adds a new key pair; from the next load on it signs (the older ones still verify). */
export async function addDeviceKey(db: Queryable, now: Date): Promise<string> {
  const kid = `es${now.getTime().toString(36)}${randomSecret().slice(0, 6)}`;
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  await db.query(
    'INSERT INTO device_signing_keys (kid, private_key, public_jwk, created_at) VALUES ($1, $2, $3, $4)',
    [
      kid,
      privateKey.export({ format: 'pem', type: 'pkcs8' }),
      JSON.stringify(publicJwkOf(kid, privateKey)),
      now,
    ],
  );
  return kid;
}

/** Retires a key: tokens it signed stop verifying at the next load. False when no such key is live. */
export async function retireDeviceKey(db: Queryable, kid: string, now: Date): Promise<boolean> {
  const { rows: live } = await db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM device_signing_keys WHERE retired_at IS NULL AND kid <> $1',
    [kid],
  );
  if ((live[0]?.n ?? 0) === 0) throw new Error('Add a new device key before retiring the last one');
  const { rowCount } = await db.query(
    'UPDATE device_signing_keys SET retired_at = $2 WHERE kid = $1 AND retired_at IS NULL',
    [kid, now],
  );
  return Boolean(rowCount);
}

/**
 * Loads the central server's device keys, generating the first pair on first start (kept in the
 * database, so every instance on it signs and verifies alike). The newest unretired key signs.
 */
export async function deviceKeysFromDatabase(db: Queryable, now: Date): Promise<DeviceKeySet> {
  const load = () =>
    db.query<{ kid: string; private_key: string; public_jwk: unknown }>(
      `SELECT kid, private_key, public_jwk FROM device_signing_keys
       WHERE retired_at IS NULL ORDER BY created_at, kid`,
    );
  let { rows } = await load();
  if (rows.length === 0) {
    await addDeviceKey(db, now);
    ({ rows } = await load());
  }
  const newest = rows.at(-1);
  if (!newest) throw new Error('no device signing key');
  const jwks: Jwks = { keys: rows.map((r) => publicJwkSchema.parse(r.public_jwk)) };
  return {
    signing: { kid: newest.kid, key: createPrivateKey(newest.private_key) },
    publicKeys: deviceKeysFromJwks(jwks).publicKeys,
    jwks,
  };
}
