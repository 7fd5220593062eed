import { SYNC_COLLECTIONS, SYNC_COLLECTION_NAMES, isTillReadable, type OrderSearchRequest } from '@comanda/core/sync';
import type { DeviceSettings } from '../../host/contract.js';
import { openTillDatabase, type TillDatabase } from '../data/database.js';
import { newestValue } from '../data/newest-first.js';
import { orderRepository, type OrderRepository } from '../data/order-repository.js';
import type { TillPrinting } from '../printing/till-printing.js';
import type { HostClient } from '../host/host-client.js';
import { DeviceTokenSource } from '../sync/device-auth.js';
import { startTillReplication, type TillReplication } from '../sync/replication.js';
import {
  createPublicSyncClient,
  createSyncClient,
  redeemPairingCode,
  type KitchenPairing,
  type SyncClient,
} from '../sync/sync-client.js';
import { loadKitchenSetting, saveKitchenSetting } from './kitchen-setting.js';
import { startReachabilityProbe } from '../sync/reachability.js';
import {
  chooseSyncTarget,
  describeSyncRoute,
  type SyncReachability,
  type SyncRouteState,
} from '../sync/sync-target.js';
import { SyncStatusTracker } from '../sync/sync-status.js';
import { PresenceRoster } from '../sync/presence-roster.js';
import { isTillRevoked, startHeartbeat, type Heartbeat } from '../sync/heartbeat.js';
import { readDeviceReport } from './device-report.js';
import { monotonicClock } from './clock.js';
import { afterFirstScreen } from './after-paint.js';
import { adoptStandaloneDocuments, STANDALONE_BRANCH_ID } from './standalone.js';

export type TillMode = 'unconfigured' | 'standalone' | 'paired';

/** Everything the shell and the features share for the life of the renderer. */
export interface TillRuntime {
  host: HostClient;
  db: TillDatabase;
  tracker: SyncStatusTracker;
  /**
   * History on demand: the branch's older orders from the server (rejects while unpaired or
   * unreachable). Unvalidated wire documents: the caller parses them.
   */
  searchServerOrders(query: OrderSearchRequest): Promise<Record<string, unknown>[]>;
  /** Which orders other tills have open, and what this one says it has open. */
  presence: PresenceRoster;
  orders: OrderRepository;
  /**
   * The print worker and outbox reconciler, started once the first screen is up; null on a
   * kitchen screen (it prints nothing) or when printing could not start (see the log).
   */
  printing: Promise<TillPrinting | null>;
  mode(): TillMode;
  settings(): DeviceSettings;
  /** The branch orders are recorded for (a placeholder while standalone). */
  branchId(): string;
  /** Persistent id of this till (stable across pairing). */
  tillId: string;
  /** Versions (`updatedAt`) for local writes: never equal, never older than what is stored. */
  clock: { now: () => number };
  /** With `kitchen`, pairs this device as a kitchen screen (see `features/kitchen`). */
  pair(serverUrl: string, code: string, tillName: string, kitchen?: KitchenPairing): Promise<void>;
  runStandalone(): Promise<void>;
  onModeChange(listener: (mode: TillMode) => void): () => void;
  /** Set when the server said the owner revoked this till: syncing stopped (pairing again restarts it). */
  revocation(): TillRevocation | null;
  onRevoked(listener: (revocation: TillRevocation) => void): () => void;
  /** The hub configured and where replication goes now (docs/sync-protocol.md, "Branch hub"). */
  syncRoute(): SyncRouteState;
  onSyncRoute(listener: (route: SyncRouteState) => void): () => void;
  /**
   * Saves the branch hub's URL (null: none) in the host's device settings, then restarts syncing
   * with it: no app restart. Rejects with the host's message when the URL is refused.
   */
  setHubUrl(url: string | null): Promise<void>;
  close(): Promise<void>;
}

/** Why this till stopped syncing, with the branch's language to say it in. */
export interface TillRevocation {
  at: number;
  locale: 'en' | 'fr';
  timeZone: string;
}

const MODE_KEY = 'device:mode';
const TILL_ID_KEY = 'device:tillId';

async function localSetting<T>(db: TillDatabase, id: string): Promise<T | null> {
  const doc = await db.settings.findOne(id).exec();
  return doc ? (doc.toJSON().value as T) : null;
}

