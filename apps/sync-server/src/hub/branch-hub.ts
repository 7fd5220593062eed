import { isSyncCollectionName } from '@comanda/core/sync';
import { TRPCError } from '@trpc/server';
import type { Logger } from 'pino';
import { DeviceKeyStore } from '../auth/device-key-store';
import { deviceKeysFromJwks, type Jwks } from '../auth/device-keys';
import type { Database } from '../db/database';
import {
  mirrorBranchDevices,
  readHubCheckpoint,
  readHubIdentity,
  readHubRefused,
  saveHubIdentity,
  saveHubJwks,
  type HubIdentity,
} from '../db/hub-state';
import { withTransaction } from '../db/tx';
import { countAfter } from '../sync/documents';
import packageJson from '../../package.json' with { type: 'json' };
import { HeartbeatRelay } from './heartbeat-relay';
import type { BranchHub, HubOptions } from './branch-hub-contract';
import { HubReplicator } from './replicator';
import { HubRounds } from './rounds';
import { followUpstreamChanges } from './upstream-changes';
import { Upstream, upstreamStatus } from './upstream';

export type { BranchHub, HubOptions } from './branch-hub-contract';

/** The safety net: a full round this often even when the central server's stream is silent. */
const SAFETY_NET_MS = 30_000;
const RETRY_MIN_MS = 1000;
/** The central device list (revocations send no notice) is read again after this long. */
export const DEVICE_LIST_MAX_AGE_MS = 5000;
const RETRY_MAX_MS = 10_000;
/** Unknown devices remembered for {@link DEVICE_LIST_MAX_AGE_MS} (a bound on the memory it takes). */
const MAX_UNKNOWN_DEVICES = 1000;
/** The hub reports the orders it still has to carry up, counted up to this. */
const MAX_COUNT = 10_000_000;
const serverVersion = packageJson.version;

/** Refusals of the central server a device can act on, passed on as they are. */
const FORWARDED_CODES: Partial<Record<number, TRPCError['code']>> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHORIZED',
  403: 'FORBIDDEN',
  412: 'PRECONDITION_FAILED',
  429: 'TOO_MANY_REQUESTS',
};

/**
 * Runs a request the hub forwards to the central server: its refusal keeps its meaning (401, 429,
 * a 4xx the device can act on), and no answer at all is a 503 with `offline` as the reason.
 */
async function forwarded<T>(call: () => Promise<T>, offline: string): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const status = upstreamStatus(error);
    if (status === undefined)
      throw new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: offline });
    const code = FORWARDED_CODES[status] ?? 'BAD_GATEWAY';
    throw new TRPCError({ code, message: (error as Error).message });
  }
}

/**
 * Sets a hub up on its own database: pairs with the central server on the first start (as a
 * device of kind `hub`), loads the JWKS it last saw (so a hub restarted offline still verifies
 * tills) and refreshes it and the branch's device list when the central server answers.
 */
