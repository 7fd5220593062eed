import {
  HEARTBEAT_INTERVAL_MS,
  MAX_RELAYED_HEARTBEATS,
  type DeviceHeartbeat,
  type RelayedHeartbeats,
} from '@comanda/core/sync';

type Report = RelayedHeartbeats['reports'][number];

export interface RelayOptions {
  /** Sends a batch to the central server (`hub.heartbeats`); throws when it cannot. */
  send(reports: Report[]): Promise<void>;
  /** The hub's own report and device id. */
  own(): Promise<{ deviceId: string; heartbeat: DeviceHeartbeat }>;
  now(): number;
  /** Reports heard within this pause go up in one call (default 2 s, a till's own settle time). */
  settleMs?: number;
  /** The hub reports itself this often (default core's `HEARTBEAT_INTERVAL_MS`). */
  intervalMs?: number;
  onError(error: unknown): void;
}

/**
 * Carries the tills' heartbeats from the hub to the central server, batched, with the hub's own.
 * Only each device's latest report is kept; a failed batch stays and goes with the next one (the
 * central server keeps the newest by `heardAt`, so a late batch never hides a fresher report).
 * Held in memory on purpose: a report is repeated every minute, a lost one is replaced soon.
 */
export class HeartbeatRelay {
  private readonly pending = new Map<string, Report>();
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Number.POSITIVE_INFINITY;
  private ownDueAt = 0;
  private sending: Promise<void> = Promise.resolve();
  private closed = false;
  private readonly settleMs: number;
  private readonly intervalMs: number;

  constructor(private readonly options: RelayOptions) {
    this.settleMs = options.settleMs ?? 2000;
    this.intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  }

  /** Starts the hub's own reports (the first one at once). */
  start(): void {
    this.schedule(0);
  }

  /** A till behind the hub reported: relay it with whatever else arrives meanwhile. */
  hear(deviceId: string, heartbeat: DeviceHeartbeat): void {
    this.pending.set(deviceId, { deviceId, heartbeat, heardAt: this.options.now() });
    this.schedule(this.settleMs);
  }

  /** Sends what is pending (and the hub's own report when due) now; throws if it fails. */
  flush(): Promise<void> {
    const run = this.sending.then(() => this.send());
    this.sending = run.catch(() => undefined);
    return run;
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
  }

  private async send(): Promise<void> {
    const now = this.options.now();
    const batch = [...this.pending.values()].slice(0, MAX_RELAYED_HEARTBEATS - 1);
    const withOwn = now >= this.ownDueAt;
    if (withOwn) {
      const own = await this.options.own();
      batch.push({ ...own, heardAt: now });
    }
    if (batch.length === 0) return;
    await this.options.send(batch);
    if (withOwn) this.ownDueAt = now + this.intervalMs;
    // A report heard while this batch was in flight is newer: it stays pending.
    for (const sent of batch)
      if (this.pending.get(sent.deviceId) === sent) this.pending.delete(sent.deviceId);
  }

  private schedule(delay: number): void {
    if (this.closed) return;
    const at = this.options.now() + delay;
    if (at >= this.dueAt) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.dueAt = Number.POSITIVE_INFINITY;
      this.flush().then(
        () => this.schedule(this.pending.size > 0 ? this.settleMs : this.untilOwnDue()),
        (error: unknown) => {
          this.options.onError(error);
          // Unreachable central server: try again at the pace of a till's report.
          this.schedule(Math.min(this.intervalMs, 10 * this.settleMs));
        },
      );
    }, delay);
  }

  private untilOwnDue(): number {
    return Math.max(0, this.ownDueAt - this.options.now());
  }
}
