/**
 * UUIDv7 (RFC 9562): 48-bit millisecond timestamp, then random bits. Time-ordered ids keep
 * IndexedDB inserts append-mostly and sort orders by creation. Clock and randomness injected.
 */
export function createUuidV7(now: () => number = Date.now, random: (bytes: Uint8Array) => void = (b) => crypto.getRandomValues(b)): () => string {
  return () => {
    const bytes = new Uint8Array(16);
    random(bytes);
    let ms = now();
    for (let i = 5; i >= 0; i--) {
      bytes[i] = ms % 256;
      ms = Math.floor(ms / 256);
    }
    bytes[6] = (bytes[6]! & 0x0f) | 0x70;
    bytes[8] = (bytes[8]! & 0x3f) | 0x80;
    const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}
