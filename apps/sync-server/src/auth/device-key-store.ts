import type { DeviceKeySet } from './device-keys';

/** Unknown key ids trigger at most one reload per this interval (a flood of forged kids costs one fetch). */
const RELOAD_MIN_INTERVAL_MS = 30_000;
/** Keys are reloaded at least this often, so a retired key stops verifying without a restart. */
const MAX_AGE_MS = 5 * 60_000;

/**
 * The device key set a server verifies with, reloadable: from the database on the central server
 * (a key added by rotation elsewhere), from the central server's JWKS on a hub. A failed reload
 * keeps the keys it had, so a hub that cannot reach the central server goes on verifying.
 */
export class DeviceKeyStore {
  private loadedAt: number;
  private lastAttempt = 0;
  private reloading: Promise<boolean> | null = null;

  constructor(
    private keys: DeviceKeySet,
    private readonly load: () => Promise<DeviceKeySet>,
    private readonly clock: () => number,
  ) {
    this.loadedAt = clock();
  }

  get current(): DeviceKeySet {
    if (this.clock() - this.loadedAt > MAX_AGE_MS) void this.reload();
    return this.keys;
  }

  /** Reloads unless one was attempted recently; true when the key set may have changed. */
  reload(): Promise<boolean> {
    const now = this.clock();
    if (this.reloading) return this.reloading;
    if (now - this.lastAttempt < RELOAD_MIN_INTERVAL_MS) return Promise.resolve(false);
    this.lastAttempt = now;
    this.reloading = this.load()
      .then((keys) => {
        this.keys = keys;
        this.loadedAt = this.clock();
        return true;
      })
      .catch(() => false)
      .finally(() => {
        this.reloading = null;
      });
    return this.reloading;
  }

  /** Replaces the keys now (a hub that just fetched the JWKS itself). */
  set(keys: DeviceKeySet): void {
    this.keys = keys;
    this.loadedAt = this.clock();
  }
}
