import { z } from 'zod';
import { listSchema, nameSchema } from '../common/bounds';
import { epochMsSchema, idSchema } from '../common/document';

/** How often a till reports its health when nothing changes (it also reports on every change). */
export const HEARTBEAT_INTERVAL_MS = 60_000;
/** A till the server has not heard from for longer than this is flagged in the back office. */
export const DEVICE_SILENT_AFTER_MS = 10 * 60_000;

/** What a printer attached to a till says about itself. */
export const PRINTER_HEALTH_STATES = [
  'online',
  'offline',
  'paper-out',
  'cover-open',
  'error',
  'unknown',
] as const;

/**
 * What a till reports about itself (`sync.heartbeat`): the server cannot see these, so the back
 * office shows them as the till last reported them.
 */
export const deviceHeartbeatSchema = z.strictObject({
  /** Orders whose latest version the server has not acknowledged, as the till counts them. */
  unsyncedOrders: z.number().int().min(0).max(10_000_000),
  /** Print jobs waiting, failed or unsure (not printed and not cancelled). */
  printQueue: z.number().int().min(0).max(10_000_000),
  printers: listSchema(
    z.strictObject({ id: idSchema, name: nameSchema, state: z.enum(PRINTER_HEALTH_STATES) }),
    50,
  ),
  /** The till app's version, e.g. `0.1.0`. */
  appVersion: z
    .string()
    .min(1)
    .max(40)
    .regex(/^[0-9A-Za-z.+-]+$/, 'expected a version such as 0.1.0'),
});
/** A till's report about itself. */
export type DeviceHeartbeat = z.infer<typeof deviceHeartbeatSchema>;

/** Most reports a branch hub relays in one `hub.heartbeats` call. */
export const MAX_RELAYED_HEARTBEATS = 100;

/**
 * Input of `hub.heartbeats`: what the tills behind a branch hub reported to it, and the hub's own
 * report, relayed in one batch so the back office sees those devices' health. `heardAt` is the
 * hub's clock when the report arrived; the central server never stores it in its own future.
 */
export const relayedHeartbeatsSchema = z.strictObject({
  reports: listSchema(
    z.strictObject({
      deviceId: idSchema,
      heardAt: epochMsSchema,
      heartbeat: deviceHeartbeatSchema,
    }),
    MAX_RELAYED_HEARTBEATS,
  ),
});
/** A batch of relayed heartbeats. */
export type RelayedHeartbeats = z.infer<typeof relayedHeartbeatsSchema>;

/**
 * `data.reason` of the 401 a revoked till gets on any request (and when it asks for a token):
 * the till stops syncing and tells the cashier why instead of retrying forever.
 */
export const TILL_REVOKED_REASON = 'TILL_REVOKED';
