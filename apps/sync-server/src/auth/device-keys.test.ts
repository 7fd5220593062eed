import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { deviceKeysFromJwks, jwksSchema, publicJwkOf, type DeviceKeySet } from './device-keys';
import {
  AUDIENCE,
  DEVICE_TOKEN_TTL_SECONDS,
  InvalidTokenError,
  ISSUER,
  signAccessToken,
  UnknownKeyError,
  verifyAccessToken,
  type DevicePrincipal,
} from './jwt';
import { keyringFromEnv } from './keyring';

const now = new Date('2026-11-23T12:00:00Z');
const nowSeconds = Math.floor(now.getTime() / 1000);
const till: DevicePrincipal = { typ: 'device', sub: 'dev_1', org: 'org_1', branch: 'b1' };
const hmac = keyringFromEnv(`h1:${'s'.repeat(40)}`, 'h1')!;

function ecKey(): KeyObject {
  return generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
}

/** What the central server holds: private keys, the newest signing. */
function central(...keys: [string, KeyObject][]): DeviceKeySet {
  const last = keys.at(-1)!;
  const jwks = { keys: keys.map(([kid, key]) => publicJwkOf(kid, key)) };
  return { ...deviceKeysFromJwks(jwks), signing: { kid: last[0], key: last[1] } };
}

/** What a hub holds: the JWKS the central server publishes, nothing private. */
function hubOf(keys: DeviceKeySet): DeviceKeySet {
  return deviceKeysFromJwks(jwksSchema.parse(JSON.parse(JSON.stringify(keys.jwks))));
}

/** Claims of a till token; an override of undefined removes the claim. */
function claims(overrides: Record<string, unknown> = {}) {
  const all: Record<string, unknown> = {
    ...till,
    iss: ISSUER,
    aud: AUDIENCE,
    iat: nowSeconds,
    exp: nowSeconds + 600,
    ...overrides,
  };
  for (const [key, value] of Object.entries(all)) if (value === undefined) delete all[key];
  return all;
}

