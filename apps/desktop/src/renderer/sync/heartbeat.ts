import { HEARTBEAT_INTERVAL_MS, TILL_REVOKED_REASON, type DeviceHeartbeat } from '@comanda/core/sync';

export interface HeartbeatOptions {
  /** What the till would report now. */
  read: () => Promise<DeviceHeartbeat>;
  send: (report: DeviceHeartbeat) => Promise<void>;
  /** Every this long even when nothing changed (default 60 s): silence means the till is gone. */
  intervalMs?: number;
  /** A change is reported after this pause, so a burst of changes costs one request (default 2 s). */
  settleMs?: number;
  onError?: (error: unknown) => void;
}

export interface Heartbeat {
  /** Something the report shows may have changed: report it soon if it did. */
  nudge(): void;
  stop(): void;
}

/**
 * Reports the till's health to the server every minute and soon after a change. A failed report
 * is not retried on its own: the next tick or change sends the then-current state.
 */
export function startHeartbeat(options: HeartbeatOptions): Heartbeat {
  const intervalMs = options.intervalMs ?? HEARTBEAT_INTERVAL_MS;
  const settleMs = options.settleMs ?? 2000;
  let lastSent: string | null = null;
  let stopped = false;
  let settle: ReturnType<typeof setTimeout> | null = null;
  let sending: Promise<void> = Promise.resolve();

  function report(force: boolean): void {
    sending = sending.then(async () => {
      if (stopped) return;
      try {
        const current = await options.read();
        const text = JSON.stringify(current);
        if (!force && text === lastSent) return;
        await options.send(current);
        lastSent = text;
      } catch (error) {
        options.onError?.(error);
      }
    });
  }

  const tick = setInterval(() => report(true), intervalMs);
  report(true);
  return {
    nudge() {
      if (stopped || settle) return;
      settle = setTimeout(() => {
        settle = null;
        report(false);
      }, settleMs);
    },
    stop() {
      stopped = true;
      clearInterval(tick);
      if (settle) clearTimeout(settle);
    },
  };
}

/**
 * True when the server refused the till because the owner revoked it (`data.reason`, also when
 * the refusal is the cause of another error, as token exchanges inside a request are).
 */
export function isTillRevoked(error: unknown): boolean {
  let e: unknown = error;
  for (let depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if ((e as { data?: { reason?: unknown } }).data?.reason === TILL_REVOKED_REASON) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
