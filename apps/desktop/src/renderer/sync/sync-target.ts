/** The two places a till can replicate with (docs/sync-protocol.md, "Branch hub"). */
export interface SyncUrls {
  /** The branch hub on the shop's network, when one is configured in the device settings. */
  hubUrl: string | null;
  /** The central server the till paired with: it issues the till's tokens. */
  serverUrl: string;
}

/** What the reachability probes last said of each (null: not probed yet). */
export interface SyncReachability {
  hub: boolean | null;
  server: boolean | null;
}

/**
 * Where the till replicates now. Failover order: the hub when it answers (tills of the branch
 * share through it, with or without the internet), else the central server, else stay where it
 * is (neither answers: the till sells alone and catches up later). At start, before any probe,
 * the hub is tried first. Both are compare-and-set by id, so a document pushed to both is
 * stored once at the central server.
 */
export function chooseSyncTarget(
  urls: SyncUrls,
  reachable: SyncReachability,
  current: string | null,
): string {
  if (urls.hubUrl && reachable.hub === true) return urls.hubUrl;
  if (reachable.server === true) return urls.serverUrl;
  return current ?? urls.hubUrl ?? urls.serverUrl;
}

/** Where the till replicates now, as the sync settings show it. */
export interface SyncRouteState {
  hubUrl: string | null;
  /** `none`: the chosen target does not answer (the till sells alone and catches up later). */
  via: 'hub' | 'server' | 'none';
}

/** Says through which of `urls` the till syncs with `target`: only one that answers counts. */
export function describeSyncRoute(
  urls: SyncUrls,
  reachable: SyncReachability,
  target: string,
): SyncRouteState {
  const viaHub = urls.hubUrl !== null && target === urls.hubUrl;
  const up = viaHub ? reachable.hub : reachable.server;
  return { hubUrl: urls.hubUrl, via: up === true ? (viaHub ? 'hub' : 'server') : 'none' };
}
