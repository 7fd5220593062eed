import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { base64Decode, base64Encode, utf8Encode } from '../common/bytes';
import {
  DEFAULT_PIN_ITERATIONS,
  MAX_PIN_ITERATIONS,
  PinHashError,
  hashPin,
  pinHashSchema,
  verifyPin,
  type PinSubtleCrypto,
} from './index';

/** The host's real WebCrypto (Node ≥ 20 exposes it globally); the core only receives it. */
const subtle = (globalThis as unknown as { crypto: { subtle: PinSubtleCrypto } }).crypto.subtle;
const salt = Uint8Array.from({ length: 16 }, (_, i) => i * 7 + 1);

describe('PIN hashing', () => {
  it('hashes to the documented format and verifies', async () => {
    const encoded = await hashPin(subtle, '2468', salt, 1000);
    expect(encoded).toMatch(/^pbkdf2-sha256\$1000\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(pinHashSchema.safeParse(encoded).success).toBe(true);
    expect(await verifyPin(subtle, '2468', encoded)).toBe(true);
    expect(await verifyPin(subtle, '2469', encoded)).toBe(false);
    expect(await verifyPin(subtle, 'abcd', encoded)).toBe(false);
  });
  it('matches an independently known PBKDF2-SHA256 vector', async () => {
    // RFC 7914 §11 vector: P="passwd", S="salt", c=1, dkLen=64 → first 32 bytes.
    const key = await subtle.importKey('raw', utf8Encode('passwd'), 'PBKDF2', false, [
      'deriveBits',
    ]);
    const bits = await subtle.deriveBits(
      { name: 'PBKDF2', hash: 'SHA-256', salt: utf8Encode('salt'), iterations: 1 },
      key as never,
      256,
    );
    expect(base64Encode(new Uint8Array(bits))).toBe(
      base64Encode(
        Uint8Array.from(
          '55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc'
            .match(/../g)!
            .map((h) => parseInt(h, 16)),
        ),
      ),
    );
  });
  it('accepts a salt that is a view into a larger buffer (e.g. a Node Buffer)', async () => {
    const pool = Uint8Array.from({ length: 64 }, (_, i) => i);
    const encoded = await hashPin(subtle, '8642', pool.subarray(8, 24), 50);
    expect(encoded.split('$')[2]).toBe(base64Encode(pool.slice(8, 24)));
    expect(await verifyPin(subtle, '8642', encoded)).toBe(true);
  });
  it('uses the salt: same PIN, different salt, different hash', async () => {
    const other = Uint8Array.from({ length: 16 }, () => 9);
    expect(await hashPin(subtle, '1357', salt, 10)).not.toBe(
      await hashPin(subtle, '1357', other, 10),
    );
  });
  it('verifies a hash made at another cost (the 100,000-iteration hashes stored before 0015)', async () => {
    const old = await hashPin(subtle, '1357', salt, 100_000);
    expect(old.startsWith('pbkdf2-sha256$100000$')).toBe(true);
    expect(await verifyPin(subtle, '1357', old)).toBe(true);
    expect(await verifyPin(subtle, '1358', old)).toBe(false);
    expect((await hashPin(subtle, '1357', salt)).split('$')[1]).toBe(
      String(DEFAULT_PIN_ITERATIONS),
    );
  });
  it('refuses an iteration count that would hang the PIN pad', async () => {
    const hash = (await hashPin(subtle, '1357', salt, 10)).split('$');
    hash[1] = String(MAX_PIN_ITERATIONS + 1);
    await expect(verifyPin(subtle, '1357', hash.join('$'))).rejects.toBeInstanceOf(PinHashError);
    await expect(hashPin(subtle, '1357', salt, MAX_PIN_ITERATIONS + 1)).rejects.toThrow(
      /iterations/,
    );
  });
  it('rejects bad inputs with a typed error', async () => {
    await expect(hashPin(subtle, '12', salt)).rejects.toBeInstanceOf(PinHashError);
    await expect(hashPin(subtle, '1234', salt.slice(0, 8))).rejects.toThrow(/16 random bytes/);
    await expect(hashPin(subtle, '1234', salt, 0)).rejects.toThrow(/iterations/);
    await expect(verifyPin(subtle, '1234', 'plain-1234')).rejects.toBeInstanceOf(PinHashError);
    await expect(verifyPin(subtle, '1234', 'pbkdf2-sha256$x$AAAA$AAAA')).rejects.toBeInstanceOf(
      PinHashError,
    );
    await expect(verifyPin(subtle, '1234', 'pbkdf2-sha256$10$AA*A$AAAA')).rejects.toBeInstanceOf(
      PinHashError,
    );
  });
});

describe('byte helpers', () => {
  it('base64 round-trips arbitrary bytes and matches the standard alphabet', () => {
    expect(base64Encode(utf8Encode('Œuf à 3 €'))).toBe('xZJ1ZiDDoCAzIOKCrA==');
    expect(base64Encode(utf8Encode('𝄞'))).toBe('8J2Eng==');
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect(base64Decode(base64Encode(bytes))).toEqual(bytes);
      }),
    );
    expect(base64Decode('abc')).toBeNull();
  });
});
