import { isDeviceActive } from '../db/devices';
import type { Queryable } from '../db/tx';

/** How long a device found active is believed without asking the database again (ms). */
export const ACTIVE_DEVICE_TTL_MS = 60_000;

/**
 * Whether a device is paired and not revoked, asked on every device call and every live-stream
 * event. At 2,000 tills that was a third of the server's queries (issue 17), so a device found
 * active is remembered for {@link ACTIVE_DEVICE_TTL_MS}. A revoked device is never remembered, and
 * a revocation is forgotten at once: on this instance by the revoking call itself (`forget`, before
 * it answers), on the others by its change notice (`forget` again), and after a lost notice by the
 * `resync` every instance emits on reconnecting (`forgetAll`); the time-to-live bounds the rest
 * (a revocation written straight into the database).
 */
export class ActiveDevices {
  private readonly seen = new Map<string, number>();
  /** Bumped by every forget: a lookup that started before one must not store its answer. */
  private generation = 0;

  constructor(
    private readonly db: Queryable,
    private readonly nowMs: () => number,
    private readonly ttlMs = ACTIVE_DEVICE_TTL_MS,
  ) {}

  async isActive(orgId: string, deviceId: string): Promise<boolean> {
    const key = `${orgId}\u0000${deviceId}`;
    const at = this.seen.get(key);
    if (at !== undefined && this.nowMs() - at < this.ttlMs) return true;
    const generation = this.generation;
    const active = await isDeviceActive(this.db, orgId, deviceId);
    if (!active || generation !== this.generation || this.ttlMs <= 0) this.seen.delete(key);
    else {
      // Bounded by the number of paired devices; a stale entry is only ever re-checked.
      if (this.seen.size >= 100_000) this.seen.clear();
      this.seen.set(key, this.nowMs());
    }
    return active;
  }

  forget(orgId: string, deviceId: string): void {
    this.generation += 1;
    this.seen.delete(`${orgId}\u0000${deviceId}`);
  }

  forgetAll(): void {
    this.generation += 1;
    this.seen.clear();
  }
}
