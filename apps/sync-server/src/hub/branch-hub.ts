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
  saveHubIdentity,
  saveHubJwks,
  type HubIdentity,
} from '../db/hub-state';
import { withTransaction } from '../db/tx';
import { countAfter } from '../sync/documents';
import packageJson from '../../package.json' with { type: 'json' };
import { HeartbeatRelay } from './heartbeat-relay';
import { DEVICE_LIST_ON_DEMAND_MS, type BranchHub, type HubOptions } from './branch-hub-contract';
import { HubReplicator } from './replicator';
import { HubRounds } from './rounds';
import { followUpstreamChanges } from './upstream-changes';
import { Upstream, upstreamStatus } from './upstream';

export type { BranchHub, HubOptions } from './branch-hub-contract';

/** The safety net: a full round this often even when the central server's stream is silent. */
const SAFETY_NET_MS = 30_000;
const RETRY_MIN_MS = 1000;
/** The central device list (revocations send no notice) is read again after this long. */
const DEVICE_LIST_MAX_AGE_MS = 5000;
const RETRY_MAX_MS = 10_000;
/** The hub reports the orders it still has to carry up, counted up to this. */
const MAX_COUNT = 10_000_000;
const serverVersion = packageJson.version;

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
      const unsyncedOrders = await countAfter(db.pool, 'orders', scope, checkpoint, MAX_COUNT);
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
  let onDemandAt = Number.NEGATIVE_INFINITY;
  let onDemand: Promise<boolean> | null = null;
  let stream: { close(): void } | undefined;
  let unsubscribe: (() => void) | undefined;
  const rounds = new HubRounds({
    async run(pull) {
      if (!replicator) return;
      // The device list first: a till revoked at the central server is refused from this round on.
      // Not on every round of a busy branch (each till's push starts one): at least every 5 s.
      if (pull === 'all' || clock() - deviceListAt >= DEVICE_LIST_MAX_AGE_MS) {
        await refreshBranch();
        deviceListAt = clock();
      }
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
    async deviceToken(input) {
      try {
        return await upstream.anonymous.auth.deviceToken.mutate(input);
      } catch (error) {
        const status = upstreamStatus(error);
        if (status !== undefined) {
          const code =
            status === 401 ? 'UNAUTHORIZED' : status === 429 ? 'TOO_MANY_REQUESTS' : 'BAD_GATEWAY';
          throw new TRPCError({ code, message: (error as Error).message });
        }
        throw new TRPCError({
          code: 'SERVICE_UNAVAILABLE',
          message:
            'The hub cannot reach the central server to issue a token; a till keeps working with the token it has (valid 12 hours)',
        });
      }
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
    refreshDevices() {
      // Tills pair at the central server, usually after the hub last read the list: without this,
      // a new till was refused (401) until the next round, up to 30 s on an idle branch.
      if (onDemand) return onDemand;
      if (clock() - onDemandAt < DEVICE_LIST_ON_DEMAND_MS) return Promise.resolve(false);
      onDemandAt = clock();
      onDemand = refreshBranch()
        .then(
          () => {
            deviceListAt = clock();
            return true;
          },
          (error: unknown) => {
            upstream.dropTokenOn(error);
            return false;
          },
        )
        .finally(() => {
          onDemand = null;
        });
      return onDemand;
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