describe('device tokens (ES256, public-key verification)', () => {
  const k1 = ecKey();
  const keys = central(['k1', k1]);
  const hub = hubOf(keys);
  const verifyOnHub = (token: string) => verifyAccessToken({ hmac: null, device: hub }, token, now);

  it('are signed by the central server and verified by a hub holding only the public JWKS', () => {
    const { token, expiresAt } = signAccessToken({ device: keys }, till, now);
    expect(jwt.decode(token, { complete: true })?.header).toMatchObject({
      alg: 'ES256',
      kid: 'k1',
    });
    expect(expiresAt).toBe((nowSeconds + DEVICE_TOKEN_TTL_SECONDS) * 1000);
    expect(verifyOnHub(token)).toEqual(till);
    expect(hub.signing).toBeNull();
    expect(() => signAccessToken({ device: hub }, till, now)).toThrow(/no device signing key/);
    // The JWKS carries no private member.
    expect(Object.keys(keys.jwks.keys[0]!).sort()).toEqual([
      'alg',
      'crv',
      'kid',
      'kty',
      'use',
      'x',
      'y',
    ]);
  });

  it('carry the hub kind for a hub', () => {
    const principal: DevicePrincipal = { ...till, sub: 'dev_hub', kind: 'hub' };
    expect(verifyOnHub(signAccessToken({ device: keys }, principal, now).token)).toEqual(principal);
  });

  it('rotate: the new key signs, tokens of the old one verify until it is retired', () => {
    const old = signAccessToken({ device: keys }, till, now).token;
    const rotated = central(['k1', k1], ['k2', ecKey()]);
    const fresh = signAccessToken({ device: rotated }, till, now).token;
    expect(jwt.decode(fresh, { complete: true })?.header.kid).toBe('k2');
    const hubAfter = hubOf(rotated);
    expect(verifyAccessToken({ hmac: null, device: hubAfter }, old, now)).toEqual(till);
    expect(verifyAccessToken({ hmac: null, device: hubAfter }, fresh, now)).toEqual(till);
    // Before the hub refetched the JWKS the new kid is unknown (the caller reloads and retries).
    expect(() => verifyOnHub(fresh)).toThrow(UnknownKeyError);
    const retired = hubOf(central(['k2', ecKey()]));
    expect(() => verifyAccessToken({ hmac: null, device: retired }, old, now)).toThrow(
      UnknownKeyError,
    );
  });

  const publicPem = hub.publicKeys.get('k1')!.export({ format: 'pem', type: 'spki' }) as string;
  const b64 = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const other = ecKey();

  it.each([
    [
      'expired',
      () => signAccessToken({ device: keys }, till, new Date(now.getTime() - 13 * 3600_000)).token,
    ],
    ['alg none', () => `${b64({ alg: 'none', kid: 'k1' })}.${b64(claims())}.`],
    // Algorithm confusion: the public key (which anyone can fetch) used as an HMAC secret.
    [
      'HS256 keyed with the public PEM',
      () => jwt.sign(claims(), publicPem, { algorithm: 'HS256', keyid: 'k1' }),
    ],
    [
      'HS256 under an HMAC kid the hub does not hold',
      () => jwt.sign(claims(), 's'.repeat(40), { algorithm: 'HS256', keyid: 'h1' }),
    ],
    [
      'RS256',
      () =>
        jwt.sign(claims(), generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, {
          algorithm: 'RS256',
          keyid: 'k1',
        }),
    ],
    ['ES384 header', () => swapAlg(signAccessToken({ device: keys }, till, now).token, 'ES384')],
    [
      'ES256 signed by another key under a known kid',
      () => jwt.sign(claims(), other, { algorithm: 'ES256', keyid: 'k1' }),
    ],
    ['unknown kid', () => jwt.sign(claims(), k1, { algorithm: 'ES256', keyid: 'gone' })],
    ['no kid', () => jwt.sign(claims(), k1, { algorithm: 'ES256' })],
    [
      'owner claims under ES256',
      () =>
        jwt.sign(claims({ typ: 'user', role: 'owner', branches: [], branch: undefined }), k1, {
          algorithm: 'ES256',
          keyid: 'k1',
        }),
    ],
    [
      'no exp',
      () =>
        jwt.sign(claims({ exp: undefined }), k1, {
          algorithm: 'ES256',
          keyid: 'k1',
          noTimestamp: true,
        }),
    ],
    [
      'a lifetime over 12 hours',
      () =>
        jwt.sign(claims({ exp: nowSeconds + 13 * 3600 }), k1, { algorithm: 'ES256', keyid: 'k1' }),
    ],
    ['a tampered payload', () => tamper(signAccessToken({ device: keys }, till, now).token)],
  ])('are refused: %s', (_label, make) => {
    expect(() => verifyOnHub(make())).toThrow(InvalidTokenError);
    expect(() => verifyAccessToken({ hmac, device: keys }, make(), now)).toThrow(InvalidTokenError);
  });

  it('owner tokens are refused by a hub (it holds no HMAC key)', () => {
    const owner = signAccessToken(
      { hmac },
      { typ: 'user', sub: 'u', org: 'org_1', role: 'owner', branches: [] },
      now,
    ).token;
    expect(() => verifyOnHub(owner)).toThrow(UnknownKeyError);
  });
});

function swapAlg(token: string, alg: string): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(header!, 'base64url').toString()) as object;
  return [
    Buffer.from(JSON.stringify({ ...decoded, alg })).toString('base64url'),
    payload,
    signature,
  ].join('.');
}

function tamper(token: string): string {
  const [header, payload, signature] = token.split('.');
  const decoded = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as object;
  const changed = Buffer.from(JSON.stringify({ ...decoded, branch: 'b2' })).toString('base64url');
  return [header, changed, signature].join('.');
}
