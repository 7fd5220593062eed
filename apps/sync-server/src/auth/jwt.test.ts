import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import {
  AUDIENCE,
  InvalidTokenError,
  ISSUER,
  signAccessToken,
  verifyAccessToken,
  type UserPrincipal,
  type VerifyKeys,
} from './jwt';
import { keyringFromEnv } from './keyring';

const now = new Date('2026-11-23T12:00:00Z');
const principal: UserPrincipal = {
  typ: 'user',
  sub: 'usr_1',
  org: 'org_1',
  role: 'owner',
  branches: [],
};
const secretA = 'a'.repeat(40);
const secretB = 'b'.repeat(40);

// Owner tokens (HS256); device tokens (ES256) are in device-keys.test.ts.
describe('access tokens', () => {
  const hmac = keyringFromEnv(`old:${secretA},new:${secretB}`, 'new')!;
  const ring: VerifyKeys = {
    hmac,
    device: { signing: null, publicKeys: new Map(), jwks: { keys: [] } },
  };

  it('round-trips, signing with the active kid and still accepting the previous key', () => {
    const { token } = signAccessToken({ hmac }, principal, now);
    expect(jwt.decode(token, { complete: true })?.header.kid).toBe('new');
    expect(verifyAccessToken(ring, token, now)).toEqual(principal);
    const old = signAccessToken(
      { hmac: keyringFromEnv(`old:${secretA}`, 'old')! },
      principal,
      now,
    ).token;
    expect(verifyAccessToken(ring, old, now)).toEqual(principal);
  });

  it.each([
    [
      'expired',
      () => signAccessToken({ hmac }, principal, new Date(now.getTime() - 16 * 60_000)).token,
    ],
    ['alg none', () => `${b64({ alg: 'none', kid: 'new' })}.${b64(claims())}.`],
    [
      'HS512 with the right key',
      () => jwt.sign(claims(), secretB, { algorithm: 'HS512', keyid: 'new' }),
    ],
    [
      'wrong key under a known kid',
      () => jwt.sign(claims(), 'c'.repeat(40), { algorithm: 'HS256', keyid: 'new' }),
    ],
    ['unknown kid', () => jwt.sign(claims(), secretB, { algorithm: 'HS256', keyid: 'gone' })],
    ['no kid', () => jwt.sign(claims(), secretB, { algorithm: 'HS256' })],
    [
      'wrong audience',
      () => jwt.sign({ ...claims(), aud: 'other' }, secretB, { algorithm: 'HS256', keyid: 'new' }),
    ],
    [
      'wrong issuer',
      () => jwt.sign({ ...claims(), iss: 'other' }, secretB, { algorithm: 'HS256', keyid: 'new' }),
    ],
    [
      'malformed claims',
      () => jwt.sign({ ...claims(), typ: 'admin' }, secretB, { algorithm: 'HS256', keyid: 'new' }),
    ],
    ['garbage', () => 'not.a.token'],
    ['no exp (would never expire)', () => forge({ exp: undefined })],
    ['no iat', () => forge({ iat: undefined })],
    ['a 10-year lifetime', () => forge({ exp: nowSeconds() + 10 * 365 * 86_400 })],
    ['a device lifetime (an hour) on an HMAC token', () => forge({ exp: nowSeconds() + 3600 })],
    [
      'device claims under HS256 (devices are ES256 only)',
      () =>
        jwt.sign(
          { typ: 'device', sub: 'dev_1', org: 'org_1', branch: 'b1', iss: ISSUER, aud: AUDIENCE },
          secretB,
          { algorithm: 'HS256', keyid: 'new' },
        ),
    ],
    ['issued in the future', () => forge({ iat: nowSeconds() + 3600, exp: nowSeconds() + 3700 })],
  ])('rejects %s', (_label, make) => {
    expect(() => verifyAccessToken(ring, make(), now)).toThrow(InvalidTokenError);
  });

  it('refuses weak or inconsistent key configuration', () => {
    expect(() => keyringFromEnv('k1:short', undefined)).toThrow(/32 characters/);
    expect(() => keyringFromEnv(`k1:${secretA}`, 'k2')).toThrow(/not in JWT_KEYS/);
    expect(keyringFromEnv(undefined, undefined)).toBeNull();
  });
});

function b64(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

const nowSeconds = () => Math.floor(now.getTime() / 1000);

/** A token signed with the real key, with claims overridden (undefined removes one). */
function forge(overrides: Record<string, number | undefined>): string {
  const payload: Record<string, unknown> = { ...claims(), ...overrides };
  for (const [key, value] of Object.entries(payload)) if (value === undefined) delete payload[key];
  return jwt.sign(payload, secretB, { algorithm: 'HS256', keyid: 'new', noTimestamp: true });
}

function claims() {
  const iat = Math.floor(now.getTime() / 1000);
  return { ...principal, iss: ISSUER, aud: AUDIENCE, iat, exp: iat + 600 };
}
