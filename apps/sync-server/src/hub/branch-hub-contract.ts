import type { DeviceHeartbeat } from '@comanda/core/sync';
import type { DeviceToken } from '../auth/devices';
import type { ChangeHub } from '../sync/change-hub';

/** How `comanda-server hub` was started. */
export interface HubOptions {
  /** The central server's base URL (`https://…`). */
  upstream: string;
  /** A pairing code for the branch (needed on the first start only). */
  pairingCode?: string | undefined;
  /** The name the hub appears under in the back office's device list. */
  deviceName?: string | undefined;
  /**
   * The safety net: a full round this long after the last one even if the central server's live
   * stream said nothing (default 30 s). Changes normally come down as the stream announces them.
   */
  intervalMs?: number | undefined;
}

/** A till unknown to the hub makes it read the device list again at most this often. */
export const DEVICE_LIST_ON_DEMAND_MS = 2000;

/**
 * What the rest of the server needs from hub mode. Kept apart from the implementation: it must
 * not name the upstream client's types (they derive from `AppRouter`, which derives from
 * `Services`, which holds this).
 */
export interface BranchHub {
  readonly scope: { orgId: string; branchId: string };
  /** Forwards a till's token request to the central server: a hub holds no signing key. */
  deviceToken(input: { deviceId: string; deviceSecret: string }): Promise<DeviceToken>;
  /**
   * Reads the branch's device list from the central server again, for a till this hub does not know
   * yet (paired since the last read): at most one read at a time and one per
   * {@link DEVICE_LIST_ON_DEMAND_MS}. False when skipped or the central server did not answer.
   */
  refreshDevices(): Promise<boolean>;
  /** Starts replicating (after the server listens); a local change starts a round at once. */
  start(changes: ChangeHub): void;
  /** A till behind the hub reported its health: relayed (batched) to the central server. */
  relayHeartbeat(deviceId: string, heartbeat: DeviceHeartbeat): void;
  /** Waits for the round under way, then runs a full one (tests). */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}
