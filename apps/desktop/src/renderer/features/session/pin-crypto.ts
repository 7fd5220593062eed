import type { PinSubtleCrypto } from '@comanda/core/staff';

/** The WebCrypto the core PIN hash runs on (injected so tests and hosts can pass their own). */
export function pinSubtle(subtle: SubtleCrypto = globalThis.crypto.subtle): PinSubtleCrypto {
  return subtle;
}