export async function openBranchHub(
  db: Database,
  options: HubOptions,
  logger: Logger,
  now: () => Date,
): Promise<{ hub: BranchHub; deviceKeys: DeviceKeyStore }> {
  let identity = await readHubIdentity(db.pool);
  const clock = () => now().getTime();
  const upstream = new Upstream(options.upstream, () => identity, clock);
  if (identity && identity.upstream !== options.upstream)
    throw new Error(
      `This hub's data folder belongs to ${identity.upstream}; use another folder for ${options.upstream}`,
    );
  if (!identity) {
    if (!options.pairingCode)
      throw new Error(
        'First start of this hub: pass --pairing-code (from the back office or `comanda-server pair`)',
      );
    const paired = await upstream.anonymous.auth.pair.mutate({
      code: options.pairingCode,
      deviceName: options.deviceName ?? 'Branch hub',
      kind: 'hub',
    });
    identity = {
      upstream: options.upstream,
      deviceId: paired.deviceId,
      deviceSecret: paired.deviceSecret,
      orgId: paired.orgId,
      branchId: paired.branchId,
      jwks: await upstream.fetchJwks(),
    };
    // The branch and its devices are mirrored by the first replication round.
    await saveHubIdentity(db.pool, identity);
    logger.info({ deviceId: paired.deviceId, branchId: paired.branchId }, 'hub paired');
  }
  const self: HubIdentity = identity;
  const scope = { orgId: self.orgId, branchId: self.branchId };

  const fetchKeys = async () => {
    const jwks: Jwks = await upstream.fetchJwks();
    await saveHubJwks(db.pool, jwks);
    return deviceKeysFromJwks(jwks);
  };
  const deviceKeys = new DeviceKeyStore(
    deviceKeysFromJwks(self.jwks ?? { keys: [] }),
    fetchKeys,
    clock,
  );

  const refreshBranch = async () => {
    await upstream.authenticate();
    const branch = await upstream.client.hub.branch.query();
    await withTransaction(db.pool, (tx) => mirrorBranchDevices(tx, branch, branch.devices));
  };

  const relay = new HeartbeatRelay({
    async send(reports) {
      await upstream.authenticate();
      try {
        await upstream.client.hub.heartbeats.mutate({ reports });
      } catch (error) {
        // A refused batch would be refused again: dropped (the next reports are fresh ones).
        const status = upstreamStatus(error);
        if (status !== 400 && status !== 403) throw error;
        logger.warn({ error: (error as Error).message }, 'hub: heartbeats refused upstream');
      }
    },
    async own() {
      const checkpoint = await readHubCheckpoint(db.pool, 'up', 'orders');
      // Orders the central server refused are stepped over by the up scan: still unsynced.
      const refused = (await readHubRefused(db.pool, 'orders')).length;
      const behind = await countAfter(db.pool, 'orders', scope, checkpoint, MAX_COUNT);
      const unsyncedOrders = Math.min(MAX_COUNT, behind + refused);
      return {
        deviceId: self.deviceId,
        heartbeat: { unsyncedOrders, printQueue: 0, printers: [], appVersion: serverVersion },
      };
    },
    now: clock,
    onError(error) {
      upstream.dropTokenOn(error);
      logger.debug(
        { error: error instanceof Error ? error.message : String(error) },
        'hub: heartbeats not relayed yet',
      );
    },
  });

  let replicator: HubReplicator | null = null;
  let deviceListAt = Number.NEGATIVE_INFINITY;
  /** When each device missing from the list last had it read again. */
  const unknownAskedAt = new Map<string, number>();
  let deviceListReading: Promise<void> | null = null;
  /** Reads the branch's device list from the central server into the hub's database. */
  const readDeviceList = async () => {
    await refreshBranch();
    deviceListAt = clock();
  };
  let stream: { close(): void } | undefined;
  let unsubscribe: (() => void) | undefined;
  const rounds = new HubRounds({
    async run(pull) {
      if (!replicator) return;
      // The device list first: a till revoked at the central server is refused from this round on.
      // Not on every round of a busy branch (each till's push starts one): at least every 5 s.
      if (pull === 'all' || clock() - deviceListAt >= DEVICE_LIST_MAX_AGE_MS)
        await readDeviceList();
      await replicator.sync(pull);
      // Health reports ride along; their failure never holds replication back.
      await relay.flush().catch(() => undefined);
    },
    safetyNetMs: options.intervalMs ?? SAFETY_NET_MS,
    retryMinMs: RETRY_MIN_MS,
    retryMaxMs: RETRY_MAX_MS,
    onError(error) {
      upstream.dropTokenOn(error);
      logger.warn(
        { error: error instanceof Error ? error.message : String(error) },
        'hub: central server unreachable or refused; retrying',
      );
    },
  });

  const hub: BranchHub = {
    scope,
    deviceToken: (input) =>
      forwarded(
        () => upstream.anonymous.auth.deviceToken.mutate(input),
        'The hub cannot reach the central server to issue a token; a till keeps working with the token it has (valid 12 hours)',
      ),
    async pair(input) {
      const credential = await forwarded(
        () => upstream.anonymous.auth.pair.mutate(input),
        'The hub cannot reach the central server to pair this device; try again once the internet is back',
      );
      // Without it the new device would be refused (401) until the next round reads the list.
      await readDeviceList().catch((error: unknown) =>
        logger.warn(
          { error: (error as Error).message },
          'hub: device list not refreshed after a pairing',
        ),
      );
      return credential;
    },
    async deviceUnknown(deviceId) {
      // Once per device per 5 s: a revoked till retrying costs no flood of reads upstream, and a
      // device paired while another one's read was recent is not refused for it.
      const now = clock();
      if (now - (unknownAskedAt.get(deviceId) ?? Number.NEGATIVE_INFINITY) < DEVICE_LIST_MAX_AGE_MS)
        return;
      if (unknownAskedAt.size >= MAX_UNKNOWN_DEVICES) unknownAskedAt.clear();
      unknownAskedAt.set(deviceId, now);
      deviceListReading ??= readDeviceList()
        .catch((error: unknown) =>
          logger.debug(
            { error: (error as Error).message },
            'hub: device list not read for an unknown device',
          ),
        )
        .finally(() => {
          deviceListReading = null;
        });
      await deviceListReading;
    },
    start(changes) {
      replicator = new HubReplicator({ pool: db.pool, changes, upstream, scope, logger });
      // A till's push to the hub goes up at once. The hub's own writes (pulled documents) are
      // announced too: the extra round finds nothing new to push and costs no request upstream.
      unsubscribe = changes.subscribe((event) => {
        if (event.type !== 'presence') rounds.push();
      });
      // The central server's changes come down as they happen: its stream names them, the hub pulls.
      stream = followUpstreamChanges({
        subscribe: upstream.subscribeChanges,
        onEvent(event) {
          if (event === 'RESYNC') rounds.pull('all');
          // A collection this version does not know is skipped (a newer central server).
          else if ('changed' in event) rounds.pull(event.changed.filter(isSyncCollectionName));
        },
        onDown(error) {
          upstream.dropTokenOn(error);
          logger.debug(
            { error: error instanceof Error ? error.message : String(error) },
            "hub: the central server's live stream broke; reconnecting",
          );
        },
      });
      rounds.push();
      relay.start();
    },
    syncNow: () => rounds.now(),
    relayHeartbeat: (deviceId, heartbeat) => relay.hear(deviceId, heartbeat),
    async close() {
      relay.close();
      stream?.close();
      unsubscribe?.();
      await rounds.close();
    },
  };
  return { hub, deviceKeys };
}
