import type { SyncClient } from './sync-client.js';

export interface DeviceCredentials {
  deviceId: string;
  deviceSecret: string;
}

/** Refresh this long before expiry so a request never leaves with a token about to lapse. */
const REFRESH_MARGIN_MS = 60_000;

/**
 * Short-lived access tokens for this till: exchanged from the device credential on demand,
 * cached until shortly before expiry, one exchange in flight at a time.
 */
export class DeviceTokenSource {
  private token: { value: string; expiresAt: number } | null = null;
  private inFlight: Promise<string> | null = null;

  constructor(
    private readonly client: SyncClient,
    private readonly credentials: DeviceCredentials,
    private readonly now: () => number = Date.now,
    /** Told the till's ticket code with each token (a till paired before codes learns its own). */
    private readonly onTillCode: (code: string) => void = () => undefined,
  ) {}

  get(): Promise<string> {
    if (this.token && this.token.expiresAt - REFRESH_MARGIN_MS > this.now()) return Promise.resolve(this.token.value);
    this.inFlight ??= this.client
      .deviceToken(this.credentials.deviceId, this.credentials.deviceSecret)
      .then((issued) => {
        this.token = { value: issued.accessToken, expiresAt: issued.expiresAt };
        if (issued.tillCode) this.onTillCode(issued.tillCode);
        return issued.accessToken;
      })
      .finally(() => {
        this.inFlight = null;
      });
    return this.inFlight;
  }

  /** Forget the cached token (after a 401) so the next call exchanges a fresh one. */
  invalidate(): void {
    this.token = null;
  }
}
