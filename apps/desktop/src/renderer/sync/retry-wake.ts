/**
 * Waits between push retries that end early when the server is heard from again (the live stream
 * reconnects, a pull or another push succeeds, the browser comes back online). Without it a till
 * back from an outage sat out up to the full backoff (5 s) after the server was up, with
 * thousands of orders to send.
 */
export class RetryWake {
  private readonly waiters = new Set<() => void>();

  /** Resolves after `ms`, or sooner when {@link wake} is called. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waiters.add(done);
    });
  }

  /** Ends every current wait. */
  wake(): void {
    for (const done of [...this.waiters]) done();
  }
}

/**
 * Runs `task` over `items` with at most `limit` running at once; results keep the items' order.
 * The first failure rejects, and no further task starts after it.
 */
export async function mapInFlight<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  let failed = false;
  const worker = async (): Promise<void> => {
    while (next < items.length && !failed) {
      const i = next++;
      try {
        results[i] = await task(items[i]!);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/**
 * At most `limit` tasks at once across every caller, started in call order (FIFO). RxDB hands a
 * catch-up's batches to the push handler all at once; without a shared limit a till back from an
 * outage sent dozens of requests together, the first batch was acknowledged only when nearly all
 * were, and one till took as much of the server as dozens.
 */
export function createLimiter(limit: number): <T>(task: () => Promise<T>) => Promise<T> {
  let running = 0;
  const queue: (() => void)[] = [];
  const release = (): void => {
    running--;
    queue.shift()?.();
  };
  return async (task) => {
    if (running >= limit) await new Promise<void>((start) => queue.push(start));
    running++;
    try {
      return await task();
    } finally {
      release();
    }
  };
}
