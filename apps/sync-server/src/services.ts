import type { Logger } from 'pino';
import type { ActiveDevices } from './auth/active-devices';
import type { DeviceKeyStore } from './auth/device-key-store';
import type { Keyring } from './auth/keyring';
import type { Database } from './db/database';
import type { BranchHub } from './hub/branch-hub-contract';
import type { RateLimiter } from './http/rate-limit';
import type { Metrics } from './http/metrics';
import type { ChangeHub } from './sync/change-hub';
import type { PresenceBoard } from './sync/presence-board';

/** Everything a request handler may use; created once per server, passed in (no module globals). */
export interface Services {
  db: Database;
  /** HMAC keys of owner and manager tokens. */
  keyring: Keyring;
  /** ES256 keys of device tokens: private + public on the central server, public only on a hub. */
  deviceKeys: DeviceKeyStore;
  hub: ChangeHub;
  /** Which devices are paired and not revoked (remembered briefly; see the class). */
  activeDevices: ActiveDevices;
  /** Set when this server runs as a branch hub (`comanda-server hub`); null on the central server. */
  branchHub: BranchHub | null;
  /** Which order each till has open (advisory), fed by the hub. */
  presence: PresenceBoard;
  logger: Logger;
  rateLimiter: RateLimiter;
  metrics: Metrics;
  /** Injected clock (tests move it to expire tokens). */
  now: () => Date;
  /** How long a live stream waits for a notice before polling anyway (ms). */
  streamPollMs: number;
}
