import type { Logger } from 'pino';
import type { Keyring } from './auth/keyring';
import type { Database } from './db/database';
import type { RateLimiter } from './http/rate-limit';
import type { Metrics } from './http/metrics';
import type { ChangeHub } from './sync/change-hub';
import type { PresenceBoard } from './sync/presence-board';

/** Everything a request handler may use; created once per server, passed in (no module globals). */
export interface Services {
  db: Database;
  keyring: Keyring;
  hub: ChangeHub;
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
