import { DEVICE_SILENT_AFTER_MS, type DeviceHeartbeat } from '@comanda/core/sync';

/** A till is flagged when the server has not heard from it for this long (core's rule). */
export const SILENT_AFTER_MS = DEVICE_SILENT_AFTER_MS;

/** `owner.syncHealth` of one till, as it arrives over JSON (dates are strings). */
export interface DeviceHealthWire {
  deviceId: string;
  name: string;
  branchId: string;
  revoked: boolean;
  lastSeenAt: string | Date | null;
  /** The till's own last report; absent from servers before heartbeats. */
  heartbeat?: DeviceHeartbeat | null;
  heartbeatAt?: string | Date | null;
  collections: {
    lastPullAt: string | Date | null;
    lastPushAt: string | Date | null;
    lag: number;
    conflicts: number;
  }[];
}

/** One row of the devices table. */
export interface DeviceHealth {
  deviceId: string;
  name: string;
  branchId: string;
  status: 'ok' | 'stale' | 'revoked';
  lastSeenAt: number | null;
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** Documents written after the till's pull checkpoints, over all collections. */
  behind: number;
  conflicts: number;
  /** What the till last reported (unsynced orders, print queue, printers, version), if ever. */
  reported: DeviceHeartbeat | null;
  /** Printers the till reported as not ready. */
  printerProblems: number;
}

function time(value: string | Date | null): number | null {
  return value === null ? null : new Date(value).getTime();
}

function latest(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/** Sums a till's per-collection state and flags it revoked, silent (over 10 min) or fine. */
export function deviceHealth(wire: DeviceHealthWire, now: number): DeviceHealth {
  const lastPushAt = latest(wire.collections.map((c) => time(c.lastPushAt)));
  const lastPullAt = latest(wire.collections.map((c) => time(c.lastPullAt)));
  const lastSeenAt = latest([
    time(wire.lastSeenAt),
    time(wire.heartbeatAt ?? null),
    lastPushAt,
    lastPullAt,
  ]);
  const silent = lastSeenAt === null || now - lastSeenAt > SILENT_AFTER_MS;
  return {
    deviceId: wire.deviceId,
    name: wire.name,
    branchId: wire.branchId,
    status: wire.revoked ? 'revoked' : silent ? 'stale' : 'ok',
    lastSeenAt,
    lastPushAt,
    lastPullAt,
    behind: wire.collections.reduce((sum, c) => sum + c.lag, 0),
    conflicts: wire.collections.reduce((sum, c) => sum + c.conflicts, 0),
    reported: wire.heartbeat ?? null,
    printerProblems: (wire.heartbeat?.printers ?? []).filter((p) => p.state !== 'online').length,
  };
}
