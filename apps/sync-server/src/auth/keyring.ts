import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/tx';

/** HMAC keys by key id; `activeKid` signs, every key verifies (so keys can rotate). */
export interface Keyring {
  readonly activeKid: string;
  readonly keys: ReadonlyMap<string, string>;
}

/**
 * Parses JWT_KEYS ("kid1:secret1,kid2:secret2") and JWT_ACTIVE_KID (default: the last key).
 * Returns null when JWT_KEYS is unset.
 */
export function keyringFromEnv(
  jwtKeys: string | undefined,
  activeKid: string | undefined,
): Keyring | null {
  if (!jwtKeys) return null;
  const keys = new Map<string, string>();
  for (const entry of jwtKeys.split(',')) {
    const at = entry.indexOf(':');
    const kid = entry.slice(0, at).trim();
    const secret = entry.slice(at + 1).trim();
    if (at <= 0 || secret.length < 32) {
      throw new Error(
        'JWT_KEYS must be "kid:secret" pairs separated by commas, each secret at least 32 characters',
      );
    }
    keys.set(kid, secret);
  }
  const active = activeKid ?? [...keys.keys()].at(-1);
  if (!active || !keys.has(active))
    throw new Error(`JWT_ACTIVE_KID "${activeKid}" is not in JWT_KEYS`);
  return { activeKid: active, keys };
}

/**
 * Without JWT_KEYS the server generates a key once and keeps it in the database, so every
 * instance on the same database signs and verifies with the same keys. The newest key signs.
 */
export async function keyringFromDatabase(db: Queryable): Promise<Keyring> {
  await db.query(
    `INSERT INTO signing_keys (kid, secret)
     SELECT $1, $2 WHERE NOT EXISTS (SELECT 1 FROM signing_keys)
     ON CONFLICT DO NOTHING`,
    [`k${Date.now().toString(36)}`, randomBytes(48).toString('base64url')],
  );
  const { rows } = await db.query<{ kid: string; secret: string }>(
    'SELECT kid, secret FROM signing_keys ORDER BY created_at, kid',
  );
  const last = rows.at(-1);
  if (!last) throw new Error('no signing key');
  return { activeKid: last.kid, keys: new Map(rows.map((r) => [r.kid, r.secret])) };
}
