import { ComandaError } from '../common/errors';

/** Injected sources for {@link createUuidV7Factory}. */
export interface UuidV7Sources {
  /** Current epoch ms (e.g. `Date.now`). */
  readonly now: () => number;
  /** `n` cryptographically random bytes (e.g. `crypto.getRandomValues(new Uint8Array(n))`). */
  readonly randomBytes: (n: number) => Uint8Array;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/**
 * Creates a generator of RFC 9562 UUIDv7 ids: 48-bit ms timestamp, version 7,
 * 12-bit sequence, variant, 62 random bits. Ids sort by creation time (good
 * for indexes and for replication checkpoints) and can be made offline on
 * every till without coordination. Within one millisecond — or if the clock
 * goes backwards — the generator keeps the last timestamp and increments the
 * 12-bit sequence, so ids from one generator are strictly increasing.
 */
export function createUuidV7Factory(sources: UuidV7Sources): () => string {
  let lastMs = -1;
  let seq = 0;
  return () => {
    let ms = Math.floor(sources.now());
    if (!Number.isSafeInteger(ms) || ms < 0 || ms > 0xffff_ffff_ffff) {
      throw new ComandaError('UUID_BAD_CLOCK', `clock returned an invalid time: ${ms}`);
    }
    const random = sources.randomBytes(10);
    if (random.length < 10)
      throw new ComandaError('UUID_BAD_RANDOM', 'randomBytes returned too few bytes');
    if (ms <= lastMs) {
      ms = lastMs;
      seq += 1;
      if (seq > 0xfff) {
        // Sequence exhausted within one ms: borrow the next millisecond (still monotonic).
        ms = lastMs + 1;
        seq = (random[0] ?? 0) & 0x3f;
      }
    } else {
      // Start the sequence low but random so ids of different tills interleave unpredictably.
      seq = (((random[0] ?? 0) << 8) | (random[1] ?? 0)) & 0x3ff;
    }
    lastMs = ms;
    const bytes = new Uint8Array(16);
    let t = ms;
    for (let i = 5; i >= 0; i--) {
      bytes[i] = t % 256;
      t = Math.floor(t / 256);
    }
    bytes[6] = 0x70 | (seq >> 8);
    bytes[7] = seq & 0xff;
    bytes[8] = 0x80 | ((random[2] ?? 0) & 0x3f);
    for (let i = 9; i < 16; i++) bytes[i] = random[i - 6] ?? 0;
    let hex = '';
    for (const b of bytes) hex += HEX[b];
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  };
}

/** Extracts the creation time (epoch ms) from a UUIDv7. */
export function uuidV7Time(id: string): number {
  return parseInt(id.replace(/-/g, '').slice(0, 12), 16);
}

/** Whether a string is a UUIDv7 (version 7, RFC variant). */
export function isUuidV7(id: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id);
}
