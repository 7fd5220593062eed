import type { DeviceHeartbeat, DeviceKind } from '@comanda/core/sync';
import type { DeviceCredential, DeviceToken } from '../auth/devices';
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

/** `auth.pair`'s input, as the hub forwards it. */
export interface HubPairInput {
  code: string;
  deviceName: string;
  kind?: DeviceKind | undefined;
  stations?: string[] | undefined;
}

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
   * Forwards a pairing (a ready board or kitchen screen opened at the hub's address) to the
   * central server, which alone holds the codes, then reads the branch's device list again so
   * the hub accepts the new device at once.
   */
  pair(input: HubPairInput): Promise<DeviceCredential>;
  /**
   * A device with a valid token is missing from the hub's device list: it may have been paired at
   * the central server since the hub last read the list. Reads it again (at most every 5 s per
   * device; never throws: unreachable, the list stays as it was).
   */
  deviceUnknown(deviceId: string): Promise<void>;
  /** Starts replicating (after the server listens); a local change starts a round at once. */
  start(changes: ChangeHub): void;
  /** A till behind the hub reported its health: relayed (batched) to the central server. */
  relayHeartbeat(deviceId: string, heartbeat: DeviceHeartbeat): void;
  /** Waits for the round under way, then runs a full one (tests). */
  syncNow(): Promise<void>;
  close(): Promise<void>;
}
