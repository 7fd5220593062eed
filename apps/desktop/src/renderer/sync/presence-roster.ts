import {
  PRESENCE_REFRESH_MS,
  PRESENCE_TTL_MS,
  othersByOrder,
  type HeardPresence,
  type PresenceEntry,
  type PresenceRequest,
} from '@comanda/core/sync';

/** Who else has each order open, by order id. */
export type PresenceByOrder = ReadonlyMap<string, readonly PresenceEntry[]>;

export interface PresenceRosterOptions {
  now: () => number;
  /** This till's device id (its own presence comes back on the stream and is left out). */
  selfDeviceId: () => string | null;
}

/**
 * The till's side of presence: what other tills said (heard on the live stream, forgotten
 * {@link PRESENCE_TTL_MS} after the last word, by this till's clock) and what this till says (the
 * order on screen, repeated every {@link PRESENCE_REFRESH_MS} while it stays). Advisory only: a
 * till never waits for it, and a failed send is simply repeated at the next refresh.
 */
export class PresenceRoster {
  private readonly heard = new Map<string, HeardPresence>();
  private readonly listeners = new Set<(byOrder: PresenceByOrder) => void>();
  private said: PresenceRequest = { orderId: null, staffName: null };
  private send: ((request: PresenceRequest) => Promise<unknown>) | null = null;
  private readonly timers: ReturnType<typeof setInterval>[] = [];

  constructor(private readonly options: PresenceRosterOptions) {
    // Refresh what this till says and let silent tills lapse; both are cheap when idle.
    this.timers.push(setInterval(() => this.refresh(), PRESENCE_REFRESH_MS));
    this.timers.push(setInterval(() => this.emit(), PRESENCE_TTL_MS / 6));
  }

  /** Sets (or clears, when unpaired) how this till's presence reaches the server. */
  connect(send: ((request: PresenceRequest) => Promise<unknown>) | null): void {
    this.send = send;
    this.refresh();
  }

  /** Entries heard on the live stream. */
  hear(entries: readonly PresenceEntry[]): void {
    const at = this.options.now();
    for (const entry of entries) this.heard.set(entry.deviceId, { entry, heardAt: at });
    this.emit();
  }

  /** The order this till has on screen now (null = none). */
  announce(orderId: string | null, staffName: string | null): void {
    if (this.said.orderId === orderId && this.said.staffName === staffName) return;
    this.said = { orderId, staffName };
    this.refresh(true);
  }

  /** Repeats what this till says: while on an order, or once to say it left (`force`). */
  refresh(force = false): void {
    if (!this.send || (!force && this.said.orderId === null)) return;
    this.send(this.said).catch(() => undefined);
  }

  current(): PresenceByOrder {
    for (const [deviceId, h] of this.heard)
      if (this.options.now() - h.heardAt >= PRESENCE_TTL_MS) this.heard.delete(deviceId);
    return othersByOrder(this.heard.values(), this.options.selfDeviceId(), this.options.now());
  }

  subscribe(listener: (byOrder: PresenceByOrder) => void): () => void {
    this.listeners.add(listener);
    listener(this.current());
    return () => this.listeners.delete(listener);
  }

  stop(): void {
    this.timers.forEach((t) => clearInterval(t));
    this.listeners.clear();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const byOrder = this.current();
    this.listeners.forEach((l) => l(byOrder));
  }
}
