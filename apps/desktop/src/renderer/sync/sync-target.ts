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
