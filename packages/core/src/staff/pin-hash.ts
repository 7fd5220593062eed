import { ComandaError } from '../common/errors';
import { base64Decode, base64Encode, constantTimeEqual, utf8Encode } from '../common/bytes';
import { pinSchema } from './schemas';

/**
 * The subset of WebCrypto's `SubtleCrypto` the PIN hash needs. Pass
 * `globalThis.crypto.subtle` (browser, Electron renderer, Node ≥ 20): the
 * core never reaches for a global itself.
 */
export interface PinSubtleCrypto {
  importKey(
    format: 'raw',
    keyData: Uint8Array<ArrayBuffer>,
    algorithm: 'PBKDF2',
    extractable: false,
    keyUsages: ['deriveBits'],
  ): Promise<unknown>;
  deriveBits(
    algorithm: {
      name: 'PBKDF2';
      hash: 'SHA-256';
      salt: Uint8Array<ArrayBuffer>;
      iterations: number;
    },
    baseKey: never,
    length: number,
  ): Promise<ArrayBuffer>;
}

/**
 * Default PBKDF2 iteration count for new hashes (decision 0015). A 4–8 digit PIN
 * falls to brute force on a copied database whatever the cost a till can
 * afford, so the hash only keeps PINs out of sight (per-staff salt: equal PINs
 * do not look equal); the lockout and the server's checks are the protection.
 * Hashes made at another count (100,000 before) keep verifying: the count is
 * part of the encoded hash.
 */
export const DEFAULT_PIN_ITERATIONS = 10_000;

/**
 * Largest iteration count {@link verifyPin} accepts: a hash from a broken or
 * hostile server must not hang the PIN pad for minutes.
 */
export const MAX_PIN_ITERATIONS = 1_000_000;

/** Thrown for a malformed PIN or encoded hash. */
export class PinHashError extends ComandaError {
  /** @param message what is wrong */
  constructor(message: string) {
    super('PIN_HASH_INVALID', message);
  }
}

async function derive(
  subtle: PinSubtleCrypto,
  pin: string,
  salt: Uint8Array<ArrayBuffer>,
  iterations: number,
) {
  const key = await subtle.importKey('raw', utf8Encode(pin), 'PBKDF2', false, ['deriveBits']);
  const bits = await subtle.deriveBits(
    { name: 'PBKDF2', hash: 'SHA-256', salt, iterations },
    key as never,
    256,
  );
  return new Uint8Array(bits);
}

/**
 * Hashes a PIN as `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`
 * (PBKDF2-HMAC-SHA256, 32-byte output). The server creates hashes; tills
 * verify offline with {@link verifyPin}.
 * @param subtle injected WebCrypto SubtleCrypto
 * @param pin 4–8 digits
 * @param salt random bytes from the caller (≥ 16 bytes)
 * @throws {PinHashError} for a malformed PIN, short salt or bad iteration count
 */
export async function hashPin(
  subtle: PinSubtleCrypto,
  pin: string,
  salt: Uint8Array,
  iterations = DEFAULT_PIN_ITERATIONS,
): Promise<string> {
  if (!pinSchema.safeParse(pin).success) throw new PinHashError('a PIN is 4 to 8 digits');
  if (salt.length < 16) throw new PinHashError('the PIN salt must be at least 16 random bytes');
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PIN_ITERATIONS) {
    throw new PinHashError(`PBKDF2 iterations must be an integer from 1 to ${MAX_PIN_ITERATIONS}`);
  }
  // Copy: callers may pass a Node Buffer or a view on a shared buffer; WebCrypto wants a plain one.
  const saltCopy = new Uint8Array(salt);
  const hash = await derive(subtle, pin, saltCopy, iterations);
  return `pbkdf2-sha256$${iterations}$${base64Encode(saltCopy)}$${base64Encode(hash)}`;
}

/**
 * Checks a PIN against an encoded hash from {@link hashPin}, in constant time.
 * Returns false for a wrong PIN (including malformed PIN input).
 * @throws {PinHashError} when `encoded` is not a hash this function understands
 */
export async function verifyPin(
  subtle: PinSubtleCrypto,
  pin: string,
  encoded: string,
): Promise<boolean> {
  const parts = encoded.split('$');
  const [scheme, iterText, saltText, hashText] = parts;
  const iterations = Number(iterText);
  const salt = base64Decode(saltText ?? '');
  const expected = base64Decode(hashText ?? '');
  if (
    parts.length !== 4 ||
    scheme !== 'pbkdf2-sha256' ||
    !Number.isSafeInteger(iterations) ||
    iterations < 1 ||
    iterations > MAX_PIN_ITERATIONS ||
    !salt ||
    !expected ||
    expected.length === 0
  ) {
    throw new PinHashError(
      'unrecognized PIN hash format; expected pbkdf2-sha256$<iterations>$<salt>$<hash>',
    );
  }
  if (!pinSchema.safeParse(pin).success) return false;
  const actual = await derive(subtle, pin, salt, iterations);
  return constantTimeEqual(actual, expected);
}
