/**
 * Probes the sync server's liveness endpoint on an interval. Replication errors alone are a poor
 * online signal (an idle till makes no requests, SSE reconnects are quiet), so the status bar's
 * online/offline comes from this probe. `onChange` fires on transitions only.
 */
export function startReachabilityProbe(
  serverUrl: string,
  onChange: (reachable: boolean) => void,
  options: { intervalMs?: number; offlineIntervalMs?: number; timeoutMs?: number; fetchImpl?: typeof fetch } = {},
): () => void {
  const url = `${serverUrl.replace(/\/+$/, '')}/health/live`;
  const fetchImpl = options.fetchImpl ?? fetch;
  let last: boolean | null = null;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  async function probe(): Promise<void> {
    let reachable = false;
    try {
      const response = await fetchImpl(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 3000), cache: 'no-store' });
      reachable = response.ok;
    } catch {
      reachable = false;
    }
    if (stopped) return;
    if (reachable !== last) {
      last = reachable;
      onChange(reachable);
    }
    // Offline, look more often: the server coming back starts the catch-up, and a probe of
    // /health/live costs nothing.
    timer = setTimeout(() => void probe(), reachable ? (options.intervalMs ?? 3000) : (options.offlineIntervalMs ?? 1000));
  }
  void probe();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