async function ensureTillId(db: TillDatabase, now: () => number): Promise<string> {
  const existing = await localSetting<string>(db, TILL_ID_KEY);
  if (existing) return existing;
  try {
    const value = `till-${crypto.randomUUID()}`;
    await db.settings.insert({ id: TILL_ID_KEY, value, updatedAt: now() });
    return value;
  } catch (error) {
    // Another boot of this profile won the race: use its id.
    const stored = await localSetting<string>(db, TILL_ID_KEY);
    if (stored) return stored;
    throw error;
  }
}

/** The newest `updatedAt` this till wrote (a recent window of the updatedAt index each). */
async function newestLocalVersion(db: TillDatabase, now: number): Promise<number> {
  const newest = await Promise.all(
    (['orders', 'shifts', 'auditEvents'] as const).map((name) =>
      newestValue(db[name], 'updatedAt', now),
    ),
  );
  return Math.max(0, ...newest.map((v) => v ?? 0));
}

/** Opens the store, reads the device settings from the host and starts syncing if paired. */
export async function bootTill(
  host: HostClient,
  options: { dbName?: string; now?: () => number } = {},
): Promise<TillRuntime> {
  const now = options.now ?? Date.now;
  // Start-up steps as performance marks (`comanda:boot:*`): the cashier bench prints them.
  const step = (name: string) => performance.mark(`comanda:boot:${name}`);
  step('start');
  // Printing (ESC/POS encoder and code pages) is its own chunk, compiled while the store opens.
  const printingModule = import('../printing/till-printing.js');
  printingModule.catch(() => undefined);
  // The host answers while the store opens.
  const deviceSettings = host['settings.get']({});
  deviceSettings.catch(() => undefined);
  const db = await openTillDatabase({ name: options.dbName ?? 'comanda-till' });
  step('db-open');
  // Needed only once the screens write; read alongside the rest of start-up.
  const versionFloor = newestLocalVersion(db, now());
  versionFloor.catch(() => undefined);
  const [tillId, storedMode] = await Promise.all([ensureTillId(db, now), localSetting<string>(db, MODE_KEY)]);
  let settings = await deviceSettings;
  const isPaired = (s: DeviceSettings) =>
    Boolean(s.serverUrl && s.deviceId && s.deviceSecret && s.branchId);
  let mode: TillMode = isPaired(settings) ? 'paired' : storedMode === 'standalone' ? 'standalone' : 'unconfigured';
  // Printing starts once the first screen is painted: nothing on the PIN pad needs it, and its
  // start-up reads would delay it. The reconciler then catches up on every order's print requests
  // (a crash between an order write and its jobs, or orders taken meanwhile, lose no ticket).
  // A kitchen screen prints nothing (its till's requests are the till's): no worker, no reconciler.
  let printing: Promise<TillPrinting | null> = Promise.all([printingModule, afterFirstScreen(), loadKitchenSetting(db)])
    .then(([{ startTillPrinting }, , kitchen]) =>
      kitchen ? null : startTillPrinting({
        db,
        host,
        branchId: () => settings.branchId ?? STANDALONE_BRANCH_ID,
        tillId,
        now,
        onError: (message) => console.warn(`[printing] ${message}`),
      }),
    )
    .then(
      (started) => {
        if (started) step('printing');
        return started;
      },
      (error: unknown) => {
        console.error('[printing] could not start', error);
        void host['logs.write']({
          level: 'error',
          message: `printing could not start: ${(error as Error).message}`,
        }).catch(() => undefined);
        return null;
      },
    );
  const tracker = new SyncStatusTracker(db, mode === 'paired', now);
  const presence = new PresenceRoster({ now, selfDeviceId: () => settings.deviceId ?? null });
  await tracker.start();
  step('sync-status');
  const listeners = new Set<(mode: TillMode) => void>();
  let replication: TillReplication | null = null;
  let syncClient: SyncClient | null = null;
  let stopProbe: (() => void) | null = null;
  let heartbeat: Heartbeat | null = null;
  let stopNudges: (() => void) | null = null;
  let revocation: TillRevocation | null = null;
  const revokedListeners = new Set<(revocation: TillRevocation) => void>();
  let stopSync: (() => Promise<void>) | null = null;
  let route: SyncRouteState = { hubUrl: settings.hubUrl, via: 'none' };
  const routeListeners = new Set<(route: SyncRouteState) => void>();
  const publishRoute = (next: SyncRouteState) => {
    if (next.hubUrl === route.hubUrl && next.via === route.via) return;
    route = next;
    routeListeners.forEach((l) => l(next));
  };

  /** The owner revoked this till: every further request would be refused, so stop them all. */
  async function stopRevoked(): Promise<void> {
    if (revocation) return;
    const branch = await db.branches.findOne(settings.branchId ?? '').exec().catch(() => null);
    const doc = branch?.toJSON() as { locale?: string; timeZone?: string } | undefined;
    revocation = { at: now(), locale: doc?.locale?.startsWith('fr') ? 'fr' : 'en', timeZone: doc?.timeZone ?? 'UTC' };
    revokedListeners.forEach((l) => l(revocation!));
    stopNudges?.();
    heartbeat?.stop();
    stopProbe?.();
    await replication?.stop();
  }

  function setMode(next: TillMode): void {
    mode = next;
    listeners.forEach((l) => l(next));
  }

  function startSync(s: DeviceSettings): void {
    const serverUrl = s.serverUrl!;
    // Tokens always come from the central server's keys; a hub forwards the exchange to it.
    const urls = { hubUrl: s.hubUrl, serverUrl };
    const reachable: SyncReachability = { hub: null, server: null };
    let target: string | null = null;
    let switching: Promise<void> = Promise.resolve();
    let stopped = false;
    const retarget = () => {
      if (stopped) return;
      const next = chooseSyncTarget(urls, reachable, target);
      publishRoute(describeSyncRoute(urls, reachable, next));
      if (reachable.hub !== null || reachable.server !== null)
        tracker.markReachable(Boolean(reachable.hub || reachable.server));
      if (next === target) {
        // Back online: pull and push now rather than when the retry backoff expires.
        if (reachable.hub || reachable.server) replication?.reSync();
        return;
      }
      target = next;
      if (!replication) {
        replication = replicateWith(s, next);
        return;
      }
      // Failover (docs/sync-protocol.md, "Branch hub"): each target keeps its own checkpoints.
      switching = switching.then(async () => {
        await replication?.stop();
        replication = replicateWith(s, next);
      });
    };
    const probes = [
      startReachabilityProbe(serverUrl, (up) => {
        reachable.server = up;
        retarget();
      }),
      ...(urls.hubUrl
        ? [
            startReachabilityProbe(urls.hubUrl, (up) => {
              reachable.hub = up;
              retarget();
            }),
          ]
        : []),
    ];
    stopProbe = () => probes.forEach((stop) => stop());
    stopSync = async () => {
      stopped = true;
      stopProbe?.();
      await switching;
      await replication?.stop();
      replication = null;
    };
    retarget();
  }

  function replicateWith(s: DeviceSettings, syncUrl: string): TillReplication {
    const tokens = new DeviceTokenSource(
      createPublicSyncClient(syncUrl),
      { deviceId: s.deviceId!, deviceSecret: s.deviceSecret! },
      now,
      (tillCode) => {
        // A till paired before ticket codes learns its code from the server; new tickets use it.
        if (settings.tillCode === tillCode) return;
        void host['settings.update']({ tillCode }).then(
          (updated) => (settings = updated),
          () => undefined,
        );
      },
    );
    const client = createSyncClient(syncUrl, () => tokens.get());
    presence.connect((request) => client.presence(request));
    syncClient = client;
    const done = new Set<string>();
    const pulled = new Map<string, number>();
    const expected = new Map<string, number | null>();
    const total = SYNC_COLLECTION_NAMES.length;
    const progress = (): void => {
      const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);
      const known = [...expected.values()];
      const pulledCollections = SYNC_COLLECTION_NAMES.filter((n) => isTillReadable(SYNC_COLLECTIONS[n].direction));
      tracker.markInitialProgress(
        done.size,
        total,
        sum(pulled.values()),
        known.length === pulledCollections.length && known.every((n) => n !== null) ? sum(known) : null,
      );
    };
    tracker.markInitialProgress(0, total, 0);
    const started = startTillReplication({
      db,
      client,
      identity: `${new URL(syncUrl).host}:${s.deviceId}`,
      events: {
        onSuccess: () => tracker.markSuccess(),
        onError: (collection, error) => {
          console.warn(`[sync] ${collection}: ${error.message}`);
          if (isTillRevoked(error)) return void stopRevoked();
          if (/UNAUTHORIZED|expired/i.test(error.message)) tokens.invalidate();
          tracker.markError(error);
        },
        onInitialSync: (name) => {
          done.add(name);
          progress();
        },
        onPulled: (name, count, backlog) => {
          pulled.set(name, count);
          expected.set(name, backlog);
          progress();
        },
        onPresence: (entries) => presence.hear(entries),
      },
    });
    // The heartbeat goes to whichever server the till replicates with (a hub keeps it: not relayed up yet).
    stopNudges?.();
    heartbeat?.stop();
    const appVersion = host['app.info']({}).then((info) => info.version, () => 'unknown');
    const hb = startHeartbeat({
      read: async () => readDeviceReport(tracker, await printing, await appVersion),
      send: (report) => client.heartbeat(report),
      onError: (error) => {
        if (isTillRevoked(error)) void stopRevoked();
      },
    });
    heartbeat = hb;
    stopNudges = tracker.subscribe(() => hb.nudge());
    return started;
  }

  if (mode === 'paired') startSync(settings);
  // One hub change at a time: each restarts syncing after the previous one stopped it.
  let hubChange: Promise<void> = Promise.resolve();
  const clock = monotonicClock(now, await versionFloor);
  step('clock');
  // The browser tells us when the network returns: retry at once instead of waiting for backoff.
  const onOnline = () => replication?.reSync();
  window.addEventListener('online', onOnline);

  return {
    host,
    db,
    tracker,
    presence,
    async searchServerOrders(query) {
      if (!syncClient) throw new Error('This till is not paired with a server');
      return syncClient.searchOrders(query);
    },
    orders: orderRepository(db.orders),
    get printing() {
      return printing;
    },
    tillId,
    clock,
    mode: () => mode,
    settings: () => settings,
    branchId: () => settings.branchId ?? STANDALONE_BRANCH_ID,
    async pair(serverUrl, code, tillName, kitchen) {
      const granted = await redeemPairingCode(serverUrl, code, tillName, kitchen);
      await saveKitchenSetting(db, kitchen ?? null, now());
      settings = await host['settings.update'](granted);
      // Sales recorded standalone join the branch now, so they sync up like any other.
      await adoptStandaloneDocuments(db, granted.branchId, now());
      revocation = null;
      await db.settings.upsert({ id: MODE_KEY, value: 'paired', updatedAt: now() });
      await tracker.markPaired();
      startSync(settings);
      setMode('paired');
      if (kitchen) {
        // Paired as a kitchen screen: the printing started for the till it was stops.
        const running = printing;
        printing = Promise.resolve(null);
        await (await running)?.stop();
        return;
      }
      // The branch's printers replace the standalone ones.
      await (await printing)?.refresh().catch(() => undefined);
    },
    async runStandalone() {
      await db.settings.upsert({ id: MODE_KEY, value: 'standalone', updatedAt: now() });
      setMode('standalone');
    },
    onModeChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    revocation: () => revocation,
    syncRoute: () => route,
    onSyncRoute(listener) {
      routeListeners.add(listener);
      return () => routeListeners.delete(listener);
    },
    setHubUrl(hubUrl) {
      hubChange = hubChange.catch(() => undefined).then(async () => {
        settings = await host['settings.update']({ hubUrl });
        publishRoute({ hubUrl, via: mode === 'paired' ? route.via : 'none' });
        if (mode !== 'paired' || revocation) return;
        await stopSync?.();
        startSync(settings);
      });
      return hubChange;
    },
    onRevoked(listener) {
      revokedListeners.add(listener);
      return () => revokedListeners.delete(listener);
    },
    async close() {
      window.removeEventListener('online', onOnline);
      tracker.stop();
      presence.stop();
      stopNudges?.();
      heartbeat?.stop();
      stopProbe?.();
      await replication?.stop();
      await (await printing)?.stop();
      await db.close();
    },
  };
}
