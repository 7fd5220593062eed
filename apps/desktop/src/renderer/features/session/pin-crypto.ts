import type { PinSubtleCrypto } from '@comanda/core/staff';

/**
 * Adapts WebCrypto's overloaded `SubtleCrypto` to the narrow interface the core PIN hash takes
 * (the DOM overloads do not match it structurally under TS 5.9's typed-array generics).
 */
export function pinSubtle(subtle: SubtleCrypto = globalThis.crypto.subtle): PinSubtleCrypto {
  return {
    importKey: (format, keyData, algorithm, extractable, keyUsages) =>
      subtle.importKey(format, keyData as Uint8Array<ArrayBuffer>, algorithm, extractable, keyUsages),
    deriveBits: (algorithm, baseKey, length) =>
      subtle.deriveBits({ ...algorithm, salt: algorithm.salt as Uint8Array<ArrayBuffer> }, baseKey, length),
  };
}
